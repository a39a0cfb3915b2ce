// What each cooperative is owed (decision 012): signed, append-only lines per cooperative.
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { ledgerEntries, vendorOrders } from "../../../db/schema";
import type { LedgerKind } from "../../../db/schema/enums";

type OrderMoney = { id: string; organizationId: string; number: string; itemsTotalCentimes: number; shippingFeeCentimes: number; commissionCentimes: number };

async function hasSale(tx: DbOrTx, vendorOrderId: string) {
  const [row] = await tx
    .select({ id: ledgerEntries.id })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.vendorOrderId, vendorOrderId), eq(ledgerEntries.kind, "sale")))
    .limit(1);
  return Boolean(row);
}

/** A firm sale (the cooperative confirmed the order): goods, shipping, less the commission. Once per order. */
export async function postSale(tx: DbOrTx, order: OrderMoney) {
  if (await hasSale(tx, order.id)) return;
  const lines: { kind: LedgerKind; amountCentimes: number }[] = [
    { kind: "sale", amountCentimes: order.itemsTotalCentimes },
    ...(order.shippingFeeCentimes > 0 ? [{ kind: "shipping" as const, amountCentimes: order.shippingFeeCentimes }] : []),
    ...(order.commissionCentimes > 0 ? [{ kind: "commission" as const, amountCentimes: -order.commissionCentimes }] : []),
  ];
  await tx.insert(ledgerEntries).values(lines.map((l) => ({ ...l, organizationId: order.organizationId, vendorOrderId: order.id, memo: order.number })));
}

/**
 * Money going back to the buyer after a sale was posted: the goods (and shipping when the whole order
 * is undone) leave the cooperative's balance, and the platform gives back its commission on those goods.
 */
export async function postReversal(
  tx: DbOrTx,
  order: OrderMoney,
  opts: { itemsCentimes: number; shippingCentimes: number; refundId?: string | null },
) {
  if (!(await hasSale(tx, order.id))) return;
  const commissionBack = order.itemsTotalCentimes > 0 ? Math.round((order.commissionCentimes * opts.itemsCentimes) / order.itemsTotalCentimes) : 0;
  const amount = opts.itemsCentimes + opts.shippingCentimes;
  const lines = [
    ...(amount > 0 ? [{ kind: "refund" as const, amountCentimes: -amount }] : []),
    ...(commissionBack > 0 ? [{ kind: "commission" as const, amountCentimes: commissionBack }] : []),
  ];
  if (lines.length === 0) return;
  await tx
    .insert(ledgerEntries)
    .values(lines.map((l) => ({ ...l, organizationId: order.organizationId, vendorOrderId: order.id, refundId: opts.refundId ?? null, memo: order.number })));
}

/**
 * A cooperative's balance. `available` counts orders whose money the platform holds (prepaid and
 * delivered, or cash remitted by the carrier) and payouts; `pending` the confirmed orders still on the road.
 */
export async function ledgerBalance(db: DbOrTx, organizationId: string) {
  const [row] = await db.execute<{ available: string; pending: string; paid_out: string }>(sql`
    select
      coalesce(sum(e.amount_centimes) filter (where e.vendor_order_id is null
        or (o.status in ('remitted', 'settled', 'returned'))
        or (o.status = 'delivered' and g.payment_method <> 'cod')
        or o.status in ('cancelled', 'refused', 'expired')), 0)::text as available,
      coalesce(sum(e.amount_centimes) filter (where o.status in ('placed', 'confirmed', 'shipped')
        or (o.status = 'delivered' and g.payment_method = 'cod')), 0)::text as pending,
      coalesce(-sum(e.amount_centimes) filter (where e.kind = 'payout'), 0)::text as paid_out
    from ledger_entries e
    left join vendor_orders o on o.id = e.vendor_order_id
    left join order_groups g on g.id = o.group_id
    where e.organization_id = ${organizationId}`);
  return { availableCentimes: Number(row.available), pendingCentimes: Number(row.pending), paidOutCentimes: Number(row.paid_out) };
}

/** The statement: newest lines first, with the order each belongs to. */
export async function ledgerLines(db: DbOrTx, organizationId: string, opts: { limit?: number; offset?: number } = {}) {
  return db
    .select({
      id: ledgerEntries.id,
      kind: ledgerEntries.kind,
      amountCentimes: ledgerEntries.amountCentimes,
      memo: ledgerEntries.memo,
      createdAt: ledgerEntries.createdAt,
      orderNumber: vendorOrders.number,
      orderStatus: vendorOrders.status,
    })
    .from(ledgerEntries)
    .leftJoin(vendorOrders, eq(vendorOrders.id, ledgerEntries.vendorOrderId))
    .where(eq(ledgerEntries.organizationId, organizationId))
    .orderBy(desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    .limit(opts.limit ?? 50)
    .offset(opts.offset ?? 0);
}
