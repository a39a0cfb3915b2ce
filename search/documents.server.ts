import { inArray } from "drizzle-orm";
import { env } from "../app/lib/env.server";
import type { DbOrTx } from "../db/client";
import { organizations } from "../db/schema";
import type { SearchDocument } from "./engine";
import { postgresEngine } from "./postgres";
import { enqueueSearchSync } from "./sync.server";

type OrganizationRow = typeof organizations.$inferSelect;

/** An organisation as the search engines see it: public fields only. */
export function organizationDocument(o: OrganizationRow): SearchDocument {
  return {
    id: `organization:${o.id}`,
    type: "organization",
    refId: o.id,
    title: o.name,
    titleAr: o.nameAr,
    body: [o.city, o.descriptionFr, o.needsText, o.offersText].filter(Boolean).join("\n"),
    bodyAr: o.descriptionAr,
    kind: o.kind,
    regionCode: o.regionCode,
    themes: o.themes,
    sectors: o.sectors,
    needs: o.needs,
    offers: o.offers,
    labels: [],
    womenLed: o.womenLed,
    verified: o.verificationStatus === "verified",
    sortName: o.name.toLowerCase(),
    createdAt: o.createdAt,
  };
}

/** Writes the PostgreSQL documents of some organisations (removing those of deleted ones); returns their ids. */
async function writeOrganizationDocuments(tx: DbOrTx, organizationIds: string[]) {
  const rows = await tx.select().from(organizations).where(inArray(organizations.id, organizationIds));
  const found = new Set(rows.map((r) => r.id));
  const engine = postgresEngine(tx);
  await engine.upsert(rows.map(organizationDocument));
  await engine.remove(organizationIds.filter((id) => !found.has(id)).map((id) => `organization:${id}`));
  return organizationIds.map((id) => `organization:${id}`);
}

/**
 * Rewrites the search documents of some organisations; call it in the transaction that changed them.
 * With Meilisearch on, the same transaction enqueues the job that copies them there.
 */
export async function indexOrganizations(tx: DbOrTx, organizationIds: string[]) {
  if (organizationIds.length === 0) return;
  const ids = await writeOrganizationDocuments(tx, organizationIds);
  if (env().MEILI_URL) await enqueueSearchSync(tx, ids);
}

export async function indexOrganization(tx: DbOrTx, organizationId: string) {
  await indexOrganizations(tx, [organizationId]);
}

/**
 * Rebuilds every organisation's PostgreSQL document (seed, server start, repairs), a batch at a time.
 * It enqueues nothing (it may run before pg-boss is installed): the server fills an empty Meilisearch
 * index at start, and `npm run search:reindex` rebuilds a stale one.
 */
export async function indexAllOrganizations(db: DbOrTx) {
  const ids = (await db.select({ id: organizations.id }).from(organizations)).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) await writeOrganizationDocuments(db, ids.slice(i, i + 500));
  return ids.length;
}
