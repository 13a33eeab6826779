import { expect, test } from '@playwright/test';
import { choose, runToEnd, setNumber } from './helpers';

test('a tiny run on each backend (webgpu, webgl, wasm, cpu) gives accuracies within 2 points', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await choose(page, 'Dataset', 'Iris');
  await setNumber(page, 'Folds', 3);
  await setNumber(page, 'Epochs', 6);
  await setNumber(page, 'Batch size', 32);
  await setNumber(page, 'Learning rate', 0.05);
  const means: Record<string, number> = {};
  for (const [label, name] of [
    ['WASM', 'wasm'],
    ['CPU (plain JS)', 'cpu'],
    ['WebGL', 'webgl'],
    ['WebGPU', 'webgpu'],
  ] as const) {
    await choose(page, 'Backend', label);
    const { mean } = await runToEnd(page);
    await expect(page.getByTestId('backend-info')).toContainText(`Backend: ${name}`);
    // On WASM the fused step's kernels say how they round: Chromium has relaxed SIMD, so one rounding per multiply-add; elsewhere nothing.
    if (name === 'wasm') await expect(page.getByTestId('kernels-info')).toHaveText('training kernels: WebAssembly SIMD, fused multiply-add (one rounding)');
    else await expect(page.getByTestId('kernels-info')).toHaveCount(0);
    // Every tensor made in the workers was disposed, on every backend.
    await expect(page.getByTestId('worker-tensors')).toHaveText('Tensors left in the workers after the run: 0');
    means[name] = mean;
  }
  const values = Object.values(means);
  expect(Math.max(...values) - Math.min(...values), JSON.stringify(means)).toBeLessThanOrEqual(0.02);
  expect(Math.min(...values)).toBeGreaterThan(0.8);
});

test('Auto does not pick the software WebGPU adapter and says why', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Iris');
  await setNumber(page, 'Epochs', 5);
  await runToEnd(page);
  await expect(page.getByTestId('backend-info')).toContainText('Backend: wasm');
  await expect(page.getByTestId('backend-info')).toContainText('Auto:');
});

test('Auto with a large model looks for a hardware GPU to trial, and says what it found (here: none, WebGL is SwiftShader)', async ({ page }) => {
  await page.goto('/');
  await choose(page, 'Dataset', 'Iris');
  await setNumber(page, 'Epochs', 1);
  // 4 096 units × batch 4 096: ~115 M multiply-adds per step, past the 50 M above which a GPU could pay off.
  await setNumber(page, 'Units (layer 1)', 4096);
  await setNumber(page, 'Batch size', 4096);
  await runToEnd(page);
  const info = page.getByTestId('backend-info');
  await expect(info).toContainText('Backend: wasm');
  // No trial without a hardware GPU: the reason names what the worker found instead.
  await expect(info).toContainText('no hardware GPU');
  await expect(info).toContainText(/WebGL: software renderer .*SwiftShader|no WebGL/);
});
