import { expect, type Page } from "@playwright/test";
import market from "../../app/i18n/features/market.json" with { type: "json" };
import ar from "../../app/i18n/ar.json" with { type: "json" };
import { expectAccessible, test } from "./support";

// The marketplace as a buyer uses it, in Arabic (right to left), on both projects (desktop and 360 px):
// search as you type, a filter and its chip, a product's page with its JSON-LD and its cart form, a shop.
const AR = market.ar;
const cards = (page: Page) => page.locator("ol > li article h3 a");
const MISSING_KEY = /\b(market|categories|nav|errors|footer)\.[a-zA-Z]/;

async function jsonLd(page: Page) {
  const text = await page.locator('script[type="application/ld+json"]').first().textContent();
  return JSON.parse(text ?? "null") as Record<string, unknown> & { offers?: Record<string, unknown>[] };
}

test("a buyer in Arabic searches, filters, opens a product and its shop", async ({ page }) => {
  await page.goto("/marche?lang=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(AR.title);
  // The page carries only its own strings (app/i18n/page-catalog.server.ts): none may be missing.
  expect(await page.locator("body").innerText()).not.toMatch(MISSING_KEY);
  expect(await cards(page).count()).toBeGreaterThan(5);

  // Search as you type: no Enter, the URL and the results follow.
  const box = page.getByRole("searchbox", { name: AR.searchLabel });
  await box.pressSequentially("زعفران", { delay: 40 });
  await page.waitForURL((url) => url.searchParams.get("q") === "زعفران");
  await expect(cards(page).first()).toHaveText("زعفران تالوين");
  await expect(box).toBeFocused();

  // A filter applies at once and shows as a chip that undoes it.
  await box.fill("");
  await page.waitForURL((url) => !url.searchParams.get("q"));
  await page.locator("summary").filter({ hasText: AR.filters }).click();
  await page.getByRole("checkbox", { name: new RegExp(`^${ar.categories.honey}`) }).check();
  await page.waitForURL(/category=honey/);
  const chip = page.getByRole("link", { name: AR.removeFilter.replace("{name}", ar.categories.honey) });
  await expect(chip).toBeVisible();
  for (const title of await cards(page).allInnerTexts()) expect(title).toMatch(/عسل/);
  // A sold-out product says so on its card.
  await expect(page.locator("ol > li article").filter({ hasText: AR.outOfStock })).not.toHaveCount(0);
  await expectAccessible(page);
  await chip.click();
  await page.waitForURL((url) => !url.searchParams.has("category"));

  // A product: its page in Arabic, its JSON-LD, the form that puts it in the cart.
  await page.goto("/marche?lang=ar&q=" + encodeURIComponent("زيت أركان غذائي"));
  await cards(page).filter({ hasText: "زيت أركان غذائي" }).first().click();
  await page.waitForURL(/\/marche\/[a-z0-9-]+\?lang=ar$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("زيت أركان غذائي");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const product = await jsonLd(page);
  expect(product).toMatchObject({ "@context": "https://schema.org", "@type": "Product", name: "زيت أركان غذائي" });
  expect(product.offers?.length).toBe(2);
  for (const offer of product.offers ?? []) expect(offer).toMatchObject({ "@type": "Offer", priceCurrency: "MAD", availability: "https://schema.org/InStock" });
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "product");
  const cart = page.locator('form[action^="/panier"]');
  await expect(cart.locator('input[name="intent"]')).toHaveValue("add");
  await expect(cart.locator('select[name="variantId"] option')).toHaveCount(2);
  await expect(cart.locator('input[name="quantity"]')).toHaveAttribute("max", "99");
  await expect(cart.getByRole("button", { name: AR.addToCart })).toBeVisible();
  // Visitors are asked to sign in to keep a favourite.
  await expect(page.getByRole("link", { name: AR.signInToFavourite })).toHaveAttribute("href", /^\/connexion\?redirectTo=/);
  expect(await page.locator("body").innerText()).not.toMatch(MISSING_KEY);
  await expectAccessible(page);

  // Its cooperative's shop, with its terms of sale and JSON-LD.
  await page.getByRole("link", { name: AR.visitShop }).click();
  await page.waitForURL(/\/cooperatives\/[a-z0-9-]+\?lang=ar$/);
  await expect(page.getByText(AR.terms.title)).toBeVisible();
  expect(await jsonLd(page)).toMatchObject({ "@type": "Organization" });
  await expect(cards(page)).not.toHaveCount(0);
  await expectAccessible(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the catalogue searches, sorts and pages by plain GET", async ({ page }) => {
    await page.goto("/marche?lang=ar");
    await page.getByRole("searchbox").fill("عسل");
    await page.getByRole("button", { name: AR.submit, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "عسل" && url.searchParams.get("lang") === "ar");
    await expect(cards(page)).not.toHaveCount(0);
    await page.goto("/marche?sort=price_desc");
    const prices = await page.locator("ol > li article").count();
    expect(prices).toBeGreaterThan(1);
    expect((await page.goto("/marche/nexiste-pas"))?.status()).toBe(404);
    expect((await page.goto("/marche?page=abc&min=x&sort=nope"))?.status()).toBe(200);
  });
});
