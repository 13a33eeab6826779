import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

/** e2e against the production build served by `vite preview` (with COOP/COEP), in Debian's Chromium. */
export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: 'http://localhost:4173',
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    viewport: { width: 1280, height: 1000 },
    trace: 'off',
  },
  webServer: {
    // `npm test` builds first (the bundle check reads the build); `npm run test:e2e` alone builds here.
    command: process.env.PRUNELAB_BUILT ? 'npx vite preview' : 'npm run build && npx vite preview',
    url: 'http://localhost:4173',
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
