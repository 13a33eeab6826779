import { expect, type Page } from '@playwright/test';

export async function setNumber(page: Page, label: string, value: number): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(String(value));
}

export async function choose(page: Page, label: string, optionLabel: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).selectOption({ label: optionLabel });
}

/** Presses Run and waits for the finished summary; returns the per-fold accuracies and the mean. */
export async function runToEnd(page: Page): Promise<{ folds: number[]; mean: number }> {
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 150_000 });
  const folds = (await page.getByTestId('fold-accuracy').allTextContents()).map(Number);
  const mean = Number(await page.getByTestId('cv-mean').textContent());
  return { folds, mean };
}

/** Chooses the run kind (a radio group: kinds never combine). */
export async function chooseKind(page: Page, label: 'Cross-validation' | 'Pruning sweep' | 'Sensitivity analysis' | 'Structural pruning' | 'Feature selection (RFECV)' | 'Hyper-parameter search'): Promise<void> {
  await page.getByRole('radio', { name: label, exact: true }).check();
}
