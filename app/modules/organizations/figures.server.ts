import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";

/** Verified organisations by kind and by region: the home page's figures. */
export async function platformFigures(db: DbOrTx) {
  const [row] = await db.execute<{ cooperative: number; association: number; company: number; network: number; regions: number }>(sql`
    select
      count(*) filter (where kind = 'cooperative')::int as cooperative,
      count(*) filter (where kind = 'association')::int as association,
      count(*) filter (where kind = 'company')::int as company,
      count(*) filter (where kind = 'network')::int as network,
      count(distinct region_code)::int as regions
    from organizations where verification_status = 'verified'`);
  const byRegion = await db.execute<{ region_code: string; n: number }>(sql`
    select region_code, count(*)::int as n from organizations where verification_status = 'verified' group by region_code`);
  return { ...row, byRegion: Object.fromEntries(byRegion.map((r) => [r.region_code, r.n])) as Record<string, number> };
}
