import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";
import { IMPORT_ROW_STATUSES, IMPORT_STATUSES, PRODUCT_CATEGORIES, PRODUCT_STATUSES, VARIANT_UNITS } from "./enums";
import { organizations } from "./organizations";

// A cooperative's product. Prices and stock live on its variants (argan oil 250 ml / 1 L).
export const products = pgTable(
  "products",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    slug: text().notNull().unique(),
    titleFr: text().notNull(),
    titleAr: text(),
    descriptionFr: text(),
    descriptionAr: text(),
    category: text({ enum: PRODUCT_CATEGORIES }).notNull(),
    // Codes of db/data/geographical-indications.csv (IGP, AOP, Label Agricole), checked by the module.
    qualitySigns: text().array().notNull().default(sql`'{}'::text[]`),
    organic: boolean().notNull().default(false),
    // Food only: the ONSSA sanitary authorisation of the cooperative's unit.
    onssaNumber: text(),
    // Goods that spoil quickly have no 7-day return (law 31-08, art. 38); copied onto order items.
    perishable: boolean().notNull().default(false),
    status: text({ enum: PRODUCT_STATUSES }).notNull().default("draft"),
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("products_category_check", sql`${t.category} in (${sql.raw(PRODUCT_CATEGORIES.map((c) => `'${c}'`).join(", "))})`),
    check("products_status_check", sql`${t.status} in ('draft', 'published', 'archived')`),
    check("products_title_length", sql`char_length(${t.titleFr}) between 1 and 120`),
    index("products_organization_idx").on(t.organizationId, t.status),
  ],
);

export const productVariants = pgTable(
  "product_variants",
  {
    id: id(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    unit: text({ enum: VARIANT_UNITS }).notNull(),
    // 250 (ml), 1000 (g), 1 (piece): what the buyer gets for the price.
    size: integer().notNull(),
    priceCentimes: integer().notNull(),
    // Never below zero: checkout takes stock with a guarded UPDATE and this is the last line of defence.
    stock: integer().notNull().default(0),
    lot: text(),
    bestBefore: date(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("product_variants_stock_check", sql`${t.stock} >= 0`),
    check("product_variants_price_check", sql`${t.priceCentimes} > 0 and ${t.priceCentimes} <= 100000000`),
    check("product_variants_size_check", sql`${t.size} > 0`),
    check("product_variants_unit_check", sql`${t.unit} in ('g', 'ml', 'piece')`),
    uniqueIndex("product_variants_size_idx").on(t.productId, t.unit, t.size),
  ],
);

// Photos re-encoded by sharp; `key` is the stored original's name, sizes are derived from it.
export const productPhotos = pgTable(
  "product_photos",
  {
    id: id(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    key: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("product_photos_product_idx").on(t.productId, t.position)],
);

// Every change of stock with its reason (edit, sale, cancellation, return), for the cooperative's records.
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: id(),
    variantId: uuid()
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    delta: integer().notNull(),
    reason: text().notNull(),
    reference: text(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("stock_movements_variant_idx").on(t.variantId, t.createdAt)],
);

// A CSV of products a cooperative uploaded: parsed into rows for the preview, then imported by a job.
export const catalogImports = pgTable(
  "catalog_imports",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    fileName: text().notNull(),
    encoding: text().notNull(),
    delimiter: text().notNull(),
    status: text({ enum: IMPORT_STATUSES }).notNull().default("previewed"),
    totalRows: integer().notNull().default(0),
    validRows: integer().notNull().default(0),
    importedRows: integer().notNull().default(0),
    error: text(),
    createdAt: createdAt(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("catalog_imports_organization_idx").on(t.organizationId, t.createdAt)],
);

export const catalogImportRows = pgTable(
  "catalog_import_rows",
  {
    importId: uuid()
      .notNull()
      .references(() => catalogImports.id, { onDelete: "cascade" }),
    rowNumber: integer().notNull(),
    // The cells as read (header → value) and, per column, the message key of what is wrong.
    cells: jsonb().$type<Record<string, string>>().notNull(),
    errors: jsonb().$type<Record<string, string>>().notNull().default({}),
    status: text({ enum: IMPORT_ROW_STATUSES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNumber] })],
);
