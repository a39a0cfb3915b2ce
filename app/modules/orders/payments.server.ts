// Payments of order groups (decision 012): one markPaid that every path calls (webhook, return page,
// reconciliation, an admin recording a transfer), safe to call twice; and the expiry of unpaid groups.
import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { orderGroups, paymentAttempts, paymentEvents, stockMovements, vendorOrderItems, vendorOrders } from "../../../db/schema";
import type { PaymentMethod } from "../../../db/schema/enums";
import { indexProducts } from "../../../search/documents.server";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { applyStep, lockOrder } from "./lifecycle.server";
import { notifyOrdersPaid } from "./notify.server";
import { requestRefund } from "./refunds.server";

export type ProviderEvent = { provider: string; eventId: string; type: string; payload?: unknown };

/**
 * Claims a provider's event inside the transaction that acts on it: false when it was already claimed
 * (a replay, or a second delivery racing the first), and then nothing must change.
 */
export async function claimEvent(tx: DbOrTx, event: ProviderEvent, groupId: string | null): Promise<boolean> {
  const claimed = await tx
    .insert(paymentEvents)
    .values({ provider: event.provider, eventId: event.eventId, type: event.type, groupId, payload: event.payload ?? null })
    .onConflictDoNothing()
    .returning({ eventId: paymentEvents.eventId });
  return claimed.length === 1;
}

export type MarkPaidResult = "paid" | "already-paid" | "replayed" | "late-refunded";

/**
 * Records that an order group is paid. Locks the group, so a webhook and the return page arriving together
 * make one payment; a claimed event makes a replay change nothing. A payment that lands after the group
 * expired takes the stock again if it is still there, else every cooperative's part is refunded.
 */
export async function markPaid(
  db: DbOrTx,
  opts: { groupId: string; provider: PaymentMethod; providerRef: string; paymentIntent?: string | null; event?: ProviderEvent; actorId?: string | null },
): Promise<MarkPaidResult> {
  return db.transaction(async (tx) => {
    const [group] = await tx.select().from(orderGroups).where(eq(orderGroups.id, opts.groupId)).for("update");
    if (!group) throw new NotFoundError();
    if (opts.event && !(await claimEvent(tx, opts.event, group.id))) return "replayed";
    // Paid once already (or refunded in full because it came too late): never a second time.
    if (group.paymentStatus === "paid" || group.paidAt) return "already-paid";
    if (group.paymentMethod !== opts.provider) throw new ConflictError("orders.errors.paymentMismatch");
    if (group.paymentStatus === "cancelled" || group.paymentStatus === "due_on_delivery") throw new ConflictError("orders.errors.paymentMismatch");

    // The attempt this payment answers: the one that made the session (card), else the one still
    // pending (a transfer), else the first. A card checkout may have more than one (decision 013).
    const [attempt] = await tx
      .select({ id: paymentAttempts.id })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.groupId, group.id))
      .orderBy(
        sql`(${paymentAttempts.providerRef} is not distinct from ${opts.providerRef}) desc`,
        sql`(${paymentAttempts.state} = 'pending') desc`,
        asc(paymentAttempts.createdAt),
      )
      .limit(1);
    await tx
      .update(paymentAttempts)
      .set({ state: "succeeded", providerRef: opts.providerRef, paymentIntent: opts.paymentIntent ?? null })
      .where(eq(paymentAttempts.id, attempt.id));

    const revived = group.paymentStatus === "expired" ? await retakeStock(tx, group.id) : true;
    await tx
      .update(orderGroups)
      .set({ paymentStatus: revived ? "paid" : "expired", paidAt: new Date() })
      .where(eq(orderGroups.id, group.id));
    const orders = await tx.select({ id: vendorOrders.id }).from(vendorOrders).where(eq(vendorOrders.groupId, group.id)).orderBy(asc(vendorOrders.id));
    if (!revived) {
      for (const o of orders) {
        const locked = await lockOrder(tx, o.id);
        await requestRefund(tx, { vendorOrderId: o.id, amountCentimes: locked.order.totalCentimes, reason: "expired", actorId: null });
      }
      return "late-refunded";
    }
    for (const o of orders) {
      const locked = await lockOrder(tx, o.id);
      // Cancelled by an admin while the buyer was paying: its part of the money goes back.
      if (locked.order.status === "cancelled") {
        await requestRefund(tx, { vendorOrderId: o.id, amountCentimes: locked.order.totalCentimes, reason: "cancelled", actorId: null });
        continue;
      }
      if (locked.order.status === "expired") {
        await tx.update(vendorOrders).set({ status: "awaiting_payment", closedAt: null }).where(eq(vendorOrders.id, o.id));
        locked.order.status = "awaiting_payment";
      }
      await applyStep(tx, { ...locked, paymentStatus: "paid" }, { to: "placed", by: "system", actorId: opts.actorId ?? null });
    }
    await notifyOrdersPaid(tx, group.id);
    return "paid";
  });
}

/** After expiry released the stock: takes it again, all or nothing (variants in id order). */
async function retakeStock(tx: DbOrTx, groupId: string): Promise<boolean> {
  const items = await tx
    .select({ variantId: vendorOrderItems.variantId, productId: vendorOrderItems.productId, quantity: vendorOrderItems.quantity, number: vendorOrders.number })
    .from(vendorOrderItems)
    .innerJoin(vendorOrders, eq(vendorOrders.id, vendorOrderItems.vendorOrderId))
    .where(and(eq(vendorOrders.groupId, groupId), eq(vendorOrders.status, "expired")))
    .orderBy(asc(vendorOrderItems.variantId));
  await tx.execute(sql`savepoint retake`);
  const soldOut: string[] = [];
  for (const item of items) {
    // Only while the product is still for sale, like at checkout.
    const taken = item.variantId
      ? await tx.execute<{ stock: number }>(sql`
          update product_variants v set stock = v.stock - ${item.quantity}, updated_at = now()
          from products p, organizations o
          where v.id = ${item.variantId} and v.stock >= ${item.quantity}
            and p.id = v.product_id and p.status = 'published'
            and o.id = p.organization_id and o.verification_status = 'verified'
          returning v.stock`)
      : [];
    if (taken.length === 0) {
      await tx.execute(sql`rollback to savepoint retake`);
      return false;
    }
    await tx.insert(stockMovements).values({ variantId: item.variantId!, delta: -item.quantity, reason: "sale", reference: item.number });
    if (Number(taken[0].stock) === 0 && item.productId) soldOut.push(item.productId);
  }
  if (soldOut.length > 0) await indexProducts(tx, soldOut);
  return true;
}

/** An admin records a bank transfer received for a group (by the reference the buyer quoted). */
export async function recordTransfer(opts: { db: DbOrTx; actor: Actor; groupId: string; bankReference: string }) {
  authorize(opts.actor, "platform.orders");
  if (!isUuid(opts.groupId)) throw new NotFoundError();
  return markPaid(opts.db, { groupId: opts.groupId, provider: "bank_transfer", providerRef: opts.bankReference, actorId: opts.actor?.id ?? null });
}

/**
 * Gives up an unpaid group once its hold ran out: each cooperative's order expires (its stock goes back),
 * the attempt too. Does nothing if it was paid meanwhile. With `event` (Stripe's checkout.session.expired),
 * the event is claimed in the same transaction, so a replay changes nothing; with `providerRef`, only the
 * group's live session expiring counts (not an older session of a failed attempt).
 */
export async function expireGroup(db: DbOrTx, groupId: string, opts: { event?: ProviderEvent; providerRef?: string } = {}): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [group] = await tx.select().from(orderGroups).where(eq(orderGroups.id, groupId)).for("update");
    if (!group) return false;
    if (opts.event && !(await claimEvent(tx, opts.event, group.id))) return false;
    if (group.paymentStatus !== "awaiting") return false;
    if (opts.providerRef) {
      const [live] = await tx
        .select({ id: paymentAttempts.id })
        .from(paymentAttempts)
        .where(and(eq(paymentAttempts.groupId, groupId), eq(paymentAttempts.state, "pending"), eq(paymentAttempts.providerRef, opts.providerRef)));
      if (!live) return false;
    }
    const orders = await tx.select({ id: vendorOrders.id }).from(vendorOrders).where(eq(vendorOrders.groupId, groupId)).orderBy(asc(vendorOrders.id));
    for (const o of orders) {
      const locked = await lockOrder(tx, o.id);
      if (locked.order.status === "awaiting_payment") await applyStep(tx, locked, { to: "expired", by: "system", actorId: null });
    }
    await tx.update(paymentAttempts).set({ state: "expired" }).where(and(eq(paymentAttempts.groupId, groupId), eq(paymentAttempts.state, "pending")));
    await tx.update(orderGroups).set({ paymentStatus: "expired" }).where(eq(orderGroups.id, groupId));
    return true;
  });
}

/** The groups whose hold ran out, of the given methods (card groups are first asked of Stripe: see the reconciliation job). */
export async function dueForExpiry(db: DbOrTx, methods: PaymentMethod[], now = new Date(), limit = 100) {
  const rows = await db
    .select({ id: orderGroups.id, method: orderGroups.paymentMethod })
    .from(orderGroups)
    .where(and(eq(orderGroups.paymentStatus, "awaiting"), lt(orderGroups.expiresAt, now), sql`${orderGroups.paymentMethod} in ${methods}`))
    .orderBy(asc(orderGroups.expiresAt))
    .limit(limit);
  return rows;
}
