import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Overridable so two checkouts can run their suites side by side.
const PORT = Number(process.env.E2E_PORT) || 3100;
const PG_PORT = Number(process.env.E2E_PG_PORT) || 54359;
const DATA_DIR = PORT === 3100 ? ".data/e2e" : `.data/e2e-${PORT}`;
// Playwright's own browsers cannot be downloaded here; Debian's chromium (apt-get install chromium) is used.
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";

export default defineConfig({
  testDir: "e2e",
  // Two cores: one browser at a time, against one server.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? "list" : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: {
    // npm start on its own embedded database (.data/e2e), emptied at the start of every run.
    command: "node_modules/.bin/tsx --conditions=react-server scripts/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}`,
    env: { PORT: String(PORT), LUOSHI_DATA_DIR: DATA_DIR, LUOSHI_PG_PORT: String(PG_PORT), NEXT_TELEMETRY_DISABLED: "1" },
    reuseExistingServer: !process.env.CI,
    // The first run includes `next build`.
    timeout: 300_000,
    // SIGTERM lets start.ts stop Next and then PostgreSQL cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
