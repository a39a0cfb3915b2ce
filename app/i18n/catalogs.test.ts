import { describe, expect, it } from "vitest";
import { catalogs } from "./catalogs.server";
import { formatDate, formatMad, formatNumber, localizeHref, translate } from "./i18n";
import { resolveLocale } from "./locale.server";

function leaves(node: unknown, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (typeof v === "string") out.set(prefix + k, v);
    else for (const [kk, vv] of leaves(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("catalogs", () => {
  const fr = leaves(catalogs.fr);
  for (const locale of ["ar", "en"] as const) {
    const other = leaves(catalogs[locale]);
    it(`${locale} has every key of fr, and no other`, () => {
      expect([...fr.keys()].filter((k) => !other.has(k))).toEqual([]);
      expect([...other.keys()].filter((k) => !fr.has(k))).toEqual([]);
    });
    it(`${locale} keeps the placeholders and leaves nothing empty`, () => {
      for (const [key, text] of fr) {
        expect(placeholders(other.get(key) ?? ""), key).toEqual(placeholders(text));
        expect((other.get(key) ?? "").trim().length, key).toBeGreaterThan(0);
      }
    });
  }
  it("Arabic is Arabic", () => {
    expect(translate(catalogs.ar, "nav.login")).toMatch(/[\u0600-\u06FF]/);
  });
});

describe("language choice", () => {
  const req = (url: string, headers: Record<string, string> = {}) => new Request(`http://x${url}`, { headers });
  it("?lang wins, then the cookie, then Accept-Language, then French", () => {
    expect(resolveLocale(req("/?lang=ar", { Cookie: "lang=en", "Accept-Language": "en" }))).toBe("ar");
    expect(resolveLocale(req("/", { Cookie: "lang=en", "Accept-Language": "ar" }))).toBe("en");
    expect(resolveLocale(req("/", { "Accept-Language": "de-DE,ar-MA;q=0.8,fr;q=0.5" }))).toBe("ar");
    expect(resolveLocale(req("/", { "Accept-Language": "de" }))).toBe("fr");
    expect(resolveLocale(req("/?lang=xx"))).toBe("fr");
  });
  it("keeps the language in internal links only", () => {
    expect(localizeHref("/annuaire?q=miel#x", "ar")).toBe("/annuaire?q=miel&lang=ar#x");
    expect(localizeHref("/annuaire", "fr")).toBe("/annuaire");
    expect(localizeHref("https://example.ma", "ar")).toBe("https://example.ma");
  });
});

describe("dates, numbers and money", () => {
  it("shows dates in Casablanca time, not the server's", () => {
    // 23:30 UTC on 30 June is already 1 July in Casablanca (UTC+1 outside Ramadan).
    expect(formatDate("2026-06-30T23:30:00Z", "fr")).toBe("1 juillet 2026");
    expect(formatDate("2026-06-30T23:30:00Z", "en")).toBe("1 July 2026");
    expect(formatDate("2026-06-30T23:30:00Z", "ar")).toMatch(/يوليو|يوليوز/);
  });
  it("formats MAD amounts from integer centimes, with Latin digits in Arabic too", () => {
    // CLDR fr-MA groups thousands with a dot, as Moroccan invoices do.
    expect(formatMad(123456, "fr").replace(/\s/g, " ")).toBe("1.234,56 MAD");
    expect(formatMad(123456, "en")).toMatch(/1,234\.56/);
    expect(formatMad(123456, "ar")).toMatch(/1[,.٬]?234[.,٫]56/);
    expect(formatNumber(3090, "fr")).toBe("3.090");
  });
});
