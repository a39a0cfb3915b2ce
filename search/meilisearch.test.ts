import { MeilisearchApiError, MeilisearchRequestError } from "meilisearch";
import { describe, expect, it } from "vitest";
import type { SearchDocument } from "./engine";
import { fromMeiliId, isUnavailable, searchParams, toMeiliDocument, toMeiliId } from "./meilisearch";
import { synonymMap } from "./meilisearch-synonyms";

// The parts of the Meilisearch engine that need no server; contract.test.ts covers the rest.

describe("Meilisearch engine, without a server", () => {
  it("maps document ids to valid Meilisearch ids and back", () => {
    const id = "organization:5f0c6f53-6b7e-4a43-9a53-1b1c2b7f9e10";
    expect(toMeiliId(id)).toBe("organization-5f0c6f53-6b7e-4a43-9a53-1b1c2b7f9e10");
    expect(toMeiliId(id)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fromMeiliId(toMeiliId(id))).toBe(id);
    expect(fromMeiliId("product-abc")).toBe("product:abc");
    expect(() => fromMeiliId("user-abc")).toThrow();
  });

  it("stores dates as sortable numbers and keeps booleans", () => {
    const createdAt = new Date("2024-01-10T10:00:00Z");
    const doc = { id: "organization:1", womenLed: true, verified: false, createdAt } as SearchDocument;
    expect(toMeiliDocument(doc)).toMatchObject({ id: "organization-1", womenLed: true, verified: false, createdAt: createdAt.getTime() });
  });

  it("sends query words only, every one required, with the filter, facets, sort and page", () => {
    const { q, params, page, perPage } = searchParams({
      q: 'argan" OR -miel "zit l\'argan" region = x',
      filters: { regions: ["09"] },
      facets: ["region", "womenLed"],
      page: 3,
      perPage: 500,
    });
    expect(q).toBe("argan or miel zit l argan region x");
    expect(params).toMatchObject({
      filter: [['type = "organization"'], ['regionCode = "09"']],
      facets: ["regionCode", "womenLed"],
      sort: undefined,
      page: 3,
      hitsPerPage: 100,
      matchingStrategy: "all",
    });
    expect([page, perPage]).toEqual([3, 100]);
    expect(searchParams({ q: "x".repeat(1000) }).q.length).toBeLessThanOrEqual(200);
    expect(searchParams({ q: "🌿 ⵜⵉⵡⵉⵣⵉ" }).q).toBe("ⵜⵉⵡⵉⵣⵉ");
  });

  it("sorts by name without a query, by relevance with one, or as asked", () => {
    expect(searchParams({ q: "" }).params.sort).toEqual(["sortName:asc"]);
    expect(searchParams({ q: "argan" }).params.sort).toBeUndefined();
    expect(searchParams({ q: "argan", sort: "name" }).params.sort).toEqual(["sortName:asc"]);
    expect(searchParams({ q: "argan", sort: "newest" }).params.sort).toEqual(["createdAt:desc"]);
    expect(searchParams({ q: "", type: "product", sort: "price_asc" }).params.sort).toEqual(["priceMin:asc"]);
    expect(searchParams({ q: "argan", type: "product", sort: "price_desc" }).params.sort).toEqual(["priceMin:desc"]);
    expect(searchParams({ q: "", type: "product" }).params.filter).toEqual([['type = "product"']]);
  });

  it("makes each synonym group mutual, across scripts", () => {
    const map = synonymMap();
    expect(map.argan).toEqual(expect.arrayContaining(["argane", "أركان", "zit l'argan"]));
    expect(map["أركان"]).toContain("argan");
    expect(map["zit l'argan"]).toContain("argane");
    expect(map.argan).not.toContain("argan");
    expect(synonymMap([["Miel", "عسل"]])).toEqual({ miel: ["عسل"], عسل: ["miel"] });
  });

  it("tells an unreachable or refusing server from a request it rejects", () => {
    const api = (status: number, code: string) => new MeilisearchApiError(new Response(null, { status }), { code, message: code, type: "x", link: "" } as never);
    expect(isUnavailable(new MeilisearchRequestError("http://127.0.0.1:7700", new Error("ECONNREFUSED")))).toBe(true);
    expect(isUnavailable(api(503, "internal"))).toBe(true);
    expect(isUnavailable(api(403, "invalid_api_key"))).toBe(true);
    expect(isUnavailable(api(404, "index_not_found"))).toBe(true);
    expect(isUnavailable(api(400, "invalid_search_filter"))).toBe(false);
    expect(isUnavailable(new Error("other"))).toBe(false);
  });
});
