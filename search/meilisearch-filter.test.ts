import { describe, expect, it } from "vitest";
import { meiliFilter, quoteFilterValue } from "./meilisearch-filter";

/**
 * A stand-in for how Meilisearch's filter parser reads `attribute = "value"`: the quoted value ends
 * at the first `"` not preceded by a backslash, then `\"` becomes `"` and `\\` becomes `\`.
 * Returns what it read and whatever text would be left over for the grammar to see.
 */
function readComparison(clause: string) {
  const head = /^(\w+) = "/.exec(clause);
  if (!head) throw new Error(`not a comparison: ${clause}`);
  let i = head[0].length;
  let raw = "";
  while (i < clause.length && clause[i] !== '"') {
    if (clause[i] === "\\") raw += clause[i++];
    raw += clause[i++];
  }
  const value = raw.replace(/\\(["\\])/g, "$1");
  return { attribute: head[1], value, rest: clause.slice(i + 1) };
}

const HOSTILE = [
  'x" OR region = "09',
  'x\\" OR regionCode = "09',
  "region = x OR 1 = 1",
  "09' or '1'='1",
  "a\\",
  "\\\\\"",
  '"',
  "",
  "🌿🍯",
  "تعاونية",
  "ⵜⵉⵡⵉⵣⵉ",
  "(kind = x) AND NOT verified = true",
  "_geoRadius(0, 0, 1)",
];

describe("Meilisearch filter translation", () => {
  it("always restricts to the document type, with one clause per filter", () => {
    expect(meiliFilter("organization")).toEqual([['type = "organization"']]);
    expect(
      meiliFilter("organization", {
        kinds: ["cooperative", "association"],
        regions: ["09"],
        themes: ["women"],
        sectors: ["argan"],
        needs: ["finance"],
        offers: ["training"],
        labels: ["siraj"],
        womenLed: true,
        verified: false,
      }),
    ).toEqual([
      ['type = "organization"'],
      ['kind = "cooperative"', 'kind = "association"'],
      ['regionCode = "09"'],
      ['themes = "women"'],
      ['sectors = "argan"'],
      ['needs = "finance"'],
      ['offers = "training"'],
      ['labels = "siraj"'],
      ["womenLed = true"],
      ["verified = false"],
    ]);
    expect(meiliFilter("product", { regions: [] })).toEqual([['type = "product"']]);
  });

  it("keeps hostile values inside one quoted literal that reads back as the value itself", () => {
    for (const value of HOSTILE) {
      const [, [clause]] = meiliFilter("organization", { regions: [value] });
      expect(clause.startsWith('regionCode = "'), value).toBe(true);
      const read = readComparison(clause);
      expect(read, value).toEqual({ attribute: "regionCode", value, rest: "" });
    }
  });

  it("escapes backslashes before quotes", () => {
    expect(quoteFilterValue('x" OR region = "09')).toBe('"x\\" OR region = \\"09"');
    expect(quoteFilterValue("a\\")).toBe('"a\\\\"');
    expect(quoteFilterValue('\\"')).toBe('"\\\\\\""');
    expect(quoteFilterValue("ⵜⵉⵡⵉⵣⵉ 🌿")).toBe('"ⵜⵉⵡⵉⵣⵉ 🌿"');
  });

  it("filters products by cooperative, stock and a price range in centimes", () => {
    expect(meiliFilter("product", { organizations: ["a1", "b2"], inStock: true, priceMin: 5000, priceMax: 20000, labels: ["organic"] })).toEqual([
      ['type = "product"'],
      ['labels = "organic"'],
      ['organizationId = "a1"', 'organizationId = "b2"'],
      ["inStock = true"],
      ["priceMin >= 5000"],
      ["priceMin <= 20000"],
    ]);
    for (const value of HOSTILE) {
      const [, [clause]] = meiliFilter("product", { organizations: [value] });
      expect(readComparison(clause), value).toEqual({ attribute: "organizationId", value, rest: "" });
    }
  });

  it("leaves out a price bound that is not a whole number, whatever reached it", () => {
    for (const bound of [Number.NaN, Infinity, 1.5, "1 OR 1 = 1" as unknown as number]) {
      expect(meiliFilter("product", { priceMin: bound, priceMax: bound }), String(bound)).toEqual([['type = "product"']]);
    }
  });

  it("writes booleans as booleans, whatever reached it", () => {
    const loose = { womenLed: "true OR 1 = 1" as unknown as boolean, verified: true };
    expect(meiliFilter("organization", loose).slice(1)).toEqual([["womenLed = false"], ["verified = true"]]);
  });
});
