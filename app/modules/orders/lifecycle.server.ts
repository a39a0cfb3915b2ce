// Moving a cooperative's order along its states (states.ts), with what each step brings: stock back on
// the shelf, ledger lines, a refund when money was taken, the buyer's e-mail.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { memberships, orderGroups, stockMovements, vendorOrderEvents, vendorOrderItems, vendorOrders } from "../../../db/schema";
import type { VendorOrderStatus } from "../../../db/schema/enums";
import { indexProducts } from "../../../search/documents.server";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { postReversal, postSale } from "./ledger.server";
import { notifyStatus } from "./notify.server";
import { requestRefund } from "./refunds.server";
import { canMove, RESTOCKING, type Step } from "./states";

export type Locked = Awaited<ReturnType<typeof lockOrder>>;

/**
 * The order and its group, locked for the change (two taps on "shipped" make one change). The group is
 * locked first, as markPaid does, so a payment and a cancellation of the same order take turns and each
 * sees what the other did.
 */
export async function lockOrder(tx: DbOrTx, vendorOrderId: string) {
  if (!isUuid(vendorOrderId)) throw new NotFoundError();
  const [ref] = await tx.select({ groupId: vendorOrders.groupId }).from(vendorOrders).where(eq(vendorOrders.id, vendorOrderId));
  if (!ref) throw new NotFoundError();
  const [group] = await tx
    .select({ method: orderGroups.paymentMethod, paymentStatus: orderGroups.paymentStatus, groupId: orderGroups.id })
    .from(orderGroups)
    .where(eq(orderGroups.id, ref.groupId))
    .for("update");
  const [order] = await tx.select().from(vendorOrders).where(eq(vendorOrders.id, vendorOrderId)).for("update");
  return { order, ...group };
}

/**
 * Puts units back on the shelf, each as a movement, variants in id order. A product that was sold out
 * is written again to the search index, so "in stock" finds it.
 */
export async function putBackOnShelf(
  tx: DbOrTx,
  lines: { variantId: string | null; productId: string | null; units: number }[],
  movement: { reason: string; reference: string; actorId: string | null },
) {
  const back: string[] = [];
  for (const line of [...lines].sort((a, b) => ((a.variantId ?? "") < (b.variantId ?? "") ? -1 : 1))) {
    // A variant deleted since the sale has no shelf to go back to.
    if (!line.variantId || line.units <= 0) continue;
    const [row] = await tx.execute<{ stock: number }>(
      sql`update product_variants set stock = stock + ${line.units}, updated_at = now() where id = ${line.variantId} returning stock`,
    );
    await tx.insert(stockMovements).values({ variantId: line.variantId, delta: line.units, ...movement });
    if (row && Number(row.stock) === line.units && line.productId) back.push(line.productId);
  }
  if (back.length > 0) await indexProducts(tx, back);
}

/** Puts an order's units back in stock (those not already returned). */
export async function restock(tx: DbOrTx, order: { id: string; number: string }, reason: string, actorId: string | null) {
  const items = await tx
    .select({ variantId: vendorOrderItems.variantId, productId: vendorOrderItems.productId, quantity: vendorOrderItems.quantity, returned: vendorOrderItems.returnedQuantity })
    .from(vendorOrderItems)
    .where(eq(vendorOrderItems.vendorOrderId, order.id));
  await putBackOnShelf(
    tx,
    items.map((i) => ({ variantId: i.variantId, productId: i.productId, units: i.quantity - i.returned })),
    { reason, reference: order.number, actorId },
  );
}

const TIMESTAMP: Partial<Record<VendorOrderStatus, "confirmedAt" | "shippedAt" | "deliveredAt" | "closedAt">> = {
  confirmed: "confirmedAt",
  shipped: "shippedAt",
  delivered: "deliveredAt",
  settled: "closedAt",
  cancelled: "closedAt",
  refused: "closedAt",
  expired: "closedAt",
  returned: "closedAt",
};

/**
 * One step, inside the caller's transaction, on a locked order. Refuses a step the order's flow does not
 * allow from where it is (a stale page, a replayed form) with a 409.
 */
export async function applyStep(
  tx: DbOrTx,
  locked: Locked,
  step: { to: VendorOrderStatus; by: Step["by"]; actorId: string | null; reason?: string | null; carrier?: string | null; trackingNumber?: string | null },
) {
  const { order, method } = locked;
  if (!canMove(method, order.status, step.to, step.by)) throw new ConflictError("orders.errors.stepNotAllowed");
  const stamp = TIMESTAMP[step.to];
  await tx
    .update(vendorOrders)
    .set({
      status: step.to,
      statusReason: step.reason ?? null,
      ...(stamp ? { [stamp]: new Date() } : {}),
      ...(step.carrier !== undefined ? { carrier: step.carrier } : {}),
      ...(step.trackingNumber !== undefined ? { trackingNumber: step.trackingNumber } : {}),
    })
    .where(eq(vendorOrders.id, order.id));
  await tx.insert(vendorOrderEvents).values({ vendorOrderId: order.id, fromStatus: order.status, toStatus: step.to, actorId: step.actorId, note: step.reason ?? null });

  if (step.to === "confirmed") await postSale(tx, order);
  if (RESTOCKING.includes(step.to)) {
    await restock(tx, order, step.to, step.actorId);
    await postReversal(tx, order, { itemsCentimes: order.itemsTotalCentimes, shippingCentimes: order.shippingFeeCentimes });
    // Money already taken for this order goes back to the buyer.
    if (locked.paymentStatus === "paid") {
      await requestRefund(tx, { vendorOrderId: order.id, amountCentimes: order.totalCentimes, reason: step.reason ?? step.to, actorId: step.actorId });
    }
  }
  if (step.to !== "settled") await notifyStatus(tx, order.id, step.to, step.reason ?? null);
}

/** A cooperative member moves one of their cooperative's orders (403 for anyone else). */
export async function moveOrder(opts: {
  db: DbOrTx;
  actor: Actor;
  vendorOrderId: string;
  to: VendorOrderStatus;
  reason?: string | null;
  carrier?: string | null;
  trackingNumber?: string | null;
}) {
  const { db, actor } = opts;
  return db.transaction(async (tx) => {
    const locked = await lockOrder(tx, opts.vendorOrderId);
    const [membership] = actor
      ? await tx
          .select({ role: memberships.role })
          .from(memberships)
          .where(and(eq(memberships.organizationId, locked.order.organizationId), eq(memberships.userId, actor.id)))
      : [];
    authorize(actor, "org.orders.manage", { membershipRole: membership?.role ?? null });
    if ((opts.to === "cancelled" || opts.to === "refused") && !opts.reason) throw new ConflictError("orders.errors.reasonRequired");
    await applyStep(tx, locked, { to: opts.to, by: "cooperative", actorId: actor?.id ?? null, reason: opts.reason, carrier: opts.carrier, trackingNumber: opts.trackingNumber });
    return { id: locked.order.id, from: locked.order.status, to: opts.to };
  });
}

/** A platform admin cancels an order that has not left the cooperative yet, with a reason. */
export async function cancelOrderAsAdmin(opts: { db: DbOrTx; actor: Actor; vendorOrderId: string; reason: string }) {
  const { db, actor } = opts;
  authorize(actor, "platform.orders");
  if (!opts.reason.trim()) throw new ConflictError("orders.errors.reasonRequired");
  return db.transaction(async (tx) => {
    const locked = await lockOrder(tx, opts.vendorOrderId);
    await applyStep(tx, locked, { to: "cancelled", by: "platform", actorId: actor?.id ?? null, reason: opts.reason });
  });
}
