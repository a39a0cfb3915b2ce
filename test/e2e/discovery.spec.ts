import { expect } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import { slugify } from "../../app/modules/organizations/slug";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { DEMO_PASSWORD, expectAccessible, logIn, test } from "./support";

const seed = (key: string) => SEED_ORGANIZATIONS.find((o) => o.key === key)!;
const ARGAN = seed("coop-argan-taroudant");

// The "done when", as one person does it on the demo data.
test("an association finds the argan cooperative of Taroudant, in French and Arabic and on the map, then writes to a suggested partner", async ({ page }) => {
  await logIn(page, "association@tiwizi.example.ma", DEMO_PASSWORD);

  await page.goto("/annuaire");
  const box = page.getByRole("searchbox", { name: fr.directory.searchLabel });
  await box.pressSequentially("cooperative argane", { delay: 30 });
  await page.waitForURL(/q=cooperative\+argane/);
  await expect(page.locator("ol > li h3 a").first()).toHaveText(ARGAN.name);
  await expect(page.locator("ol > li").first()).toContainText("Taroudant");

  await page.goto("/annuaire?lang=ar");
  await page.getByRole("searchbox", { name: ar.directory.searchLabel }).pressSequentially("تعاونية أركان تارودانت", { delay: 30 });
  await page.waitForURL((url) => url.searchParams.get("q") === "تعاونية أركان تارودانت");
  await expect(page.locator("ol > li h3 a").first()).toHaveText(ARGAN.nameAr);

  // On the map, Souss-Massa (HCP 09), then the profile.
  await page.goto("/annuaire?lang=fr&q=argan");
  await page.getByRole("link", { name: /^Souss-Massa : \d+ organisation/ }).click();
  await page.waitForURL(/region=09/);
  await page.locator("ol > li h3 a", { hasText: ARGAN.name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ARGAN.name);
  // What it has in common with the association, in words.
  await expect(page.getByRole("heading", { name: fr.suggestions.fitTitle })).toBeVisible();
  await expectAccessible(page);

  // The association's own profile suggests partners, each with its reasons; the demo company offers finance.
  await page.goto(`/organisations/${slugify(seed("demo-association").name)}`);
  const suggestions = page.getByRole("region", { name: fr.suggestions.title });
  const company = suggestions.locator("li", { has: page.getByRole("link", { name: seed("demo-company").name, exact: true }) });
  await expect(company.getByRole("list", { name: fr.suggestions.why })).toContainText(
    fr.suggestions.reasons.theyOffer.replace("{skill}", fr.skills.finance),
  );
  await expectAccessible(page);
  await company.getByRole("link", { name: fr.suggestions.writeTo.replace("{name}", seed("demo-company").name) }).click();

  const subject = `Partenariat finance ${Date.now().toString(36)}`;
  await page.getByLabel(fr.messages.subject).fill(subject);
  await page.getByLabel(fr.messages.body).fill("Bonjour, nous cherchons un appui en comptabilité pour notre coopérative partenaire.");
  await page.getByRole("button", { name: fr.messages.send }).click();
  await expect(page.getByRole("status")).toContainText(fr.messages.sent);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(subject);
});
