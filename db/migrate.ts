import { migrate } from "drizzle-orm/postgres-js/migrator";
import { fileURLToPath } from "node:url";
import { connect } from "./client";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

// Several app processes may start at once: one applies the migrations, the others wait for it.
const MIGRATION_LOCK = 7_274_949;

/** Applies the committed migrations; safe to run on every start (drizzle records what ran). */
export async function runMigrations(url: string) {
  const { db, client } = connect(url, 1);
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(db, { migrationsFolder });
  } finally {
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    await client.end({ timeout: 5 });
  }
}
