import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createListedProduct, createOrganization, createUser } from "../../db/factories";
import {
  cartItems,
  carts,
  ledgerEntries,
  orderGroups,
  paymentAttempts,
  productVariants,
  refunds,
  shopSettings,
  stockMovements,
  vendorOrderEvents,
  vendorOrders,
} from "../../db/schema";
import { resetEnvCache } from "~/lib/env.server";
import { createSession } from "~/modules/accounts/session.server";
import { ledgerBalance } from "~/modules/orders/ledger.server";
import { cancelOrderAsAdmin, moveOrder } from "~/modules/orders/lifecycle.server";
import { dueForExpiry, expireGroup, markPaid, recordTransfer } from "~/modules/orders/payments.server";
import { action as cartAction, loader as cartLoader } from "~/routes/panier";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/panier_.commande";
import { loader as trackingLoader } from "~/routes/commande.$token";
import { lastMailTo, mailsTo } from "../support/mail";
import { formRequest, getRequest, run } from "../support/http";

// The marketplace's core promise against a real database: one cart across cooperatives, one checkout,
// one order per cooperative, never oversold, and each order's life with its money.

beforeEach(() => newBuyer());

afterEach(() => {
  delete process.env.TRANSFER_RIB;
  delete process.env.MARKET_COMMISSION_BPS;
  resetEnvCache();
});

async function cooperative(name: string, opts: { shipping?: Partial<typeof shopSettings.$inferInsert> } = {}) {
  const member = await createUser(db, { locale: "ar" });
  const org = await createOrganization(db, { name, nameAr: `تعاونية ${name}`, ownerId: member.id, role: "member", verificationStatus: "verified" });
  if (opts.shipping) await db.insert(shopSettings).values({ organizationId: org.id, ...opts.shipping });
  return { org, member, actor: { id: member.id, platformRole: null } };
}

/** A guest's cart, as the browser holds it: the cookie the first add set. */
async function guestAdds(lines: { variantId: string; quantity: number }[], cookie = "") {
  for (const line of lines) {
    const res = await run(cartAction, formRequest("/panier", { intent: "add", variantId: line.variantId, quantity: String(line.quantity) }, { cookie }));
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const set = res.headers.get("Set-Cookie") ?? "";
    const cart = set.split(/,(?=\s*\w+=)/).find((c) => c.trim().startsWith("cart="));
    if (cart) cookie = cart.trim().split(";")[0];
  }
  return cookie;
}

let buyers = 0;
const buyer = {
  name: "Khadija Benali",
  phone: "0612345678",
  email: "khadija@example.ma",
  country: "MA",
  regionCode: "06",
  city: "Casablanca",
  addressLine: "12 rue des Orangers, Maârif",
  paymentMethod: "cod",
  acceptTerms: "on",
};

/** Each test's buyer has an address of their own: the tests of this file share one database. */
function newBuyer() {
  buyer.email = `khadija${++buyers}@example.ma`;
}

async function checkout(cookie: string, fields: Record<string, string> = {}) {
  const page = await run(checkoutLoader, getRequest("/panier/commande", { cookie }));
  const expectedTotal = String(page.data?.view.totalCentimes ?? 0);
  // A buyer's own address: the checkout's per-address limit is tested on its own.
  return run(checkoutAction, formRequest("/panier/commande", { ...buyer, expectedTotal, ...fields }, { cookie }), {}, `198.51.100.${(buyers * 7 + Number(expectedTotal)) % 250}`);
}

async function threeCooperatives() {
  const a = await cooperative("Tamaynout", { shipping: { shippingFeeCentimes: 3000, deliveryDaysMin: 2, deliveryDaysMax: 4 } });
  const b = await cooperative("Taliouine", { shipping: { shippingFeeCentimes: 2500, freeShippingFromCentimes: 20000 } });
  const c = await cooperative("Imilchil");
  const argan = await createListedProduct(db, { organizationId: a.org.id, titleFr: "Huile d'argan", variants: [{ priceCentimes: 8990, stock: 5 }, { priceCentimes: 29900, stock: 2 }] });
  const saffron = await createListedProduct(db, { organizationId: b.org.id, titleFr: "Safran", category: "spices", variants: [{ unit: "g", size: 1, priceCentimes: 12000, stock: 4 }] });
  const honey = await createListedProduct(db, { organizationId: c.org.id, titleFr: "Miel de thym", category: "honey", variants: [{ unit: "g", size: 500, priceCentimes: 15000, stock: 3 }] });
  return { a, b, c, argan, saffron, honey };
}

describe("cart", () => {
  it("one cart across cooperatives, grouped with each one's shipping, delivery time and minimum, priced by the server", async () => {
    const { argan, saffron, honey } = await threeCooperatives();
    const cookie = await guestAdds([
      { variantId: argan.variants[0].id, quantity: 2 },
      { variantId: saffron.variants[0].id, quantity: 2 },
      { variantId: honey.variants[0].id, quantity: 1 },
    ]);
    expect(cookie).toMatch(/^cart=[a-z2-7]{32}$/);
    const { data } = await run(cartLoader, getRequest("/panier", { cookie }));
    const { view } = data;
    expect(view.groups.map((g: { organization: { name: string } }) => g.organization.name)).toEqual(["Imilchil", "Taliouine", "Tamaynout"]);
    const [imilchil, taliouine, tamaynout] = view.groups;
    expect(tamaynout).toMatchObject({ subtotalCentimes: 17980, shippingCentimes: 3000, totalCentimes: 20980, terms: { deliveryDaysMin: 2, deliveryDaysMax: 4 } });
    // Free shipping from 200 MAD at Taliouine: 2 × 120 MAD.
    expect(taliouine).toMatchObject({ subtotalCentimes: 24000, shippingCentimes: 0 });
    expect(imilchil).toMatchObject({ subtotalCentimes: 15000, shippingCentimes: 3500 });
    expect(view).toMatchObject({ itemsTotalCentimes: 56980, shippingTotalCentimes: 6500, totalCentimes: 63480, units: 5, ready: true });
  });

  it("refuses bad quantities, more than the stock, and what is not for sale, with a translated message", async () => {
    const { a } = await threeCooperatives();
    const draft = await createListedProduct(db, { organizationId: a.org.id, status: "draft" });
    const archived = await createListedProduct(db, { organizationId: a.org.id, status: "archived" });
    const unverified = await cooperative("Pending");
    await db.execute(sql`update organizations set verification_status = 'pending' where id = ${unverified.org.id}`);
    const hidden = await createListedProduct(db, { organizationId: unverified.org.id });
    const ok = await createListedProduct(db, { organizationId: a.org.id, variants: [{ priceCentimes: 1000, stock: 3 }] });
    const add = (variantId: string, quantity: string) => run(cartAction, formRequest("/panier", { intent: "add", variantId, quantity }));
    for (const q of ["0", "-1", "1.5", "100", "1e3", "abc", ""]) {
      const res = await add(ok.variants[0].id, q);
      expect(res.status, q).toBe(400);
      expect(res.data.errors.quantity, q).toEqual(["cart.errors.quantity"]);
    }
    expect((await add("not-a-uuid", "1")).data.errors.variantId).toEqual(["cart.errors.unavailable"]);
    for (const p of [draft, archived, hidden]) {
      const res = await add(p.variants[0].id, "1");
      expect(res.status).toBe(404);
      expect(res.data.messageKey).toBe("cart.errors.unavailable");
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
    const tooMany = await add(ok.variants[0].id, "4");
    expect(tooMany).toMatchObject({ status: 409, data: { messageKey: "cart.errors.notEnoughStock" } });
    const cookie = await guestAdds([{ variantId: ok.variants[0].id, quantity: 3 }]);
    const more = await run(cartAction, formRequest("/panier", { intent: "add", variantId: ok.variants[0].id, quantity: "1" }, { cookie }));
    expect(more).toMatchObject({ status: 409, data: { messageKey: "cart.errors.notEnoughStock" } });
    // A product withdrawn after it was put in the cart: shown as unavailable, and the cart cannot be checked out.
    await db.execute(sql`update products set status = 'archived' where id = ${ok.product.id}`);
    const { data } = await run(cartLoader, getRequest("/panier", { cookie }));
    expect(data.view.groups[0].lines[0].problem).toBe("unavailable");
    expect(data.view.ready).toBe(false);
    expect((await run(checkoutLoader, getRequest("/panier/commande", { cookie }))).status).toBe(302);
  });

  it("a guest's cart joins the buyer's own cart when they sign in", async () => {
    const { argan, honey } = await threeCooperatives();
    const user = await createUser(db);
    const { token } = await createSession({ db, userId: user.id, platformRole: null, userAgent: null, ip: "203.0.113.7" });
    const session = `tiwizi_session=${token}`;
    await guestAdds([{ variantId: argan.variants[0].id, quantity: 1 }], session);
    const guest = await guestAdds([
      { variantId: argan.variants[0].id, quantity: 2 },
      { variantId: honey.variants[0].id, quantity: 1 },
    ]);
    const { data } = await run(cartLoader, getRequest("/panier", { cookie: `${session}; ${guest}` }));
    const lines = data.view.groups.flatMap((g: { lines: unknown[] }) => g.lines);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variantId: argan.variants[0].id, quantity: 3 }),
        expect.objectContaining({ variantId: honey.variants[0].id, quantity: 1 }),
      ]),
    );
    // The guest cart is gone: its cookie alone finds nothing any more.
    expect((await run(cartLoader, getRequest("/panier", { cookie: guest }))).data.view.groups).toEqual([]);
  });
});

describe("checkout", () => {
  it("a guest pays on delivery: one group, one order per cooperative with snapshots, stock taken, tracking pages and e-mails", async () => {
    const { a, b, c, argan, saffron, honey } = await threeCooperatives();
    const cookie = await guestAdds([
      { variantId: argan.variants[0].id, quantity: 2 },
      { variantId: saffron.variants[0].id, quantity: 1 },
      { variantId: honey.variants[0].id, quantity: 3 },
    ]);
    const res = await checkout(cookie, { phone: "+33 6 12 34 56 78" });
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^\/commande\/[a-z2-7]{32}\?merci=1$/);

    const [group] = await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email));
    expect(group).toMatchObject({ paymentMethod: "cod", paymentStatus: "due_on_delivery", buyerPhone: "+33612345678", totalCentimes: 8990 * 2 + 12000 + 15000 * 3 + 3000 + 2500 + 3500 });
    expect(group.number).toMatch(/^TW-\d{4}-\d{6}$/);
    const orders = await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id)).orderBy(vendorOrders.number);
    expect(orders.map((o) => o.organizationId).sort()).toEqual([a.org.id, b.org.id, c.org.id].sort());
    expect(orders.map((o) => o.number)).toEqual([`${group.number}-A`, `${group.number}-B`, `${group.number}-C`]);
    expect(orders.every((o) => o.status === "placed" && o.codAmountCentimes === o.totalCentimes)).toBe(true);
    const stock = async (id: string) => (await db.select({ s: productVariants.stock }).from(productVariants).where(eq(productVariants.id, id)))[0].s;
    expect([await stock(argan.variants[0].id), await stock(saffron.variants[0].id), await stock(honey.variants[0].id)]).toEqual([3, 3, 0]);
    expect(await db.select().from(stockMovements).where(and(eq(stockMovements.variantId, honey.variants[0].id), eq(stockMovements.reason, "sale")))).toHaveLength(1);
    expect(await db.select().from(cartItems).innerJoin(carts, eq(carts.id, cartItems.cartId)).where(eq(carts.token, cookie.slice(5)))).toHaveLength(0);

    // Each order has its own page, reachable with its token only.
    for (const o of orders) {
      const page = await run(trackingLoader, getRequest(`/commande/${o.trackingToken}`), { token: o.trackingToken });
      expect(page.data.order).toMatchObject({ number: o.number, status: "placed" });
      expect(page.data.siblings).toHaveLength(2);
    }
    expect((await run(trackingLoader, getRequest("/commande/x"), { token: "a".repeat(32) })).status).toBe(404);

    // The buyer's summary names the three parcels with their links; each cooperative's member hears of its order.
    const mail = await lastMailTo(buyer.email);
    expect(mail.subject).toContain(group.number);
    for (const o of orders) expect(mail.text).toContain(`/commande/${o.trackingToken}`);
    const coopMail = await lastMailTo(a.member.email);
    expect(coopMail.subject).toMatch(/طلب جديد/);
  });

  it("bad buyer details come back with translated errors and nothing is ordered", async () => {
    const { argan } = await threeCooperatives();
    const cookie = await guestAdds([{ variantId: argan.variants[0].id, quantity: 1 }]);
    const cases: [Record<string, string>, string, string][] = [
      [{ country: "FR" }, "country", "orders.errors.outsideMorocco"],
      [{ regionCode: "13" }, "regionCode", "orders.errors.outsideMorocco"],
      [{ phone: "12" }, "phone", "errors.phone"],
      [{ email: "khadija@" }, "email", "errors.email"],
      [{ postalCode: "2000" }, "postalCode", "orders.errors.postalCode"],
      [{ companyIce: "12345" }, "companyIce", "errors.iceFormat"],
      [{ acceptTerms: "" }, "acceptTerms", "orders.errors.acceptTerms"],
      [{ paymentMethod: "bitcoin" }, "paymentMethod", "errors.invalidChoice"],
    ];
    for (const [fields, field, key] of cases) {
      const res = await checkout(cookie, fields);
      expect(res.status, field).toBe(400);
      expect(res.data.errors[field], field).toEqual([key]);
    }
    // Offered only when configured: no card payment here, and no transfer without the platform's RIB.
    expect((await checkout(cookie, { paymentMethod: "stripe" })).data.messageKey).toBe("orders.errors.methodUnavailable");
    expect((await checkout(cookie, { paymentMethod: "bank_transfer" })).data.messageKey).toBe("orders.errors.methodUnavailable");
    expect(await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email))).toHaveLength(0);
  });

  it("a price tampered with in the form changes nothing: the server's prices count, and a moved price sends the buyer back", async () => {
    const { argan } = await threeCooperatives();
    const cookie = await guestAdds([{ variantId: argan.variants[0].id, quantity: 1 }]);
    const tampered = await run(checkoutAction, formRequest("/panier/commande", { ...buyer, expectedTotal: "100", priceCentimes: "1", organizationId: "x" }, { cookie }));
    expect(tampered.status).toBe(302);
    expect(tampered.headers.get("Location")).toBe("/panier");
    expect(tampered.headers.get("Set-Cookie")).toContain("flash=cart.errors.changedPrice");
    expect(await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email))).toHaveLength(0);
    const ok = await checkout(cookie);
    expect(ok.status).toBe(302);
    const [group] = await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email));
    expect(group.itemsTotalCentimes).toBe(8990);
  });

  it("stock that ran out since the cart was shown sends the buyer back to a cart fitted to what is left", async () => {
    const { argan, honey } = await threeCooperatives();
    const cookie = await guestAdds([
      { variantId: argan.variants[0].id, quantity: 4 },
      { variantId: honey.variants[0].id, quantity: 3 },
    ]);
    const page = await run(checkoutLoader, getRequest("/panier/commande", { cookie }));
    // Someone else buys meanwhile.
    await db.update(productVariants).set({ stock: 1 }).where(eq(productVariants.id, argan.variants[0].id));
    await db.update(productVariants).set({ stock: 0 }).where(eq(productVariants.id, honey.variants[0].id));
    const res = await run(checkoutAction, formRequest("/panier/commande", { ...buyer, expectedTotal: String(page.data.view.totalCentimes) }, { cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/panier");
    expect(res.headers.get("Set-Cookie")).toContain("flash=cart.errors.changedStock");
    expect(await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email))).toHaveLength(0);
    
    const { data } = await run(cartLoader, getRequest("/panier", { cookie }));
    expect(data.view.groups.flatMap((g: { lines: { variantId: string; quantity: number }[] }) => g.lines).map((l: { variantId: string; quantity: number }) => [l.variantId, l.quantity])).toEqual([
      [argan.variants[0].id, 1],
    ]);
    expect((await db.select().from(productVariants).where(eq(productVariants.id, argan.variants[0].id)))[0].stock).toBe(1);
  });

  it("a minimum not reached, cash on delivery turned off or over its cap: no order", async () => {
    const small = await cooperative("Minimum", { shipping: { minimumOrderCentimes: 20000 } });
    const noCod = await cooperative("NoCod", { shipping: { codEnabled: false } });
    const capped = await cooperative("Capped", { shipping: { codCapCentimes: 10000 } });
    const p1 = await createListedProduct(db, { organizationId: small.org.id, variants: [{ priceCentimes: 5000, stock: 10 }] });
    const p2 = await createListedProduct(db, { organizationId: noCod.org.id, variants: [{ priceCentimes: 5000, stock: 10 }] });
    const p3 = await createListedProduct(db, { organizationId: capped.org.id, variants: [{ priceCentimes: 5000, stock: 10 }] });
    const c1 = await guestAdds([{ variantId: p1.variants[0].id, quantity: 1 }]);
    const view = (await run(cartLoader, getRequest("/panier", { cookie: c1 }))).data.view;
    expect(view.groups[0].belowMinimumCentimes).toBe(15000);
    expect(view.ready).toBe(false);
    expect((await run(checkoutLoader, getRequest("/panier/commande", { cookie: c1 }))).status).toBe(302);
    expect((await checkout(await guestAdds([{ variantId: p2.variants[0].id, quantity: 1 }]))).data.messageKey).toBe("orders.errors.codDisabled");
    expect((await checkout(await guestAdds([{ variantId: p3.variants[0].id, quantity: 2 }]))).data.messageKey).toBe("orders.errors.codCap");
    expect(await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email))).toHaveLength(0);
  });

  it("many buyers at once for 10 units: exactly 10 sold, stock 0, everyone else sent back to the cart", async () => {
    const { org } = await cooperative("Rush");
    const { variants } = await createListedProduct(db, { organizationId: org.id, variants: [{ priceCentimes: 5000, stock: 10 }] });
    const carts = [];
    for (let i = 0; i < 25; i++) carts.push(await guestAdds([{ variantId: variants[0].id, quantity: 1 }]));
    const results = await Promise.all(carts.map((cookie, i) => checkout(cookie, { email: `buyer${i}@example.ma` })));
    const placed = results.filter((r) => r.headers.get("Location")?.startsWith("/commande/"));
    const back = results.filter((r) => r.headers.get("Location") === "/panier");
    expect(placed).toHaveLength(10);
    expect(back).toHaveLength(15);
    expect((await db.select().from(productVariants).where(eq(productVariants.id, variants[0].id)))[0].stock).toBe(0);
    const sold = await db.execute<{ n: number }>(sql`select coalesce(sum(quantity), 0)::int as n from vendor_order_items where variant_id = ${variants[0].id}`);
    expect(sold[0].n).toBe(10);
  });
});

describe("an order's life", () => {
  async function placedOrders(method: "cod" | "bank_transfer" = "cod") {
    const setup = await threeCooperatives();
    const cookie = await guestAdds([
      { variantId: setup.argan.variants[0].id, quantity: 2 },
      { variantId: setup.saffron.variants[0].id, quantity: 1 },
    ]);
    const res = await checkout(cookie, method === "bank_transfer" ? { paymentMethod: method, companyName: "Atlas SARL", companyIce: "001525489000088" } : {});
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const [group] = await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email));
    const orders = await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id));
    const of = (orgId: string) => orders.find((o) => o.organizationId === orgId)!;
    return { ...setup, group, tamaynout: of(setup.a.org.id), taliouine: of(setup.b.org.id) };
  }

  it("cash on delivery: the cooperative confirms, ships, delivers; the ledger shows what it is owed", async () => {
    process.env.MARKET_COMMISSION_BPS = "500";
    resetEnvCache();
    const { a, b, tamaynout } = await placedOrders();
    expect(tamaynout.commissionCentimes).toBe(899);
    await moveOrder({ db, actor: a.actor, vendorOrderId: tamaynout.id, to: "confirmed" });
    await moveOrder({ db, actor: a.actor, vendorOrderId: tamaynout.id, to: "shipped", carrier: "Amana", trackingNumber: "CX123MA" });
    expect(await ledgerBalance(db, a.org.id)).toEqual({ availableCentimes: 0, pendingCentimes: 17980 + 3000 - 899, paidOutCentimes: 0 });
    await moveOrder({ db, actor: a.actor, vendorOrderId: tamaynout.id, to: "delivered" });
    const lines = await db.select().from(ledgerEntries).where(eq(ledgerEntries.organizationId, a.org.id));
    expect(lines.map((l) => [l.kind, l.amountCentimes]).sort()).toEqual([["commission", -899], ["sale", 17980], ["shipping", 3000]]);
    // The buyer was told of each step, in the language of the order.
    // Mails sent in the same second come back in any order: each step's is looked for by the order's number.
    const steps = await mailsTo(buyer.email, tamaynout.number);
    expect(steps.length).toBe(3);
    const events = await db.select().from(vendorOrderEvents).where(eq(vendorOrderEvents.vendorOrderId, tamaynout.id));
    expect(events.map((e) => e.toStatus)).toEqual(["placed", "confirmed", "shipped", "delivered"]);

    // Another cooperative's member, a stranger and a platform admin cannot move it; a stale step is refused.
    await expect(moveOrder({ db, actor: b.actor, vendorOrderId: tamaynout.id, to: "confirmed" })).rejects.toMatchObject({ status: 403 });
    const admin = await createUser(db, { platformRole: "admin" });
    await expect(moveOrder({ db, actor: { id: admin.id, platformRole: "admin" }, vendorOrderId: tamaynout.id, to: "settled" })).rejects.toMatchObject({ status: 403 });
    await expect(moveOrder({ db, actor: a.actor, vendorOrderId: tamaynout.id, to: "shipped" })).rejects.toMatchObject({ messageKey: "orders.errors.stepNotAllowed" });
    await expect(moveOrder({ db, actor: a.actor, vendorOrderId: "nope", to: "confirmed" })).rejects.toMatchObject({ status: 404 });
    // The ledger's lines are never edited.
    await expect(db.execute(sql`update ledger_entries set amount_centimes = 0`)).rejects.toThrow();
  });

  it("refused at the door: the stock goes back and the ledger is reversed", async () => {
    const { b, saffron, taliouine } = await placedOrders();
    await moveOrder({ db, actor: b.actor, vendorOrderId: taliouine.id, to: "confirmed" });
    await moveOrder({ db, actor: b.actor, vendorOrderId: taliouine.id, to: "shipped" });
    await expect(moveOrder({ db, actor: b.actor, vendorOrderId: taliouine.id, to: "refused" })).rejects.toMatchObject({ messageKey: "orders.errors.reasonRequired" });
    await moveOrder({ db, actor: b.actor, vendorOrderId: taliouine.id, to: "refused", reason: "Absent trois fois" });
    expect((await db.select().from(productVariants).where(eq(productVariants.id, saffron.variants[0].id)))[0].stock).toBe(4);
    expect(await ledgerBalance(db, b.org.id)).toMatchObject({ availableCentimes: 0, pendingCentimes: 0 });
    // Nothing was paid in advance: nothing to refund.
    expect(await db.select().from(refunds).where(eq(refunds.vendorOrderId, taliouine.id))).toHaveLength(0);
  });

  it("an admin cancels with a reason before the parcel leaves; not after", async () => {
    const { a, argan, tamaynout, taliouine, b } = await placedOrders();
    const admin = await createUser(db, { platformRole: "admin" });
    const actor = { id: admin.id, platformRole: "admin" as const };
    await cancelOrderAsAdmin({ db, actor, vendorOrderId: tamaynout.id, reason: "Commande en double" });
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.id, tamaynout.id)))[0]).toMatchObject({ status: "cancelled", statusReason: "Commande en double" });
    expect((await db.select().from(productVariants).where(eq(productVariants.id, argan.variants[0].id)))[0].stock).toBe(5);
    await moveOrder({ db, actor: b.actor, vendorOrderId: taliouine.id, to: "confirmed" });
    await moveOrder({ db, actor: b.actor, vendorOrderId: taliouine.id, to: "shipped" });
    await expect(cancelOrderAsAdmin({ db, actor, vendorOrderId: taliouine.id, reason: "x" })).rejects.toMatchObject({ status: 409 });
    await expect(cancelOrderAsAdmin({ db, actor: a.actor, vendorOrderId: taliouine.id, reason: "x" })).rejects.toMatchObject({ status: 403 });
  });

  it("bank transfer: the order waits with its reference; an admin records the transfer once; unpaid ones expire and free their stock", async () => {
    process.env.TRANSFER_RIB = "011780000012345678901234";
    resetEnvCache();
    const { group, tamaynout, argan } = await placedOrders("bank_transfer");
    expect(group).toMatchObject({ paymentMethod: "bank_transfer", paymentStatus: "awaiting", paymentReference: group.number, companyIce: "001525489000088" });
    expect(tamaynout.status).toBe("awaiting_payment");
    const mail = await lastMailTo(buyer.email);
    expect(mail.text).toContain("011780000012345678901234");
    const admin = await createUser(db, { platformRole: "admin" });
    const actor = { id: admin.id, platformRole: "admin" as const };
    await expect(recordTransfer({ db, actor: { id: admin.id, platformRole: null }, groupId: group.id, bankReference: "VIR-1" })).rejects.toMatchObject({ status: 403 });
    expect(await recordTransfer({ db, actor, groupId: group.id, bankReference: "VIR-1" })).toBe("paid");
    expect(await recordTransfer({ db, actor, groupId: group.id, bankReference: "VIR-1" })).toBe("already-paid");
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.id, tamaynout.id)))[0].status).toBe("placed");
    expect((await db.select().from(paymentAttempts).where(eq(paymentAttempts.groupId, group.id)))[0]).toMatchObject({ state: "succeeded", providerRef: "VIR-1" });
    expect((await db.select().from(productVariants).where(eq(productVariants.id, argan.variants[0].id)))[0].stock).toBe(3);
  });

  it("an unpaid transfer expires after its days and gives its stock back; a late payment takes it again if it is still there", async () => {
    process.env.TRANSFER_RIB = "011780000012345678901234";
    resetEnvCache();
    const { group, argan } = await placedOrders("bank_transfer");
    expect((await dueForExpiry(db, ["bank_transfer"])).map((g) => g.id)).not.toContain(group.id);
    const later = new Date(Date.now() + 6 * 86_400_000);
    expect((await dueForExpiry(db, ["bank_transfer"], later)).map((g) => g.id)).toContain(group.id);
    expect(await expireGroup(db, group.id)).toBe(true);
    expect(await expireGroup(db, group.id)).toBe(false);
    expect((await db.select().from(productVariants).where(eq(productVariants.id, argan.variants[0].id)))[0].stock).toBe(5);
    expect((await db.select().from(orderGroups).where(eq(orderGroups.id, group.id)))[0].paymentStatus).toBe("expired");
    // The money arrives a day late; the stock is still there: the order comes back to life.
    expect(await markPaid(db, { groupId: group.id, provider: "bank_transfer", providerRef: "VIR-LATE" })).toBe("paid");
    expect((await db.select().from(productVariants).where(eq(productVariants.id, argan.variants[0].id)))[0].stock).toBe(3);
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id))).every((o) => o.status === "placed")).toBe(true);
  });
});

describe("orders and accounts", () => {
  it("a buyer's export holds their orders; a cooperative with orders does not vanish with its only member's account", async () => {
    const { exportPersonalData, deleteAccount } = await import("~/modules/accounts/accounts.server");
    const member = await createUser(db);
    const org = await createOrganization(db, { name: "Solo", ownerId: member.id, role: "owner", verificationStatus: "verified" });
    const p = await createListedProduct(db, { organizationId: org.id, variants: [{ priceCentimes: 5000, stock: 5 }] });
    const user = await createUser(db);
    const { token } = await createSession({ db, userId: user.id, platformRole: null, userAgent: null, ip: "203.0.113.7" });
    const cookie = await guestAdds([{ variantId: p.variants[0].id, quantity: 1 }], `tiwizi_session=${token}`);
    expect((await checkout(`tiwizi_session=${token}; ${cookie}`)).status).toBe(302);
    const data = await exportPersonalData({ db, userId: user.id });
    expect(data.orders).toEqual([expect.objectContaining({ email: buyer.email, city: "Casablanca", paymentMethod: "cod" })]);
    expect(data).toMatchObject({ reviews: [], returns: [] });
    await expect(deleteAccount({ db, userId: member.id, password: member.password })).rejects.toMatchObject({ messageKey: "errors.organizationHasOrders" });
    expect((await db.execute(sql`select count(*)::int as n from organizations where id = ${org.id}`))[0].n).toBe(1);
  });
});

describe("what a review of the flow found", () => {
  it("a checkout submitted twice at once orders once; the second finds the cart emptied", async () => {
    const { argan } = await threeCooperatives();
    const cookie = await guestAdds([{ variantId: argan.variants[0].id, quantity: 2 }]);
    const [first, second] = await Promise.all([checkout(cookie), checkout(cookie)]);
    const locations = [first, second].map((r) => r.headers.get("Location"));
    expect(locations.filter((l) => l?.startsWith("/commande/"))).toHaveLength(1);
    expect(locations).toContain("/panier");
    expect(await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email))).toHaveLength(1);
    expect((await db.select().from(productVariants).where(eq(productVariants.id, argan.variants[0].id)))[0].stock).toBe(3);
  });

  it("signing in while two requests read the cart merges the guest's lines once", async () => {
    const { argan } = await threeCooperatives();
    const user = await createUser(db);
    const { token } = await createSession({ db, userId: user.id, platformRole: null, userAgent: null, ip: "203.0.113.7" });
    const session = `tiwizi_session=${token}`;
    await guestAdds([{ variantId: argan.variants[0].id, quantity: 1 }], session);
    const guest = await guestAdds([{ variantId: argan.variants[0].id, quantity: 2 }]);
    await Promise.all([1, 2, 3].map(() => run(cartLoader, getRequest("/panier", { cookie: `${session}; ${guest}` }))));
    const { data } = await run(cartLoader, getRequest("/panier", { cookie: session }));
    expect(data.view.groups[0].lines[0].quantity).toBe(3);
  });

  it("an order over 200,000 MAD is refused with a message, nothing taken", async () => {
    const { org } = await cooperative("Luxe");
    const p = await createListedProduct(db, { organizationId: org.id, variants: [{ priceCentimes: 100_000_000, stock: 5 }] });
    const cookie = await guestAdds([{ variantId: p.variants[0].id, quantity: 1 }]);
    const res = await checkout(cookie);
    expect(res.headers.get("Set-Cookie")).toContain("flash=orders.errors.tooLarge");
    expect((await db.select().from(productVariants).where(eq(productVariants.id, p.variants[0].id)))[0].stock).toBe(5);
  });

  it("one bank transfer may pay two gift orders; a payment recorded once is never recorded again, even after a late refund", async () => {
    process.env.TRANSFER_RIB = "011780000012345678901234";
    resetEnvCache();
    const { argan, saffron } = await threeCooperatives();
    const admin = await createUser(db, { platformRole: "admin" });
    const actor = { id: admin.id, platformRole: "admin" as const };
    const groups = [];
    for (const variant of [argan.variants[0], saffron.variants[0]]) {
      newBuyer();
      const cookie = await guestAdds([{ variantId: variant.id, quantity: 1 }]);
      expect((await checkout(cookie, { paymentMethod: "bank_transfer", companyName: "Atlas SARL" })).status).toBe(302);
      groups.push((await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email)))[0]);
    }
    for (const g of groups) expect(await recordTransfer({ db, actor, groupId: g.id, bankReference: "VIR-2026-77" })).toBe("paid");

    // A transfer that arrives after expiry, when the stock is gone: refunded in full, and that is final.
    newBuyer();
    const cookie = await guestAdds([{ variantId: saffron.variants[0].id, quantity: 3 }]);
    expect((await checkout(cookie, { paymentMethod: "bank_transfer", companyName: "Atlas SARL" })).status).toBe(302);
    const [late] = await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email));
    await expireGroup(db, late.id);
    await db.update(productVariants).set({ stock: 0 }).where(eq(productVariants.id, saffron.variants[0].id));
    expect(await recordTransfer({ db, actor, groupId: late.id, bankReference: "VIR-LATE" })).toBe("late-refunded");
    await db.update(productVariants).set({ stock: 10 }).where(eq(productVariants.id, saffron.variants[0].id));
    expect(await recordTransfer({ db, actor, groupId: late.id, bankReference: "VIR-LATE" })).toBe("already-paid");
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, late.id)))[0].status).toBe("expired");
    expect((await db.select().from(productVariants).where(eq(productVariants.id, saffron.variants[0].id)))[0].stock).toBe(10);
  });

  it("an impossible date in the admin's filters is dropped, not a 500", async () => {
    const { adminOrderFilters } = await import("~/modules/orders/admin.server");
    expect(adminOrderFilters.parse({ from: "2026-02-31", to: "2026-03-01" })).toMatchObject({ from: undefined, to: "2026-03-01" });
  });
});

describe("orders per address", () => {
  it("an address places 20 orders an hour; the 21st gets a translated wait and nothing is ordered", async () => {
    const { org } = await cooperative("Robot");
    const p = await createListedProduct(db, { organizationId: org.id, variants: [{ priceCentimes: 1000, stock: 50 }] });
    const ip = "192.0.2.99";
    const place = async () => {
      const cookie = await guestAdds([{ variantId: p.variants[0].id, quantity: 1 }]);
      const page = await run(checkoutLoader, getRequest("/panier/commande", { cookie }));
      return run(checkoutAction, formRequest("/panier/commande", { ...buyer, expectedTotal: String(page.data.view.totalCentimes) }, { cookie }), {}, ip);
    };
    for (let i = 0; i < 20; i++) expect((await place()).status).toBe(302);
    const refused = await place();
    expect(refused).toMatchObject({ status: 429, data: { messageKey: "errors.rateLimited" } });
    expect((await db.select().from(productVariants).where(eq(productVariants.id, p.variants[0].id)))[0].stock).toBe(30);
  });
});
