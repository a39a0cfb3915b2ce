// Money given back to a buyer for one cooperative's order. The refund is recorded here, in the
// transaction of its cause; paying it back is the provider's part (Stripe: a job calls its API with the
// refund's idempotency key; a transfer or cash: an admin pays it and marks it done).
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { orderGroups, paymentAllocations, paymentAttempts, refunds, vendorOrders } from "../../../db/schema";
import { ConflictError } from "~/lib/errors.server";

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
