// A cooperative's terms of sale, set by its owners and admins: shipping fee, free shipping from an amount,
// delivery time, minimum order, cash on delivery and its cap. The checkout reads them (terms.server.ts).
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { shopSettings } from "../../../db/schema";
import type { Actor } from "../organizations/authorize.server";
import { authorizeTerms, cooperativeFor } from "./dashboard.server";
import { getShopTerms } from "../catalog/shop.server";

/** Carriers cap what they collect at the door (Amana, Aramex: 10,000 MAD). */
export const COD_CAP_MAX_CENTIMES = 1_000_000;
export const SHIPPING_FEE_MAX_CENTIMES = 100_000;
export const AMOUNT_MAX_CENTIMES = 10_000_000;

/** "35,00", "35.00", "35" or "1 200,50" MAD → integer centimes within bounds; one translated error otherwise. */
function mad(opts: { max: number; maxKey: string; min?: number; minKey?: string }) {
  return z
    .string({ required_error: "errors.required", invalid_type_error: "shop.errors.amount" })
    .trim()
    .min(1, "errors.required")
    .transform((raw, ctx) => {
      const v = raw.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
      const centimes = /^\d{1,9}(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : null;
      const message =
        centimes === null ? "shop.errors.amount" : centimes < (opts.min ?? 0) ? (opts.minKey ?? "shop.errors.amount") : centimes > opts.max ? opts.maxKey : null;
      if (message) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message });
        return z.NEVER;
      }
      return centimes as number;
    });
}

/** A whole number of days from 0 to 60. */
const days = z.string({ required_error: "errors.required" }).transform((raw, ctx) => {
  const v = raw.trim();
  if (!/^\d{1,2}$/.test(v) || Number(v) > 60) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "shop.errors.days" });
    return z.NEVER;
  }
  return Number(v);
});

export const shopTermsSchema = z
  .object({
    shippingFee: mad({ max: SHIPPING_FEE_MAX_CENTIMES, maxKey: "shop.errors.shippingFeeMax" }),
    // Empty: shipping is never free.
    freeShippingFrom: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      mad({ max: AMOUNT_MAX_CENTIMES, maxKey: "shop.errors.amountMax", min: 1, minKey: "shop.errors.amount" }).optional(),
    ),
    deliveryDaysMin: days,
    deliveryDaysMax: days,
    minimumOrder: mad({ max: AMOUNT_MAX_CENTIMES, maxKey: "shop.errors.amountMax" }),
    codEnabled: z
      .string()
      .optional()
      .transform((v) => v === "on"),
    codCap: mad({ max: COD_CAP_MAX_CENTIMES, maxKey: "shop.errors.codCapMax", min: 100, minKey: "shop.errors.codCapMin" }),
  })
  .superRefine((v, ctx) => {
    // Only when both are numbers: a bad one already has its own error.
    if (typeof v.deliveryDaysMin === "number" && typeof v.deliveryDaysMax === "number" && v.deliveryDaysMax < v.deliveryDaysMin) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["deliveryDaysMax"], message: "shop.errors.daysOrder" });
    }
  });
export type ShopTermsInput = z.output<typeof shopTermsSchema>;

/** The terms as they stand (the defaults for a cooperative that never set them), for the form. */
export async function getShopTermsForm(opts: { db: DbOrTx; actor: Actor; slug: string }) {
  const { db, actor } = opts;
  const { org, role } = await cooperativeFor(db, actor, opts.slug, "org.edit");
  authorizeTerms(actor, role);
  const terms = await getShopTerms(db, org.id);
  return { cooperative: { slug: org.slug, name: org.name, nameAr: org.nameAr }, terms };
}

/** Writes the terms (one row per cooperative); the next carts and checkouts use them. */
export async function saveShopTerms(opts: { db: DbOrTx; actor: Actor; slug: string; input: ShopTermsInput }) {
  const { db, actor, input } = opts;
  const { org, role } = await cooperativeFor(db, actor, opts.slug, "org.edit");
  authorizeTerms(actor, role);
  const values = {
    shippingFeeCentimes: input.shippingFee,
    freeShippingFromCentimes: input.freeShippingFrom ?? null,
    deliveryDaysMin: input.deliveryDaysMin,
    deliveryDaysMax: input.deliveryDaysMax,
    minimumOrderCentimes: input.minimumOrder,
    codEnabled: input.codEnabled,
    codCapCentimes: input.codCap,
  };
  await db
    .insert(shopSettings)
    .values({ organizationId: org.id, ...values })
    .onConflictDoUpdate({ target: shopSettings.organizationId, set: { ...values, updatedAt: new Date() } });
}
