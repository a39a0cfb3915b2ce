// The life of one cooperative's order (decision 012). Browser-safe: the dashboard shows the buttons
// these tables allow, and the server refuses anything else.
import type { PaymentMethod, VendorOrderStatus } from "../../../db/schema/enums";

export type Step = { to: VendorOrderStatus; by: "cooperative" | "platform" | "system" };

/**
 * Cash on delivery: placed → confirmed (by phone or WhatsApp) → shipped (handed to the carrier) →
 * delivered (cash collected) → remitted (the carrier paid the platform) → settled (paid to the cooperative).
 * Prepaid (card, transfer): awaiting_payment → placed (paid) → confirmed → shipped → delivered → settled.
 */
const COD: Partial<Record<VendorOrderStatus, Step[]>> = {
  placed: [
    { to: "confirmed", by: "cooperative" },
    { to: "cancelled", by: "cooperative" },
  ],
  confirmed: [
    { to: "shipped", by: "cooperative" },
    { to: "cancelled", by: "cooperative" },
  ],
  shipped: [
    { to: "delivered", by: "cooperative" },
    { to: "refused", by: "cooperative" },
  ],
  delivered: [{ to: "remitted", by: "platform" }],
  remitted: [{ to: "settled", by: "system" }],
};

const PREPAID: Partial<Record<VendorOrderStatus, Step[]>> = {
  awaiting_payment: [
    { to: "placed", by: "system" },
    { to: "expired", by: "system" },
    { to: "cancelled", by: "platform" },
  ],
  placed: [
    { to: "confirmed", by: "cooperative" },
    { to: "cancelled", by: "cooperative" },
  ],
  confirmed: [
    { to: "shipped", by: "cooperative" },
    { to: "cancelled", by: "cooperative" },
  ],
  shipped: [
    { to: "delivered", by: "cooperative" },
    { to: "refused", by: "cooperative" },
  ],
  delivered: [{ to: "settled", by: "system" }],
};

export function flowFor(method: PaymentMethod) {
  return method === "cod" ? COD : PREPAID;
}

/** The states a cooperative's member may move an order to from `status`. */
export function cooperativeSteps(method: PaymentMethod, status: VendorOrderStatus): VendorOrderStatus[] {
  return (flowFor(method)[status] ?? []).filter((s) => s.by === "cooperative").map((s) => s.to);
}

export function canMove(method: PaymentMethod, from: VendorOrderStatus, to: VendorOrderStatus, by: Step["by"]): boolean {
  // The platform may do what the cooperative may (an operator helping on the phone) and what only it may.
  return (flowFor(method)[from] ?? []).some((s) => s.to === to && (s.by === by || (by === "platform" && s.by === "cooperative")));
}

/** States in which stock goes back on the shelf. */
export const RESTOCKING: readonly VendorOrderStatus[] = ["cancelled", "expired", "refused"];

/** States an admin may still cancel from (with a reason): nothing has left the cooperative yet. */
export const CANCELLABLE: readonly VendorOrderStatus[] = ["awaiting_payment", "placed", "confirmed"];

/** Finished: no further step (settled money, or an order that never went through). */
export const CLOSED: readonly VendorOrderStatus[] = ["settled", "cancelled", "expired", "refused", "returned"];

/** What the buyer's tracking page shows as the road ahead. */
export function milestones(method: PaymentMethod): VendorOrderStatus[] {
  return method === "cod" ? ["placed", "confirmed", "shipped", "delivered"] : ["awaiting_payment", "placed", "confirmed", "shipped", "delivered"];
}
