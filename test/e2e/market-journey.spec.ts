import { expect, type Page } from "@playwright/test";
import cart from "../../app/i18n/features/cart.json" with { type: "json" };
import market from "../../app/i18n/features/market.json" with { type: "json" };
import orders from "../../app/i18n/features/orders.json" with { type: "json" };
import shop from "../../app/i18n/features/shop.json" with { type: "json" };
import { DEMO_PASSWORD, expectAccessible, logIn, logOut, test, uniqueEmail } from "./support";

// Issue 4's promise, end to end on the demo data, in Arabic on a phone-sized screen: a guest puts products
// of three cooperatives in one cart, pays on delivery, gets three orders with their own tracking pages;
// each cooperative confirms and ships its order from its dashboard; the statement shows what it is owed.
test.use({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true });

const SELLERS = [
  { product: "زيت أركان غذائي", email: "cooperative@tiwizi.example.ma" },
  { product: "زعفران تالوين", email: "safran@tiwizi.example.ma" },
  { product: "عسل الزعتر", email: "miel@tiwizi.example.ma" },
];

async function addToCart(page: Page, title: string) {
  await page.goto(`/marche?lang=ar&q=${encodeURIComponent(title)}`);
  await page.getByRole("link", { name: title, exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await page.getByRole("button", { name: market.ar.addToCart }).click();
  await page.waitForURL(/\/panier/);
  await expect(page.getByText(cart.ar.added)).toBeVisible();
}

test("a guest buys from three cooperatives with cash on delivery; each cooperative confirms and ships", async ({ page }) => {
  test.setTimeout(240_000);
  for (const s of SELLERS) await addToCart(page, s.product);

  // One cart, three cooperatives, each with its own shipping and delivery time.
  await page.goto("/panier?lang=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("main section h2[id^='coop-']")).toHaveCount(3);
  await expect(page.getByText(cart.ar.delivery)).toHaveCount(3);
  await expectAccessible(page);
  await page.getByRole("link", { name: cart.ar.checkout }).click();

  // Checkout as a guest: a phone from abroad is fine (the diaspora buys for family).
  await page.waitForURL(/\/panier\/commande/);
  const email = uniqueEmail("acheteuse");
  await page.getByLabel(orders.ar.checkout.name).fill("خديجة بنعلي");
  await page.getByLabel(orders.ar.checkout.phone).fill("+33 6 12 34 56 78");
  await page.getByLabel(orders.ar.checkout.email).fill(email);
  await page.getByLabel(orders.ar.checkout.addressLine).fill("12 زنقة الليمون، المعاريف");
  await page.getByLabel(orders.ar.checkout.city).fill("الدار البيضاء");
  await page.getByLabel(orders.ar.checkout.region).selectOption("06");
  await expect(page.getByRole("radio", { name: new RegExp(orders.ar.method.cod) })).toBeChecked();
  await page.getByRole("checkbox").check();
  await expectAccessible(page);
  await page.getByRole("button", { name: /اطلب وادفع/ }).click();

  // Three orders, each with its own tracking page.
  await page.waitForURL(/\/commande\/[a-z2-7]{32}\?.*merci=1/);
  await expect(page.getByRole("heading", { name: /شكراً/ })).toBeVisible();
  const trackingUrls = [page.url().replace(/\?.*$/, "")];
  const siblings = page.locator("section[aria-labelledby='siblings-h'] a");
  await expect(siblings).toHaveCount(2);
  for (const href of await siblings.evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))) trackingUrls.push(href);
  const numbers: string[] = [];
  for (const url of trackingUrls) {
    await page.goto(`${url}?lang=ar`);
    const heading = await page.getByRole("heading", { level: 1 }).textContent();
    numbers.push(heading!.match(/TW-\d{4}-\d{6}-[A-Z]/)![0]);
    await expect(page.getByText(orders.ar.status.placed).first()).toBeVisible();
  }
  expect(new Set(numbers).size).toBe(3);

  // Each cooperative confirms and ships its own order from its dashboard, in Arabic on the phone.
  for (const seller of SELLERS) {
    await logIn(page, seller.email, DEMO_PASSWORD, "ar");
    // The header's organisation switcher names the seller's one cooperative.
    const slug = await page.locator('header input[name="slug"]').first().getAttribute("value");
    await page.goto(`/organisations/${slug}/commandes?lang=ar`);
    let number = "";
    for (const n of numbers) if ((await page.locator(`button[value="confirm"][aria-label$="${n}"]`).count()) > 0) number = n;
    expect(number, `${seller.email} sees one of the three orders to confirm`).not.toBe("");
    await page.locator(`button[value="confirm"][aria-label$="${number}"]`).click();
    await expect(page.getByText(shop.ar.moved.confirmed)).toBeVisible();
    await page.goto(`/organisations/${slug}/commandes?onglet=a-preparer&lang=ar`);
    await page.locator(`form:has(button[value="ship"][aria-label$="${number}"]) input[name="carrier"]`).fill("أمانة");
    await page.locator(`button[value="ship"][aria-label$="${number}"]`).click();
    await expect(page.getByText(shop.ar.moved.shipped)).toBeVisible();
    await page.goto(`/organisations/${slug}/commandes?onglet=en-route&lang=ar`);
    await expect(page.locator(`button[value="deliver"][aria-label$="${number}"]`)).toBeVisible();
    await expectAccessible(page);

    // What the cooperative is owed for it is on its statement, pending until the cash comes back.
    await page.goto(`/organisations/${slug}/releve?lang=ar`);
    await expect(page.getByText(number).first()).toBeVisible();
    await logOut(page);
  }

  // The buyer's tracking pages follow.
  for (const url of trackingUrls) {
    await page.goto(`${url}?lang=ar`);
    await expect(page.getByText(orders.ar.status.shipped).first()).toBeVisible();
  }
});
