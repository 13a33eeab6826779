import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToEnd } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'prunelab-e2e-'));
const prunelab = (...args: string[]) => execFileSync(process.execPath, ['bin/prunelab.js', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('the browser on the cpu backend gives the fold accuracies the CLI gives for the same spec file', async ({ page }) => {
  test.setTimeout(240_000);
  const specFile = join(dir, 'wine-cpu.json');
  writeFileSync(specFile, prunelab('spec', '--dataset', 'wine', '--set', 'backend="cpu"', '--set', 'training.epochs=60', '--set', 'model.hidden.0.dropout=0.2'));
  const out = join(dir, 'cli.json');
  prunelab('run', specFile, '--jobs', '1', '--out', out);
  const cli = JSON.parse(readFileSync(out, 'utf8')) as { result: { folds: { accuracy: number; testLoss: number }[] } };
  expect(cli.result.folds).toHaveLength(5);

  await page.goto('/');
  await page.getByLabel('Open spec (JSON)').setInputFiles(specFile);
  await expect(page.getByTestId('spec-notice')).toHaveText('Opened "wine-cpu.json".');
  await expect(page.getByLabel('Backend')).toHaveValue('cpu');
  await expect(page.getByLabel('Epochs', { exact: true })).toHaveValue('60');
  const browser = await runToEnd(page);
  await expect(page.getByTestId('backend-info')).toContainText('Backend: cpu');
  expect(browser.folds).toEqual(cli.result.folds.map((f) => Number(f.accuracy.toFixed(4))));
  const losses = (await page.locator('[data-testid="fold-row"] td:nth-of-type(4)').allTextContents()).map(Number);
  expect(losses).toEqual(cli.result.folds.map((f) => Number(f.testLoss.toFixed(4))));

  // The CLI's results file opens in the browser as a saved run, with the CLI's numbers.
  const fresh = await page.context().browser()?.newContext();
  const other = await fresh?.newPage();
  if (!other || !fresh) throw new Error('no second context');
  await other.goto('/');
  await other.getByLabel('Open results (JSON)').setInputFiles(out);
  await expect(other.getByTestId('results-source')).toContainText('opened from a file');
  expect((await other.getByTestId('fold-accuracy').allTextContents()).map(Number)).toEqual(cli.result.folds.map((f) => Number(f.accuracy.toFixed(4))));
  await expect(other.getByRole('region', { name: 'History' }).getByTestId('history-run')).toContainText('opened from a file');
  await fresh.close();
});
