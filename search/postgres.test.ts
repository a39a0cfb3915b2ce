import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createOrganization } from "../db/factories";
import { indexOrganization } from "./documents.server";
import { postgresEngine } from "./postgres";

const engine = postgresEngine(db);

// The PostgreSQL engine, against a real database: what a person typing in the directory gets.
let argan: string, honey: string, assoc: string;

beforeAll(async () => {
  const a = await createOrganization(db, {
    name: "Coopérative d'argan Tamount",
    nameAr: "تعاونية تامونت للأركان",
    regionCode: "09",
    city: "Taroudant",
    themes: ["women", "rural"],
    sectors: ["argan"],
    womenLed: true,
    verificationStatus: "verified",
    descriptionFr: "Des femmes de Taroudant pressent l'huile d'argane à la main.",
    descriptionAr: "نساء من تارودانت يعصرن زيت الأركان يدويا.",
  });
  const h = await createOrganization(db, {
    name: "Coopérative apicole Atlas",
    regionCode: "08",
    sectors: ["food"],
    descriptionFr: "Miel d'euphorbe et de thym des montagnes.",
  });
  const s = await createOrganization(db, {
    kind: "association",
    name: "Association Tilelli",
    regionCode: "09",
    themes: ["women"],
    needs: ["finance", "digital"],
    descriptionFr: "Alphabétisation des femmes rurales.",
  });
  for (const o of [a, h, s]) await indexOrganization(db, o.id);
  [argan, honey, assoc] = [a.id, h.id, s.id];
});

const ids = (r: { hits: { refId: string }[] }) => r.hits.map((h) => h.refId);

describe("PostgreSQL search engine", () => {
  it("ignores accents and case, and matches stems and prefixes", async () => {
    expect(ids(await engine.search({ q: "cooperative argane" }))).toEqual([argan]);
    expect(ids(await engine.search({ q: "COOPÉRATIVES" }))).toEqual(expect.arrayContaining([argan, honey]));
    expect(ids(await engine.search({ q: "coop" }))).toEqual(expect.arrayContaining([argan, honey]));
    expect(ids(await engine.search({ q: "taroud" }))).toEqual([argan]);
  });

  it("finds Arabic text with Arabic queries, with or without the article", async () => {
    expect(ids(await engine.search({ q: "أركان" }))).toEqual([argan]);
    expect(ids(await engine.search({ q: "الأركان" }))).toEqual([argan]);
    expect(ids(await engine.search({ q: "تارودانت" }))).toEqual([argan]);
  });

  it("corrects a typo against the indexed words", async () => {
    const result = await engine.search({ q: "cooperatvie" });
    expect(result.correctedQuery).toBe("cooperative");
    expect(ids(result)).toEqual(expect.arrayContaining([argan, honey]));
  });

  it("filters, and counts facets over what matches", async () => {
    const result = await engine.search({
      q: "",
      filters: { regions: ["09"] },
      facets: ["kind", "themes", "womenLed", "needs"],
    });
    expect(ids(result).sort()).toEqual([argan, assoc].sort());
    expect(result.total).toBe(2);
    expect(result.facets.kind).toEqual({ cooperative: 1, association: 1 });
    expect(result.facets.themes).toEqual({ women: 2, rural: 1 });
    expect(result.facets.womenLed).toEqual({ true: 1, false: 1 });
    expect(result.facets.needs).toEqual({ finance: 1, digital: 1 });
    expect(ids(await engine.search({ q: "", filters: { needs: ["finance"] } }))).toEqual([assoc]);
    expect(ids(await engine.search({ q: "", filters: { verified: true, womenLed: true } }))).toEqual([argan]);
  });

  it("sorts and pages; a page past the end is empty, not an error", async () => {
    const byName = await engine.search({ q: "", sort: "name", perPage: 2 });
    expect(byName.hits.map((h) => h.title)).toEqual(["Association Tilelli", "Coopérative apicole Atlas"]);
    const past = await engine.search({ q: "", page: 99, perPage: 2 });
    expect(past.hits).toEqual([]);
    expect(past.total).toBe(3);
  });

  it("bad input gives a normal answer, never wider than the filters", async () => {
    for (const q of [
      "x".repeat(1000),
      "region = x OR 1 = 1",
      "'; drop table search_documents; --",
      '"argan" & | ! :* <->',
      "🌿🍯",
      "ⵜⵉⵡⵉⵣⵉ",
    ]) {
      const result = await engine.search({ q, filters: { regions: ["08"] } });
      expect(result.hits.every((h) => h.regionCode === "08"), q).toBe(true);
    }
    expect((await engine.search({ q: "", filters: { regions: ["09' or '1'='1"] } })).total).toBe(0);
  });
});
