import { expect, test, type Page } from '@playwright/test';
import { chooseKind } from './helpers';

/** Types into a field key by key, as a person does (each keystroke is an edit). */
async function type(page: Page, label: string, text: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.fill('');
  await field.pressSequentially(text);
}

const run = (page: Page) => page.getByRole('button', { name: 'Run', exact: true });

test('what the form shows is what runs: each invalid value blocks Run and says why; fixed, the run uses the shown value', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Dataset', { exact: true }).selectOption({ label: 'Iris' });
  // Folds 1000, typed key by key (1, 10 and 100 pass through on the way): Run is blocked.
  await type(page, 'Folds', '1000');
  await expect(run(page)).toBeDisabled();
  await expect(page.getByTestId('run-blocked')).toHaveText('Run is blocked — Folds: Enter a whole number from 2 to 20.');
  // R does not run either.
  await page.locator('body').press('r');
  await expect(page.getByTestId('run-blocked')).toBeVisible();
  // Epochs 1e9 too; the summary counts both.
  await type(page, 'Epochs', '1e9');
  await expect(page.getByTestId('run-blocked')).toContainText('(and 1 more field)');
  // Fixed, Run is back; the run uses the values shown.
  await type(page, 'Folds', '3');
  await type(page, 'Epochs', '20');
  await expect(run(page)).toBeEnabled();
  await type(page, 'Learning rate', 'abc');
  await expect(run(page)).toBeDisabled();
  await expect(page.getByTestId('run-blocked')).toContainText('Learning rate: Enter a number');
  await type(page, 'Learning rate', '0.05');
  await expect(run(page)).toBeEnabled();
  await run(page).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 60_000 });
  await expect(page.getByTestId('fold-row')).toHaveCount(3);
  await expect(page.getByTestId('results-source')).toContainText('adam 0.05, 20 epochs · 3-fold');
  // A sparsity of 150 % in the sweep's list blocks it; 50, 90 runs exactly those.
  await chooseKind(page, 'Pruning sweep');
  await type(page, 'Target sparsities (%)', '50, 150');
  await expect(run(page)).toBeDisabled();
  await expect(page.getByTestId('run-blocked')).toContainText('Target sparsities (%): Enter percentages from');
  await type(page, 'Target sparsities (%)', '50, 90');
  await type(page, 'Fine-tune epochs', '2');
  await expect(run(page)).toBeEnabled();
  await run(page).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 90_000 });
  await expect(page.getByTestId('results-source')).toContainText('sparsities 50, 90 %');
});
