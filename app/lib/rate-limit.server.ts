import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { RateLimitedError } from "./errors.server";

export type Limit = { key: string; max: number; windowSeconds: number };

/**
 * Counts one hit against each limit in PostgreSQL (shared by every app process) and throws
 * RateLimitedError with the wait time when any is exceeded. Fixed windows: simple and enough here.
 */
export async function hit(db: DbOrTx, limits: Limit[]): Promise<void> {
  let retryAfter = 0;
  for (const limit of limits) {
    const rows = await db.execute<{ count: number; retry: number }>(sql`
      insert into rate_limits (key, count, reset_at)
      values (${limit.key}, 1, now() + make_interval(secs => ${limit.windowSeconds}))
      on conflict (key) do update set
        count = case when rate_limits.reset_at <= now() then 1 else rate_limits.count + 1 end,
        reset_at = case when rate_limits.reset_at <= now() then excluded.reset_at else rate_limits.reset_at end
      returning count, ceil(extract(epoch from reset_at - now()))::int as retry`);
    const row = rows[0];
    if (row && row.count > limit.max) retryAfter = Math.max(retryAfter, Math.max(1, row.retry));
  }
  if (retryAfter > 0) throw new RateLimitedError(retryAfter);
}

/** Throws RateLimitedError when a limit is already used up, without counting this request. */
export async function assertNotLimited(db: DbOrTx, limits: Limit[]): Promise<void> {
  const rows = await db.execute<{ key: string; count: number; retry: number }>(sql`
    select key, count, ceil(extract(epoch from reset_at - now()))::int as retry
    from rate_limits where key in ${sql`(${sql.join(limits.map((l) => sql`${l.key}`), sql`, `)})`} and reset_at > now()`);
  let retryAfter = 0;
  for (const row of rows) {
    const limit = limits.find((l) => l.key === row.key);
    if (limit && row.count >= limit.max) retryAfter = Math.max(retryAfter, Math.max(1, row.retry));
  }
  if (retryAfter > 0) throw new RateLimitedError(retryAfter);
}

/** Drops windows that have ended (an hourly job), so the table stays small. */
export async function purgeExpiredLimits(db: DbOrTx) {
  await db.execute(sql`delete from rate_limits where reset_at <= now()`);
}

