import { expect } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import { expectAccessible, test } from "./support";

const ARGAN = "Coopérative d'argan Tamaynout";
const results = (page: import("@playwright/test").Page) => page.locator("ol > li h3 a");

test("search as you type: the URL follows the search, French ignores accents, Arabic finds Arabic", async ({ page }) => {
  // The second visit is a cached copy (server/page-cache.ts): its scripts must still run under the CSP.
  await page.goto("/annuaire?sort=name");
  const copy = await page.goto("/annuaire?sort=name");
  expect(copy?.headers()["x-page-cache"]).toBe("hit");
  await page.goto("/annuaire");
  const box = page.getByRole("searchbox", { name: fr.directory.searchLabel });
  // Each search asks for the directory's data only, not the layout's (catalog, viewer) again.
  const dataRequest = page.waitForRequest((r) => r.url().includes("/annuaire.data"));
  await box.pressSequentially("cooperative argane", { delay: 40 });
  expect(new URL((await dataRequest).url()).searchParams.get("_routes")).toBe("routes/annuaire");
  // No Enter: the debounced search updates the URL and the results on its own.
  await page.waitForURL(/q=cooperative\+argane/);
  await expect(results(page).first()).toHaveText(ARGAN);
  await expect(box).toBeFocused();
  // The page carries only its own strings (app/i18n/page-catalog.server.ts): none may be missing.
  expect(await page.locator("body").innerText()).not.toMatch(/\b(directory|nav|errors|map|skills|themes|sectors|kinds|footer)\.[a-zA-Z]/);

  await box.fill("");
  await box.pressSequentially("تعاونية أركان", { delay: 40 });
  await page.waitForURL((url) => url.searchParams.get("q") === "تعاونية أركان");
  await expect(results(page).filter({ hasText: ARGAN })).toHaveCount(1);
  await expectAccessible(page);
  await page.goto("/annuaire?lang=ar&region=09&women=1");
  await page.locator("summary").first().click();
  expect(await page.locator("body").innerText()).not.toMatch(/\b(directory|nav|errors|map|skills|themes|sectors|kinds|footer)\.[a-zA-Z]/);
  await expectAccessible(page);
});

test("the map filters by region, facets narrow, chips undo, pages keep the state", async ({ page }) => {
  await page.goto("/annuaire?q=cooperative");
  const count = async () => Number((await page.locator("#results-h").innerText()).match(/\d+/)![0]);
  const all = await count();
  await page.getByRole("link", { name: /^Souss-Massa : \d+ organisation/ }).click();
  await page.waitForURL(/region=09/);
  expect(new URL(page.url()).searchParams.get("q")).toBe("cooperative");
  await expect.poll(count).toBeLessThan(all);
  const souss = await count();
  expect(souss).toBeGreaterThan(0);
  for (const place of await page.locator("ol > li p.text-sm.text-muted").allInnerTexts()) expect(place).toContain("Souss-Massa");
  await expect(page.locator('figure a[aria-current="true"]')).toHaveCount(1);

  // A facet applies at once with JavaScript.
  await page.getByText(fr.directory.filters, { exact: false }).first().click();
  await page.getByRole("checkbox", { name: new RegExp(`^${fr.directory.womenLed}`) }).check();
  await page.waitForURL(/women=1/);
  await expect(page.getByRole("link", { name: fr.directory.removeFilter.replace("{name}", fr.directory.womenLed) })).toBeVisible();
  expect(await count()).toBeLessThanOrEqual(souss);
  // Each chosen filter is a chip that removes it.
  await page.getByRole("link", { name: fr.directory.removeFilter.replace("{name}", "Souss-Massa") }).click();
  await page.waitForURL((url) => !url.searchParams.has("region") && url.searchParams.get("women") === "1");
  await expectAccessible(page);
});

// (axe needs JavaScript in the page, so accessibility is checked in the tests above.)
test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form submits, filters and paginates by plain links and GET", async ({ page }) => {
    await page.goto("/annuaire?lang=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ar.directory.title);
    await page.getByRole("searchbox").fill("تارودانت");
    await page.getByRole("button", { name: ar.directory.submit, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "تارودانت" && url.searchParams.get("lang") === "ar");
    await expect(results(page).first()).toHaveText("تعاونية تمينوت للأركان");
    // The map stays unmirrored on right-to-left pages.
    await expect(page.locator("figure")).toHaveAttribute("dir", "ltr");

    // The language chosen above is remembered; come back to French.
    await page.goto("/annuaire?lang=fr");
    await page.locator("summary").filter({ hasText: fr.directory.filters }).click();
    await page.getByRole("checkbox", { name: /^Association/ }).check();
    await page.getByRole("button", { name: fr.directory.apply }).click();
    await page.waitForURL(/kind=association/);
    for (const badge of await page.locator("ol > li .badge:first-child").allInnerTexts()) expect(badge).toBe("Association");

    await page.goto("/annuaire");
    await page.getByRole("link", { name: fr.directory.next }).click();
    await page.waitForURL(/page=2/);
    await expect(page.getByText(fr.directory.pageOf.replace("{page}", "2").replace(/\{pages\}/, ""), { exact: false })).toBeVisible();
  });
});
