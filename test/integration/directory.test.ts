import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization } from "../../db/factories";
import { loader } from "../../app/routes/annuaire";
import { indexOrganizations } from "../../search/documents.server";
import { getRequest, run } from "../support/http";

// The directory page as a visitor uses it, through its loader and real PostgreSQL search.
const slugs: Record<string, string> = {};

beforeAll(async () => {
  const made = [
    await createOrganization(db, {
      name: "Coopérative d'argan Tamaynout",
      nameAr: "تعاونية تمينوت للأركان",
      regionCode: "09",
      city: "Taroudant",
      sectors: ["argan"],
      womenLed: true,
      verificationStatus: "verified",
      descriptionFr: "Huile d'argane pressée à froid à Taroudant.",
      descriptionAr: "زيت الأركان المعصور على البارد في تارودانت.",
    }),
    await createOrganization(db, { name: "Coopérative apicole Atlas", regionCode: "08", sectors: ["food"], descriptionFr: "Miel de thym." }),
    await createOrganization(db, { kind: "association", name: "Association Tilelli", regionCode: "09", themes: ["women"], needs: ["finance"] }),
    await createOrganization(db, { kind: "company", name: "Atlas Conseil", regionCode: "06", offers: ["finance", "digital"] }),
  ];
  for (const o of made) slugs[o.name] = o.slug;
  await indexOrganizations(db, made.map((o) => o.id));
});

async function directory(query: string) {
  const res = await run(loader, getRequest(`/annuaire${query}`));
  expect(res.status).toBe(200);
  return res.data as Awaited<ReturnType<typeof loader>>;
}
const names = (d: Awaited<ReturnType<typeof loader>>) => d.cards.map((c) => c.name);

describe("directory search", () => {
  it("finds the argan cooperative of Taroudant from 'cooperative argane' and from Arabic", async () => {
    expect(names(await directory("?q=cooperative+argane"))[0]).toBe("Coopérative d'argan Tamaynout");
    expect(names(await directory(`?q=${encodeURIComponent("تعاونية أركان")}`))).toEqual(["Coopérative d'argan Tamaynout"]);
  });

  it("lists everything with facet counts when nothing is asked", async () => {
    const d = await directory("");
    expect(d.total).toBe(4);
    expect(d.facets.kind).toMatchObject({ cooperative: 2, association: 1, company: 1 });
    expect(d.facets.offers).toMatchObject({ finance: 1, digital: 1 });
    expect(d.regionCounts).toMatchObject({ "09": 2, "08": 1, "06": 1 });
  });

  it("filters by region, kind, skill and women-led, and the map still counts the other regions", async () => {
    const d = await directory("?region=09");
    expect(names(d).sort()).toEqual(["Association Tilelli", "Coopérative d'argan Tamaynout"]);
    expect(d.regionCounts).toMatchObject({ "09": 2, "08": 1, "06": 1 });
    expect(names(await directory("?region=09&kind=association"))).toEqual(["Association Tilelli"]);
    expect(names(await directory("?offer=finance"))).toEqual(["Atlas Conseil"]);
    expect(names(await directory("?need=finance"))).toEqual(["Association Tilelli"]);
    expect(names(await directory("?women=1&verified=1"))).toEqual(["Coopérative d'argan Tamaynout"]);
    expect(names(await directory("?region=09&region=08&sort=name"))).toEqual([
      "Association Tilelli",
      "Coopérative apicole Atlas",
      "Coopérative d'argan Tamaynout",
    ]);
  });

  it("sorts by name and by newest", async () => {
    expect(names(await directory("?sort=name"))).toEqual([
      "Association Tilelli",
      "Atlas Conseil",
      "Coopérative apicole Atlas",
      "Coopérative d'argan Tamaynout",
    ]);
    expect(names(await directory("?sort=newest"))[0]).toBe("Atlas Conseil");
  });
});

describe("directory bad input: a normal page, never an error, never wider than the filters", () => {
  it("a 1,000-character query", async () => {
    const d = await directory(`?q=${"argan ".repeat(200)}`);
    expect(d.params.q.length).toBeLessThanOrEqual(1000);
    expect(names(d)).toEqual(["Coopérative d'argan Tamaynout"]);
  });

  it("unknown filter values match nothing instead of being dropped", async () => {
    expect((await directory("?region=99")).total).toBe(0);
    expect((await directory("?kind=spaceship")).total).toBe(0);
    expect((await directory("?theme=nope&region=09")).total).toBe(0);
  });

  it("operators and quotes in filters and queries", async () => {
    expect((await directory(`?region=${encodeURIComponent("x OR 1 = 1")}`)).total).toBe(0);
    expect((await directory(`?region=${encodeURIComponent("09' OR '1'='1")}`)).total).toBe(0);
    expect((await directory(`?kind=${encodeURIComponent('cooperative" OR kind = "company')}`)).total).toBe(0);
    const q = await directory(`?q=${encodeURIComponent('region = x OR 1 = 1 "argan" AND -miel; drop table organizations;--')}`);
    expect(q.total).toBe(0);
    expect(names(await directory(`?q=${encodeURIComponent('"argan"')}`))).toEqual(["Coopérative d'argan Tamaynout"]);
  });

  it("emoji, Tifinagh and Arabic text", async () => {
    expect((await directory(`?q=${encodeURIComponent("🌿🍯")}`)).total).toBe(4);
    expect((await directory(`?q=${encodeURIComponent("ⵜⴰⵡⵉⵣⵉ")}`)).total).toBe(0);
    expect(names(await directory(`?q=${encodeURIComponent("تارودانت")}`))).toEqual(["Coopérative d'argan Tamaynout"]);
  });

  it("a page past the end, a negative page, a page that is not a number, an unknown sort", async () => {
    const past = await directory("?page=500");
    expect(past.total).toBe(4);
    expect(past.cards).toEqual([]);
    expect((await directory("?page=-3")).page).toBe(1);
    expect((await directory("?page=abc&sort=drop")).cards).toHaveLength(4);
    expect((await directory("?page=99999999999999999999")).cards).toEqual([]);
  });

  it("many values of one filter are bounded, not an error", async () => {
    const many = Array.from({ length: 500 }, (_, i) => `region=${String(i).padStart(2, "0")}`).join("&");
    const d = await directory(`?${many}`);
    expect(d.params.lists.region).toHaveLength(20);
    expect(names(d).sort()).toEqual(["Association Tilelli", "Atlas Conseil", "Coopérative apicole Atlas", "Coopérative d'argan Tamaynout"]);
  });
});
