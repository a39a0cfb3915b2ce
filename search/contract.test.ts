import { randomUUID } from "node:crypto";
import { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import type { SearchDocument, SearchEngine, SearchResult } from "./engine";
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
      await engine.upsert([argan, honey, assoc, product]);
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
      expect(refs(await engine.search({ q: "huile", type: "product" }))).toEqual([product.refId]);
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

    it("removes documents", async () => {
      const gone = doc({ title: "Coopérative éphémère Zagora", regionCode: "20", createdAt: new Date("2024-05-01T00:00:00Z") });
      await engine.upsert([gone]);
      expect(refs(await engine.search({ q: "ephemere" }))).toEqual([gone.refId]);
      await engine.remove([gone.id]);
      expect(refs(await engine.search({ q: "ephemere" }))).toEqual([]);
    });
  });
});
