import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

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
