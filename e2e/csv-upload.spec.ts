import { expect, test } from '@playwright/test';
import { choose, runToEnd, setNumber } from './helpers';

/** 60 rows, two numeric features, a text target whose class depends on the first feature. */
function validCsv(): string {
  const lines = ['height,<img src=x onerror="window.__xss=1">,label'];
  for (let i = 0; i < 60; i++) {
    const h = (i % 30) / 10 + (i < 30 ? 0 : 5);
    lines.push(`${h.toFixed(2)},${((i * 7) % 11) / 3},${i < 30 ? 'short' : 'tall'}`);
  }
  return lines.join('\n');
}

test('upload a small valid CSV, see its preview, train on it', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Upload CSV').setInputFiles({ name: 'plants.csv', mimeType: 'text/csv', buffer: Buffer.from(validCsv()) });
  await expect(page.getByTestId('preview-rows')).toHaveText('60');
  await expect(page.getByTestId('preview-features')).toHaveText('2');
  await expect(page.getByTestId('preview-classes')).toHaveText('short: 30, tall: 30');
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('csv');
  await expect(page.getByLabel('Target column')).toHaveValue('label');
  // A header that looks like HTML is shown as text, never injected.
  await expect(page.getByLabel('Target column').locator('option', { hasText: '<img src=x' })).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await setNumber(page, 'Folds', 3);
  await setNumber(page, 'Epochs', 60);
  await setNumber(page, 'Learning rate', 0.01);
  const { folds, mean } = await runToEnd(page);
  expect(folds).toHaveLength(3);
  expect(mean).toBeGreaterThan(0.8);
});

test('a malformed CSV gets a specific error and the app stays usable', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Iris');
  await expect(page.getByTestId('preview-rows')).toHaveText('150');
  const ragged = 'a,b,target\n1,2,x\n3,y\n5,6,x\n';
  await page.getByLabel('Upload CSV').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(ragged) });
  await expect(page.getByRole('alert')).toHaveText('Could not use "broken.csv": Row 3 has 2 fields, but the header has 3.');
  const notNumeric = 'a,b,target\n1,2,x\n3,abc,y\n5,6,x\n';
  await page.getByLabel('Upload CSV').setInputFiles({ name: 'words.csv', mimeType: 'text/csv', buffer: Buffer.from(notNumeric) });
  await expect(page.getByRole('alert')).toContainText('Row 3, column "b" is "abc", not a number');
  // Nothing was lost: iris is still selected and runs.
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('builtin:iris');
  await expect(page.getByTestId('preview-rows')).toHaveText('150');
  await setNumber(page, 'Epochs', 20);
  await setNumber(page, 'Folds', 3);
  const { folds } = await runToEnd(page);
  expect(folds).toHaveLength(3);
  // The rejected file's message goes once another dataset is chosen.
  await choose(page, 'Dataset', 'Wine');
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a European export (semicolons, decimal commas) is read; an ID-like target is warned about before the run', async ({ page }) => {
  await page.goto('/');
  // "-0,256" is −0.256: a decimal comma, as a semicolon-separated export writes it.
  const euro = ['Breite;Höhe;Art', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? '' : '-'}0,${200 + i};${i % 7},25;${i % 2 ? 'ja' : 'nein'}`)].join('\n');
  await page.getByLabel('Upload CSV').setInputFiles({ name: 'euro.csv', mimeType: 'text/csv', buffer: Buffer.from(euro) });
  await expect(page.getByTestId('preview-rows')).toHaveText('40');
  await expect(page.getByTestId('preview-features')).toHaveText('2');
  await expect(page.getByTestId('preview-classes')).toHaveText('ja: 20, nein: 20');
  const ids = 'x,id\n' + Array.from({ length: 30 }, (_, i) => `${i % 4},u${i}`).join('\n');
  await page.getByLabel('Upload CSV').setInputFiles({ name: 'ids.csv', mimeType: 'text/csv', buffer: Buffer.from(ids) });
  await expect(page.getByTestId('target-warning')).toHaveText('“id” has a different value in every row: it looks like an identifier, not something to predict (most classes would have one or two rows). Choose another target column.');
});

test('a CSV declared as sequences: the steps must divide the columns; an RNN then reads it step by step', async ({ page }) => {
  await page.goto('/');
  // 80 rows of a 6-step signal (one value per step); class 1 when the signal rises, 0 when it falls.
  const lines = [['s1', 's2', 's3', 's4', 's5', 's6', 'trend'].join(',')];
  for (let i = 0; i < 80; i++) {
    const up = i % 2 === 0;
    const v = Array.from({ length: 6 }, (_, t) => ((up ? t : 5 - t) + ((i * 7 + t * 3) % 5) / 10).toFixed(2));
    lines.push([...v, up ? 'up' : 'down'].join(','));
  }
  await page.getByLabel('Upload CSV').setInputFiles({ name: 'trends.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('preview-features')).toHaveText('6');
  await expect(page.getByLabel('Architecture', { exact: true }).locator('option', { hasText: 'RNN' })).toHaveCount(0);
  await page.getByLabel('Rows are sequences').check();
  await setNumber(page, 'Sequence steps', 4);
  await expect(page.getByText('6 columns do not split into 4 equal steps: choose a divisor of 6.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('The CSV has 6 feature columns, which do not split into 4 steps of equal width: choose a number of steps that divides 6.');
  await setNumber(page, 'Sequence steps', 6);
  await expect(page.getByText('6 steps of 1 value each.')).toBeVisible();
  await choose(page, 'Architecture', 'RNN (rows as a sequence: SimpleRNN, LSTM, GRU)');
  await choose(page, 'Cell', 'SimpleRNN');
  await setNumber(page, 'Recurrent units', 8);
  await setNumber(page, 'Folds', 2);
  await setNumber(page, 'Epochs', 40);
  await setNumber(page, 'Learning rate', 0.02);
  const { folds, mean } = await runToEnd(page);
  expect(folds).toHaveLength(2);
  expect(mean).toBeGreaterThan(0.9);
  await expect(page.getByTestId('results-source')).toContainText('SimpleRNN 8');
});
