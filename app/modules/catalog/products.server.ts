import { and, count, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { products, productVariants, stockMovements } from "../../../db/schema";
import { indexProducts } from "../../../search/documents.server";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { isUuid, uniqueSlug } from "~/lib/ids.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { loadOrganization } from "../organizations/organizations.server";
import { slugify } from "../organizations/slug";
import { qualitySigns } from "./quality-signs.server";
import type { productSchema, variantSchema } from "./schemas";

/** The cooperative, if the person may manage its catalogue; only cooperatives sell. */
export async function cooperativeFor(db: DbOrTx, actor: Actor, slug: string) {
  const { org, role } = await loadOrganization(db, slug, actor);
  authorize(actor, "org.catalog.manage", { membershipRole: role });
  if (org.kind !== "cooperative") throw new ConflictError("errors.notACooperative");
  return org;
}

/** A product of this cooperative, never another's (404 rather than telling it exists). */
async function ownProduct(db: DbOrTx, organizationId: string, productId: string) {
  if (!isUuid(productId)) throw new NotFoundError();
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.organizationId, organizationId)));
  if (!product) throw new NotFoundError();
  return product;
}

function checkSigns(codes: string[]) {
  const known = new Set(qualitySigns().map((s) => s.code));
  if (codes.some((c) => !known.has(c))) throw new ConflictError("errors.invalidChoice");
}

/** A new product starts as a draft: nothing is sold until it is published. */
export async function createProduct(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; input: z.output<typeof productSchema> }) {
  const { db, actor, input } = opts;
  const org = await cooperativeFor(db, actor, opts.cooperativeSlug);
  checkSigns(input.qualitySigns);
  const [product] = await db
    .insert(products)
    .values({ ...input, organizationId: org.id, slug: await uniqueSlug(db, products.slug, slugify(`${org.name} ${input.titleFr}`)), createdBy: actor?.id ?? null })
    .returning();
  return product;
}

/** A size and price of the product, with its opening stock recorded as a movement. */
export async function addVariant(opts: {
  db: DbOrTx;
  actor: Actor;
  cooperativeSlug: string;
  productId: string;
  input: z.output<typeof variantSchema>;
}) {
  const { db, actor, input } = opts;
  const org = await cooperativeFor(db, actor, opts.cooperativeSlug);
  const product = await ownProduct(db, org.id, opts.productId);
  return db.transaction(async (tx) => {
    const [variant] = await tx
      .insert(productVariants)
      .values({
        productId: product.id,
        unit: input.unit,
        size: input.size,
        priceCentimes: input.price,
        stock: input.stock,
        lot: input.lot,
        bestBefore: input.bestBefore,
      })
      .onConflictDoNothing()
      .returning();
    if (!variant) throw new ConflictError("errors.variantExists");
    if (input.stock > 0) await tx.insert(stockMovements).values({ variantId: variant.id, delta: input.stock, reason: "opening", actorId: actor?.id ?? null });
    // A new size may change a published product's lowest price and stock in the marketplace search.
    await indexProducts(tx, [product.id]);
    return variant;
  });
}

/**
 * Draft → published. Only a cooperative verified by the platform sells, and only what has a price:
 * at least one variant.
 */
export async function publishProduct(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; productId: string }) {
  const { db, actor } = opts;
  const org = await cooperativeFor(db, actor, opts.cooperativeSlug);
  const product = await ownProduct(db, org.id, opts.productId);
  if (org.verificationStatus !== "verified") throw new ConflictError("errors.publishNeedsVerification");
  const [{ n }] = await db.select({ n: count() }).from(productVariants).where(eq(productVariants.productId, product.id));
  if (n === 0) throw new ConflictError("errors.publishNeedsVariant");
  await db.transaction(async (tx) => {
    await tx.update(products).set({ status: "published", publishedAt: product.publishedAt ?? new Date() }).where(eq(products.id, product.id));
    await indexProducts(tx, [product.id]);
  });
}

/** Out of the catalogue, kept for past orders. */
export async function archiveProduct(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; productId: string }) {
  const { db, actor } = opts;
  const org = await cooperativeFor(db, actor, opts.cooperativeSlug);
  const product = await ownProduct(db, org.id, opts.productId);
  await db.transaction(async (tx) => {
    await tx.update(products).set({ status: "archived" }).where(eq(products.id, product.id));
    await indexProducts(tx, [product.id]);
  });
}

/** The cooperative's products for its members, newest first, with their sizes. */
export async function listOwnProducts(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string }) {
  const { db, actor } = opts;
  const org = await cooperativeFor(db, actor, opts.cooperativeSlug);
  const rows = await db
    .select({ id: products.id, titleFr: products.titleFr, titleAr: products.titleAr, category: products.category, status: products.status })
    .from(products)
    .where(eq(products.organizationId, org.id))
    .orderBy(sql`${products.createdAt} desc`);
  return {
    cooperative: { slug: org.slug, name: org.name, nameAr: org.nameAr, verified: org.verificationStatus === "verified" },
    products: rows,
  };
}

/** One of the cooperative's products with its sizes, for its members to edit. */
export async function getOwnProduct(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; productId: string }) {
  const { db, actor } = opts;
  const org = await cooperativeFor(db, actor, opts.cooperativeSlug);
  const product = await ownProduct(db, org.id, opts.productId);
  const variants = await db
    .select()
    .from(productVariants)
    .where(eq(productVariants.productId, product.id))
    .orderBy(productVariants.unit, productVariants.size);
  return {
    cooperative: { slug: org.slug, name: org.name, nameAr: org.nameAr, verified: org.verificationStatus === "verified" },
    product,
    variants,
  };
}
