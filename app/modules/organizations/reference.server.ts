import { asc } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { provinces, regions } from "../../../db/schema";

export type Region = { code: string; iso: string; nameFr: string; nameAr: string };
export type Province = { code: string; regionCode: string; nameFr: string; nameAr: string };

let cache: Promise<{ regions: Region[]; provinces: Province[] }> | undefined;

/** The 12 regions and their provinces (reference data loaded by a migration; never changes at run time). */
export function getGeography(db: DbOrTx) {
  cache ??= Promise.all([
    db.select().from(regions).orderBy(asc(regions.code)),
    db.select().from(provinces).orderBy(asc(provinces.nameFr)),
  ]).then(([r, p]) => ({ regions: r, provinces: p }));
  cache.catch(() => (cache = undefined));
  return cache;
}
