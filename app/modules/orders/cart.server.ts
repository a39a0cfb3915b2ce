import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { cartItems, carts, organizations, productPhotos, products, productVariants } from "../../../db/schema";
import { cookieValue } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { generateToken } from "../accounts/session.server";
import { getShopTermsFor, shippingFor, type ShopTerms } from "../catalog/shop.server";

export const CART_COOKIE = "cart";
const CART_DAYS = 60;
export const MAX_QUANTITY = 99;

/** A cart's cookie: a random token, nothing else; read by the server only. */
export function cartCookie(token: string): string {
  return [
    `${CART_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${CART_DAYS * 24 * 3600}`,
    ...(env().https ? ["Secure"] : []),
  ].join("; ");
}

export function clearCartCookie(): string {
  return `${CART_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${env().https ? "; Secure" : ""}`;
}

export type CartRef = { id: string; token: string };

function readToken(request: Request): string | null {
  const token = cookieValue(request, CART_COOKIE);
  return token && /^[a-z0-9]{20,64}$/.test(token) ? token : null;
}

/**
 * The cart of whoever asks: a signed-in buyer's own (a guest cart in the cookie is merged into it, so
 * signing in never loses what was chosen), else the guest cart of the cookie. Null when there is none
 * yet; `create` makes one.
 */
export async function findCart(db: DbOrTx, request: Request, userId: string | null): Promise<CartRef | null> {
  const token = readToken(request);
  const guest = token ? (await db.select({ id: carts.id, token: carts.token, userId: carts.userId }).from(carts).where(eq(carts.token, token)))[0] : undefined;
  if (!userId) return guest && !guest.userId ? { id: guest.id, token: guest.token } : null;
  const [own] = await db.select({ id: carts.id, token: carts.token }).from(carts).where(eq(carts.userId, userId));
  if (guest && !guest.userId) {
    if (!own) {
      // The guest's cart becomes the buyer's (once, even when two requests of the page race here).
      await db.update(carts).set({ userId }).where(and(eq(carts.id, guest.id), isNull(carts.userId)));
      const [now] = await db.select({ id: carts.id, token: carts.token }).from(carts).where(eq(carts.userId, userId));
      return now ?? null;
    }
    await mergeCarts(db, guest.id, own.id);
  }
  return own ?? null;
}

export async function createCart(db: DbOrTx, userId: string | null): Promise<CartRef> {
  const token = generateToken().toLowerCase();
  const [row] = await db
    .insert(carts)
    .values({ token, userId })
    .onConflictDoUpdate({ target: carts.userId, set: { updatedAt: new Date() } })
    .returning({ id: carts.id, token: carts.token });
  return row;
}

/**
 * Moves a guest cart's lines into the buyer's cart (quantities add up, capped), then drops the guest cart.
 * One statement takes the lines out and puts them in: the root's loader and the page's, running side by
 * side after a sign-in, cannot both move them (the second finds nothing left to take).
 */
export async function mergeCarts(db: DbOrTx, fromId: string, intoId: string) {
  await db.execute(sql`
    with moved as (delete from cart_items where cart_id = ${fromId} returning variant_id, quantity)
    insert into cart_items (cart_id, variant_id, quantity)
    select ${intoId}, variant_id, least(quantity, ${MAX_QUANTITY}) from moved
    on conflict (cart_id, variant_id)
    do update set quantity = least(cart_items.quantity + excluded.quantity, ${MAX_QUANTITY})`);
  await db.delete(carts).where(eq(carts.id, fromId));
}

/** A variant that can be bought now: its product published, its cooperative verified. */
async function buyableVariant(db: DbOrTx, variantId: string) {
  if (!isUuid(variantId)) throw new NotFoundError("cart.errors.unavailable");
  const [row] = await db
    .select({ id: productVariants.id, stock: productVariants.stock })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .where(
      and(
        eq(productVariants.id, variantId),
        eq(products.status, "published"),
        eq(organizations.verificationStatus, "verified"),
        eq(organizations.kind, "cooperative"),
      ),
    );
  if (!row) throw new NotFoundError("cart.errors.unavailable");
  return row;
}

/** Adds units of a variant; never more than its stock or 99 in all. */
export async function addToCart(db: DbOrTx, cart: CartRef, variantId: string, quantity: number) {
  const variant = await buyableVariant(db, variantId);
  const [line] = await db
    .select({ quantity: cartItems.quantity })
    .from(cartItems)
    .where(and(eq(cartItems.cartId, cart.id), eq(cartItems.variantId, variantId)));
  const wanted = (line?.quantity ?? 0) + quantity;
  if (variant.stock === 0) throw new ConflictError("cart.errors.outOfStock");
  if (wanted > Math.min(variant.stock, MAX_QUANTITY)) throw new ConflictError("cart.errors.notEnoughStock");
  await db
    .insert(cartItems)
    .values({ cartId: cart.id, variantId, quantity: wanted })
    .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.variantId], set: { quantity: wanted } });
}

/** Sets a line's quantity (0 removes it). */
export async function setCartQuantity(db: DbOrTx, cart: CartRef, variantId: string, quantity: number) {
  if (quantity === 0) return removeFromCart(db, cart, variantId);
  const variant = await buyableVariant(db, variantId);
  if (quantity > Math.min(variant.stock, MAX_QUANTITY)) throw new ConflictError("cart.errors.notEnoughStock");
  const updated = await db
    .update(cartItems)
    .set({ quantity })
    .where(and(eq(cartItems.cartId, cart.id), eq(cartItems.variantId, variantId)))
    .returning({ variantId: cartItems.variantId });
  if (updated.length === 0) throw new NotFoundError("cart.errors.unavailable");
}

export async function removeFromCart(db: DbOrTx, cart: CartRef, variantId: string) {
  if (!isUuid(variantId)) return;
  await db.delete(cartItems).where(and(eq(cartItems.cartId, cart.id), eq(cartItems.variantId, variantId)));
}

export type CartLine = {
  variantId: string;
  productId: string;
  productSlug: string;
  titleFr: string;
  titleAr: string | null;
  unit: string;
  size: number;
  unitPriceCentimes: number;
  quantity: number;
  lineTotalCentimes: number;
  stock: number;
  perishable: boolean;
  photoKey: string | null;
  /** Why this line cannot be bought as it is, if it cannot. */
  problem: "unavailable" | "outOfStock" | "notEnoughStock" | null;
};

export type CartGroup = {
  organization: { id: string; slug: string; name: string; nameAr: string | null; whatsapp: string | null };
  terms: ShopTerms;
  lines: CartLine[];
  subtotalCentimes: number;
  shippingCentimes: number;
  totalCentimes: number;
  /** What is missing to reach the cooperative's minimum order, or 0. */
  belowMinimumCentimes: number;
};

export type CartView = {
  groups: CartGroup[];
  itemsTotalCentimes: number;
  shippingTotalCentimes: number;
  totalCentimes: number;
  units: number;
  /** Every line buyable and every minimum reached. */
  ready: boolean;
};

/** The cart grouped by cooperative, priced now from the database (never from what a form sent). */
export async function cartView(db: DbOrTx, cartId: string | null): Promise<CartView> {
  const rows = cartId
    ? await db
        .select({
          variantId: productVariants.id,
          productId: products.id,
          productSlug: products.slug,
          titleFr: products.titleFr,
          titleAr: products.titleAr,
          unit: productVariants.unit,
          size: productVariants.size,
          unitPriceCentimes: productVariants.priceCentimes,
          quantity: cartItems.quantity,
          stock: productVariants.stock,
          perishable: products.perishable,
          status: products.status,
          orgId: organizations.id,
          orgSlug: organizations.slug,
          orgName: organizations.name,
          orgNameAr: organizations.nameAr,
          orgWhatsapp: organizations.whatsapp,
          orgKind: organizations.kind,
          orgStatus: organizations.verificationStatus,
          photoKey: sql<string | null>`(select ${productPhotos.key} from ${productPhotos} where ${productPhotos.productId} = ${products.id} order by ${productPhotos.position} limit 1)`,
        })
        .from(cartItems)
        .innerJoin(productVariants, eq(productVariants.id, cartItems.variantId))
        .innerJoin(products, eq(products.id, productVariants.productId))
        .innerJoin(organizations, eq(organizations.id, products.organizationId))
        .where(eq(cartItems.cartId, cartId))
        .orderBy(asc(organizations.name), asc(cartItems.addedAt), asc(productVariants.id))
    : [];
  const terms = await getShopTermsFor(db, rows.map((r) => r.orgId));
  const groups = new Map<string, CartGroup>();
  for (const r of rows) {
    let group = groups.get(r.orgId);
    if (!group) {
      group = {
        organization: { id: r.orgId, slug: r.orgSlug, name: r.orgName, nameAr: r.orgNameAr, whatsapp: r.orgWhatsapp },
        terms: terms.get(r.orgId)!,
        lines: [],
        subtotalCentimes: 0,
        shippingCentimes: 0,
        totalCentimes: 0,
        belowMinimumCentimes: 0,
      };
      groups.set(r.orgId, group);
    }
    const buyable = r.status === "published" && r.orgStatus === "verified" && r.orgKind === "cooperative";
    const problem = !buyable ? "unavailable" : r.stock === 0 ? "outOfStock" : r.quantity > r.stock ? "notEnoughStock" : null;
    group.lines.push({
      variantId: r.variantId,
      productId: r.productId,
      productSlug: r.productSlug,
      titleFr: r.titleFr,
      titleAr: r.titleAr,
      unit: r.unit,
      size: r.size,
      unitPriceCentimes: r.unitPriceCentimes,
      quantity: r.quantity,
      lineTotalCentimes: r.unitPriceCentimes * r.quantity,
      stock: r.stock,
      perishable: r.perishable,
      photoKey: r.photoKey,
      problem,
    });
  }
  let itemsTotal = 0;
  let shippingTotal = 0;
  let units = 0;
  let ready = rows.length > 0;
  for (const group of groups.values()) {
    const buyable = group.lines.filter((l) => l.problem === null);
    group.subtotalCentimes = buyable.reduce((sum, l) => sum + l.lineTotalCentimes, 0);
    group.shippingCentimes = group.subtotalCentimes > 0 ? shippingFor(group.terms, group.subtotalCentimes) : 0;
    group.totalCentimes = group.subtotalCentimes + group.shippingCentimes;
    group.belowMinimumCentimes = Math.max(0, group.terms.minimumOrderCentimes - group.subtotalCentimes);
    itemsTotal += group.subtotalCentimes;
    shippingTotal += group.shippingCentimes;
    units += buyable.reduce((sum, l) => sum + l.quantity, 0);
    if (buyable.length !== group.lines.length || group.belowMinimumCentimes > 0) ready = false;
  }
  return {
    groups: [...groups.values()],
    itemsTotalCentimes: itemsTotal,
    shippingTotalCentimes: shippingTotal,
    totalCentimes: itemsTotal + shippingTotal,
    units,
    ready,
  };
}

/** How many units the cart holds, for the header's badge. */
export async function cartCount(db: DbOrTx, cartId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int` })
    .from(cartItems)
    .where(eq(cartItems.cartId, cartId));
  return row?.n ?? 0;
}

/**
 * After a checkout found less stock than asked: each line brought down to what is left (removed at 0),
 * so the cart the buyer returns to can be bought as shown.
 */
export async function fitCartToStock(db: DbOrTx, cartId: string, variantIds: string[]) {
  if (variantIds.length === 0) return;
  await db.execute(sql`
    update cart_items ci set quantity = least(ci.quantity, v.stock)
    from product_variants v
    where ci.cart_id = ${cartId} and v.id = ci.variant_id and v.stock > 0 and ci.variant_id in ${variantIds}`);
  await db.execute(sql`
    delete from cart_items ci using product_variants v
    where ci.cart_id = ${cartId} and v.id = ci.variant_id and v.stock = 0 and ci.variant_id in ${variantIds}`);
}

/** The header's count: only looked up when there can be a cart (a cookie, or someone signed in). */
export async function headerCartUnits(db: DbOrTx, request: Request, userId: string | null): Promise<number> {
  if (!userId && !readToken(request)) return 0;
  const cart = await findCart(db, request, userId);
  return cart ? cartCount(db, cart.id) : 0;
}

export async function deleteCart(db: DbOrTx, cartId: string) {
  await db.delete(carts).where(eq(carts.id, cartId));
}
