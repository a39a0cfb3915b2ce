import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { favouriteProducts, favouriteShops, organizations, products, productVariants } from "../../../db/schema";
import { NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { loadProductCards } from "./marche.server";

// A signed-in person's favourite products and cooperatives. Each call names the person from the session:
// nobody reads or changes another's list. Setting (rather than toggling) makes a resent form harmless.

/** Marks or unmarks a product; only a product the public can see may be added, any may be removed. */
export async function setFavouriteProduct(opts: { db: DbOrTx; userId: string; productId: string; on: boolean }) {
  const { db, userId, productId, on } = opts;
  if (!isUuid(productId)) throw new NotFoundError();
  if (!on) {
    await db.delete(favouriteProducts).where(and(eq(favouriteProducts.userId, userId), eq(favouriteProducts.productId, productId)));
    return;
  }
  const [listed] = await db
    .select({ id: products.id })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .innerJoin(productVariants, eq(productVariants.productId, products.id))
    .where(and(eq(products.id, productId), eq(products.status, "published"), eq(organizations.verificationStatus, "verified")))
    .limit(1);
  if (!listed) throw new NotFoundError();
  await db.insert(favouriteProducts).values({ userId, productId }).onConflictDoNothing();
}

/** Marks or unmarks a cooperative's shop; only a verified cooperative may be added. */
export async function setFavouriteShop(opts: { db: DbOrTx; userId: string; organizationId: string; on: boolean }) {
  const { db, userId, organizationId, on } = opts;
  if (!isUuid(organizationId)) throw new NotFoundError();
  if (!on) {
    await db.delete(favouriteShops).where(and(eq(favouriteShops.userId, userId), eq(favouriteShops.organizationId, organizationId)));
    return;
  }
  const [shop] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), eq(organizations.kind, "cooperative"), eq(organizations.verificationStatus, "verified")));
  if (!shop) throw new NotFoundError();
  await db.insert(favouriteShops).values({ userId, organizationId }).onConflictDoNothing();
}

/**
 * The person's favourites, newest first. A product taken off the market since stays listed, marked
 * unavailable, so it can be removed; it no longer links to a page the public cannot open.
 */
export async function listFavourites(db: DbOrTx, userId: string) {
  const [productRows, shops] = await Promise.all([
    db
      .select({ id: favouriteProducts.productId })
      .from(favouriteProducts)
      .where(eq(favouriteProducts.userId, userId))
      .orderBy(desc(favouriteProducts.createdAt))
      .limit(200),
    db
      .select({
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        nameAr: organizations.nameAr,
        regionCode: organizations.regionCode,
        logoKey: organizations.logoKey,
        womenLed: organizations.womenLed,
        open: sql<boolean>`${organizations.verificationStatus} = 'verified'`,
      })
      .from(favouriteShops)
      .innerJoin(organizations, eq(organizations.id, favouriteShops.organizationId))
      .where(eq(favouriteShops.userId, userId))
      .orderBy(desc(favouriteShops.createdAt))
      .limit(200),
  ]);
  return {
    products: await loadProductCards(
      db,
      productRows.map((r) => r.id),
    ),
    shops,
  };
}
