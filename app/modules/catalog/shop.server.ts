import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { shopSettings } from "../../../db/schema";

// A cooperative's terms of sale (db/schema/shop.ts), read by its shop page and by the cart.

export type ShopTerms = {
  shippingFeeCentimes: number;
  freeShippingFromCentimes: number | null;
  deliveryDaysMin: number;
  deliveryDaysMax: number;
  minimumOrderCentimes: number;
  codEnabled: boolean;
  codCapCentimes: number;
};

/** What a cooperative that never set its terms sells under: the table's defaults. */
export const DEFAULT_SHOP_TERMS: ShopTerms = Object.freeze({
  shippingFeeCentimes: 3500,
  freeShippingFromCentimes: null,
  deliveryDaysMin: 2,
  deliveryDaysMax: 5,
  minimumOrderCentimes: 0,
  codEnabled: true,
  codCapCentimes: 500000,
});

/** Each cooperative's terms of sale, defaults filled in for those without a row (one query). */
export async function getShopTermsFor(db: DbOrTx, organizationIds: string[]): Promise<Map<string, ShopTerms>> {
  const out = new Map<string, ShopTerms>(organizationIds.map((id) => [id, { ...DEFAULT_SHOP_TERMS }]));
  if (organizationIds.length === 0) return out;
  const rows = await db.select().from(shopSettings).where(inArray(shopSettings.organizationId, [...new Set(organizationIds)]));
  for (const { organizationId, updatedAt: _updatedAt, ...terms } of rows) out.set(organizationId, terms);
  return out;
}

/** One cooperative's terms of sale, with the defaults when it has none. */
export async function getShopTerms(db: DbOrTx, organizationId: string): Promise<ShopTerms> {
  const [row] = await db.select().from(shopSettings).where(eq(shopSettings.organizationId, organizationId));
  if (!row) return { ...DEFAULT_SHOP_TERMS };
  const { organizationId: _id, updatedAt: _updatedAt, ...terms } = row;
  return terms;
}

/** The shipping a cooperative charges for a subtotal: free from its threshold on. */
export function shippingFor(terms: ShopTerms, subtotalCentimes: number): number {
  if (terms.freeShippingFromCentimes !== null && subtotalCentimes >= terms.freeShippingFromCentimes) return 0;
  return terms.shippingFeeCentimes;
}
