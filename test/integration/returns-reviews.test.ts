import { and, eq, inArray, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createListedProduct, createOrganization, createUser } from "../../db/factories";
import {
  auditLog,
  ledgerEntries,
  orderGroups,
  paymentAllocations,
  productVariants,
  refunds,
  reports,
  returnRequestItems,
  returnRequests,
  reviews,
  stockMovements,
  vendorOrderEvents,
  vendorOrderItems,
  vendorOrders,
} from "../../db/schema";
import { resetEnvCache } from "~/lib/env.server";
import { createSession } from "~/modules/accounts/session.server";
import { ledgerBalance } from "~/modules/orders/ledger.server";
import { moveOrder } from "~/modules/orders/lifecycle.server";
import { recordTransfer } from "~/modules/orders/payments.server";
import { decideReturn } from "~/modules/orders/returns.server";
import { productReviews, ratingSummary, replyToReview, setReviewStatus, shopReviews } from "~/modules/orders/reviews.server";
import { action as reportsAction, loader as reportsLoader } from "~/routes/admin.signalements";
import { action as trackingAction, loader as trackingLoader } from "~/routes/commande.$token";
import { loader as historyLoader } from "~/routes/compte_.commandes";
import { action as reviewsAction, loader as coopReviewsLoader } from "~/routes/organisations.$slug_.avis";
import { action as returnsAction, loader as returnsLoader } from "~/routes/organisations.$slug_.retours";
import { action as cartAction } from "~/routes/panier";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/panier_.commande";
import { action as reportAction, loader as reportPageLoader } from "~/routes/signaler";
import { mailsTo } from "../support/mail";
import { formRequest, getRequest, run } from "../support/http";

// After the parcel: returns within 7 days (law 31-08) with stock, refund and ledger; verified reviews with
// one reply and moderation; the signed-in buyer's order history. Against a real database, through the
// routes a browser would call.

let buyers = 0;
let ips = 0;
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

beforeEach(() => {
  buyer.email = `khadija-r${++buyers}@example.ma`;
});

afterEach(() => {
  delete process.env.TRANSFER_RIB;
  resetEnvCache();
});

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

async function cooperative(name: string) {
  const member = await signedIn({ locale: "ar" });
  const org = await createOrganization(db, { name, nameAr: `تعاونية ${name}`, ownerId: member.user.id, role: "member", verificationStatus: "verified" });
  return { org, member: member.user, cookie: member.cookie, actor: member.actor };
}

/** A cart, as the browser holds it: the cookie the first add set (or the buyer's session). */
async function adds(lines: { variantId: string; quantity: number }[], cookie = "") {
  for (const line of lines) {
    const res = await run(cartAction, formRequest("/panier", { intent: "add", variantId: line.variantId, quantity: String(line.quantity) }, { cookie }));
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const cart = (res.headers.get("Set-Cookie") ?? "").split(/,(?=\s*\w+=)/).find((c) => c.trim().startsWith("cart="));
    if (cart) cookie = [cookie, cart.trim().split(";")[0]].filter(Boolean).join("; ");
  }
  return cookie;
}

async function checkout(cookie: string, fields: Record<string, string> = {}) {
  const page = await run(checkoutLoader, getRequest("/panier/commande", { cookie }));
  const res = await run(
    checkoutAction,
    formRequest("/panier/commande", { ...buyer, expectedTotal: String(page.data?.view.totalCentimes ?? 0), ...fields }, { cookie }),
    {},
    `198.51.100.${++ips % 250}`,
  );
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  return res;
}

/** One cooperative, one order placed by a guest with cash on delivery, moved along to `to`. */
async function orderOf(opts: { lines: (p: Products) => { variantId: string; quantity: number }[]; deliver?: boolean; fields?: Record<string, string> }) {
  const coop = await cooperative(`Coop ${buyers}`);
  const argan = await createListedProduct(db, { organizationId: coop.org.id, titleFr: "Huile d'argan", variants: [{ priceCentimes: 8990, stock: 5 }, { priceCentimes: 29900, stock: 2 }] });
  const honey = await createListedProduct(db, { organizationId: coop.org.id, titleFr: "Miel de thym", category: "honey", perishable: true, variants: [{ unit: "g", size: 500, priceCentimes: 15000, stock: 3 }] });
  await checkout(await adds(opts.lines({ argan, honey })), opts.fields);
  const [group] = await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, buyer.email));
  const [order] = await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id));
  if (opts.deliver !== false) {
    if (group.paymentMethod === "bank_transfer") {
      const admin = await createUser(db, { platformRole: "admin" });
      await recordTransfer({ db, actor: { id: admin.id, platformRole: "admin" }, groupId: group.id, bankReference: `VIR-${buyers}` });
    }
    for (const to of ["confirmed", "shipped", "delivered"] as const) await moveOrder({ db, actor: coop.actor, vendorOrderId: order.id, to });
  }
  const items = await db.select().from(vendorOrderItems).where(eq(vendorOrderItems.vendorOrderId, order.id));
  const itemOf = (variantId: string) => items.find((i) => i.variantId === variantId)!;
  return { coop, argan, honey, group, order, token: order.trackingToken, itemOf };
}
type Products = { argan: Awaited<ReturnType<typeof createListedProduct>>; honey: Awaited<ReturnType<typeof createListedProduct>> };

const ask = (token: string, fields: Record<string, string>) => run(trackingAction, formRequest(`/commande/${token}`, { intent: "return", ...fields }), { token });
const review = (token: string, fields: Record<string, string>) => run(trackingAction, formRequest(`/commande/${token}`, { intent: "review", ...fields }), { token });
const decide = (slug: string, cookie: string, fields: Record<string, string>) =>
  run(returnsAction, formRequest(`/organisations/${slug}/retours`, fields, { cookie }), { slug });
const stock = async (id: string) => (await db.select({ s: productVariants.stock }).from(productVariants).where(eq(productVariants.id, id)))[0].s;
/** The e-mails sent to an address whose subject names `about` (others were sent in the same second). */
const requestsOf = (orderId: string) => db.select().from(returnRequests).where(eq(returnRequests.vendorOrderId, orderId));

describe("returns", () => {
  it("within 7 days, accepted: stock back, a refund tied to the request, the ledger reversed, the order returned when every unit is back", async () => {
    const { coop, argan, order, token, itemOf } = await orderOf({
      lines: ({ argan }) => [
        { variantId: argan.variants[0].id, quantity: 2 },
        { variantId: argan.variants[1].id, quantity: 1 },
      ],
    });
    const small = itemOf(argan.variants[0].id);
    const large = itemOf(argan.variants[1].id);
    const page = await run(trackingLoader, getRequest(`/commande/${token}`), { token });
    expect(page.data.afterSale.returns).toMatchObject({ canRequest: true, block: null });
    expect(page.data.afterSale.returns.returnable).toHaveLength(2);

    const sent = await ask(token, { [`qty.${small.id}`]: "1", [`qty.${large.id}`]: "0", reason: "Le flacon fuit un peu." });
    expect(sent.status, JSON.stringify(sent.data)).toBe(302);
    expect(sent.headers.get("Set-Cookie")).toContain("flash=reviews.returns.sent");
    const [request] = await requestsOf(order.id);
    expect(request).toMatchObject({ status: "requested", reason: "Le flacon fuit un peu." });
    expect(await db.select().from(returnRequestItems).where(eq(returnRequestItems.returnRequestId, request.id))).toEqual([
      { returnRequestId: request.id, orderItemId: small.id, quantity: 1 },
    ]);
    // The cooperative's member hears of it, in their language, with the link to the returns page.
    const coopMails = await mailsTo(coop.member.email, order.number);
    expect(coopMails.some((m) => m.text.includes(`/organisations/${coop.org.slug}/retours`) && m.text.includes("Le flacon fuit un peu."))).toBe(true);
    // One open request at a time.
    expect(await ask(token, { [`qty.${large.id}`]: "1", reason: "Une autre raison" })).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.returnOpen" } });

    // Another cooperative's member, and a platform admin, may not decide; nothing changes.
    const other = await cooperative("Autre");
    const admin = await signedIn({ platformRole: "admin" });
    expect((await decide(coop.org.slug, other.cookie, { returnRequestId: request.id, decision: "accepted" })).status).toBe(403);
    await expect(decideReturn({ db, actor: admin.actor, input: { returnRequestId: request.id, decision: "accepted", reason: null } })).rejects.toMatchObject({ status: 403 });
    expect((await run(returnsLoader, getRequest(`/organisations/${coop.org.slug}/retours`, { cookie: other.cookie }), { slug: coop.org.slug })).status).toBe(403);
    expect((await requestsOf(order.id))[0].status).toBe("requested");

    // The cooperative's page lists it; a member accepts.
    const list = await run(returnsLoader, getRequest(`/organisations/${coop.org.slug}/retours`, { cookie: coop.cookie }), { slug: coop.org.slug });
    expect(list.data.requests).toHaveLength(1);
    expect(list.data.requests[0]).toMatchObject({ orderNumber: order.number, valueCentimes: 8990, status: "requested" });
    const accepted = await decide(coop.org.slug, coop.cookie, { returnRequestId: request.id, decision: "accepted", reason: "Renvoyez-le par Amana." });
    expect(accepted.status, JSON.stringify(accepted.data)).toBe(302);
    expect(accepted.headers.get("Set-Cookie")).toContain("flash=reviews.returns.acceptedDone");

    expect(await stock(argan.variants[0].id)).toBe(5 - 2 + 1);
    expect(await db.select().from(stockMovements).where(and(eq(stockMovements.variantId, argan.variants[0].id), eq(stockMovements.reason, "return")))).toMatchObject([
      { delta: 1, reference: order.number, actorId: coop.member.id },
    ]);
    const [refund] = await db.select().from(refunds).where(eq(refunds.vendorOrderId, order.id));
    expect(refund).toMatchObject({ returnRequestId: request.id, amountCentimes: 8990, provider: "cod", state: "pending" });
    const refundLines = await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.vendorOrderId, order.id), eq(ledgerEntries.kind, "refund")));
    expect(refundLines).toMatchObject([{ amountCentimes: -8990, refundId: refund.id }]);
    expect((await requestsOf(order.id))[0]).toMatchObject({ status: "accepted", refundCentimes: 8990, decidedBy: coop.member.id, decisionReason: "Renvoyez-le par Amana." });
    expect((await db.select().from(vendorOrderItems).where(eq(vendorOrderItems.id, small.id)))[0].returnedQuantity).toBe(1);
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.id, order.id)))[0].status).toBe("delivered");
    const decision = (await mailsTo(buyer.email, order.number)).find((m) => m.text.includes("Renvoyez-le par Amana."));
    expect(decision?.text).toContain(`/commande/${token}`);
    expect(decision?.text).toContain("89,90");
    // Deciding twice is refused.
    expect((await decide(coop.org.slug, coop.cookie, { returnRequestId: request.id, decision: "accepted" })).data.messageKey).toBe("reviews.errors.returnDecided");

    // The rest comes back: the order is "returned", with its event, and delivery is refunded too (law 31-08, art. 37).
    expect((await ask(token, { [`qty.${small.id}`]: "1", [`qty.${large.id}`]: "1", reason: "Finalement je rends tout." })).status).toBe(302);
    const second = (await requestsOf(order.id)).find((r) => r.status === "requested")!;
    const done = await decideReturn({ db, actor: coop.actor, input: { returnRequestId: second.id, decision: "accepted", reason: null } });
    expect(done).toMatchObject({ status: "accepted", refundCentimes: 8990 + 29900 + order.shippingFeeCentimes, orderReturned: true });
    const after = (await db.select().from(vendorOrders).where(eq(vendorOrders.id, order.id)))[0];
    expect(after.status).toBe("returned");
    expect(after.closedAt).not.toBeNull();
    const events = await db.select().from(vendorOrderEvents).where(eq(vendorOrderEvents.vendorOrderId, order.id));
    expect(events.map((e) => e.toStatus)).toEqual(["placed", "confirmed", "shipped", "delivered", "returned"]);
    expect([await stock(argan.variants[0].id), await stock(argan.variants[1].id)]).toEqual([5, 2]);
    expect(await db.select().from(refunds).where(eq(refunds.vendorOrderId, order.id))).toHaveLength(2);
    expect(await ledgerBalance(db, coop.org.id)).toMatchObject({ availableCentimes: 0, pendingCentimes: 0 });
    // Nothing is left to return.
    expect(await ask(token, { [`qty.${small.id}`]: "1", reason: "Encore une fois" })).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.returnTooMany" } });
    const finalPage = await run(trackingLoader, getRequest(`/commande/${token}`), { token });
    expect(finalPage.data.afterSale.returns).toMatchObject({ canRequest: false, block: "nothing" });
    expect(finalPage.data.afterSale.returns.requests).toHaveLength(2);
  });

  it("a prepaid order's return takes the refund from what was paid for it", async () => {
    process.env.TRANSFER_RIB = "011780000012345678901234";
    resetEnvCache();
    const { coop, order, token, argan, itemOf } = await orderOf({
      lines: ({ argan }) => [{ variantId: argan.variants[0].id, quantity: 2 }],
      fields: { paymentMethod: "bank_transfer", companyName: "Atlas SARL", companyIce: "001525489000088" },
    });
    expect((await ask(token, { [`qty.${itemOf(argan.variants[0].id).id}`]: "2", reason: "Cadeau en double" })).status).toBe(302);
    const [request] = await requestsOf(order.id);
    await decideReturn({ db, actor: coop.actor, input: { returnRequestId: request.id, decision: "accepted", reason: null } });
    expect((await db.select().from(refunds).where(eq(refunds.vendorOrderId, order.id)))[0]).toMatchObject({ provider: "bank_transfer", amountCentimes: 17980 + order.shippingFeeCentimes });
    expect((await db.select().from(paymentAllocations).where(eq(paymentAllocations.vendorOrderId, order.id)))[0].refundedCentimes).toBe(17980 + order.shippingFeeCentimes);
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.id, order.id)))[0].status).toBe("returned");
  });

  it("not delivered, past 7 days, perishable, too many units, bad input: each a translated error, nothing written", async () => {
    const { order, token, argan, honey, itemOf, coop } = await orderOf({
      lines: ({ argan, honey }) => [
        { variantId: argan.variants[0].id, quantity: 2 },
        { variantId: honey.variants[0].id, quantity: 1 },
      ],
      deliver: false,
    });
    const oil = itemOf(argan.variants[0].id);
    const food = itemOf(honey.variants[0].id);
    const reason = "Ne correspond pas à la description";
    expect(await ask(token, { [`qty.${oil.id}`]: "1", reason })).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.returnNotDelivered" } });
    expect((await run(trackingLoader, getRequest(`/commande/${token}`), { token })).data.afterSale.returns.block).toBe("notDelivered");
    for (const to of ["confirmed", "shipped", "delivered"] as const) await moveOrder({ db, actor: coop.actor, vendorOrderId: order.id, to });

    expect(await ask(token, { [`qty.${food.id}`]: "1", reason })).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.returnPerishable" } });
    expect(await ask(token, { [`qty.${oil.id}`]: "3", reason })).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.returnTooMany" } });
    for (const q of ["1.5", "-1", "abc", "100", "1e1"]) {
      const res = await ask(token, { [`qty.${oil.id}`]: q, reason });
      expect(res.status, q).toBe(400);
      expect(res.data.errors.items, q).toEqual(["reviews.errors.returnQuantity"]);
    }
    expect((await ask(token, { [`qty.${oil.id}`]: "0", reason })).data.errors.items).toEqual(["reviews.errors.returnNothing"]);
    expect((await ask(token, { [`qty.${oil.id}`]: "1", reason: " " })).data.errors.reason).toEqual(["reviews.errors.returnReason"]);
    expect((await ask(token, { [`qty.${oil.id}`]: "1" })).data.errors.reason).toEqual(["reviews.errors.returnReason"]);
    expect((await ask(token, { [`qty.${oil.id}`]: "1", reason: "x".repeat(2001) })).data.errors.reason).toEqual(["errors.tooLong"]);
    // An item of another order, or not an id at all.
    expect(await ask(token, { [`qty.${crypto.randomUUID()}`]: "1", reason })).toMatchObject({ status: 400, data: { messageKey: "reviews.errors.returnItem" } });
    expect((await ask(token, { "qty.nope": "1", reason })).data.errors.items).toEqual(["reviews.errors.returnItem"]);
    // A token that opens nothing.
    expect((await ask("a".repeat(32), { [`qty.${oil.id}`]: "1", reason })).status).toBe(404);

    // Eight days after delivery, the window is shut.
    await db.execute(sql`update vendor_orders set delivered_at = now() - interval '8 days' where id = ${order.id}`);
    expect(await ask(token, { [`qty.${oil.id}`]: "1", reason })).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.returnTooLate" } });
    const page = await run(trackingLoader, getRequest(`/commande/${token}`), { token });
    expect(page.data.afterSale.returns).toMatchObject({ canRequest: false, block: "tooLate" });

    expect(await requestsOf(order.id)).toHaveLength(0);
    expect(await db.select().from(returnRequestItems).where(inArray(returnRequestItems.orderItemId, [oil.id, food.id]))).toHaveLength(0);
    expect([await stock(argan.variants[0].id), await stock(honey.variants[0].id)]).toEqual([3, 2]);
    expect(await db.select().from(refunds).where(eq(refunds.vendorOrderId, order.id))).toHaveLength(0);
    expect((await db.select().from(vendorOrderItems).where(eq(vendorOrderItems.vendorOrderId, order.id))).every((i) => i.returnedQuantity === 0)).toBe(true);
  });

  it("refusing needs a reason, which the buyer receives; nothing moves and a new request may follow", async () => {
    const { coop, order, token, argan, itemOf } = await orderOf({ lines: ({ argan }) => [{ variantId: argan.variants[0].id, quantity: 1 }] });
    const oil = itemOf(argan.variants[0].id);
    expect((await ask(token, { [`qty.${oil.id}`]: "1", reason: "Je me suis trompée de format" })).status).toBe(302);
    const [request] = await requestsOf(order.id);
    const noReason = await decide(coop.org.slug, coop.cookie, { returnRequestId: request.id, decision: "refused", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toEqual(["reviews.errors.refusalReason"]);
    expect((await decide(coop.org.slug, coop.cookie, { returnRequestId: request.id, decision: "maybe" })).data.errors.decision).toEqual(["errors.invalidChoice"]);
    await expect(decideReturn({ db, actor: coop.actor, input: { returnRequestId: request.id, decision: "refused", reason: "   " } })).rejects.toMatchObject({ messageKey: "reviews.errors.refusalReason" });
    expect((await requestsOf(order.id))[0].status).toBe("requested");

    const refused = await decide(coop.org.slug, coop.cookie, { returnRequestId: request.id, decision: "refused", reason: "Le flacon a été ouvert et entamé." });
    expect(refused.status).toBe(302);
    expect((await requestsOf(order.id))[0]).toMatchObject({ status: "refused", decisionReason: "Le flacon a été ouvert et entamé.", refundCentimes: 0 });
    expect(await stock(argan.variants[0].id)).toBe(4);
    expect(await db.select().from(refunds).where(eq(refunds.vendorOrderId, order.id))).toHaveLength(0);
    expect((await mailsTo(buyer.email, order.number)).some((m) => m.text.includes("Le flacon a été ouvert et entamé."))).toBe(true);
    const page = await run(trackingLoader, getRequest(`/commande/${token}`), { token });
    expect(page.data.afterSale.returns).toMatchObject({ canRequest: true });
    expect(page.data.afterSale.returns.requests[0]).toMatchObject({ status: "refused", decisionReason: "Le flacon a été ouvert et entamé." });
  });
  it("two taps at once make one request, and two decisions at once one refund", async () => {
    const { coop, order, token, argan, itemOf } = await orderOf({ lines: ({ argan }) => [{ variantId: argan.variants[0].id, quantity: 2 }] });
    const oil = itemOf(argan.variants[0].id);
    const asks = await Promise.all([1, 2, 3].map(() => ask(token, { [`qty.${oil.id}`]: "1", reason: "Double clic sur le bouton" })));
    expect(asks.map((r) => r.status).sort()).toEqual([302, 409, 409]);
    const [request] = await requestsOf(order.id);
    const decisions = await Promise.allSettled(
      [1, 2, 3].map(() => decideReturn({ db, actor: coop.actor, input: { returnRequestId: request.id, decision: "accepted", reason: null } })),
    );
    expect(decisions.filter((d) => d.status === "fulfilled")).toHaveLength(1);
    expect(decisions.filter((d) => d.status === "rejected").map((d) => (d as PromiseRejectedResult).reason.messageKey)).toEqual([
      "reviews.errors.returnDecided",
      "reviews.errors.returnDecided",
    ]);
    expect(await db.select().from(refunds).where(eq(refunds.vendorOrderId, order.id))).toHaveLength(1);
    expect(await stock(argan.variants[0].id)).toBe(4);
  });
});

describe("reviews", () => {
  it("only after delivery, once per product of the order, with a whole rating from 1 to 5 and at most 2,000 characters", async () => {
    const { coop, order, token, argan } = await orderOf({
      lines: ({ argan }) => [
        { variantId: argan.variants[0].id, quantity: 1 },
        { variantId: argan.variants[1].id, quantity: 1 },
      ],
      deliver: false,
    });
    expect(await review(token, { productId: argan.product.id, rating: "5" })).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.notDelivered" } });
    expect((await run(trackingLoader, getRequest(`/commande/${token}`), { token })).data.afterSale.reviews.canReview).toBe(false);
    for (const to of ["confirmed", "shipped", "delivered"] as const) await moveOrder({ db, actor: coop.actor, vendorOrderId: order.id, to });

    const page = await run(trackingLoader, getRequest(`/commande/${token}`), { token });
    // Two sizes of one product: one review.
    expect(page.data.afterSale.reviews).toMatchObject({ canReview: true, products: [{ productId: argan.product.id, review: null }] });
    for (const rating of ["0", "6", "4.5", "abc", "", "-1"]) {
      const res = await review(token, { productId: argan.product.id, rating });
      expect(res.status, rating).toBe(400);
      expect(res.data.errors.rating, rating).toEqual(["reviews.errors.rating"]);
    }
    expect((await review(token, { productId: argan.product.id })).data.errors.rating).toEqual(["reviews.errors.rating"]);
    expect((await review(token, { productId: argan.product.id, rating: "4", body: "é".repeat(2001) })).data.errors.body).toEqual(["reviews.errors.bodyTooLong"]);
    const elsewhere = await createListedProduct(db, { organizationId: coop.org.id });
    expect(await review(token, { productId: elsewhere.product.id, rating: "4" })).toMatchObject({ status: 400, data: { messageKey: "reviews.errors.notInOrder" } });
    expect(await db.select().from(reviews)).toHaveLength(0);

    // 2,000 Arabic letters are 2,000 characters: accepted.
    const ok = await review(token, { productId: argan.product.id, rating: "4", body: "ز".repeat(2000) });
    expect(ok.status, JSON.stringify(ok.data)).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toContain("flash=reviews.thanks");
    const [row] = await db.select().from(reviews);
    expect(row).toMatchObject({ vendorOrderId: order.id, productId: argan.product.id, organizationId: coop.org.id, rating: 4, authorName: "Khadija B.", status: "published" });
    expect(await review(token, { productId: argan.product.id, rating: "1" })).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.alreadyReviewed" } });
    expect(await db.select().from(reviews)).toHaveLength(1);

    const listed = await productReviews(db, argan.product.id);
    expect(listed).toMatchObject({ total: 1, page: 1, pageCount: 1 });
    expect(listed.items[0]).toMatchObject({ rating: 4, authorName: "Khadija B.", productSlug: argan.product.slug });
    expect(await ratingSummary(db, { productId: argan.product.id })).toEqual({ count: 1, average: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });
  });

  it("the cooperative replies once; a hidden review leaves public lists and summaries", async () => {
    const first = await orderOf({ lines: ({ argan }) => [{ variantId: argan.variants[0].id, quantity: 1 }] });
    const { coop, argan, token } = first;
    expect((await review(token, { productId: argan.product.id, rating: "2", body: "Arrivé tard." })).status).toBe(302);
    const [row] = await db.select().from(reviews).where(eq(reviews.productId, argan.product.id));

    // Reply: the member, once; another cooperative's member, never.
    const other = await cooperative("Voisine");
    expect((await run(reviewsAction, formRequest(`/organisations/${other.org.slug}/avis`, { reviewId: row.id, reply: "Merci !" }, { cookie: other.cookie }), { slug: other.org.slug })).status).toBe(403);
    await expect(replyToReview({ db, actor: other.actor, reviewId: row.id, reply: "Merci" })).rejects.toMatchObject({ status: 403 });
    expect((await run(reviewsAction, formRequest(`/organisations/${coop.org.slug}/avis`, { reviewId: row.id, reply: " " }, { cookie: coop.cookie }), { slug: coop.org.slug })).data.errors.reply).toEqual(["reviews.errors.replyRequired"]);
    const replied = await run(reviewsAction, formRequest(`/organisations/${coop.org.slug}/avis`, { reviewId: row.id, reply: "Désolés : le transporteur a été retardé par la neige." }, { cookie: coop.cookie }), { slug: coop.org.slug });
    expect(replied.status).toBe(302);
    const again = await run(reviewsAction, formRequest(`/organisations/${coop.org.slug}/avis`, { reviewId: row.id, reply: "Encore merci" }, { cookie: coop.cookie }), { slug: coop.org.slug });
    expect(again).toMatchObject({ status: 409, data: { messageKey: "reviews.errors.alreadyReplied" } });
    expect((await productReviews(db, argan.product.id)).items[0]).toMatchObject({ reply: "Désolés : le transporteur a été retardé par la neige." });
    const coopPage = await run(coopReviewsLoader, getRequest(`/organisations/${coop.org.slug}/avis`, { cookie: coop.cookie }), { slug: coop.org.slug });
    expect(coopPage.data.reviews.items).toHaveLength(1);
    expect((await run(coopReviewsLoader, getRequest(`/organisations/${coop.org.slug}/avis`, { cookie: other.cookie }), { slug: coop.org.slug })).status).toBe(403);

    // Someone reports it through the report page; an admin hides it from the queue.
    const reporter = await signedIn();
    const form = await run(reportPageLoader, getRequest(`/signaler?avis=${row.id}`, { cookie: reporter.cookie }));
    expect(form.data.target).toMatchObject({ type: "review", id: row.id, author: "Khadija B." });
    const sent = await run(reportAction, formRequest(`/signaler?avis=${row.id}`, { targetType: "review", targetId: row.id, reason: "offensive" }, { cookie: reporter.cookie }));
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`/marche/${argan.product.slug}`);
    const admin = await signedIn({ platformRole: "admin" });
    const queue = await run(reportsLoader, getRequest("/admin/signalements", { cookie: admin.cookie }));
    const reported = queue.data.reports.find((r: { targetId: string }) => r.targetId === row.id);
    expect(reported).toMatchObject({ targetType: "review", review: { rating: 2, body: "Arrivé tard.", status: "published", productSlug: argan.product.slug } });
    await expect(setReviewStatus({ db, actor: coop.actor, reviewId: row.id, status: "hidden" })).rejects.toMatchObject({ status: 403 });
    const hidden = await run(reportsAction, formRequest("/admin/signalements", { intent: "reviewStatus", reviewId: row.id, status: "hidden", reportId: reported.id }, { cookie: admin.cookie }));
    expect(hidden.status).toBe(302);
    expect((await db.select().from(reviews).where(eq(reviews.id, row.id)))[0].status).toBe("hidden");
    expect((await db.select().from(reports).where(eq(reports.id, reported.id)))[0].status).toBe("resolved");
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "review.hide"), eq(auditLog.targetId, row.id)))).toHaveLength(1);

    expect(await productReviews(db, argan.product.id)).toMatchObject({ items: [], total: 0 });
    expect(await shopReviews(db, coop.org.id)).toMatchObject({ items: [], total: 0 });
    expect(await ratingSummary(db, { organizationId: coop.org.id })).toMatchObject({ count: 0, average: null });
    // Hidden: no longer reportable; the buyer still sees it, marked hidden; the cooperative too.
    expect((await run(reportPageLoader, getRequest(`/signaler?avis=${row.id}`, { cookie: reporter.cookie }))).status).toBe(404);
    expect((await run(trackingLoader, getRequest(`/commande/${token}`), { token })).data.afterSale.reviews.products[0].review).toMatchObject({ status: "hidden" });
    expect((await run(coopReviewsLoader, getRequest(`/organisations/${coop.org.slug}/avis`, { cookie: coop.cookie }), { slug: coop.org.slug })).data.reviews.items[0].status).toBe("hidden");
  });

  it("lists a shop's reviews over its products, newest first, ten a page, with the average", async () => {
    const coop = await cooperative("Pages");
    const products = [];
    for (let i = 0; i < 3; i++) products.push(await createListedProduct(db, { organizationId: coop.org.id, variants: [{ priceCentimes: 1000 + i, stock: 50 }] }));
    // Twelve delivered orders of this shop, each reviewed.
    const ratings = [5, 4, 5, 3, 5, 4, 5, 1, 5, 4, 5, 2];
    for (const [n, rating] of ratings.entries()) {
      buyer.email = `pages-${n}@example.ma`;
      await checkout(await adds([{ variantId: products[n % 3].variants[0].id, quantity: 1 }]));
      const [order] = await db
        .select({ id: vendorOrders.id, token: vendorOrders.trackingToken })
        .from(vendorOrders)
        .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
        .where(eq(orderGroups.buyerEmail, buyer.email));
      for (const to of ["confirmed", "shipped", "delivered"] as const) await moveOrder({ db, actor: coop.actor, vendorOrderId: order.id, to });
      expect((await review(order.token, { productId: products[n % 3].product.id, rating: String(rating), body: `Avis ${n}` })).status).toBe(302);
    }
    const page1 = await shopReviews(db, coop.org.id, 1);
    expect(page1).toMatchObject({ total: 12, page: 1, pageCount: 2 });
    expect(page1.items).toHaveLength(10);
    expect(page1.items[0].body).toBe("Avis 11");
    const page2 = await shopReviews(db, coop.org.id, 2);
    expect(page2.items.map((r) => r.body)).toEqual(["Avis 1", "Avis 0"]);
    expect((await shopReviews(db, coop.org.id, -3)).page).toBe(1);
    const summary = await ratingSummary(db, { organizationId: coop.org.id });
    expect(summary).toEqual({ count: 12, average: Math.round((ratings.reduce((a, b) => a + b, 0) / 12) * 10) / 10, distribution: { 1: 1, 2: 1, 3: 1, 4: 3, 5: 6 } });
    expect((await productReviews(db, products[0].product.id)).total).toBe(4);
  });
});

describe("order history", () => {
  it("lists only the signed-in buyer's own checkouts, newest first, ten a page, with each cooperative's order and its tracking link", async () => {
    const coopA = await cooperative("Histoire A");
    const coopB = await cooperative("Histoire B");
    const a = await createListedProduct(db, { organizationId: coopA.org.id, variants: [{ priceCentimes: 5000, stock: 99 }] });
    const b = await createListedProduct(db, { organizationId: coopB.org.id, variants: [{ priceCentimes: 7000, stock: 99 }] });
    const me = await signedIn();
    const someoneElse = await signedIn();
    buyer.email = me.user.email;
    // Two cooperatives in the first checkout, then ten more: eleven in all.
    await checkout(await adds([{ variantId: a.variants[0].id, quantity: 1 }, { variantId: b.variants[0].id, quantity: 1 }], me.cookie));
    for (let i = 0; i < 10; i++) await checkout(await adds([{ variantId: a.variants[0].id, quantity: 1 }], me.cookie));
    // Someone else's order, and a guest checkout with my e-mail but not signed in: neither is mine.
    await checkout(await adds([{ variantId: b.variants[0].id, quantity: 1 }], someoneElse.cookie));
    await checkout(await adds([{ variantId: b.variants[0].id, quantity: 2 }]));

    const first = await run(historyLoader, getRequest("/compte/commandes", { cookie: me.cookie }));
    expect(first.data).toMatchObject({ total: 11, page: 1, pageCount: 2 });
    expect(first.data.groups).toHaveLength(10);
    const mine = await db.select().from(orderGroups).where(eq(orderGroups.buyerUserId, me.user.id));
    const numbers = mine.sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (y.id < x.id ? -1 : 1)).map((g) => g.number);
    expect(first.data.groups.map((g: { number: string }) => g.number)).toEqual(numbers.slice(0, 10));
    const second = await run(historyLoader, getRequest("/compte/commandes?page=2", { cookie: me.cookie }));
    expect(second.data.groups).toHaveLength(1);
    const oldest = second.data.groups[0];
    expect(oldest.orders).toHaveLength(2);
    expect(oldest.orders.map((o: { name: string }) => o.name).sort()).toEqual(["Histoire A", "Histoire B"]);
    for (const o of oldest.orders) {
      expect(o.token).toMatch(/^[a-z2-7]{32}$/);
      expect((await run(trackingLoader, getRequest(`/commande/${o.token}`), { token: o.token })).data.order.number).toBe(o.number);
    }
    const theirs = await run(historyLoader, getRequest("/compte/commandes", { cookie: someoneElse.cookie }));
    expect(theirs.data.groups).toHaveLength(1);
    expect(theirs.data.groups[0].orders[0].name).toBe("Histoire B");
    expect((await run(historyLoader, getRequest("/compte/commandes?page=abc", { cookie: someoneElse.cookie }))).data.page).toBe(1);
    // Signed out: to the login page.
    expect((await run(historyLoader, getRequest("/compte/commandes"))).status).toBe(302);
  });
});
