import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tiny MobileNet-style model in the legacy Keras 2 converter layout (scripts/fixtures/make_keras_mobilenet.py). */
const DIR = fileURLToPath(new URL('../src/core/testdata/keras/keras2-legacy', import.meta.url));
const files = readdirSync(DIR).map((name) => ({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'application/octet-stream', buffer: readFileSync(join(DIR, name)) }));

test('import a Keras-converted model, see its layers, prune 50 % by global magnitude, download it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a TF.js model' }).click();
  const picker = page.getByLabel('Model files (model.json and weights)');
  // The weights alone: a specific message, and the app stays usable.
  await picker.setInputFiles(files.filter((f) => f.name === 'model.json'));
  await expect(page.getByTestId('import-error')).toHaveText(/model\.json names the weights file "group1-shard1of1", which was not given/);
  await picker.setInputFiles(files);
  const view = page.getByRole('region', { name: /^Imported model: mobilenet_tiny$/ });
  await expect(view.getByTestId('imported-summary')).toContainText('1,722 parameters (1,392 prunable) · 37,440 multiply-adds (74,890 FLOPs) per sample');
  await expect(view.getByTestId('imported-layer')).toHaveCount(19);
  await expect(view.getByRole('row', { name: /conv_dw_1 DepthwiseConv2D 8×8×8 72 4,608 9,216 depthwise_kernel/ })).toBeVisible();
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  // An invalid sparsity blocks Prune and says why.
  await page.getByLabel('Sparsity (%)').fill('150');
  await expect(page.getByRole('button', { name: 'Prune', exact: true })).toBeDisabled();
  await expect(page.getByText('Prune is blocked: Enter a percentage from 0 to 100.')).toBeVisible();
  await page.getByLabel('Sparsity (%)').fill('50');
  await page.getByRole('button', { name: 'Prune', exact: true }).click();
  await expect(view.getByTestId('imported-pruned')).toContainText('Prunable weights 50.00 % zero · 1,026 of 1,722 parameters nonzero');
  await expect(view.getByTestId('imported-slot')).toHaveCount(6);
  // Export: model.json then weights.bin; the JSON names the bin and keeps the topology.
  const downloads: { name: string; path: string }[] = [];
  page.on('download', async (d) => downloads.push({ name: d.suggestedFilename(), path: await d.path() }));
  await page.getByRole('button', { name: 'Download pruned model' }).click();
  await expect.poll(() => downloads.length).toBe(2);
  const json = downloads.find((d) => d.name === 'model.json');
  const bin = downloads.find((d) => d.name === 'weights.bin');
  const doc = JSON.parse(readFileSync(json?.path ?? '', 'utf8')) as { convertedBy: string; weightsManifest: { paths: string[] }[] };
  expect(doc.convertedBy).toBe('PruneLab');
  expect(doc.weightsManifest[0]?.paths).toEqual(['weights.bin']);
  const w = new Float32Array(new Uint8Array(readFileSync(bin?.path ?? '')).buffer);
  expect(w.length).toBe(1722);
  expect(w.filter((v) => v === 0).length).toBe(696);
});

test('dropping the files on the panel opens the model too; a model with an unknown layer type is refused by name and the open one stays', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Import a TF.js model' }).click();
  const drop = async (list: typeof files) => {
    const transfer = await page.evaluateHandle((items) => {
      const dt = new DataTransfer();
      for (const f of items) dt.items.add(new File([new Uint8Array(f.bytes)], f.name));
      return dt;
    }, list.map((f) => ({ name: f.name, bytes: [...f.buffer] })));
    await page.getByTestId('model-drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
  };
  await drop(files);
  await expect(page.getByTestId('imported-summary')).toContainText('1,722 parameters');
  const json = JSON.parse(files.find((f) => f.name === 'model.json')?.buffer.toString('utf8') ?? '{}');
  json.modelTopology.model_config.config.layers[3].class_name = 'SwishPlusPlus';
  await drop(files.map((f) => (f.name === 'model.json' ? { ...f, buffer: Buffer.from(JSON.stringify(json)) } : f)));
  await expect(page.getByTestId('import-error')).toContainText('This model uses layer types TF.js cannot load: SwishPlusPlus.');
  await expect(page.getByTestId('imported-summary')).toContainText('1,722 parameters'); // nothing lost
});
