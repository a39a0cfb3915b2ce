import type { PaymentMethod } from "../../../db/schema/enums";
import { env } from "~/lib/env.server";

export function stripeConfigured(): boolean {
  const e = env();
  return Boolean(e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET);
}

export function transferConfigured(): boolean {
  return Boolean(env().TRANSFER_RIB);
}

/** How a buyer may pay today: cash on delivery always; a transfer and cards when configured. */
export function availableMethods(): PaymentMethod[] {
  return ["cod", ...(transferConfigured() ? (["bank_transfer"] as const) : []), ...(stripeConfigured() ? (["stripe"] as const) : [])];
}

/** Where a transfer goes, for the buyer's instructions. */
export function transferDetails() {
  const e = env();
  return e.TRANSFER_RIB ? { rib: e.TRANSFER_RIB, holder: e.TRANSFER_HOLDER } : null;
}
