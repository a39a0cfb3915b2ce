import { expect } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import impact from "../../app/i18n/features/impact.json" with { type: "json" };
import { expectAccessible, test } from "./support";

// The public impact page (issue 7, item 4), in French at desktop size and in Arabic on a 360 px phone: the figures
// the page shows are the open data's (checked by their recount in SQL in test/integration/impact.test.ts); the
// region map narrows them; the CSV downloads.

test("the impact page shows the figures of the open data, narrows them by region, and gives the CSV", async ({ page }, info) => {
  const lang = info.project.name === "phone-360" ? "ar" : "fr";
  const t = { ...(lang === "ar" ? ar : fr), impact: impact[lang] };
  const stat = (label: string) => page.locator(".card", { has: page.getByText(label, { exact: true }) }).locator("p.text-2xl");
  const figure = (json: { figures: { key: string; value: number }[] }, key: string) => json.figures.find((f) => f.key === key)!.value;

  await page.goto(`/impact?lang=${lang}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.impact.title);
  await expect(page.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
  const all = await (await page.request.get("/impact.json")).json();
  await expect(stat(t.impact.organizations.total)).toHaveText(String(figure(all, "organizations.total")));
  await expect(stat(t.impact.labels.awarded)).toHaveText(String(figure(all, "labels.awarded")));
  await expect(page.getByRole("img", { name: t.impact.organizations.byKind })).toBeVisible();
  await expectAccessible(page);

  // The map's Souss-Massa narrows every figure to the region.
  await page.locator('figure a[href*="region=09"]').click();
  await expect(page).toHaveURL(/region=09/);
  const souss = await (await page.request.get("/impact.json?region=09")).json();
  await expect(stat(t.impact.organizations.total)).toHaveText(String(figure(souss, "organizations.total")));
  expect(figure(souss, "organizations.total")).toBeLessThan(figure(all, "organizations.total"));

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: t.impact.csv, exact: true }).click()]);
  const text = Buffer.concat((await (await download.createReadStream()).toArray()) as Buffer[]).toString("utf8");
  expect(text.replace(/^\uFEFF/, "").split("\r\n")[0]).toBe("figure;value;unit;from;to;region;computed_at;licence");
  expect(text).toContain("organizations.total;");
});
