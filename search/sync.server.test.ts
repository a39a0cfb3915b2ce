import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../app/lib/env.server";
import { db } from "../db/client";
import { createOrganization } from "../db/factories";
import { organizations } from "../db/schema";
import { indexOrganization } from "./documents.server";
import type { SearchDocument } from "./engine";
import type { MeilisearchEngine } from "./meilisearch";
import { prepareMeilisearch, syncSearchDocuments } from "./sync.server";

// Meilisearch is not needed here: the engine the jobs write to is a stand-in that records calls.
function recordingEngine(count = 0) {
  const calls = { upserted: [] as SearchDocument[], removed: [] as string[], settings: 0 };
  let documents = count;
  const engine: MeilisearchEngine = {
    name: "meilisearch",
    indexName: "stand-in",
    applySettings: async () => void calls.settings++,
    upsert: async (docs) => {
      calls.upserted.push(...docs);
      documents += docs.length;
    },
    remove: async (ids) => void calls.removed.push(...ids),
    search: async () => {
      throw new Error("not used");
    },
    countDocuments: async () => documents,
    rebuild: async () => 0,
  };
  return { engine, calls };
}

const jobs = () =>
  db.execute<{ data: { ids: string[] }; retry_limit: number; retry_backoff: boolean }>(
    sql`select data, retry_limit, retry_backoff from pgboss.job where name = 'search-sync' order by created_on`,
  );

describe("search sync", () => {
  beforeAll(() => {
    process.env.MEILI_URL = "http://127.0.0.1:9";
    resetEnvCache();
  });
  afterAll(() => {
    delete process.env.MEILI_URL;
    resetEnvCache();
  });

  it("enqueues the sync job in the transaction of the change, and not when it rolls back", async () => {
    const org = await createOrganization(db, { name: "Coopérative Tighanimine" });
    await db.transaction(async (tx) => indexOrganization(tx, org.id));
    await db
      .transaction(async (tx) => {
        await indexOrganization(tx, org.id);
        throw new Error("rolled back");
      })
      .catch(() => {});
    const rows = await jobs();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({ data: { ids: [`organization:${org.id}`] }, retry_limit: 12, retry_backoff: true });
  });

  it("enqueues nothing without MEILI_URL", async () => {
    delete process.env.MEILI_URL;
    resetEnvCache();
    const before = (await jobs()).length;
    const org = await createOrganization(db, { name: "Association Amal" });
    await db.transaction(async (tx) => indexOrganization(tx, org.id));
    expect((await jobs()).length).toBe(before);
    process.env.MEILI_URL = "http://127.0.0.1:9";
    resetEnvCache();
  });

  it("copies what search_documents holds now: upserts what exists, removes what is gone", async () => {
    const kept = await createOrganization(db, { name: "Coopérative Aït Baha", regionCode: "09" });
    const gone = await createOrganization(db, { name: "Coopérative disparue" });
    await db.transaction(async (tx) => {
      await indexOrganization(tx, kept.id);
      await indexOrganization(tx, gone.id);
    });
    await db.transaction(async (tx) => {
      await tx.delete(organizations).where(sql`${organizations.id} = ${gone.id}`);
      await indexOrganization(tx, gone.id);
    });

    const { engine, calls } = recordingEngine();
    const ids = (await jobs()).flatMap((j) => j.data.ids);
    await syncSearchDocuments({ db, engine, ids });
    expect(calls.upserted.map((d) => d.refId)).toContain(kept.id);
    expect(calls.upserted.map((d) => d.refId)).not.toContain(gone.id);
    expect(calls.removed).toEqual([`organization:${gone.id}`]);
    const doc = calls.upserted.find((d) => d.refId === kept.id)!;
    expect(doc).toMatchObject({ id: `organization:${kept.id}`, type: "organization", title: "Coopérative Aït Baha", regionCode: "09" });
    expect(doc.createdAt).toBeInstanceOf(Date);
  });

  it("at start, applies settings and fills an empty index, leaving a filled one alone", async () => {
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from search_documents`);
    const empty = recordingEngine(0);
    expect(await prepareMeilisearch({ db, engine: empty.engine })).toEqual({ expected: n, indexed: n, filled: n });
    expect(empty.calls.settings).toBe(1);

    const full = recordingEngine(n);
    expect(await prepareMeilisearch({ db, engine: full.engine })).toEqual({ expected: n, indexed: n, filled: 0 });
    expect(full.calls.upserted).toEqual([]);
  });
});
