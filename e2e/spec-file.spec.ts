import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseKind, setNumber } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'prunelab-spec-'));

test('kinds are one choice; a saved spec reopens; a version 1 spec migrates; a damaged file changes nothing', async ({ page }) => {
  await page.goto('/');
  const kinds = page.getByRole('group', { name: 'Run' }).getByRole('radio');
  await expect(kinds).toHaveCount(6);
  await chooseKind(page, 'Pruning sweep');
  await chooseKind(page, 'Structural pruning');
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(1);
  // Switching back keeps the sweep's settings.
  await chooseKind(page, 'Pruning sweep');
  await page.getByLabel('Target sparsities (%)').fill('60, 80');
  await chooseKind(page, 'Cross-validation');
  await chooseKind(page, 'Pruning sweep');
  await expect(page.getByLabel('Target sparsities (%)')).toHaveValue('60, 80');
  await setNumber(page, 'Epochs', 77);

  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save spec (JSON)' }).click();
  const file = await (await saved).path();
  const spec = JSON.parse(readFileSync(file, 'utf8')) as { version: number; task: { kind: string; sparsities: number[] }; training: { epochs: number } };
  expect(spec).toMatchObject({ version: 2, task: { kind: 'sweep', sparsities: [0.6, 0.8] }, training: { epochs: 77 } });

  // A version 1 spec (sections, not a task) opens migrated, and says so.
  const { task, ...rest } = spec;
  const { kind: _k, ...pruning } = task;
  const v1 = join(dir, 'old.json');
  writeFileSync(v1, JSON.stringify({ ...rest, version: 1, training: { ...rest.training, epochs: 12 }, pruning, featureSelection: { estimator: 'logreg', importance: 'coef', step: 1, minFeatures: 1 } }));
  await page.reload();
  await page.getByLabel('Open spec (JSON)').setInputFiles(v1);
  await expect(page.getByTestId('spec-notice')).toContainText('Migrated a version 1 spec to version 2: the run is now task.kind = "features".');
  await expect(page.getByTestId('spec-notice')).toContainText('the others were dropped');
  await expect(page.getByRole('radio', { name: 'Feature selection (RFECV)', exact: true })).toBeChecked();
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('12');

  // A damaged file is refused with the reason; the settings on screen stay.
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"version": 2, "seed": ');
  await page.getByLabel('Open spec (JSON)').setInputFiles(bad);
  await expect(page.getByRole('alert')).toContainText('Could not open "bad.json": Not a JSON file');
  const wrong = join(dir, 'wrong.json');
  writeFileSync(wrong, JSON.stringify({ ...spec, training: { ...spec.training, epochs: 0 } }));
  await page.getByLabel('Open spec (JSON)').setInputFiles(wrong);
  await expect(page.getByRole('alert')).toContainText('Invalid experiment spec — training.epochs');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('12');
});
