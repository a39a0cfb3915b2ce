import { randomUUID } from "node:crypto";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult } from "./engine";
import { meilisearchEngine } from "./meilisearch";
import { postgresEngine } from "./postgres";

// What every engine must do, whichever one serves the directory. PostgreSQL always runs; Meilisearch
// runs when MEILI_URL points to a server (each run uses, then deletes, an index of its own).

const MEILI_URL = process.env.MEILI_URL;
const MEILI_MASTER_KEY = process.env.MEILI_MASTER_KEY || undefined;
const meiliIndex = `${process.env.MEILI_INDEX || "tiwizi"}_contract_${randomUUID().slice(0, 8)}`;

const engines: { name: string; skipReason: string | null; make: () => SearchEngine; cleanUp?: () => Promise<void> }[] = [
  { name: "postgres", skipReason: null, make: () => postgresEngine(db) },
  {
    name: "meilisearch",
    skipReason: MEILI_URL ? null : "MEILI_URL is unset (set it to a Meilisearch server's address to run them)",
    make: () => meilisearchEngine({ url: MEILI_URL!, apiKey: MEILI_MASTER_KEY, indexName: meiliIndex }),
    cleanUp: async () => {
      await new Meilisearch({ host: MEILI_URL!, apiKey: MEILI_MASTER_KEY }).deleteIndex(meiliIndex).waitTask();
    },
  },
];

function doc(fields: Partial<SearchDocument> & Pick<SearchDocument, "title" | "createdAt">): SearchDocument {
  const refId = randomUUID();
  const type = fields.type ?? "organization";
  return {
    id: `${type}:${refId}`,
    type,
    refId,
    titleAr: null,
    body: null,
    bodyAr: null,
    kind: "cooperative",
    regionCode: null,
    themes: [],
    sectors: [],
    needs: [],
    offers: [],
    labels: [],
    womenLed: false,
    verified: false,
    organizationId: null,
    priceMin: null,
    inStock: false,
    sortName: fields.title.toLowerCase(),
    ...fields,
  };
}

const argan = doc({
  title: "Coopérative d'argan Tamount",
  titleAr: "تعاونية تامونت للأركان",
  body: "Taroudant\nDes femmes de Taroudant pressent l'huile d'argane à la main.",
  bodyAr: "نساء من تارودانت يعصرن زيت الأركان يدويا.",
  regionCode: "09",
  themes: ["women", "rural"],
  sectors: ["argan"],
  womenLed: true,
  verified: true,
  createdAt: new Date("2024-01-10T10:00:00Z"),
});
const honey = doc({
  title: "Coopérative apicole Atlas",
  body: "Midelt\nMiel d'euphorbe et de thym des montagnes.",
  regionCode: "08",
  sectors: ["food"],
  createdAt: new Date("2024-03-10T10:00:00Z"),
});
const assoc = doc({
  title: "Association Tilelli",
  kind: "association",
  body: "Alphabétisation des femmes rurales.",
  regionCode: "09",
  themes: ["women"],
  needs: ["finance", "digital"],
  createdAt: new Date("2024-02-10T10:00:00Z"),
});
const product = doc({
  type: "product",
  title: "Huile d'argan Tamount 250 ml",
  kind: null,
  regionCode: "09",
  sectors: ["argan"],
  createdAt: new Date("2024-04-10T10:00:00Z"),
});

// The marketplace: products of two cooperatives, as search/documents.server.ts writes them.
const coopA = randomUUID();
const coopB = randomUUID();
const saffron = doc({
  type: "product",
  title: "Safran de Taliouine 1 g",
  titleAr: "زعفران تالوين",
  body: "Coopérative Tislit\nPistils de safran séchés à l'ombre.\nÉpices et safran",
  kind: "spices",
  regionCode: "09",
  labels: ["safran-de-taliouine", "women-cooperative"],
  womenLed: true,
  verified: true,
  organizationId: coopA,
  priceMin: 6000,
  inStock: true,
  createdAt: new Date("2024-06-01T10:00:00Z"),
});
const thymeHoney = doc({
  type: "product",
  title: "Miel de thym 500 g",
  body: "Coopérative apicole\nMiel de thym des montagnes.\nMiel",
  kind: "honey",
  regionCode: "08",
  labels: ["organic"],
  verified: true,
  organizationId: coopB,
  priceMin: 14000,
  inStock: false,
  createdAt: new Date("2024-06-03T10:00:00Z"),
});
const arganOil = doc({
  type: "product",
  title: "Huile d'argan alimentaire 250 ml",
  titleAr: "زيت أركان غذائي",
  body: "Coopérative Tislit\nHuile pressée à froid.\nHuiles",
  kind: "oils",
  regionCode: "09",
  labels: ["argane", "organic", "women-cooperative"],
  womenLed: true,
  verified: true,
  organizationId: coopA,
  priceMin: 8990,
  inStock: true,
  createdAt: new Date("2024-06-02T10:00:00Z"),
});

const refs = (r: SearchResult) => r.hits.map((h) => h.refId);

const HOSTILE_VALUES = [
  'x" OR regionCode = "09',
  "region = x OR 1 = 1",
  "09' or '1'='1",
  "a\\",
  '\\"',
  "🌿",
  "تعاونية",
  "ⵜⵉⵡⵉⵣⵉ",
  "unknown-value",
];

const HOSTILE_QUERIES = [
  "x".repeat(1000),
  "region = x OR 1 = 1",
  'argan" OR regionCode = "09',
  "-argan NOT coopérative",
  "🌿🍯",
  "ⵜⵉⵡⵉⵣⵉ ⴰⵔⴳⴰⵏ",
  "تعاونية 🌿",
];

describe.each(engines)("search engine contract: $name", ({ name, skipReason, make, cleanUp }) => {
  if (skipReason) console.info(`The ${name} contract tests are skipped: ${skipReason}.`);

  describe.skipIf(skipReason !== null)(name, () => {
    let engine: SearchEngine;

    beforeAll(async () => {
      engine = make();
      await engine.applySettings();
      await engine.upsert([argan, honey, assoc, product, saffron, thymeHoney, arganOil]);
    });
    afterAll(async () => {
      await cleanUp?.();
    });

    it("ignores accents and case", async () => {
      expect(refs(await engine.search({ q: "cooperative argane" }))).toEqual([argan.refId]);
      expect(refs(await engine.search({ q: "COOPÉRATIVES" }))).toEqual(expect.arrayContaining([argan.refId, honey.refId]));
      expect(refs(await engine.search({ q: "alphabetisation" }))).toEqual([assoc.refId]);
    });

    it("finds Arabic text with Arabic words", async () => {
      expect(refs(await engine.search({ q: "أركان" }))).toEqual([argan.refId]);
      expect(refs(await engine.search({ q: "تارودانت" }))).toEqual([argan.refId]);
    });

    it("matches the last word as a prefix while typing", async () => {
      expect(refs(await engine.search({ q: "coop" }))).toEqual(expect.arrayContaining([argan.refId, honey.refId]));
      expect(refs(await engine.search({ q: "taroud" }))).toEqual([argan.refId]);
      expect(refs(await engine.search({ q: "miel mont" }))).toEqual([honey.refId]);
    });

    it("forgives one typo in a long word", async () => {
      expect(refs(await engine.search({ q: "cooperatvie" }))).toEqual(expect.arrayContaining([argan.refId, honey.refId]));
      expect(refs(await engine.search({ q: "alphabetisaton" }))).toEqual([assoc.refId]);
    });

    it("keeps document types apart", async () => {
      expect(refs(await engine.search({ q: "huile" }))).toEqual([argan.refId]);
      expect(refs(await engine.search({ q: "huile", type: "product" })).sort()).toEqual([product.refId, arganOil.refId].sort());
    });

    it("filters narrow the results, and count facets over what matches", async () => {
      const result = await engine.search({ q: "", filters: { regions: ["09"] }, facets: ["kind", "themes", "womenLed", "needs", "region"] });
      expect(refs(result).sort()).toEqual([argan.refId, assoc.refId].sort());
      expect(result.total).toBe(2);
      expect(result.totalIsEstimate).toBe(false);
      expect(result.facets.kind).toEqual({ cooperative: 1, association: 1 });
      expect(result.facets.themes).toEqual({ women: 2, rural: 1 });
      expect(result.facets.womenLed).toEqual({ true: 1, false: 1 });
      expect(result.facets.needs).toEqual({ finance: 1, digital: 1 });
      expect(result.facets.region).toEqual({ "09": 2 });

      const withQuery = await engine.search({ q: "cooperative", facets: ["region", "sectors"] });
      expect(withQuery.facets.region).toEqual({ "09": 1, "08": 1 });
      expect(withQuery.facets.sectors).toEqual({ argan: 1, food: 1 });

      expect(refs(await engine.search({ q: "", filters: { needs: ["finance"] } }))).toEqual([assoc.refId]);
      expect(refs(await engine.search({ q: "", filters: { verified: true, womenLed: true } }))).toEqual([argan.refId]);
      expect(refs(await engine.search({ q: "", filters: { kinds: ["association", "company"] } }))).toEqual([assoc.refId]);
      expect(refs(await engine.search({ q: "femmes", filters: { themes: ["rural"] } }))).toEqual([argan.refId]);
    });

    it("treats hostile or unknown filter values as values that match nothing", async () => {
      for (const value of HOSTILE_VALUES) {
        for (const key of ["kinds", "regions", "themes", "sectors", "needs", "offers", "labels"] as const) {
          const result = await engine.search({ q: "", filters: { [key]: [value] } });
          expect(result.total, `${key} ${value}`).toBe(0);
        }
        const mixed = await engine.search({ q: "", filters: { regions: ["08", value] } });
        expect(refs(mixed), value).toEqual([honey.refId]);
      }
    });

    it("sorts by name and by newest", async () => {
      const byName = await engine.search({ q: "", sort: "name", perPage: 2 });
      expect(byName.hits.map((h) => h.title)).toEqual(["Association Tilelli", "Coopérative apicole Atlas"]);
      expect(byName.total).toBe(3);
      const cooperatives = await engine.search({ q: "cooperative", sort: "name" });
      expect(refs(cooperatives)).toEqual([honey.refId, argan.refId]);
      const newest = await engine.search({ q: "", sort: "newest" });
      expect(refs(newest)).toEqual([honey.refId, assoc.refId, argan.refId]);
    });

    it("returns hits with their public fields", async () => {
      const [hit] = (await engine.search({ q: "tamount" })).hits;
      expect(hit).toEqual({
        id: argan.id,
        refId: argan.refId,
        title: argan.title,
        titleAr: argan.titleAr,
        kind: "cooperative",
        regionCode: "09",
      });
    });

    it("pages; a page past the end is empty with the right total", async () => {
      const second = await engine.search({ q: "", sort: "name", page: 2, perPage: 2 });
      expect(second.hits.map((h) => h.title)).toEqual(["Coopérative d'argan Tamount"]);
      expect(second).toMatchObject({ page: 2, perPage: 2, total: 3 });
      const past = await engine.search({ q: "", page: 99, perPage: 2 });
      expect(past.hits).toEqual([]);
      expect(past.total).toBe(3);
      const bounded = await engine.search({ q: "", page: -5, perPage: 10_000 });
      expect(bounded).toMatchObject({ page: 1, perPage: 100, total: 3 });
    });

    it("answers hostile queries normally, never wider than the filters", async () => {
      for (const q of HOSTILE_QUERIES) {
        const result = await engine.search({ q, filters: { regions: ["08"] }, facets: ["region"] });
        expect(result.hits.every((h) => h.regionCode === "08"), q).toBe(true);
        expect(Object.keys(result.facets.region ?? {}).every((r) => r === "08"), q).toBe(true);
      }
    });

    it("filters products by category, region, cooperative, quality sign, women's cooperative, stock and price", async () => {
      const products = (filters: SearchQuery["filters"], q = "") => engine.search({ q, type: "product", filters, sort: "price_asc" }).then(refs);
      expect(await products({ kinds: ["spices", "honey"] })).toEqual([saffron.refId, thymeHoney.refId]);
      expect(await products({ regions: ["09"], kinds: ["oils"] })).toEqual([arganOil.refId]);
      expect(await products({ organizations: [coopA] })).toEqual([saffron.refId, arganOil.refId]);
      expect(await products({ organizations: [coopB, "not-a-cooperative"] })).toEqual([thymeHoney.refId]);
      expect(await products({ labels: ["organic"] })).toEqual([arganOil.refId, thymeHoney.refId]);
      expect(await products({ labels: ["safran-de-taliouine", "argane"] })).toEqual([saffron.refId, arganOil.refId]);
      expect(await products({ womenLed: true })).toEqual([saffron.refId, arganOil.refId]);
      expect(await products({ inStock: true })).toEqual([saffron.refId, arganOil.refId]);
      expect(await products({ inStock: false, kinds: ["honey", "oils"] })).toEqual([thymeHoney.refId]);
      // Prices in centimes, bounds included; the lowest price of a product is what is compared.
      expect(await products({ priceMin: 6000, priceMax: 8990 })).toEqual([saffron.refId, arganOil.refId]);
      expect(await products({ priceMin: 6001 })).toEqual([arganOil.refId, thymeHoney.refId]);
      expect(await products({ priceMax: 5999 })).toEqual([]);
      expect(await products({ priceMin: 10000, priceMax: 5000 })).toEqual([]);
      expect(await products({ organizations: [coopA], inStock: true, priceMax: 7000 }, "safran")).toEqual([saffron.refId]);
      // Organisations never come with products, whatever the filters.
      expect(await products({ regions: ["08"] })).toEqual([thymeHoney.refId]);
    });

    it("counts product facets over what matches", async () => {
      const facets = ["kind", "region", "organization", "labels", "womenLed", "inStock"] as const;
      const result = await engine.search({ q: "", type: "product", filters: { verified: true }, facets: [...facets] });
      expect(result.total).toBe(3);
      expect(result.facets.kind).toEqual({ spices: 1, honey: 1, oils: 1 });
      expect(result.facets.region).toEqual({ "09": 2, "08": 1 });
      expect(result.facets.organization).toEqual({ [coopA]: 2, [coopB]: 1 });
      expect(result.facets.labels).toEqual({ "safran-de-taliouine": 1, "women-cooperative": 2, organic: 2, argane: 1 });
      expect(result.facets.womenLed).toEqual({ true: 2, false: 1 });
      expect(result.facets.inStock).toEqual({ true: 2, false: 1 });
      const narrowed = await engine.search({ q: "", type: "product", filters: { inStock: true }, facets: ["organization", "kind"] });
      expect(narrowed.facets.organization).toEqual({ [coopA]: 2 });
      expect(narrowed.facets.kind).toEqual({ spices: 1, oils: 1 });
    });

    it("sorts products by price either way, and by newest", async () => {
      const priced = [saffron, arganOil, thymeHoney].map((d) => d.refId);
      const filters = { organizations: [coopA, coopB] };
      expect(refs(await engine.search({ q: "", type: "product", filters, sort: "price_asc" }))).toEqual(priced);
      expect(refs(await engine.search({ q: "", type: "product", filters, sort: "price_desc" }))).toEqual([...priced].reverse());
      expect(refs(await engine.search({ q: "", type: "product", filters, sort: "newest" }))).toEqual([thymeHoney.refId, arganOil.refId, saffron.refId]);
      expect(refs(await engine.search({ q: "cooperative tislit", type: "product", sort: "price_desc" }))).toEqual([arganOil.refId, saffron.refId]);
      const second = await engine.search({ q: "", type: "product", filters, sort: "price_desc", page: 2, perPage: 2 });
      expect(refs(second)).toEqual([saffron.refId]);
      expect(second.total).toBe(3);
    });

    it("finds products in Arabic and by the words of their category", async () => {
      expect(refs(await engine.search({ q: "زعفران", type: "product" }))).toEqual([saffron.refId]);
      expect(refs(await engine.search({ q: "epices", type: "product" }))).toEqual([saffron.refId]);
    });

    it("treats hostile cooperative values and price bounds as values that match nothing or nothing more", async () => {
      for (const value of HOSTILE_VALUES) {
        const result = await engine.search({ q: "", type: "product", filters: { organizations: [value] } });
        expect(result.total, value).toBe(0);
      }
      for (const bound of [Number.NaN, Number.POSITIVE_INFINITY, 1.5, -Infinity]) {
        const result = await engine.search({ q: "", type: "product", filters: { priceMin: bound, priceMax: bound, organizations: [coopB] } });
        expect(refs(result), String(bound)).toEqual([thymeHoney.refId]);
      }
    });

    it("removes documents", async () => {
      const gone = doc({ title: "Coopérative éphémère Zagora", regionCode: "20", createdAt: new Date("2024-05-01T00:00:00Z") });
      await engine.upsert([gone]);
      expect(refs(await engine.search({ q: "ephemere" }))).toEqual([gone.refId]);
      await engine.remove([gone.id]);
      expect(refs(await engine.search({ q: "ephemere" }))).toEqual([]);
    });
  });
});
