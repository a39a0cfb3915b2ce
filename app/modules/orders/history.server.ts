// A signed-in buyer's orders: their checkouts, newest first, each with its cooperatives' orders and
// the links to their tracking pages. Only checkouts made while signed in carry the buyer's id.
import { asc, count, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { orderGroups, organizations, vendorOrders } from "../../../db/schema";

export const GROUPS_PER_PAGE = 10;

export async function orderHistory(opts: { db: DbOrTx; userId: string; page?: number }) {
  const { db, userId } = opts;
  const page = Number.isInteger(opts.page) && opts.page! >= 1 ? Math.min(opts.page!, 10_000) : 1;
  const [groups, [{ total }]] = await Promise.all([
    db
      .select({
        id: orderGroups.id,
        number: orderGroups.number,
        createdAt: orderGroups.createdAt,
        totalCentimes: orderGroups.totalCentimes,
        paymentMethod: orderGroups.paymentMethod,
        paymentStatus: orderGroups.paymentStatus,
      })
      .from(orderGroups)
      .where(eq(orderGroups.buyerUserId, userId))
      .orderBy(desc(orderGroups.createdAt), desc(orderGroups.id))
      .limit(GROUPS_PER_PAGE)
      .offset((page - 1) * GROUPS_PER_PAGE),
    db.select({ total: count() }).from(orderGroups).where(eq(orderGroups.buyerUserId, userId)),
  ]);
  // One query for every cooperative order of the page's checkouts, never one per checkout.
  const orders = groups.length
    ? await db
        .select({
          groupId: vendorOrders.groupId,
          number: vendorOrders.number,
          token: vendorOrders.trackingToken,
          status: vendorOrders.status,
          totalCentimes: vendorOrders.totalCentimes,
          deliveredAt: vendorOrders.deliveredAt,
          name: organizations.name,
          nameAr: organizations.nameAr,
        })
        .from(vendorOrders)
        .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
        .where(inArray(vendorOrders.groupId, groups.map((g) => g.id)))
        .orderBy(asc(vendorOrders.number))
    : [];
  return {
    groups: groups.map((g) => ({ ...g, orders: orders.filter((o) => o.groupId === g.id).map(({ groupId: _, ...o }) => o) })),
    page,
    pageCount: Math.max(1, Math.ceil(total / GROUPS_PER_PAGE)),
    total,
  };
}
