// What a buyer sees of an order without signing in: the token in the link is the key.
import { asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { orderGroups, organizations, vendorOrderEvents, vendorOrderItems, vendorOrders } from "../../../db/schema";
import { NotFoundError } from "~/lib/errors.server";
import { transferDetails } from "./payment-methods.server";

const TOKEN = /^[a-z2-7]{32}$/;

export async function getTracking(db: DbOrTx, token: string) {
  if (!TOKEN.test(token)) throw new NotFoundError();
  const [row] = await db
    .select({ order: vendorOrders, group: orderGroups, org: { id: organizations.id, slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr, whatsapp: organizations.whatsapp, whatsappPublic: organizations.whatsappPublic, phone: organizations.phone, phonePublic: organizations.phonePublic } })
    .from(vendorOrders)
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
    .where(eq(vendorOrders.trackingToken, token));
  if (!row) throw new NotFoundError();
  const [items, events, siblings] = await Promise.all([
    db.select().from(vendorOrderItems).where(eq(vendorOrderItems.vendorOrderId, row.order.id)).orderBy(asc(vendorOrderItems.titleFr)),
    db
      .select({ toStatus: vendorOrderEvents.toStatus, note: vendorOrderEvents.note, createdAt: vendorOrderEvents.createdAt })
      .from(vendorOrderEvents)
      .where(eq(vendorOrderEvents.vendorOrderId, row.order.id))
      .orderBy(desc(vendorOrderEvents.createdAt)),
    // The other cooperatives' parcels of the same checkout: the buyer got all their links by e-mail anyway.
    db
      .select({ number: vendorOrders.number, token: vendorOrders.trackingToken, status: vendorOrders.status, name: organizations.name, nameAr: organizations.nameAr })
      .from(vendorOrders)
      .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
      .where(eq(vendorOrders.groupId, row.group.id))
      .orderBy(asc(vendorOrders.number)),
  ]);
  const { group, order, org } = row;
  return {
    order: {
      id: order.id,
      number: order.number,
      status: order.status,
      statusReason: order.statusReason,
      itemsTotalCentimes: order.itemsTotalCentimes,
      shippingFeeCentimes: order.shippingFeeCentimes,
      totalCentimes: order.totalCentimes,
      codAmountCentimes: order.codAmountCentimes,
      deliveryDaysMin: order.deliveryDaysMin,
      deliveryDaysMax: order.deliveryDaysMax,
      carrier: order.carrier,
      trackingNumber: order.trackingNumber,
      createdAt: order.createdAt,
      deliveredAt: order.deliveredAt,
    },
    group: {
      id: group.id,
      number: group.number,
      paymentMethod: group.paymentMethod,
      paymentStatus: group.paymentStatus,
      paymentReference: group.paymentReference,
      expiresAt: group.expiresAt,
      totalCentimes: group.totalCentimes,
      buyerName: group.buyerName,
      buyerUserId: group.buyerUserId,
      city: group.city,
      addressLine: group.addressLine,
    },
    cooperative: {
      slug: org.slug,
      name: org.name,
      nameAr: org.nameAr,
      whatsapp: org.whatsappPublic ? org.whatsapp : null,
      phone: org.phonePublic ? org.phone : null,
    },
    items: items.map((i) => ({
      id: i.id,
      productId: i.productId,
      titleFr: i.titleFr,
      titleAr: i.titleAr,
      unit: i.unit,
      size: i.size,
      unitPriceCentimes: i.unitPriceCentimes,
      quantity: i.quantity,
      lineTotalCentimes: i.lineTotalCentimes,
      perishable: i.perishable,
      returnedQuantity: i.returnedQuantity,
    })),
    events,
    siblings: siblings.filter((s) => s.token !== token),
    // Payment instructions only while this order still waits for them.
    transfer: group.paymentMethod === "bank_transfer" && group.paymentStatus === "awaiting" && order.status === "awaiting_payment" ? transferDetails() : null,
  };
}

export type Tracking = Awaited<ReturnType<typeof getTracking>>;
