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

// Behaviour every engine shares is in contract.test.ts; these are PostgreSQL's own ways of getting there.
describe("PostgreSQL search engine", () => {
  it("indexes organisations written through indexOrganization", async () => {
    expect(ids(await engine.search({ q: "taroudant" }))).toEqual([argan]);
    expect(ids(await engine.search({ q: "", filters: { regions: ["09"] } })).sort()).toEqual([argan, assoc].sort());
  });

  it("matches French stems and Arabic words with or without the article", async () => {
    expect(ids(await engine.search({ q: "presser" }))).toEqual([argan]);
    expect(ids(await engine.search({ q: "الأركان" }))).toEqual([argan]);
  });

  it("corrects a typo against the indexed words and says so", async () => {
    const result = await engine.search({ q: "cooperatvie" });
    expect(result.correctedQuery).toBe("cooperative");
    expect(ids(result)).toEqual(expect.arrayContaining([argan, honey]));
  });

  it("never lets text-search or SQL syntax through", async () => {
    for (const q of ["'; drop table search_documents; --", '"argan" & | ! :* <->', "argan:* | !honey", "\\'"]) {
      const result = await engine.search({ q, filters: { regions: ["08"] } });
      expect(result.hits.every((h) => h.regionCode === "08"), q).toBe(true);
    }
    expect((await engine.search({ q: "" })).total).toBe(3);
    // PostgreSQL refuses NUL in text: such a value matches nothing instead of failing the search.
    expect((await engine.search({ q: "", filters: { regions: ["\u0000"], organizations: ["09\u0000"] } })).total).toBe(0);
  });

  it("finds a word added after the same words were searched (the parsed-query cache is emptied by writes)", async () => {
    // "atla" is looked up as the indexed words that start with it ("atlas"), so a stale parse would miss "atlantique".
    expect(ids(await engine.search({ q: "atla" }))).toEqual([honey]);
    const o = await createOrganization(db, { name: "Coopérative Atlantique", regionCode: "02" });
    await indexOrganization(db, o.id);
    expect(ids(await engine.search({ q: "atla" })).sort()).toEqual([honey, o.id].sort());
  });

  it("finds Arabic words written with the article from the bare word, which stems differently", async () => {
    // "أركان" → 'اركان' but "للأركان" → 'ارك': once "أركان" is an indexed word itself (so no longer
    // corrected towards "للأركان"), it must still find the text written with the article.
    const o = await createOrganization(db, { name: "Coopérative Zit", nameAr: "زيت أركان", regionCode: "10" });
    await indexOrganization(db, o.id);
    expect(ids(await engine.search({ q: "أركان" })).sort()).toEqual([argan, o.id].sort());
  });
});
