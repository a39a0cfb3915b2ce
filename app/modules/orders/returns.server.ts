// Returns (law 31-08, art. 36–38): within 7 days of delivery, the buyer sends back some non-perishable
// items from the tracking page; the cooperative accepts (stock back, refund, ledger reversal) or refuses
// with a reason. One open request per order at a time.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  orderGroups,
  organizations,
  returnRequestItems,
  returnRequests,
  vendorOrderEvents,
  vendorOrderItems,
  vendorOrders,
} from "../../../db/schema";
import type { VendorOrderStatus } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { getMembershipRole, loadOrganization } from "../organizations/organizations.server";
import { RETURN_WINDOW_DAYS, type ReturnDecisionInput, type ReturnRequestInput } from "./after-sale-schemas";
import { postReversal } from "./ledger.server";
import { lockOrder, putBackOnShelf } from "./lifecycle.server";
import { orgName } from "./format";
import { absolute, buyerOf, cooperativeMembers, trackingPath } from "./notify.server";
import { requestRefund } from "./refunds.server";

const DAY_MS = 86_400_000;
/** States of an order that reached the buyer (a COD order goes on to "remitted", a prepaid one to "settled"). */
export const DELIVERED_STATES: readonly VendorOrderStatus[] = ["delivered", "remitted", "settled"];

export function returnDeadline(deliveredAt: Date): Date {
  return new Date(deliveredAt.getTime() + RETURN_WINDOW_DAYS * DAY_MS);
}

export const returnsPath = (slug: string) => `/organisations/${slug}/retours`;

/** Why a return cannot be asked now, or null when it can (the page and the module say the same). */
export function returnBlock(
  order: { status: VendorOrderStatus; deliveredAt: Date | null },
  now: Date,
): "notDelivered" | "tooLate" | null {
  if (!order.deliveredAt || !(DELIVERED_STATES as string[]).concat("returned").includes(order.status)) return "notDelivered";
  if (now.getTime() > returnDeadline(order.deliveredAt).getTime()) return "tooLate";
  return null;
}

/**
 * The buyer (who holds the tracking token) asks to return some units. Refused, with nothing written,
 * when the order is not delivered, the 7 days are over, a request is already open, an item is perishable
 * or not of this order, or a quantity exceeds what was bought less what was already returned.
 */
export async function requestReturn(opts: { db: DbOrTx; token: string; input: ReturnRequestInput; now?: Date }) {
  const { db, input } = opts;
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const [found] = await tx.select({ id: vendorOrders.id }).from(vendorOrders).where(eq(vendorOrders.trackingToken, opts.token));
    if (!found) throw new NotFoundError();
    // Locked: two taps on "send" make one request.
    const { order } = await lockOrder(tx, found.id);
    const block = returnBlock(order, now);
    if (block === "notDelivered") throw new ConflictError("reviews.errors.returnNotDelivered");
    if (block === "tooLate") throw new ConflictError("reviews.errors.returnTooLate");
    const [open] = await tx
      .select({ id: returnRequests.id })
      .from(returnRequests)
      .where(and(eq(returnRequests.vendorOrderId, order.id), eq(returnRequests.status, "requested")));
    if (open) throw new ConflictError("reviews.errors.returnOpen");

    const items = await tx.select().from(vendorOrderItems).where(eq(vendorOrderItems.vendorOrderId, order.id));
    const byId = new Map(items.map((i) => [i.id, i]));
    for (const wanted of input.items) {
      const item = byId.get(wanted.orderItemId);
      if (!item) throw new DomainError(400, "reviews.errors.returnItem");
      if (item.perishable) throw new ConflictError("reviews.errors.returnPerishable");
      if (wanted.quantity > item.quantity - item.returnedQuantity) throw new ConflictError("reviews.errors.returnTooMany");
    }

    const [request] = await tx.insert(returnRequests).values({ vendorOrderId: order.id, reason: input.reason }).returning();
    await tx.insert(returnRequestItems).values(input.items.map((i) => ({ returnRequestId: request.id, orderItemId: i.orderItemId, quantity: i.quantity })));
    await notifyReturnRequested(tx, {
      organizationId: order.organizationId,
      number: order.number,
      units: input.items.reduce((n, i) => n + i.quantity, 0),
      reason: input.reason,
    });
    return request;
  });
}

/**
 * A member of the order's cooperative decides. Accepting, in one transaction: the units count as
 * returned, go back in stock (movement "return"), a refund of their value is recorded (tied to the
 * request), the ledger gives that value back, and when every unit of the order has come back the order
 * becomes "returned" and delivery is refunded too. The buyer is told either way.
 */
export async function decideReturn(opts: { db: DbOrTx; actor: Actor; input: ReturnDecisionInput }) {
  const { db, actor, input } = opts;
  if (!isUuid(input.returnRequestId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [ref] = await tx.select({ vendorOrderId: returnRequests.vendorOrderId }).from(returnRequests).where(eq(returnRequests.id, input.returnRequestId));
    if (!ref) throw new NotFoundError();
    // The order first, then the request: the same order of locks as requestReturn.
    const locked = await lockOrder(tx, ref.vendorOrderId);
    const { order } = locked;
    authorize(actor, "org.orders.manage", { membershipRole: await getMembershipRole(tx, order.organizationId, actor?.id) });
    const [request] = await tx.select().from(returnRequests).where(eq(returnRequests.id, input.returnRequestId)).for("update");
    if (request.status !== "requested") throw new ConflictError("reviews.errors.returnDecided");
    const reason = input.reason?.trim() || null;
    const decided = { decisionReason: reason, decidedBy: actor?.id ?? null, decidedAt: new Date() };

    if (input.decision === "refused") {
      if (!reason) throw new ConflictError("reviews.errors.refusalReason");
      await tx.update(returnRequests).set({ status: "refused", ...decided }).where(eq(returnRequests.id, request.id));
      await notifyReturnDecision(tx, { vendorOrderId: order.id, decision: "refused", reason, refundCentimes: 0, orderReturned: false });
      return { status: "refused" as const, refundCentimes: 0, orderReturned: false };
    }

    const lines = await tx
      .select({ quantity: returnRequestItems.quantity, item: vendorOrderItems })
      .from(returnRequestItems)
      .innerJoin(vendorOrderItems, eq(vendorOrderItems.id, returnRequestItems.orderItemId))
      .where(eq(returnRequestItems.returnRequestId, request.id))
      .orderBy(asc(vendorOrderItems.variantId));
    let value = 0;
    for (const { quantity, item } of lines) {
      if (item.returnedQuantity + quantity > item.quantity) throw new ConflictError("reviews.errors.returnTooMany");
      value += item.unitPriceCentimes * quantity;
      await tx
        .update(vendorOrderItems)
        .set({ returnedQuantity: sql`${vendorOrderItems.returnedQuantity} + ${quantity}` })
        .where(eq(vendorOrderItems.id, item.id));
    }
    await putBackOnShelf(
      tx,
      lines.map(({ quantity, item }) => ({ variantId: item.variantId, productId: item.productId, units: quantity })),
      { reason: "return", reference: order.number, actorId: actor?.id ?? null },
    );
    const [left] = await tx
      .select({ units: sql<number>`coalesce(sum(${vendorOrderItems.quantity} - ${vendorOrderItems.returnedQuantity}), 0)::int` })
      .from(vendorOrderItems)
      .where(eq(vendorOrderItems.vendorOrderId, order.id));
    // Everything sent back: the buyer gets all they paid, delivery included (law 31-08, art. 37).
    const shipping = left.units === 0 ? order.shippingFeeCentimes : 0;
    const refund =
      value + shipping > 0
        ? await requestRefund(tx, { vendorOrderId: order.id, amountCentimes: value + shipping, reason: request.reason, actorId: actor?.id ?? null, returnRequestId: request.id })
        : null;
    await postReversal(tx, order, { itemsCentimes: value, shippingCentimes: shipping, refundId: refund?.id ?? null });
    await tx.update(returnRequests).set({ status: "accepted", refundCentimes: value + shipping, ...decided }).where(eq(returnRequests.id, request.id));
    const orderReturned = left.units === 0 && order.status !== "returned";
    if (orderReturned) {
      await tx.update(vendorOrders).set({ status: "returned", statusReason: reason, closedAt: new Date() }).where(eq(vendorOrders.id, order.id));
      await tx.insert(vendorOrderEvents).values({ vendorOrderId: order.id, fromStatus: order.status, toStatus: "returned", actorId: actor?.id ?? null, note: reason });
    }
    await notifyReturnDecision(tx, { vendorOrderId: order.id, decision: "accepted", reason, refundCentimes: value + shipping, orderReturned });
    return { status: "accepted" as const, refundCentimes: value + shipping, orderReturned, refundId: refund?.id ?? null };
  });
}

/** A cooperative's return requests for its page: open ones first (oldest first), then the latest decided. */
export async function listReturns(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string }) {
  const { db, actor } = opts;
  const { org, role } = await loadOrganization(db, opts.cooperativeSlug, actor);
  authorize(actor, "org.orders.manage", { membershipRole: role });
  const rows = await db
    .select({
      id: returnRequests.id,
      status: returnRequests.status,
      reason: returnRequests.reason,
      decisionReason: returnRequests.decisionReason,
      refundCentimes: returnRequests.refundCentimes,
      createdAt: returnRequests.createdAt,
      decidedAt: returnRequests.decidedAt,
      orderNumber: vendorOrders.number,
      orderStatus: vendorOrders.status,
      deliveredAt: vendorOrders.deliveredAt,
      buyerName: orderGroups.buyerName,
      buyerPhone: orderGroups.buyerPhone,
      city: orderGroups.city,
    })
    .from(returnRequests)
    .innerJoin(vendorOrders, eq(vendorOrders.id, returnRequests.vendorOrderId))
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .where(eq(vendorOrders.organizationId, org.id))
    .orderBy(sql`${returnRequests.status} = 'requested' desc`, sql`case when ${returnRequests.status} = 'requested' then ${returnRequests.createdAt} end asc`, desc(returnRequests.createdAt))
    .limit(100);
  const items = rows.length
    ? await db
        .select({
          returnRequestId: returnRequestItems.returnRequestId,
          quantity: returnRequestItems.quantity,
          titleFr: vendorOrderItems.titleFr,
          titleAr: vendorOrderItems.titleAr,
          unit: vendorOrderItems.unit,
          size: vendorOrderItems.size,
          unitPriceCentimes: vendorOrderItems.unitPriceCentimes,
        })
        .from(returnRequestItems)
        .innerJoin(vendorOrderItems, eq(vendorOrderItems.id, returnRequestItems.orderItemId))
        .where(inArray(returnRequestItems.returnRequestId, rows.map((r) => r.id)))
        .orderBy(asc(vendorOrderItems.titleFr))
    : [];
  return {
    cooperative: { id: org.id, slug: org.slug, name: org.name, nameAr: org.nameAr },
    requests: rows.map((r) => {
      const mine = items.filter((i) => i.returnRequestId === r.id);
      return { ...r, items: mine, valueCentimes: mine.reduce((n, i) => n + i.unitPriceCentimes * i.quantity, 0) };
    }),
  };
}

/** The return requests of one order, for its tracking page. */
export async function orderReturns(db: DbOrTx, vendorOrderId: string) {
  const rows = await db
    .select({
      id: returnRequests.id,
      status: returnRequests.status,
      reason: returnRequests.reason,
      decisionReason: returnRequests.decisionReason,
      refundCentimes: returnRequests.refundCentimes,
      createdAt: returnRequests.createdAt,
      decidedAt: returnRequests.decidedAt,
    })
    .from(returnRequests)
    .where(eq(returnRequests.vendorOrderId, vendorOrderId))
    .orderBy(desc(returnRequests.createdAt));
  const items = rows.length
    ? await db
        .select({ returnRequestId: returnRequestItems.returnRequestId, orderItemId: returnRequestItems.orderItemId, quantity: returnRequestItems.quantity })
        .from(returnRequestItems)
        .where(inArray(returnRequestItems.returnRequestId, rows.map((r) => r.id)))
    : [];
  return rows.map((r) => ({ ...r, items: items.filter((i) => i.returnRequestId === r.id).map(({ orderItemId, quantity }) => ({ orderItemId, quantity })) }));
}

async function notifyReturnRequested(tx: DbOrTx, o: { organizationId: string; number: string; units: number; reason: string }) {
  const [org] = await tx.select({ slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.id, o.organizationId));
  for (const m of await cooperativeMembers(tx, o.organizationId)) {
    await queueEmail(tx, {
      to: m.email!,
      locale: m.locale,
      template: "returnRequested",
      props: { cooperative: orgName(org, m.locale), number: o.number, units: o.units, reason: o.reason, url: absolute(returnsPath(org.slug), m.locale) },
    });
  }
}

async function notifyReturnDecision(
  tx: DbOrTx,
  d: { vendorOrderId: string; decision: "accepted" | "refused"; reason: string | null; refundCentimes: number; orderReturned: boolean },
) {
  const row = await buyerOf(tx, d.vendorOrderId);
  await queueEmail(tx, {
    to: row.email,
    locale: row.locale,
    template: "returnDecision",
    props: {
      name: row.name,
      number: row.number,
      cooperative: orgName({ name: row.orgName, nameAr: row.orgNameAr }, row.locale),
      decision: d.decision,
      reason: d.reason,
      refundCentimes: d.refundCentimes,
      method: row.method,
      orderReturned: d.orderReturned,
      url: absolute(trackingPath(row.token), row.locale),
    },
  });
}
