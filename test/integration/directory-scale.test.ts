import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { loader } from "../../app/routes/annuaire";
import type { SearchDocument } from "../../search/engine";
import { postgresEngine } from "../../search/postgres";
import { getRequest, run } from "../support/http";

// Past a thousand matches the engine estimates its total: the directory offers only the pages it can fill.
beforeAll(async () => {
  const documents: SearchDocument[] = Array.from({ length: 1500 }, (_, i) => ({
    id: `organization:00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    type: "organization",
    refId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    title: `Coopérative Tassaout ${i}`,
    titleAr: null,
    body: i % 3 === 0 ? "miel et huile" : "huile",
    bodyAr: null,
    kind: "cooperative",
    regionCode: String((i % 12) + 1).padStart(2, "0"),
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
    sortName: `cooperative tassaout ${String(i).padStart(4, "0")}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
  }));
  await postgresEngine(db).upsert(documents);
  // Stored after all of them: the one with the word in its title.
  await postgresEngine(db).upsert([
    { ...documents[0], id: "organization:00000000-0000-4000-8000-999999999999", refId: "00000000-0000-4000-8000-999999999999", title: "Huilerie coopérative d'Imouzzer", body: null, sortName: "zz huilerie" },
  ]);
});

const directory = async (query: string) => (await run(loader, getRequest(`/annuaire${query}`))).data as Awaited<ReturnType<typeof loader>>;

describe("a large result set", () => {
  it("says its total is an estimate and offers the ranked pages only", async () => {
    const all = await directory("?q=tassaout");
    expect(all.totalIsEstimate).toBe(true);
    expect(all.total).toBeGreaterThan(1000);
    expect(all.pages).toBe(50);
    // A filter that brings it under a thousand makes it exact again, facets included.
    const honey = await directory("?q=tassaout+miel");
    expect(honey).toMatchObject({ totalIsEstimate: false, total: 500, pages: 25 });
    expect(honey.regionCounts).toMatchObject({ "01": 125, "04": 125, "07": 125, "10": 125 });
  });

  it("ranks a title match first even when it lies beyond the first thousand matches", async () => {
    const result = await postgresEngine(db).search({ q: "huile" });
    expect(result.totalIsEstimate).toBe(true);
    expect(result.hits[0].title).toBe("Huilerie coopérative d'Imouzzer");
  });
});
