import { defineConfig, devices } from "@playwright/test";
import { chromiumPath } from "./test/e2e/browser";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: "./test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    locale: "fr-MA",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    // The calls journey waits for a real closing instant and already puts its Arabic actors on 360 px phones:
    // it runs once, in the desktop project.
    { name: "phone-360", use: { viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true }, testIgnore: /calls-journey\.spec\.ts/ },
  ],
  webServer: {
    // The production build on a throwaway embedded database: demo data loads on its first start.
    command: `node scripts/throwaway-server.mjs`,
    url: `${baseURL}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: { PORT: String(PORT), APP_URL: baseURL, LOG_LEVEL: "warn" },
  },
});
