import { asc, count, gt, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { searchDocuments } from "../db/schema";
import { enqueue, QUEUES } from "../app/lib/jobs.server";
import type { SearchDocument, SearchEngine } from "./engine";
import type { MeilisearchEngine } from "./meilisearch";

// Keeps Meilisearch in step with `search_documents`, which PostgreSQL writes in the transaction of
// each change and which stays the source of truth.

export type SearchSyncJob = { ids: string[] };

const COLUMNS = {
  id: searchDocuments.id,
  type: searchDocuments.type,
  refId: searchDocuments.refId,
  title: searchDocuments.title,
  titleAr: searchDocuments.titleAr,
  body: searchDocuments.body,
  bodyAr: searchDocuments.bodyAr,
  kind: searchDocuments.kind,
  regionCode: searchDocuments.regionCode,
  themes: searchDocuments.themes,
  sectors: searchDocuments.sectors,
  needs: searchDocuments.needs,
  offers: searchDocuments.offers,
  labels: searchDocuments.labels,
  womenLed: searchDocuments.womenLed,
  verified: searchDocuments.verified,
  organizationId: searchDocuments.organizationId,
  priceMin: searchDocuments.priceMin,
  inStock: searchDocuments.inStock,
  sortName: searchDocuments.sortName,
  createdAt: searchDocuments.createdAt,
};

const toDocument = (row: Omit<SearchDocument, "type"> & { type: string }): SearchDocument => ({
  ...row,
  type: row.type as SearchDocument["type"],
});

/**
 * Asks for these documents to be copied to Meilisearch, inside the caller's transaction: a rolled-back
 * change sends nothing. Twelve retries back off from 15–30 s to 9–17 h, about a day in all, so an
 * outage loses nothing; after a longer one, `npm run search:reindex` rebuilds the index.
 */
export async function enqueueSearchSync(tx: DbOrTx, ids: string[]) {
  if (ids.length === 0) return;
  await enqueue(tx, QUEUES.searchSync, { ids } satisfies SearchSyncJob, { retryLimit: 12, retryDelay: 15, retryBackoff: true });
}

/** Copies the current state of these documents to the engine: upserts those that exist, removes the rest. */
export async function syncSearchDocuments({ db, engine, ids }: { db: DbOrTx; engine: SearchEngine; ids: string[] }) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await db.select(COLUMNS).from(searchDocuments).where(inArray(searchDocuments.id, unique));
  const found = new Set(rows.map((r) => r.id));
  await engine.upsert(rows.map(toDocument));
  await engine.remove(unique.filter((id) => !found.has(id)));
}

/** Every search document, a batch at a time in id order (for rebuilding an engine). */
export async function* searchDocumentBatches(db: DbOrTx, size = 1000): AsyncGenerator<SearchDocument[]> {
  let after = "";
  for (;;) {
    const rows = await db.select(COLUMNS).from(searchDocuments).where(gt(searchDocuments.id, after)).orderBy(asc(searchDocuments.id)).limit(size);
    if (rows.length === 0) return;
    yield rows.map(toDocument);
    after = rows[rows.length - 1].id;
  }
}

/**
 * At server start: applies the engine's settings, fills the index when it is empty (a new
 * Meilisearch, or documents written in bulk by the seed), and reports whether it holds as many
 * documents as PostgreSQL.
 */
export async function prepareMeilisearch({ db, engine }: { db: DbOrTx; engine: MeilisearchEngine }) {
  await engine.applySettings();
  const [{ n: expected }] = await db.select({ n: count() }).from(searchDocuments);
  let indexed = await engine.countDocuments();
  let filled = 0;
  if (indexed === 0 && expected > 0) {
    for await (const batch of searchDocumentBatches(db)) {
      await engine.upsert(batch);
      filled += batch.length;
    }
    indexed = await engine.countDocuments();
  }
  return { expected, indexed, filled };
}
