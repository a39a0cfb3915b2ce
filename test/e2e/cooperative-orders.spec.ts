import { expect } from "@playwright/test";
import core from "../../app/i18n/ar.json" with { type: "json" };
import cart from "../../app/i18n/features/cart.json" with { type: "json" };
import market from "../../app/i18n/features/market.json" with { type: "json" };
import orders from "../../app/i18n/features/orders.json" with { type: "json" };
import shop from "../../app/i18n/features/shop.json" with { type: "json" };
import { slugify } from "../../app/modules/organizations/slug";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { DEMO_PASSWORD, expectAccessible, logIn, logOut, test } from "./support";

const ar = { ...core, cart: cart.ar, market: market.ar, orders: orders.ar, shop: shop.ar };

// A cooperative's day, in Arabic (on a 360 px phone too): a guest orders one of its products with cash on
// delivery; a member finds the order on the dashboard, confirms it, hands it to the carrier with a
// tracking number, and prints the invoice with the cooperative's identifiers.
test("a cooperative member confirms and ships an order from the dashboard, in Arabic", async ({ page }) => {
  const coop = SEED_ORGANIZATIONS.find((o) => o.key === "demo-cooperative")!;
  const slug = slugify(coop.name);
  const stamp = Date.now().toString(36);
  const titleAr = `زيت أركان ${stamp}`;

  // The member puts a product on sale (the demo data has none): a draft, one size, published.
  await logIn(page, "cooperative@tiwizi.example.ma", DEMO_PASSWORD, "ar");
  await page.goto(`/organisations/${slug}/produits?lang=ar`);
  await page.getByLabel(ar.catalog.titleFr).fill(`Huile d'argan ${stamp}`);
  await page.getByLabel(ar.catalog.titleAr).fill(titleAr);
  await page.getByRole("button", { name: ar.catalog.create }).click();
  await expect(page.getByRole("status")).toContainText(ar.catalog.created);
  await page.getByLabel(ar.catalog.size).fill("250");
  await page.getByLabel(ar.catalog.price).fill("89,90");
  await page.getByLabel(ar.catalog.stock).fill("5");
  await page.getByRole("button", { name: ar.catalog.addVariant }).click();
  await expect(page.getByRole("status")).toContainText(ar.catalog.variantAdded);
  await page.getByRole("button", { name: ar.catalog.publish }).click();
  await expect(page.getByRole("status")).toContainText(ar.catalog.published);
  await logOut(page);

  // A guest buys two with cash on delivery.
  await page.goto(`/cooperatives/${slug}?lang=ar`);
  await page.getByRole("link", { name: titleAr }).first().click();
  await page.getByLabel(ar.market.quantity).fill("2");
  await page.getByRole("button", { name: ar.market.addToCart }).click();
  await expect(page.getByRole("status")).toContainText(ar.cart.added);
  await page.getByRole("link", { name: ar.cart.checkout }).click();
  await page.getByLabel(ar.orders.checkout.name).fill("أمينة التازي");
  await page.getByLabel(ar.orders.checkout.phone).fill("0612345678");
  await page.getByLabel(ar.orders.checkout.email).fill(`amina-${stamp}@example.ma`);
  await page.getByLabel(ar.orders.checkout.addressLine).fill("12 زنقة البرتقال، المعاريف");
  await page.getByLabel(ar.orders.checkout.city).fill("الدار البيضاء");
  await page.getByLabel(ar.orders.checkout.region).selectOption("06");
  await page.locator('input[name="acceptTerms"]').check();
  await page.getByRole("button", { name: ar.orders.checkout.place.split("{")[0].trim() }).click();
  await page.waitForURL(/\/commande\/[a-z2-7]{32}/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/TW-\d{4}-\d{6}-[A-Z]/);
  const number = (await heading.textContent())!.match(/TW-\d{4}-\d{6}-[A-Z]/)![0];

  // The member sees it waiting on the cooperative's profile, then on the dashboard.
  await logIn(page, "cooperative@tiwizi.example.ma", DEMO_PASSWORD, "ar");
  await page.goto(`/organisations/${slug}?lang=ar`);
  await page.getByRole("link", { name: new RegExp(`^${ar.shop.links.orders}`) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(coop.nameAr);
  await expect(page.locator('nav a[aria-current="page"]')).toContainText(ar.shop.dashboard.tabs.toConfirm);
  await expectAccessible(page);
  let card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: number }) });
  await expect(card).toContainText("أمينة التازي");
  await expect(card).toContainText(titleAr);
  await expect(card.getByRole("link", { name: ar.shop.dashboard.whatsapp })).toHaveAttribute("href", /^https:\/\/wa\.me\/212612345678\?text=/);
  await expect(card.getByRole("link", { name: ar.shop.dashboard.call })).toHaveAttribute("href", "tel:+212612345678");

  // One tap: confirmed; the order moves to the "to prepare" tab.
  await card.getByRole("button", { name: ar.shop.steps.confirm }).click();
  await expect(page.getByRole("status")).toContainText(ar.shop.moved.confirmed);
  await page.getByRole("link", { name: ar.shop.dashboard.tabs.toPrepare }).click();
  card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: number }) });
  await expect(card).toContainText(ar.orders.status.confirmed);

  // Handed to the carrier with its tracking number.
  await card.getByLabel(ar.shop.steps.carrier).fill("Amana");
  await card.getByLabel(ar.shop.steps.trackingNumber).fill("CX123456789MA");
  await card.getByRole("button", { name: ar.shop.steps.ship }).click();
  await expect(page.getByRole("status")).toContainText(ar.shop.moved.shipped);
  await page.getByRole("link", { name: ar.shop.dashboard.tabs.onTheRoad }).click();
  card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: number }) });
  await expect(card).toContainText("CX123456789MA");
  await expect(card.getByRole("button", { name: ar.shop.steps.deliver })).toBeVisible();
  await expectAccessible(page);

  // The order's page has its timeline; the invoice the cooperative's identifiers and the VAT mention.
  await card.getByRole("link", { name: number }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(number);
  await expect(page.getByRole("region", { name: ar.shop.detail.timeline })).toContainText(ar.orders.status.shipped);
  await page.getByRole("link", { name: ar.shop.dashboard.invoice }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  for (const id of coop.identifiers) await expect(page.getByText(id.value)).toBeVisible();
  await expect(page.getByText(ar.shop.invoice.vat)).toBeVisible();
  await expect(page.getByText(ar.shop.invoice.number.replace("{number}", number))).toBeVisible();
  await expectAccessible(page);
});
