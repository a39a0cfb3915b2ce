import { sql, type SQL } from "drizzle-orm";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A database handle or an open transaction: domain functions accept either. */
export type DbOrTx = Db | Tx;

type Handle = { db: Db; client: postgres.Sql; url: string };
const store = globalThis as unknown as { __tiwiziDb?: Handle };

export function connect(url: string, max = 10): Handle {
  const client = postgres(url, { max, onnotice: () => {}, connection: { TimeZone: "UTC" } });
  return { db: drizzle(client, { schema, casing: "snake_case" }), client, url };
}

/** The process-wide pool, created on first use from DATABASE_URL (set by the server before anything runs). */
export function getHandle(): Handle {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the app through server/index.ts or set it.");
  if (!store.__tiwiziDb || store.__tiwiziDb.url !== url) store.__tiwiziDb = connect(url);
  return store.__tiwiziDb;
}

export async function closeDb() {
  const handle = store.__tiwiziDb;
  store.__tiwiziDb = undefined;
  await handle?.client.end({ timeout: 5 });
}

/** The shared drizzle instance; resolved lazily so importing it never opens a connection. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = getHandle().db as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

/**
 * Values as node-postgres would send them (pg-boss is written for it): undefined → null,
 * plain objects → JSON text.
 */
export function pgValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    return JSON.stringify(v);
  }
  return v;
}

/** Turns pg-style text with $n placeholders into a drizzle SQL, so raw queries (pg-boss) run inside a transaction. */
export function positionalSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    if (i % 2 === 0) chunks.push(sql.raw(part));
    else {
      chunks.push(sql`${pgValue(values[Number(part) - 1])}`);
    }
  });
  return sql.join(chunks);
}
