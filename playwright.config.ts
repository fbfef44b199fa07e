import { defineConfig } from '@playwright/test';

// Debian's chromium; Playwright's own browser download is not used.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const builtPortal = process.env.E2E_SERVER === 'built';

export default defineConfig({
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 1,

  // The sandbox stands in for AWS. The portal runs from source as `yarn dev` runs it, or with
  // E2E_SERVER=built (scripts/test.sh) as the built backend serving the built app on :7007.
  webServer: [
    {
      command: 'yarn workspace @emr-eks/sandbox start',
      url: 'http://127.0.0.1:4510/_sandbox/health',
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    builtPortal
      ? {
          command: 'bash scripts/e2e-server.sh',
          url: 'http://localhost:7007/.backstage/health/v1/readiness',
          reuseExistingServer: !process.env.CI,
          timeout: 600_000,
        }
      : {
          command: 'yarn start',
          url: 'http://localhost:3000',
          reuseExistingServer: !process.env.CI,
          timeout: 240_000,
        },
  ],

  // The backend compiles after the app is up; wait for it before the first test.
  globalSetup: require.resolve('./packages/app/e2e-tests/waitForBackend'),
  reporter: [['list']],

  use: {
    actionTimeout: 30_000,
    baseURL:
      process.env.PLAYWRIGHT_URL ??
      (builtPortal ? 'http://localhost:7007' : 'http://localhost:3000'),
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },

  outputDir: 'node_modules/.cache/e2e-test-results',

  projects: [
    {
      name: 'app',
      testDir: 'packages/app/e2e-tests',
      testMatch: '**/*.test.ts',
    },
  ],
});
