// Money given back to a buyer for one cooperative's order. The refund is recorded here, in the
// transaction of its cause; paying it back is the provider's part (Stripe: a job calls its API with the
// refund's idempotency key; a transfer or cash: an admin pays it and marks it done).
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { orderGroups, paymentAllocations, paymentAttempts, refunds, vendorOrders } from "../../../db/schema";
import type { RefundState } from "../../../db/schema/enums";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { audit } from "../moderation/audit.server";
import { type Actor, authorize } from "../organizations/authorize.server";

export async function requestRefund(
  tx: DbOrTx,
  opts: { vendorOrderId: string; amountCentimes: number; reason: string; actorId: string | null; returnRequestId?: string | null },
) {
  const [paid] = await tx
    .select({ attemptId: paymentAttempts.id, provider: paymentAttempts.provider, allocated: paymentAllocations.amountCentimes, refunded: paymentAllocations.refundedCentimes })
    .from(paymentAllocations)
    .innerJoin(paymentAttempts, eq(paymentAttempts.id, paymentAllocations.attemptId))
    .where(and(eq(paymentAllocations.vendorOrderId, opts.vendorOrderId), eq(paymentAttempts.state, "succeeded")));
  const [order] = await tx
    .select({ method: orderGroups.paymentMethod })
    .from(vendorOrders)
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .where(eq(vendorOrders.id, opts.vendorOrderId));
  // Cash paid at the door comes back by transfer too: the provider says how the money went in.
  const provider = paid?.provider ?? order.method;
  if (paid) {
    if (paid.refunded + opts.amountCentimes > paid.allocated) throw new ConflictError("orders.errors.refundTooLarge");
    await tx
      .update(paymentAllocations)
      .set({ refundedCentimes: sql`${paymentAllocations.refundedCentimes} + ${opts.amountCentimes}` })
      .where(and(eq(paymentAllocations.attemptId, paid.attemptId), eq(paymentAllocations.vendorOrderId, opts.vendorOrderId)));
  }
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(refunds).where(eq(refunds.vendorOrderId, opts.vendorOrderId));
  const [refund] = await tx
    .insert(refunds)
    .values({
      vendorOrderId: opts.vendorOrderId,
      returnRequestId: opts.returnRequestId ?? null,
      provider,
      amountCentimes: opts.amountCentimes,
      reason: opts.reason,
      idempotencyKey: `refund:${opts.vendorOrderId}:${count.n + 1}`,
      createdBy: opts.actorId,
    })
    .returning();
  return refund;
}

/**
 * Records what the provider said of a refund (Stripe's answer, its webhook, the reconciliation job): only
 * a pending refund moves, so a late or replayed answer never undoes a settled one. The provider's id is
 * kept as soon as it is known, so the refund is never asked for twice.
 */
export async function recordRefundOutcome(tx: DbOrTx, refundId: string, outcome: { providerRef: string | null; state: RefundState }) {
  const [row] = await tx
    .update(refunds)
    .set({ ...(outcome.providerRef ? { providerRef: outcome.providerRef } : {}), state: outcome.state })
    .where(and(eq(refunds.id, refundId), eq(refunds.state, "pending")))
    .returning({ id: refunds.id });
  return Boolean(row);
}

/**
 * An admin paid a refund by hand, by transfer to the buyer: the refunds of cash-on-delivery and transfer
 * orders, and a card refund Stripe could not make. `reference` is the transfer's reference.
 */
export async function markRefundPaid(db: DbOrTx, actor: Actor, refundId: string, reference: string) {
  authorize(actor, "platform.orders");
  if (!isUuid(refundId)) throw new NotFoundError();
  const ref = reference.trim();
  if (ref.length === 0 || ref.length > 120) throw new DomainError(400, "payment.errors.referenceRequired");
  return db.transaction(async (tx) => {
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for("update");
    if (!refund) throw new NotFoundError();
    const byHand = refund.provider === "stripe" ? refund.state === "failed" : refund.state === "pending";
    if (!byHand) throw new ConflictError("payment.errors.refundNotManual");
    const [done] = await tx.update(refunds).set({ state: "succeeded", providerRef: ref }).where(eq(refunds.id, refundId)).returning();
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: "refund.paid",
      targetType: "refund",
      targetId: refundId,
      before: { state: refund.state, providerRef: refund.providerRef },
      after: { state: "succeeded", providerRef: ref },
    });
    return done;
  });
}
