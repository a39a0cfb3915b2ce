import { sql } from "drizzle-orm";
import { boolean, char, check, index, integer, pgSequence, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { products, productVariants } from "./catalog";
import { createdAt, id, inList, updatedAt } from "./columns";
import { GROUP_PAYMENT_STATUSES, LOCALES, PAYMENT_METHODS, RETURN_STATUSES, VENDOR_ORDER_STATUSES } from "./enums";
import { organizations, regions } from "./organizations";

// A guest's cart is found by the token in its cookie; a signed-in buyer's by user (merged at sign-in).
export const carts = pgTable("carts", {
  id: id(),
  token: text().notNull().unique(),
  userId: uuid()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

// Only the variant and quantity: prices are always read again on the server.
export const cartItems = pgTable(
  "cart_items",
  {
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    addedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cartId, t.variantId] }), check("cart_items_quantity_check", sql`${t.quantity} between 1 and 99`)],
);

// Human order numbers, separate from ids: TW-2026-000123.
export const orderNumberSeq = pgSequence("order_number_seq", { startWith: 1001 });

// One checkout: the buyer, where to deliver, how they pay, the totals over every cooperative's order.
export const orderGroups = pgTable(
  "order_groups",
  {
    id: id(),
    number: text().notNull().unique(),
    buyerUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    buyerName: text().notNull(),
    buyerPhone: text().notNull(),
    buyerEmail: text().notNull(),
    locale: text({ enum: LOCALES }).notNull().default("fr"),
    companyName: text(),
    companyIce: char({ length: 15 }),
    addressLine: text().notNull(),
    city: text().notNull(),
    regionCode: char({ length: 2 })
      .notNull()
      .references(() => regions.code),
    postalCode: text(),
    paymentMethod: text({ enum: PAYMENT_METHODS }).notNull(),
    paymentStatus: text({ enum: GROUP_PAYMENT_STATUSES }).notNull(),
    // Bank transfers quote it; the admin matches the statement line to it.
    paymentReference: text().unique(),
    itemsTotalCentimes: integer().notNull(),
    shippingTotalCentimes: integer().notNull(),
    totalCentimes: integer().notNull(),
    currency: char({ length: 3 }).notNull().default("MAD"),
    // Until then stock is held for a card or a transfer; a job releases it after.
    expiresAt: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("order_groups_method_check", sql`${t.paymentMethod} in (${inList(PAYMENT_METHODS)})`),
    check("order_groups_payment_status_check", sql`${t.paymentStatus} in (${inList(GROUP_PAYMENT_STATUSES)})`),
    check("order_groups_total_check", sql`${t.totalCentimes} = ${t.itemsTotalCentimes} + ${t.shippingTotalCentimes} and ${t.totalCentimes} > 0`),
    index("order_groups_buyer_idx").on(t.buyerUserId, t.createdAt),
    index("order_groups_pending_idx").on(t.paymentStatus, t.expiresAt),
    index("order_groups_created_idx").on(t.createdAt),
  ],
);

// One cooperative's part of a checkout, with its own state, shipping and tracking page.
export const vendorOrders = pgTable(
  "vendor_orders",
  {
    id: id(),
    groupId: uuid()
      .notNull()
      .references(() => orderGroups.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    // The group's number and a letter per cooperative: TW-2026-001001-B.
    number: text().notNull().unique(),
    // The tracking page's secret (/commande/<token>), 32 url-safe characters.
    trackingToken: text().notNull().unique(),
    status: text({ enum: VENDOR_ORDER_STATUSES }).notNull(),
    itemsTotalCentimes: integer().notNull(),
    shippingFeeCentimes: integer().notNull(),
    commissionCentimes: integer().notNull().default(0),
    totalCentimes: integer().notNull(),
    // What the carrier collects at the door (COD), else 0.
    codAmountCentimes: integer().notNull().default(0),
    deliveryDaysMin: integer().notNull(),
    deliveryDaysMax: integer().notNull(),
    carrier: text(),
    trackingNumber: text(),
    statusReason: text(),
    confirmedAt: timestamp({ withTimezone: true }),
    shippedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("vendor_orders_status_check", sql`${t.status} in (${inList(VENDOR_ORDER_STATUSES)})`),
    check("vendor_orders_total_check", sql`${t.totalCentimes} = ${t.itemsTotalCentimes} + ${t.shippingFeeCentimes}`),
    index("vendor_orders_group_idx").on(t.groupId),
    index("vendor_orders_organization_idx").on(t.organizationId, t.status, t.createdAt),
  ],
);

// Price and title snapshots: later edits of the product never change an order.
export const vendorOrderItems = pgTable(
  "vendor_order_items",
  {
    id: id(),
    vendorOrderId: uuid()
      .notNull()
      .references(() => vendorOrders.id, { onDelete: "cascade" }),
    variantId: uuid().references(() => productVariants.id, { onDelete: "set null" }),
    productId: uuid().references(() => products.id, { onDelete: "set null" }),
    titleFr: text().notNull(),
    titleAr: text(),
    unit: text().notNull(),
    size: integer().notNull(),
    unitPriceCentimes: integer().notNull(),
    quantity: integer().notNull(),
    lineTotalCentimes: integer().notNull(),
    perishable: boolean().notNull().default(false),
    returnedQuantity: integer().notNull().default(0),
  },
  (t) => [
    check("vendor_order_items_quantity_check", sql`${t.quantity} between 1 and 99`),
    check("vendor_order_items_line_check", sql`${t.lineTotalCentimes} = ${t.unitPriceCentimes} * ${t.quantity}`),
    check("vendor_order_items_returned_check", sql`${t.returnedQuantity} between 0 and ${t.quantity}`),
    index("vendor_order_items_order_idx").on(t.vendorOrderId),
  ],
);

// Every status change, with who made it and why: the tracking page's timeline and the audit trail.
export const vendorOrderEvents = pgTable(
  "vendor_order_events",
  {
    id: id(),
    vendorOrderId: uuid()
      .notNull()
      .references(() => vendorOrders.id, { onDelete: "cascade" }),
    fromStatus: text({ enum: VENDOR_ORDER_STATUSES }),
    toStatus: text({ enum: VENDOR_ORDER_STATUSES }).notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [index("vendor_order_events_order_idx").on(t.vendorOrderId, t.createdAt)],
);

// A return asked within 7 days of delivery (law 31-08), of some items, accepted or refused with a reason.
export const returnRequests = pgTable(
  "return_requests",
  {
    id: id(),
    vendorOrderId: uuid()
      .notNull()
      .references(() => vendorOrders.id, { onDelete: "cascade" }),
    status: text({ enum: RETURN_STATUSES }).notNull().default("requested"),
    reason: text().notNull(),
    decisionReason: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    refundCentimes: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    check("return_requests_status_check", sql`${t.status} in (${inList(RETURN_STATUSES)})`),
    index("return_requests_order_idx").on(t.vendorOrderId),
  ],
);

export const returnRequestItems = pgTable(
  "return_request_items",
  {
    returnRequestId: uuid()
      .notNull()
      .references(() => returnRequests.id, { onDelete: "cascade" }),
    orderItemId: uuid()
      .notNull()
      .references(() => vendorOrderItems.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.returnRequestId, t.orderItemId] }), check("return_request_items_quantity_check", sql`${t.quantity} >= 1`)],
);
