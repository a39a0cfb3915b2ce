import { sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../db/client";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether an id from a URL or a form can be a row's id at all: anything else is simply not found. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** `base`, or `base-2`, `base-3`… : the first slug no row of `column` holds yet. */
export async function uniqueSlug(db: DbOrTx, column: PgColumn, base: string) {
  const taken = new Set(
    (await db.execute<{ slug: string }>(sql`select ${column} as slug from ${column.table} where ${column} = ${base} or ${column} like ${`${base}-%`}`)).map(
      (r) => r.slug,
    ),
  );
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}
