import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  cartItems,
  orderGroups,
  paymentAllocations,
  paymentAttempts,
  stockMovements,
  vendorOrderEvents,
  vendorOrderItems,
  vendorOrders,
} from "../../../db/schema";
import { indexProducts } from "../../../search/documents.server";
import type { Locale } from "~/i18n/i18n";
import { env } from "~/lib/env.server";
import { ConflictError, DomainError } from "~/lib/errors.server";
import { assertNotLimited, hit } from "~/lib/rate-limit.server";
import { generateToken } from "../accounts/session.server";
import { cartView, type CartView } from "./cart.server";
import { notifyOrderPlaced } from "./notify.server";
import { getGeography } from "../organizations/reference.server";
import { availableMethods } from "./payment-methods.server";
import type { CheckoutInput } from "./schemas";

/**
 * The cart changed under the buyer (stock ran out, a price moved, a product was withdrawn): nothing was
 * ordered, and the buyer goes back to the cart, which now shows what can be bought.
 */
export class CartChangedError extends DomainError {
  constructor(
    messageKey: "cart.errors.changedStock" | "cart.errors.changedPrice" | "cart.errors.changed" | "cart.errors.notReady" | "cart.errors.empty" | "orders.errors.tooLarge",
    readonly variantIds: string[] = [],
  ) {
    super(409, messageKey);
  }
}

export type PlacedOrder = {
  groupId: string;
  number: string;
  paymentMethod: CheckoutInput["paymentMethod"];
  orders: { id: string; number: string; trackingToken: string; organizationId: string }[];
};

/** 200,000 MAD: the most one checkout may come to. */
export const MAX_ORDER_CENTIMES = 20_000_000;

/** Letters for each cooperative's part of a checkout: TW-2026-001001-A, -B, … */
const letter = (i: number) => String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : "");

/** Checks that only need the cart as it stands, before any stock is taken. */
function checkBeforeTaking(view: CartView, input: CheckoutInput) {
  if (view.groups.length === 0) throw new CartChangedError("cart.errors.empty");
  const short = view.groups.flatMap((g) => g.lines).filter((l) => l.problem === "outOfStock" || l.problem === "notEnoughStock");
  if (short.length > 0) throw new CartChangedError("cart.errors.changedStock", short.map((l) => l.variantId));
  if (!view.ready) throw new CartChangedError("cart.errors.notReady");
  // Beyond this, a card or a transfer is not how such an order is made; and it keeps totals in range.
  if (view.totalCentimes > MAX_ORDER_CENTIMES) throw new CartChangedError("orders.errors.tooLarge");
  if (input.expectedTotal !== view.totalCentimes) throw new CartChangedError("cart.errors.changedPrice");
  if (!availableMethods().includes(input.paymentMethod)) throw new ConflictError("orders.errors.methodUnavailable");
  if (input.paymentMethod === "bank_transfer" && !input.companyName) throw new ConflictError("orders.errors.transferNeedsCompany");
  if (input.paymentMethod === "cod") {
    for (const group of view.groups) {
      if (!group.terms.codEnabled) throw new ConflictError("orders.errors.codDisabled");
      if (group.totalCentimes > group.terms.codCapCentimes) throw new ConflictError("orders.errors.codCap");
    }
  }
}

/**
 * One checkout, one transaction: the order group, one order per cooperative with price snapshots, the
 * payment attempt and its split, the e-mails, and the stock taken — last, variant by variant in id order
 * (so two checkouts never wait on each other in a circle), by an UPDATE that only succeeds while enough
 * is left, at the price the buyer saw, and the product is still for sale; any line that fails rolls
 * everything back.
 */
export async function placeOrder(opts: {
  db: DbOrTx;
  cartId: string;
  buyerUserId: string | null;
  /** The client's address: many orders placed from one in an hour is a robot filling cooperatives with fake parcels. */
  ip: string;
  locale: Locale;
  input: CheckoutInput;
}): Promise<PlacedOrder> {
  const { db } = opts;
  const limits = [{ key: `checkout:ip:${opts.ip}`, max: 20, windowSeconds: 3600 }];
  await assertNotLimited(db, limits);
  const placed = await placeInTransaction(opts);
  // Counted once placed; the order stands even if this one used up the window.
  await hit(db, limits).catch(() => undefined);
  return placed;
}

async function placeInTransaction(opts: Parameters<typeof placeOrder>[0]): Promise<PlacedOrder> {
  const { db, input } = opts;
  const view = await cartView(db, opts.cartId);
  checkBeforeTaking(view, input);
  const { regions } = await getGeography(db);
  if (!regions.some((r) => r.code === input.regionCode)) throw new ConflictError("orders.errors.outsideMorocco");

  const config = env();
  const now = new Date();
  const expiresAt =
    input.paymentMethod === "bank_transfer"
      ? new Date(now.getTime() + config.BANK_TRANSFER_DAYS * 86_400_000)
      : input.paymentMethod === "stripe"
        ? new Date(now.getTime() + config.CARD_HOLD_MINUTES * 60_000)
        : null;

  return db.transaction(async (tx) => {
    // The cart is emptied first, under its lock: a second submission of the same checkout (a double tap,
    // the back button) waits here, then finds the lines gone and orders nothing.
    await tx.execute(sql`select id from carts where id = ${opts.cartId} for update`);
    const emptied = await tx.delete(cartItems).where(eq(cartItems.cartId, opts.cartId)).returning({ variantId: cartItems.variantId, quantity: cartItems.quantity });
    const priced = view.groups.flatMap((g) => g.lines);
    const same = emptied.length === priced.length && emptied.every((e) => priced.some((l) => l.variantId === e.variantId && l.quantity === e.quantity));
    if (!same) throw new CartChangedError(emptied.length === 0 ? "cart.errors.empty" : "cart.errors.changed");
    const [{ seq }] = await tx.execute<{ seq: string }>(sql`select nextval('order_number_seq')::text as seq`);
    const number = `TW-${now.getUTCFullYear()}-${seq.padStart(6, "0")}`;
    const cod = input.paymentMethod === "cod";
    const [group] = await tx
      .insert(orderGroups)
      .values({
        number,
        buyerUserId: opts.buyerUserId,
        buyerName: input.name,
        buyerPhone: input.phone,
        buyerEmail: input.email,
        locale: opts.locale,
        companyName: input.companyName,
        companyIce: input.companyIce,
        addressLine: input.addressLine,
        city: input.city,
        regionCode: input.regionCode,
        postalCode: input.postalCode,
        paymentMethod: input.paymentMethod,
        paymentStatus: cod ? "due_on_delivery" : "awaiting",
        paymentReference: input.paymentMethod === "bank_transfer" ? number : null,
        itemsTotalCentimes: view.itemsTotalCentimes,
        shippingTotalCentimes: view.shippingTotalCentimes,
        totalCentimes: view.totalCentimes,
        expiresAt,
      })
      .returning({ id: orderGroups.id });

    const [attempt] = await tx
      .insert(paymentAttempts)
      .values({
        groupId: group.id,
        provider: input.paymentMethod,
        idempotencyKey: `${group.id}:1`,
        amountCentimes: view.totalCentimes,
        expiresAt,
      })
      .returning({ id: paymentAttempts.id });

    const placed: PlacedOrder["orders"] = [];
    for (const [i, g] of view.groups.entries()) {
      const status = cod ? "placed" : "awaiting_payment";
      const [order] = await tx
        .insert(vendorOrders)
        .values({
          groupId: group.id,
          organizationId: g.organization.id,
          number: `${number}-${letter(i)}`,
          trackingToken: generateToken().toLowerCase(),
          status,
          itemsTotalCentimes: g.subtotalCentimes,
          shippingFeeCentimes: g.shippingCentimes,
          commissionCentimes: Math.round((g.subtotalCentimes * config.MARKET_COMMISSION_BPS) / 10_000),
          totalCentimes: g.totalCentimes,
          codAmountCentimes: cod ? g.totalCentimes : 0,
          deliveryDaysMin: g.terms.deliveryDaysMin,
          deliveryDaysMax: g.terms.deliveryDaysMax,
        })
        .returning({ id: vendorOrders.id, number: vendorOrders.number, trackingToken: vendorOrders.trackingToken });
      await tx.insert(vendorOrderItems).values(
        g.lines.map((l) => ({
          vendorOrderId: order.id,
          variantId: l.variantId,
          productId: l.productId,
          titleFr: l.titleFr,
          titleAr: l.titleAr,
          unit: l.unit,
          size: l.size,
          unitPriceCentimes: l.unitPriceCentimes,
          quantity: l.quantity,
          lineTotalCentimes: l.lineTotalCentimes,
          perishable: l.perishable,
        })),
      );
      await tx.insert(stockMovements).values(
        g.lines.map((l) => ({ variantId: l.variantId, delta: -l.quantity, reason: "sale", reference: order.number, actorId: opts.buyerUserId })),
      );
      await tx.insert(vendorOrderEvents).values({ vendorOrderId: order.id, toStatus: status, actorId: opts.buyerUserId });
      await tx.insert(paymentAllocations).values({ attemptId: attempt.id, vendorOrderId: order.id, amountCentimes: g.totalCentimes });
      placed.push({ ...order, organizationId: g.organization.id });
    }
    await notifyOrderPlaced(tx, group.id);

    // The stock last: a variant's row stays locked from this UPDATE to the commit, so the shorter that
    // window, the more checkouts of a popular product go through each second. A failure undoes all above.
    const lines = view.groups.flatMap((g) => g.lines).sort((a, b) => (a.variantId < b.variantId ? -1 : 1));
    const short: string[] = [];
    const soldOut: string[] = [];
    for (const line of lines) {
      const taken = await tx.execute<{ price: number; stock: number }>(sql`
        update product_variants v set stock = v.stock - ${line.quantity}, updated_at = now()
        from products p, organizations o
        where v.id = ${line.variantId} and v.stock >= ${line.quantity}
          and p.id = v.product_id and p.status = 'published'
          and o.id = p.organization_id and o.verification_status = 'verified'
        returning v.price_centimes as price, v.stock`);
      if (taken.length === 0) short.push(line.variantId);
      else if (Number(taken[0].price) !== line.unitPriceCentimes) throw new CartChangedError("cart.errors.changedPrice");
      else if (Number(taken[0].stock) === 0) soldOut.push(line.productId);
    }
    if (short.length > 0) throw new CartChangedError("cart.errors.changedStock", short);
    // A size just sold out may leave its product with nothing in stock: the catalogue's filter must know.
    if (soldOut.length > 0) await indexProducts(tx, soldOut);

    return { groupId: group.id, number, paymentMethod: input.paymentMethod, orders: placed };
  });
}
