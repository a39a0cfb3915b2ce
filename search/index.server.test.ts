import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "../app/lib/env.server";
import { db } from "../db/client";
import { freePort } from "../db/embedded";
import { createOrganization } from "../db/factories";
import { indexAllOrganizations } from "./documents.server";
import { configuredMeilisearch, searchEngine } from "./index.server";

describe("choosing the search engine", () => {
  let org: string;
  beforeAll(async () => {
    org = (await createOrganization(db, { name: "Coopérative Taitmatine", regionCode: "09" })).id;
    await indexAllOrganizations(db);
  });
  afterAll(() => {
    delete process.env.MEILI_URL;
    resetEnvCache();
  });

  it("is PostgreSQL without MEILI_URL", async () => {
    expect(configuredMeilisearch()).toBeNull();
    expect(searchEngine().name).toBe("postgres");
  });

  it("is Meilisearch with MEILI_URL, and answers from PostgreSQL while Meilisearch is unreachable", async () => {
    // A local port where nothing listens: the connection is refused, as when Meilisearch is down.
    process.env.MEILI_URL = `http://127.0.0.1:${await freePort()}`;
    resetEnvCache();
    const engine = searchEngine();
    expect(engine.name).toBe("meilisearch");
    expect(configuredMeilisearch()?.indexName).toBe("tiwizi");

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const first = await engine.search({ q: "taitmatine" });
    expect(first.hits.map((h) => h.refId)).toEqual([org]);
    expect(warn).toHaveBeenCalledTimes(1);
    // Within the fallback window Meilisearch is not asked again.
    expect((await engine.search({ q: "", filters: { regions: ["09"] } })).total).toBe(1);
    expect(warn).toHaveBeenCalledTimes(1);

    // Writes are not redirected: they fail, so the sync job retries.
    await expect(engine.remove(["organization:x"])).rejects.toThrow();
  });
});
