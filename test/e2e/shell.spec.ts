import { expect } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import en from "../../app/i18n/en.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import { expectAccessible, test } from "./support";

test("the home page says what Tiwizi is, in the three languages, with no dead link", async ({ page, request }) => {
  for (const [lang, t] of [["fr", fr], ["ar", ar], ["en", en]] as const) {
    await page.goto(lang === "fr" ? "/" : `/?lang=${lang}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.home.headline);
    await expectAccessible(page);
  }
  // The choice is remembered: a page without ?lang comes back in English.
  await page.goto("/conditions");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/?lang=fr");
  // The map: one link per region, named with its count, filtering the directory by HCP code.
  await expect(page.locator("figure a")).toHaveCount(12);
  await expect(page.getByRole("link", { name: /^Souss-Massa : \d+ organisation/ })).toHaveAttribute("href", "/annuaire?region=09");
  const hrefs = await page.locator("a[href^='/']").evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute("href")!))]);
  for (const href of hrefs) {
    const res = await request.get(href);
    expect(res.status(), href).toBeLessThan(400);
  }
  // Every section is open: the marketplace, the tandems, the calls, the Siraj registry, the events and the
  // impact figures each have their own spec.
});

test("unknown pages get a translated 404", async ({ page }) => {
  const res = await page.goto("/nulle-part?lang=ar");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: ar.errors.page404 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  expect((await page.goto("/organisations/nexiste-pas"))?.status()).toBe(404);
  await expectAccessible(page);
});

test("security headers, health and cross-site requests", async ({ request, baseURL }) => {
  const home = await request.get("/");
  const csp = home.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(home.headers()["x-content-type-options"]).toBe("nosniff");
  expect(home.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  const health = await request.get("/healthz");
  expect(await health.json()).toEqual({ status: "ok", database: "ok" });
  const cross = await request.post("/connexion", {
    form: { email: "a@example.ma", password: "x" },
    headers: { Origin: "https://evil.example" },
  });
  expect(cross.status()).toBe(403);
  const fetchSite = await request.post("/connexion", { form: { email: "a@example.ma", password: "x" }, headers: { "Sec-Fetch-Site": "cross-site" } });
  expect(fetchSite.status()).toBe(403);
  const same = await request.post("/connexion", { form: { email: "a@example.ma", password: "wrong-password" }, headers: { Origin: baseURL! } });
  expect(same.status()).toBe(400);
});

test("the demo organisations are there, in every region", async ({ page }) => {
  // The sitemap is an index of parts: pages and regions first, then the public profiles, then the
  // marketplace's products and shops.
  const index = await (await page.request.get("/sitemap.xml")).text();
  const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1].replace(/&amp;/g, "&")));
  expect(parts.map((u) => u.search)).toEqual(["?part=0", "?part=1", "?part=products-1", "?part=shops-1"]);
  const pages = await (await page.request.get(`/sitemap.xml${parts[0].search}`)).text();
  expect(pages).toContain("/annuaire?region=09</loc>");
  expect(pages).toMatch(/hreflang="ar" href="http:\/\/[^"]+\/annuaire\?region=09&amp;lang=ar"/);
  const xml = await (await page.request.get(`/sitemap.xml${parts[1].search}`)).text();
  const count = (xml.match(/\/organisations\//g) ?? []).length;
  expect(count).toBeGreaterThan(30 * 4);
  await page.goto("/organisations/reseau-national-tiwizi-de-less");
  // Link previews and search engines get Open Graph tags and schema.org data.
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Réseau National Tiwizi de l'ESS");
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}");
  expect(jsonLd).toMatchObject({ "@context": "https://schema.org", name: "Réseau National Tiwizi de l'ESS", address: { addressCountry: "MA" } });
  await expect(page.getByRole("heading", { name: new RegExp(fr.profile.networkMembers.split(" (")[0]) })).toBeVisible();
  await expectAccessible(page);
});
