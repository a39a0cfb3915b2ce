import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { products } from "./catalog";
import { createdAt, id, updatedAt } from "./columns";
import { REVIEW_STATUSES } from "./enums";
import { organizations } from "./organizations";
import { vendorOrders } from "./orders";

// A cooperative's terms of sale, shown in the cart: one flat shipping fee (free above a threshold),
// a delivery time, a minimum order, and the cash-on-delivery cap. A cooperative without a row gets the
// defaults below.
export const shopSettings = pgTable(
  "shop_settings",
  {
    organizationId: uuid()
      .primaryKey()
      .references(() => organizations.id, { onDelete: "cascade" }),
    shippingFeeCentimes: integer().notNull().default(3500),
    freeShippingFromCentimes: integer(),
    deliveryDaysMin: smallint().notNull().default(2),
    deliveryDaysMax: smallint().notNull().default(5),
    minimumOrderCentimes: integer().notNull().default(0),
    codEnabled: boolean().notNull().default(true),
    // Carriers cap what they collect in cash (Amana, Aramex: 10,000 MAD); ours defaults lower.
    codCapCentimes: integer().notNull().default(500000),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("shop_settings_fee_check", sql`${t.shippingFeeCentimes} between 0 and 100000`),
    check("shop_settings_days_check", sql`${t.deliveryDaysMin} between 0 and 60 and ${t.deliveryDaysMax} between ${t.deliveryDaysMin} and 60`),
    check("shop_settings_minimum_check", sql`${t.minimumOrderCentimes} between 0 and 10000000`),
    check("shop_settings_cod_cap_check", sql`${t.codCapCentimes} between 0 and 10000000`),
  ],
);

// Verified-purchase reviews: one per product of a delivered cooperative order, one reply by the cooperative.
export const reviews = pgTable(
  "reviews",
  {
    id: id(),
    vendorOrderId: uuid()
      .notNull()
      .references(() => vendorOrders.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    rating: smallint().notNull(),
    body: text(),
    authorName: text().notNull(),
    status: text({ enum: REVIEW_STATUSES }).notNull().default("published"),
    reply: text(),
    repliedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("reviews_rating_check", sql`${t.rating} between 1 and 5`),
    check("reviews_status_check", sql`${t.status} in ('published', 'hidden')`),
    uniqueIndex("reviews_order_product_idx").on(t.vendorOrderId, t.productId),
    index("reviews_product_idx").on(t.productId, t.status, t.createdAt),
    index("reviews_organization_idx").on(t.organizationId, t.status, t.createdAt),
  ],
);

export const favouriteProducts = pgTable(
  "favourite_products",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.productId] })],
);

export const favouriteShops = pgTable(
  "favourite_shops",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organizationId] })],
);
