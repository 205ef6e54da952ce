import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = 3100;
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
    // npm start on its own embedded database (.data/e2e, port 54359), emptied at the start of every run.
    command: "node_modules/.bin/tsx --conditions=react-server scripts/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}`,
    env: { PORT: String(PORT), LUOSHI_DATA_DIR: ".data/e2e", LUOSHI_PG_PORT: "54359", NEXT_TELEMETRY_DISABLED: "1" },
    reuseExistingServer: !process.env.CI,
    // The first run includes `next build`.
    timeout: 300_000,
    // SIGTERM lets start.ts stop Next and then PostgreSQL cleanly.
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
