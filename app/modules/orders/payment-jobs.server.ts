// The payment jobs (decision 013), run by pg-boss from server/index.ts, one at a time across processes
// (singleton queues):
// - expire-orders, every minute: unpaid transfers past their days, and card groups past their hold once
//   Stripe has said they were not paid;
// - reconcile-payments, every 5 minutes: card payments the webhook never told us about, and card refunds
//   to make or to follow at Stripe.
import { and, asc, eq, isNotNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { orderGroups, paymentAttempts, refunds } from "../../../db/schema";
import { paidAttemptOf, settleDueCardGroup } from "./card-payment.server";
import { stripeConfigured } from "./payment-methods.server";
import { dueForExpiry, expireGroup, markPaid } from "./payments.server";
import { recordRefundOutcome } from "./refunds.server";
import { type CardRefund, isRequestRefused, refund as stripeRefund, retrieveRefund, retrieveSession } from "./stripe.server";

/** Leave a fresh session to its webhook for this long before asking Stripe. */
const WEBHOOK_GRACE_MS = 2 * 60_000;

export async function expireDueOrders(db: DbOrTx, now = new Date()) {
  const result = { expired: 0, paid: 0, waiting: 0 };
  for (const group of await dueForExpiry(db, ["bank_transfer"], now)) {
    if (await expireGroup(db, group.id)) result.expired++;
  }
  const cards = await dueForExpiry(db, ["stripe"], now);
  if (cards.length > 0 && !stripeConfigured()) {
    // A session may have been paid: without Stripe to ask, the stock stays held rather than be sold twice.
    console.warn(`stripe: ${cards.length} card order group(s) past their hold, but Stripe is not configured to ask about them`);
    result.waiting += cards.length;
    return result;
  }
  for (const group of cards) result[await settleDueCardGroup(db, group.id, now)]++;
  return result;
}

export async function reconcilePayments(db: DbOrTx, now = new Date()) {
  const result = { paid: 0, refunds: { succeeded: 0, failed: 0, pending: 0 } };
  if (!stripeConfigured()) return result;

  // The lost-webhook case: a session paid at Stripe while the group still waits.
  const open = await db
    .select({ groupId: orderGroups.id, number: orderGroups.number, sessionId: paymentAttempts.providerRef })
    .from(paymentAttempts)
    .innerJoin(orderGroups, eq(orderGroups.id, paymentAttempts.groupId))
    .where(
      and(
        eq(orderGroups.paymentMethod, "stripe"),
        eq(orderGroups.paymentStatus, "awaiting"),
        eq(paymentAttempts.state, "pending"),
        isNotNull(paymentAttempts.providerRef),
        lt(paymentAttempts.updatedAt, new Date(now.getTime() - WEBHOOK_GRACE_MS)),
      ),
    )
    .orderBy(asc(paymentAttempts.updatedAt))
    .limit(200);
  for (const row of open) {
    try {
      const session = await retrieveSession(row.sessionId!);
      if (session.paid && session.groupId === row.groupId) {
        await markPaid(db, { groupId: row.groupId, provider: "stripe", providerRef: session.id, paymentIntent: session.paymentIntent });
        result.paid++;
      }
    } catch (error) {
      console.warn(`stripe: reconciliation of group ${row.number}: ${(error as Error).message}`);
    }
  }

  const pending = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.provider, "stripe"), eq(refunds.state, "pending")))
    .orderBy(asc(refunds.createdAt))
    .limit(100);
  for (const r of pending) result.refunds[await processCardRefund(db, r)]++;
  return result;
}

/**
 * Makes or follows one card refund at Stripe. Asked once with the refund's own idempotency key (a retry
 * after a lost answer gets the same refund back); once Stripe's id is stored, only followed. Cash and
 * transfer refunds are not touched here: an admin pays them and records it (markRefundPaid).
 */
export async function processCardRefund(db: DbOrTx, r: typeof refunds.$inferSelect): Promise<CardRefund["status"]> {
  try {
    let outcome: CardRefund;
    if (r.providerRef) {
      outcome = await retrieveRefund(r.providerRef);
    } else {
      const paid = await paidAttemptOf(db, r.vendorOrderId);
      let paymentIntent = paid?.paymentIntent ?? null;
      if (!paymentIntent && paid?.providerRef) {
        paymentIntent = (await retrieveSession(paid.providerRef)).paymentIntent;
        if (paymentIntent) await db.update(paymentAttempts).set({ paymentIntent }).where(eq(paymentAttempts.id, paid.id));
      }
      if (!paymentIntent) {
        console.warn(`stripe: refund ${r.id} has no card payment to refund; left for an admin`);
        await recordRefundOutcome(db, r.id, { providerRef: null, state: "failed" });
        return "failed";
      }
      try {
        outcome = await stripeRefund({
          paymentIntent,
          amount: r.amountCentimes,
          idempotencyKey: r.idempotencyKey,
          metadata: { refund_id: r.id, vendor_order_id: r.vendorOrderId },
        });
      } catch (error) {
        if (!isRequestRefused(error)) throw error;
        // Stripe will not make it (already refunded, a disputed charge…): an admin pays it by transfer.
        console.warn(`stripe: refund ${r.id} refused: ${(error as Error).message}`);
        await recordRefundOutcome(db, r.id, { providerRef: null, state: "failed" });
        return "failed";
      }
    }
    await recordRefundOutcome(db, r.id, { providerRef: outcome.id, state: outcome.status });
    return outcome.status;
  } catch (error) {
    console.warn(`stripe: refund ${r.id} not made yet: ${(error as Error).message}`);
    return "pending";
  }
}
