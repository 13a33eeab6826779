import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { choose, chooseKind, setNumber } from './helpers';

/** A small sweep on XOR (2-D): 2 folds, 20 epochs, magnitude at 50 and 90 %. */
async function smallSweep(page: Page): Promise<void> {
  await choose(page, 'Dataset', 'Synthetic: XOR (four quadrants)');
  await setNumber(page, 'Epochs', 20);
  await setNumber(page, 'Folds', 2);
  await chooseKind(page, 'Pruning sweep');
  await page.getByRole('checkbox', { name: 'Magnitude (layer-wise)' }).uncheck();
  await page.getByRole('checkbox', { name: 'Random (baseline)' }).uncheck();
  await page.getByLabel('Target sparsities (%)').fill('50, 90');
  await setNumber(page, 'Fine-tune epochs', 5);
}

const inViewport = async (page: Page, name: string | RegExp, role: 'button' | 'figure') => {
  const box = await page.getByRole(role, { name, exact: typeof name === 'string' }).first().boundingBox();
  const vp = page.viewportSize();
  expect(box, `${String(name)} is on the page`).not.toBeNull();
  if (!box || !vp) return;
  expect(box.y, `${String(name)} starts inside the viewport`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${String(name)} ends inside the viewport`).toBeLessThanOrEqual(vp.height);
};

const noSidewaysScroll = async (page: Page) => {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
};

for (const [width, height] of [
  [1400, 900],
  [1920, 1080],
] as const) {
  test(`${width}×${height}: Run is in view on load; after a sweep the headline chart is in view`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await inViewport(page, 'Run', 'button');
    await smallSweep(page);
    await inViewport(page, 'Run', 'button'); // the toolbar stays put while the settings scroll
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });
    // The full chart and the inspector mount a frame apart after the end (the live chart stands in until then).
    await expect(page.getByRole('heading', { name: 'Inspect a point' })).toBeVisible();
    await inViewport(page, 'Accuracy against sparsity', 'figure');
    // Type scales with the window: larger on a projector-sized screen.
    const px = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(px).toBeGreaterThanOrEqual(width >= 1920 ? 18 : 15);
  });
}

test('390×844 (a phone): the page never scrolls sideways, before or after a sweep', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await noSidewaysScroll(page);
  await smallSweep(page);
  // The form comes first on a phone: a run scrolls to the results heading while it is still
  // running, so the live chart shows. Watched frame by frame (the small sweep is short).
  await page.evaluate(() => {
    const w = window as unknown as { __headingUpWhileRunning: boolean };
    w.__headingUpWhileRunning = false;
    const tick = () => {
      const status = document.querySelector('[data-testid="run-status"]')?.textContent ?? '';
      const top = document.getElementById('results-heading')?.getBoundingClientRect().top ?? -1;
      if (status.startsWith('Running') && top >= 0 && top < window.innerHeight / 2) w.__headingUpWhileRunning = true;
      if (status !== 'Finished.') requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });
  expect(await page.evaluate(() => (window as unknown as { __headingUpWhileRunning: boolean }).__headingUpWhileRunning)).toBe(true);
  await expect(page.getByRole('heading', { name: 'Inspect a point' })).toBeVisible();
  await noSidewaysScroll(page);
  // The sweep table is wider than a phone: its own scroller is a named group keyboard users can focus and scroll.
  const scroller = page.getByRole('group', { name: 'Sweep results (scrolls sideways)' });
  await expect(scroller).toHaveAttribute('tabindex', '0');
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect(page.getByRole('group', { name: 'Sweep results (scrolls sideways)' })).toHaveCount(0);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Examples', exact: true }).click();
  await noSidewaysScroll(page);
});

test('focus follows the run, the live region speaks once at the end, and the 2-D views draw the pruned network', async ({ page }) => {
  await page.goto('/');
  const axe = () => new AxeBuilder({ page }).analyze();
  expect((await axe()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')})`)).toEqual([]);
  await smallSweep(page);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 120_000 });
  await expect(page.getByRole('heading', { name: 'Results', exact: true })).toBeFocused();
  await expect(page.getByTestId('announcer')).toHaveText(/^Finished\. Mean accuracy 0\.\d{4} ± 0\.\d{4}\.$/);
  // Decision boundary: dense and pruned side by side, each scored against the labels as text.
  const boundary = page.getByRole('region', { name: 'Decision boundary' });
  await expect(boundary.getByRole('img')).toHaveCount(2);
  await expect(boundary.getByTestId('boundary-dense-agreement')).toHaveText(/Matches the labels on \d+\.\d % of the points/);
  // The network diagram, at the 90 % point: about a tenth of the weights left as edges.
  const diagram = page.getByRole('region', { name: 'Network diagram' });
  await page.getByLabel('Pruned model shown').selectOption({ label: 'Magnitude (global) at 90 %' });
  await expect(diagram.getByTestId('diagram-counts')).toContainText('Magnitude (global) at 90 %');
  const counts = (await diagram.getByTestId('diagram-counts').textContent()) ?? '';
  const [, drawn, total, pruned, share] = /([\d,]+) of ([\d,]+) weights drawn; ([\d,]+) pruned \(([\d.]+) %\)/.exec(counts) ?? [];
  const n = (s?: string) => Number((s ?? '').replace(/,/g, ''));
  expect(n(drawn) + n(pruned)).toBe(n(total));
  expect(Number(share)).toBeCloseTo(90, 0);
  const edges = await diagram.locator('path.edges').evaluateAll((ps) => ps.reduce((k, p) => k + Number(p.getAttribute('data-edges')), 0));
  expect(edges).toBe(n(drawn));
  await page.getByLabel('Pruned model shown').selectOption({ label: 'Magnitude (global) at 50 %' });
  await expect(diagram.getByTestId('diagram-counts')).toContainText('pruned (50.0 %)');
  expect((await axe()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')})`)).toEqual([]);
});

test('presentation mode: large type, advanced settings hidden, step one epoch, play, no axe violations', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Synthetic: Two spirals');
  await setNumber(page, 'Epochs', 12);
  await setNumber(page, 'Folds', 2);
  const before = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.app') as Element).fontSize));
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute('aria-pressed', 'true');
  const after = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.app') as Element).fontSize));
  expect(after).toBeGreaterThan(before);
  await expect(page.getByRole('region', { name: 'Run options' })).toHaveCount(0);
  await expect(page.getByLabel('Upload CSV')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'History' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Step one epoch' }).click();
  await expect(page.getByTestId('run-status')).toHaveText(/^Paused after epoch 1 \(fold 1\)/, { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Decision boundary' })).toBeVisible();
  await page.keyboard.press('s');
  await expect(page.getByTestId('run-status')).toHaveText(/^Paused after epoch 2 \(fold 1\)/);
  expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join('; ')})`)).toEqual([]);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Finished.', { timeout: 60_000 });
  await expect(page.getByTestId('cv-summary')).toContainText('over 2 folds');
});
