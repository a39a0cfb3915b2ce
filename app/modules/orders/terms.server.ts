import { inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { shopSettings } from "../../../db/schema";

export type ShopTerms = {
  shippingFeeCentimes: number;
  freeShippingFromCentimes: number | null;
  deliveryDaysMin: number;
  deliveryDaysMax: number;
  minimumOrderCentimes: number;
  codEnabled: boolean;
  codCapCentimes: number;
};

/** What a cooperative that never set its terms sells under (the table's defaults). */
export const DEFAULT_TERMS: ShopTerms = {
  shippingFeeCentimes: 3500,
  freeShippingFromCentimes: null,
  deliveryDaysMin: 2,
  deliveryDaysMax: 5,
  minimumOrderCentimes: 0,
  codEnabled: true,
  codCapCentimes: 500000,
};

/** Each cooperative's terms of sale, defaults filled in. */
export async function shopTerms(db: DbOrTx, organizationIds: string[]): Promise<Map<string, ShopTerms>> {
  const out = new Map(organizationIds.map((id) => [id, DEFAULT_TERMS]));
  if (organizationIds.length === 0) return out;
  const rows = await db.select().from(shopSettings).where(inArray(shopSettings.organizationId, organizationIds));
  for (const { organizationId, updatedAt: _updatedAt, ...terms } of rows) out.set(organizationId, terms);
  return out;
}

/** The shipping a cooperative charges for a subtotal: free from its threshold on. */
export function shippingFor(terms: ShopTerms, subtotalCentimes: number): number {
  if (terms.freeShippingFromCentimes !== null && subtotalCentimes >= terms.freeShippingFromCentimes) return 0;
  return terms.shippingFeeCentimes;
}
