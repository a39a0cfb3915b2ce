import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { embeddedUrl } from "../../db/embedded";

/**
 * Playwright's test, failing when the page logs an error or throws: a CSP refusal, a hydration
 * mismatch or a script error is a bug even when the page looks right. HTTP error statuses that a
 * test provokes on purpose (400 on a form, 404) are not script errors.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() !== "error") return;
        if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
        errors.push(`console: ${message.text()}`);
      });
      await use(errors);
      expect(errors, "errors in the browser console").toEqual([]);
    },
    { auto: true },
  ],
});

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`),
    `accessibility on ${page.url()}`,
  ).toEqual([]);
}

export const DEMO_PASSWORD = "Tiwizi-Demo-2026";

export async function logIn(page: Page, email: string, password: string, lang?: "fr" | "ar" | "en") {
  await page.goto(`/connexion${lang ? `?lang=${lang}` : ""}`);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form[method="post"] button[type="submit"]').click();
  await page.waitForURL(/\/compte/);
}

export async function logOut(page: Page) {
  await page.goto("/compte");
  await page.locator("header details summary").last().click();
  await page.locator('form[action="/deconnexion"] button').click();
  await page.waitForURL((url) => url.pathname === "/");
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.ma`;
}

/**
 * The database of the server under test (scripts/throwaway-server.mjs says where its data folder is), for recounts
 * in SQL of what the pages show. Read only by convention: the tests act through the browser.
 */
export function serverDatabase(baseURL: string) {
  const port = new URL(baseURL).port;
  const dir = readFileSync(path.join(os.tmpdir(), `tiwizi-e2e-${port}.datadir`), "utf8").trim();
  const pgPort = readFileSync(path.join(dir, "postgres", "postmaster.pid"), "utf8").split("\n")[3].trim();
  return postgres(embeddedUrl(pgPort, "tiwizi"), { max: 1, onnotice: () => {} });
}

/**
 * A person in a browser context of their own (the project's device and locale), signed in when an e-mail is given.
 * What their pages log as errors (HTTP 4xx a test provokes aside) is pushed to `errors`, with the page it came from.
 */
export async function openAs(browser: Browser, info: TestInfo, errors: string[], login?: { email: string; lang: "fr" | "ar" | "en" }) {
  const { viewport, isMobile, hasTouch, baseURL, locale } = info.project.use;
  const context = await browser.newContext({ viewport, isMobile, hasTouch, baseURL, locale });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`${page.url()} pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(`${page.url()} console: ${m.text()}`);
  });
  if (login) await logIn(page, login.email, DEMO_PASSWORD, login.lang);
  return page;
}
