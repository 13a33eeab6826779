import { expect, test } from '@playwright/test';
import { EXAMPLES } from '../src/core/examples';

test('a first visit shows the guide; dismissed, it stays away', async ({ page }) => {
  await page.goto('/');
  const guide = page.getByRole('region', { name: 'Getting started' });
  await expect(guide).toBeVisible();
  await guide.getByRole('button', { name: 'Got it, hide this guide' }).click();
  await expect(guide).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Results', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Getting started' })).toHaveCount(0);
});

test.describe('every example in the gallery opens and runs', () => {
  test.describe.configure({ timeout: 240_000 });
  for (const ex of EXAMPLES) {
    test(ex.title, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('button', { name: 'Examples', exact: true }).click();
      const gallery = page.getByRole('region', { name: 'Examples' });
      await expect(gallery.getByRole('listitem')).toHaveCount(EXAMPLES.length);
      await gallery.getByRole('button', { name: `Run example: ${ex.title}` }).click();
      await expect(page.getByRole('region', { name: 'Example', exact: true })).toContainText(ex.expect);
      await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });
      const mean = Number(await page.getByTestId('cv-mean').textContent());
      expect(mean).toBeGreaterThan(0.5);
      if (ex.id === 'spirals-neurons') {
        expect(mean).toBeGreaterThanOrEqual(0.9);
        await expect(page.getByRole('region', { name: 'Decision boundary' }).getByRole('img')).toHaveCount(2);
        await expect(page.getByRole('region', { name: 'Network diagram' }).getByTestId('diagram-counts')).toContainText('units removed');
      }
      if (ex.id === 'cnn-filters') await expect(page.getByRole('region', { name: 'Filters' })).toContainText('removed');
    });
  }
});
