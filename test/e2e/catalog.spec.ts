import { expect } from "@playwright/test";
import sharp from "sharp";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import { slugify } from "../../app/modules/organizations/slug";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { DEMO_PASSWORD, expectAccessible, logIn, test } from "./support";

test("a cooperative member lists a product in Arabic: draft, a size with its price, published", async ({ page }) => {
  const coop = SEED_ORGANIZATIONS.find((o) => o.key === "demo-cooperative")!;
  await logIn(page, "cooperative@tiwizi.example.ma", DEMO_PASSWORD, "ar");
  await page.goto(`/organisations/${slugify(coop.name)}?lang=ar`);
  await page.getByRole("link", { name: ar.catalog.title, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(coop.nameAr);
  await expectAccessible(page);

  const title = `Amlou ${Date.now().toString(36)}`;
  await page.getByLabel(ar.catalog.titleFr).fill(title);
  await page.getByLabel(ar.catalog.titleAr).fill("أملو باللوز");
  await page.getByLabel(ar.catalog.category).selectOption("preserves");
  await page.getByRole("button", { name: ar.catalog.create }).click();
  await expect(page.getByRole("status")).toContainText(ar.catalog.created);
  await expect(page.getByText(ar.catalog.noVariants)).toBeVisible();

  // A wrong price keeps the form and says what is wrong.
  await page.getByLabel(ar.catalog.size).fill("250");
  await page.getByLabel(ar.catalog.price).fill("-4");
  await page.getByRole("button", { name: ar.catalog.addVariant }).click();
  await expect(page.getByText(ar.errors.priceInvalid)).toBeVisible();
  await expect(page.getByLabel(ar.catalog.size)).toHaveValue("250");
  await page.getByLabel(ar.catalog.price).fill("65,50");
  await page.getByLabel(ar.catalog.stock).fill("8");
  await page.getByRole("button", { name: ar.catalog.addVariant }).click();
  await expect(page.getByRole("status")).toContainText(ar.catalog.variantAdded);
  await expect(page.getByRole("table")).toContainText("65,50");

  // A photo from the phone, re-encoded by the server and shown back.
  const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 150, g: 90, b: 40 } } }).jpeg().toBuffer();
  await page.getByLabel(ar.catalog.photoFile).setInputFiles({ name: "amlou.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.getByRole("button", { name: ar.catalog.addPhoto }).click();
  await expect(page.getByRole("status")).toContainText(ar.catalog.photoAdded);
  const shown = page.getByRole("img", { name: "أملو باللوز (1)" });
  await expect(shown).toBeVisible();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);

  await page.getByRole("button", { name: ar.catalog.publish }).click();
  await expect(page.getByRole("status")).toContainText(ar.catalog.published);
  await expect(page.locator("header .badge")).toHaveText(ar.catalog.status.published);
  await expectAccessible(page);
});
