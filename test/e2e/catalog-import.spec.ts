import { expect } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import imports from "../../app/i18n/features/imports.json" with { type: "json" };
import { slugify } from "../../app/modules/organizations/slug";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { DEMO_PASSWORD, expectAccessible, logIn, test } from "./support";

const core = { fr, ar } as const;

// A cooperative member imports products from a CSV: upload → preview row by row → import → drafts listed.
// French at desktop size, Arabic (right to left) on the 360 px phone.
test("a cooperative imports its products from a CSV file", async ({ page }, info) => {
  const lang = info.project.name === "phone-360" ? "ar" : "fr";
  const t = { ...core[lang], imports: imports[lang] };
  const coop = SEED_ORGANIZATIONS.find((o) => o.key === "demo-cooperative")!;
  const products = `/organisations/${slugify(coop.name)}/produits`;
  await logIn(page, "cooperative@tiwizi.example.ma", DEMO_PASSWORD, lang);
  await page.goto(`${products}?lang=${lang}`);
  await page.getByRole("link", { name: t.imports.link }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.imports.title);
  await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
  await expectAccessible(page);

  // The template downloads as a CSV with a BOM.
  const [template] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t.imports.template }).click()]);
  expect(template.suggestedFilename()).toBe("modele-produits-tiwizi.csv");

  const run = Date.now().toString(36);
  const csv = [
    "reference;titre_fr;titre_ar;categorie;unite;taille;prix;stock",
    `AM-${run};Amlou ${run};أملو ${run};preserves;g;250;45,00;6`,
    `AM-${run};;;;g;500;85,50;3`,
    `SV-${run};Savon noir ${run};الصابون البلدي;cosmetics;g;200;-4;1`,
  ].join("\r\n");
  await page.getByLabel(t.imports.file).setInputFiles({ name: `produits-${run}.csv`, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`) });
  await page.getByRole("button", { name: t.imports.upload }).click();

  // The preview: the invalid row first, its cell highlighted with the translated error.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`produits-${run}.csv`);
  const rows = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(t.imports.rowStatus.invalid);
  await expect(rows.first()).toContainText(t.errors.priceInvalid);
  await expect(page.getByRole("link", { name: t.imports.downloadInvalid.replace("{count}", "1") })).toBeVisible();
  await expectAccessible(page);

  // Import the two valid rows: the job runs in the server's worker, the page follows its progress.
  await page.getByRole("button", { name: t.imports.run.replace("{count}", "2") }).click();
  await expect(page.getByText(t.imports.done.replace("{count}", "2"))).toBeVisible({ timeout: 20_000 });
  await expect(rows.filter({ hasText: t.imports.rowStatus.imported })).toHaveCount(2);
  await expectAccessible(page);

  // The product is listed as a draft, with its two sizes.
  await page.goto(`${products}?lang=${lang}`);
  const listed = page.getByRole("listitem").filter({ hasText: lang === "ar" ? `أملو ${run}` : `Amlou ${run}` });
  await expect(listed).toContainText(t.catalog.status.draft);
  await listed.getByRole("link", { name: t.catalog.edit }).click();
  await expect(page.getByRole("table")).toContainText("85,50");
});
