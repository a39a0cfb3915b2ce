import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createListedProduct, createOrganization, createUser } from "../../db/factories";
import {
  emailMessages,
  orderGroups,
  paymentAllocations,
  paymentAttempts,
  paymentEvents,
  productVariants,
  refunds,
  vendorOrderEvents,
  vendorOrders,
} from "../../db/schema";
import { resetEnvCache } from "~/lib/env.server";
import { settleDueCardGroup } from "~/modules/orders/card-payment.server";
import { cancelOrderAsAdmin } from "~/modules/orders/lifecycle.server";
import { expireDueOrders, reconcilePayments } from "~/modules/orders/payment-jobs.server";
import { recordTransfer } from "~/modules/orders/payments.server";
import { markRefundPaid } from "~/modules/orders/refunds.server";
import { createCheckoutSession, expireSession, refund, retrieveSession, stripeClient } from "~/modules/orders/stripe.server";
import { action as cartAction } from "~/routes/panier";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/panier_.commande";
import { loader as paymentLoader } from "~/routes/paiement.$groupId";
import { loader as returnLoader } from "~/routes/paiement.$groupId_.retour";
import { action as webhookAction, loader as webhookLoader } from "~/routes/paiement.stripe.webhook";
import { BASE, context, formRequest, getRequest, run } from "../support/http";
import { signedDelivery, startStripeStandin, type StripeStandin } from "../support/stripe-standin";

// Card payments end to end against a real database, with webhooks signed for real by the `stripe`
// library. Stripe's API itself cannot be reached from here: it is answered by a STAND-IN
// (test/support/stripe-standin.ts). The contract test at the end runs the adapter against the real API
// when a test key (sk_test_…) is in the environment.

const REAL_KEY = process.env.STRIPE_SECRET_KEY?.startsWith("sk_test_") ? process.env.STRIPE_SECRET_KEY : null;
const SECRET = "whsec_tiwizi_test_secret";
let standin: StripeStandin;

beforeAll(async () => {
  standin = await startStripeStandin();
});
afterAll(async () => {
  await standin.close();
});

beforeEach(() => {
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_URL = standin.url;
  resetEnvCache();
  buyer.email = `amina${++buyers}@example.ma`;
});
afterEach(() => {
  delete process.env.STRIPE_SECRET_KEY;
  delete process.env.STRIPE_WEBHOOK_SECRET;
  delete process.env.STRIPE_API_URL;
  delete process.env.TRANSFER_RIB;
  resetEnvCache();
  standin.refundOutcome("succeeded");
});

let buyers = 0;
const buyer = {
  name: "Amina Tazi",
  phone: "+33 6 12 34 56 78",
  email: "amina@example.ma",
  country: "MA",
  regionCode: "09",
  city: "Agadir",
  addressLine: "3 avenue Hassan II",
  paymentMethod: "stripe",
  acceptTerms: "on",
};

async function cooperative(name: string) {
  const member = await createUser(db, { locale: "ar" });
  const org = await createOrganization(db, { name, nameAr: `تعاونية ${name}`, ownerId: member.id, role: "member", verificationStatus: "verified" });
  return { org, member };
}

async function guestAdds(lines: { variantId: string; quantity: number }[]) {
  let cookie = "";
  for (const line of lines) {
    const res = await run(cartAction, formRequest("/panier", { intent: "add", variantId: line.variantId, quantity: String(line.quantity) }, { cookie }));
    expect(res.status, JSON.stringify(res.data)).toBe(302);
    const cart = (res.headers.get("Set-Cookie") ?? "").split(/,(?=\s*\w+=)/).find((c) => c.trim().startsWith("cart="));
    if (cart) cookie = cart.trim().split(";")[0];
  }
  return cookie;
}

/** Two cooperatives' goods bought by card: the checkout sends the buyer to /paiement/<group>. */
async function cardOrder(fields: Record<string, string> = {}) {
  const a = await cooperative(`Argane ${buyers}`);
  const b = await cooperative(`Safran ${buyers}`);
  const argan = await createListedProduct(db, { organizationId: a.org.id, titleFr: "Huile d'argan", variants: [{ priceCentimes: 12000, stock: 5 }] });
  const saffron = await createListedProduct(db, { organizationId: b.org.id, titleFr: "Safran", variants: [{ unit: "g", size: 1, priceCentimes: 9000, stock: 3 }] });
  const cookie = await guestAdds([
    { variantId: argan.variants[0].id, quantity: 2 },
    { variantId: saffron.variants[0].id, quantity: 1 },
  ]);
  const page = await run(checkoutLoader, getRequest("/panier/commande", { cookie }));
  const expectedTotal = String(page.data.view.totalCentimes);
  const res = await run(checkoutAction, formRequest("/panier/commande", { ...buyer, expectedTotal, ...fields }, { cookie }), {}, `198.51.100.${buyers % 250}`);
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  const [group] = await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, fields.email ?? buyer.email));
  if (group.paymentMethod === "stripe") expect(res.headers.get("Location")).toBe(`/paiement/${group.id}`);
  const orders = await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id)).orderBy(vendorOrders.number);
  return { group, orders, a, b, argan, saffron };
}

const pay = (groupId: string) => run(paymentLoader, getRequest(`/paiement/${groupId}`), { groupId });
const stock = async (variantId: string) => (await db.select({ s: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId)))[0].s;
const groupOf = async (id: string) => (await db.select().from(orderGroups).where(eq(orderGroups.id, id)))[0];
const attemptsOf = (groupId: string) => db.select().from(paymentAttempts).where(eq(paymentAttempts.groupId, groupId)).orderBy(paymentAttempts.createdAt);
const eventsOf = (groupId: string) => db.select().from(paymentEvents).where(eq(paymentEvents.groupId, groupId));

/** Opens the group's session at the stand-in, as the buyer's browser does, and returns it. */
async function openSession(groupId: string) {
  const res = await pay(groupId);
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  const sessionId = res.headers.get("Location")!.split("/pay/")[1];
  return standin.sessions.get(sessionId)!;
}

/** A webhook delivery, signed with `secret` at `timestamp` (seconds) unless a header is given. */
async function deliver(event: object, opts: { secret?: string; timestamp?: number; header?: string | null; body?: string } = {}) {
  const signed = signedDelivery(event, opts.secret ?? SECRET, opts.timestamp);
  const payload = signed.body;
  const header = opts.header !== undefined ? opts.header : signed.signature;
  const request = new Request(`${BASE}/paiement/stripe/webhook`, {
    method: "POST",
    body: opts.body ?? payload,
    headers: { "Content-Type": "application/json; charset=utf-8", ...(header ? { "Stripe-Signature": header } : {}) },
  });
  const res = (await webhookAction({ request, params: {}, context: context() })) as Response;
  return { status: res.status, body: res.headers.get("Content-Type")?.startsWith("application/json") ? ((await res.json()) as { outcome: string }) : await res.text() };
}

describe("paying by card", () => {
  it("the checkout sends the buyer to a Checkout Session in MAD, made with the attempt's idempotency key; a reload or a second tab gets the same", async () => {
    const { group, orders } = await cardOrder();
    expect(group).toMatchObject({ paymentMethod: "stripe", paymentStatus: "awaiting", totalCentimes: 12000 * 2 + 9000 + 3500 * 2 });
    expect(group.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(orders.every((o) => o.status === "awaiting_payment")).toBe(true);

    const before = standin.requests.length;
    const tabs = await Promise.all([pay(group.id), pay(group.id), pay(group.id)]);
    const urls = new Set(tabs.map((r) => r.headers.get("Location")));
    expect(tabs.map((r) => r.status)).toEqual([302, 302, 302]);
    expect(urls.size).toBe(1);
    const [url] = [...urls];
    expect(url).toMatch(new RegExp(`^${standin.url}/pay/cs_test_\\w+$`));
    const creates = standin.requests.slice(before).filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions");
    expect(creates.length).toBeGreaterThanOrEqual(1);
    expect(new Set(creates.map((r) => r.idempotencyKey))).toEqual(new Set([`${group.id}:1`]));
    expect([...standin.sessions.values()].filter((s) => s.client_reference_id === group.id)).toHaveLength(1);

    const session = [...standin.sessions.values()].find((s) => s.client_reference_id === group.id)!;
    expect(session).toMatchObject({ currency: "mad", amount_total: group.totalCentimes, metadata: { group_id: group.id, order_number: group.number }, locale: "fr" });
    // One line per cooperative's order, its shipping included, named after it.
    expect(session.line_items.map((l) => [l.name, l.unit_amount])).toEqual(orders.map((o) => [expect.stringContaining(o.number), o.totalCentimes]));
    expect(session.success_url).toBe(`http://localhost:3000/paiement/${group.id}/retour?session_id={CHECKOUT_SESSION_ID}`);
    expect(session.cancel_url).toBe(`http://localhost:3000/commande/${orders[0].trackingToken}`);
    // Stripe wants 30 minutes at least; the stock is held as long as the session lives.
    const [attempt] = await attemptsOf(group.id);
    expect(attempt).toMatchObject({ provider: "stripe", state: "pending", providerRef: session.id, checkoutUrl: url, idempotencyKey: `${group.id}:1` });
    expect(attempt.expiresAt!.getTime()).toBe(session.expires_at * 1000);
    expect((await groupOf(group.id)).expiresAt!.getTime()).toBe(session.expires_at * 1000);

    // Coming back later reuses the session.
    const again = await pay(group.id);
    expect(again.headers.get("Location")).toBe(url);
    expect([...standin.sessions.values()].filter((s) => s.client_reference_id === group.id)).toHaveLength(1);
    expect(await attemptsOf(group.id)).toHaveLength(1);
  });

  it("Stripe failing gives a translated page with a retry (503), never a 500; the retry uses a new attempt and key", async () => {
    const { group } = await cardOrder({ email: "retry@example.ma" });
    standin.failNext("/v1/checkout/sessions");
    const failed = await pay(group.id);
    expect(failed.status).toBe(503);
    expect(failed.data).toMatchObject({ kind: "unavailable", number: group.number, groupId: group.id });
    let attempts = await attemptsOf(group.id);
    expect(attempts.map((a) => [a.idempotencyKey, a.state])).toEqual([
      [`${group.id}:1`, "failed"],
      [`${group.id}:2`, "pending"],
    ]);
    // The new attempt splits the money between the cooperatives as the first did.
    const split = await db.select().from(paymentAllocations).where(inArray(paymentAllocations.attemptId, attempts.map((a) => a.id)));
    expect(split.filter((s) => s.attemptId === attempts[1].id).map((s) => s.amountCentimes).sort()).toEqual(split.filter((s) => s.attemptId === attempts[0].id).map((s) => s.amountCentimes).sort());

    const retried = await pay(group.id);
    expect(retried.status).toBe(302);
    expect(standin.requests.at(-1)).toMatchObject({ path: "/v1/checkout/sessions", idempotencyKey: `${group.id}:2` });
    attempts = await attemptsOf(group.id);
    expect(attempts[1].providerRef).toMatch(/^cs_test_/);

    // A group that is not awaiting a card payment: to its tracking page, or a page saying it is over.
    expect((await run(paymentLoader, getRequest("/paiement/nope"), { groupId: "nope" })).status).toBe(404);
    expect((await run(paymentLoader, getRequest("/paiement/x"), { groupId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    // Not configured any more: the same page, not an error.
    delete process.env.STRIPE_SECRET_KEY;
    resetEnvCache();
    expect((await pay(group.id)).status).toBe(503);
  });

  it("a signed webhook records the payment once; a replay changes nothing", async () => {
    const { group, orders, a } = await cardOrder();
    const session = standin.pay((await openSession(group.id)).id);
    const event = standin.event("checkout.session.completed", session);
    const first = await deliver(event);
    expect(first).toEqual({ status: 200, body: { received: true, outcome: "paid" } });
    const paid = await groupOf(group.id);
    expect(paid).toMatchObject({ paymentStatus: "paid" });
    expect(paid.paidAt).not.toBeNull();
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id))).every((o) => o.status === "placed")).toBe(true);
    const [attempt] = await attemptsOf(group.id);
    expect(attempt).toMatchObject({ state: "succeeded", providerRef: session.id, paymentIntent: session.payment_intent });
    expect(await deliver(event)).toEqual({ status: 200, body: { received: true, outcome: "replayed" } });
    expect(await eventsOf(group.id)).toHaveLength(1);
    // The cooperatives hear of their order once it is paid, once.
    const toCoop = await db.select().from(emailMessages).where(and(eq(emailMessages.to, a.member.email!), eq(emailMessages.template, "newOrder")));
    expect(toCoop).toHaveLength(1);
    expect(orders).toHaveLength(2);
    // GET on the webhook is not a thing.
    expect(((await webhookLoader()) as Response).status).toBe(405);
  });

  it("the same event delivered 20 times at once while the return page asks for the same payment: exactly one payment", async () => {
    const { group, orders, a, b } = await cardOrder();
    const session = standin.pay((await openSession(group.id)).id);
    const event = standin.event("checkout.session.completed", session);
    const returning = run(returnLoader, getRequest(`/paiement/${group.id}/retour?session_id=${session.id}`), { groupId: group.id });
    const deliveries = await Promise.all([...Array.from({ length: 20 }, () => deliver(event)), returning]);
    const webhookAnswers = deliveries.slice(0, 20) as { status: number; body: { outcome: string } }[];
    expect(webhookAnswers.every((d) => d.status === 200)).toBe(true);
    const outcomes = webhookAnswers.map((d) => d.body.outcome);
    // One delivery claims the event (and pays, unless the return page paid first); the other 19 are replays.
    expect(outcomes.filter((o) => o === "replayed")).toHaveLength(19);
    expect(outcomes.filter((o) => o === "paid" || o === "already-paid")).toHaveLength(1);
    const page = deliveries[20] as { status: number; data: { state: string } };
    expect(page.status).toBe(200);
    expect(page.data.state).toBe("paid");

    expect((await attemptsOf(group.id)).filter((x) => x.state === "succeeded")).toHaveLength(1);
    expect(await eventsOf(group.id)).toHaveLength(1);
    const placed = await db
      .select()
      .from(vendorOrderEvents)
      .where(and(inArray(vendorOrderEvents.vendorOrderId, orders.map((o) => o.id)), eq(vendorOrderEvents.toStatus, "placed")));
    expect(placed).toHaveLength(orders.length);
    for (const coop of [a, b]) {
      const mails = await db.select().from(emailMessages).where(and(eq(emailMessages.to, coop.member.email!), eq(emailMessages.template, "newOrder")));
      expect(mails).toHaveLength(1);
    }
    // The buyer: the checkout's summary, then one "received" per cooperative's order.
    const buyerMails = await db.select().from(emailMessages).where(eq(emailMessages.to, buyer.email));
    expect(buyerMails.map((m) => m.template).sort()).toEqual(["orderPlaced", ...orders.map(() => "orderStatus")].sort());
  });

  it("a bad or missing signature, another secret, a changed body or an old timestamp: 400 and nothing changes", async () => {
    const { group } = await cardOrder();
    const session = standin.pay((await openSession(group.id)).id);
    const event = standin.event("checkout.session.completed", session);
    const payload = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      await deliver(event, { header: null }),
      await deliver(event, { header: `t=${now},v1=${"0".repeat(64)}` }),
      await deliver(event, { header: "garbage" }),
      await deliver(event, { secret: "whsec_someone_else" }),
      await deliver(event, { body: payload.replace(session.id, "cs_test_forged") }),
      // Stripe's tolerance is 300 s: a delivery signed 301 s ago is refused (a replayed capture).
      await deliver(event, { timestamp: now - 301 }),
      await deliver(event, { timestamp: now - 3600 }),
    ];
    expect(cases.map((c) => c.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    expect(await groupOf(group.id)).toMatchObject({ paymentStatus: "awaiting", paidAt: null });
    expect(await eventsOf(group.id)).toHaveLength(0);
    expect((await attemptsOf(group.id))[0].state).toBe("pending");
    // Within the tolerance it goes through.
    expect((await deliver(event, { timestamp: now - 120 })).body).toEqual({ received: true, outcome: "paid" });
    // Without a configured secret nothing can be checked: Stripe is told to come back later.
    delete process.env.STRIPE_WEBHOOK_SECRET;
    resetEnvCache();
    expect((await deliver(event)).status).toBe(503);
  });

  it("an expired session releases the stock; an old session of the same group expiring changes nothing", async () => {
    const { group, argan, saffron } = await cardOrder();
    expect([await stock(argan.variants[0].id), await stock(saffron.variants[0].id)]).toEqual([3, 2]);
    const session = await openSession(group.id);
    // An event about another session (not the group's live one) for the same group.
    const stray = { ...session, id: "cs_test_stray", status: "expired" };
    expect((await deliver(standin.event("checkout.session.expired", stray))).body).toEqual({ received: true, outcome: "ignored" });
    expect((await groupOf(group.id)).paymentStatus).toBe("awaiting");

    const expired = standin.expire(session.id);
    const event = standin.event("checkout.session.expired", expired);
    expect((await deliver(event)).body).toEqual({ received: true, outcome: "expired" });
    expect([await stock(argan.variants[0].id), await stock(saffron.variants[0].id)]).toEqual([5, 3]);
    expect((await groupOf(group.id)).paymentStatus).toBe("expired");
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id))).every((o) => o.status === "expired")).toBe(true);
    expect((await attemptsOf(group.id))[0].state).toBe("expired");
    expect((await deliver(event)).body).toEqual({ received: true, outcome: "ignored" });
    expect([await stock(argan.variants[0].id), await stock(saffron.variants[0].id)]).toEqual([5, 3]);
    // The payment page now says the order is over.
    const page = await pay(group.id);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ kind: "closed", paymentStatus: "expired" });
  });

  it("the return page: paid once Stripe says so, pending while the bank confirms, and links to every parcel", async () => {
    const { group, orders } = await cardOrder();
    const session = await openSession(group.id);
    const back = (sessionId: string | null) =>
      run(returnLoader, getRequest(`/paiement/${group.id}/retour${sessionId ? `?session_id=${sessionId}` : ""}`), { groupId: group.id });
    expect((await back(null)).data.state).toBe("unpaid");
    // Not paid yet at Stripe: nothing is recorded.
    expect((await back(session.id)).data.state).toBe("processing");
    // A session of another group, or a made-up id: nothing is recorded either.
    const other = await cardOrder({ email: "other@example.ma" });
    const otherSession = standin.pay((await openSession(other.group.id)).id);
    expect((await back(otherSession.id)).data.state).toBe("processing");
    expect((await back("cs_test_doesnotexist")).data.state).toBe("processing");
    expect((await back("javascript:alert(1)")).data.state).toBe("unpaid");
    expect((await groupOf(group.id)).paymentStatus).toBe("awaiting");

    standin.pay(session.id);
    const page = await back(session.id);
    expect(page.data.state).toBe("paid");
    expect(page.data.orders.map((o: { token: string }) => o.token)).toEqual(orders.map((o) => o.trackingToken));
    expect((await groupOf(group.id)).paymentStatus).toBe("paid");
    // The payment page now goes to the tracking page.
    const pageAfter = await pay(group.id);
    expect(pageAfter.status).toBe(302);
    expect(pageAfter.headers.get("Location")).toBe(`/commande/${orders[0].trackingToken}`);
    expect((await run(returnLoader, getRequest("/paiement/x/retour"), { groupId: "x" })).status).toBe(404);
  });
});

describe("the payment jobs", () => {
  it("a lost webhook is caught by reconciliation", async () => {
    const { group } = await cardOrder();
    const session = standin.pay((await openSession(group.id)).id);
    // Too fresh: the webhook is given its time first.
    expect((await reconcilePayments(db)).paid).toBe(0);
    const later = new Date(Date.now() + 3 * 60_000);
    expect((await reconcilePayments(db, later)).paid).toBeGreaterThanOrEqual(1);
    expect(await groupOf(group.id)).toMatchObject({ paymentStatus: "paid" });
    expect((await attemptsOf(group.id))[0]).toMatchObject({ state: "succeeded", paymentIntent: session.payment_intent });
    // The webhook arriving after all changes nothing.
    expect((await deliver(standin.event("checkout.session.completed", session))).body).toEqual({ received: true, outcome: "already-paid" });
  });

  it("expire-orders asks Stripe before releasing a card group's stock: closes an open session, records a paid one, expires one never opened", async () => {
    const open = await cardOrder();
    const openSessionRow = await openSession(open.group.id);
    const paidGroup = await cardOrder({ email: "late-webhook@example.ma" });
    const paidSession = standin.pay((await openSession(paidGroup.group.id)).id);
    const never = await cardOrder({ email: "never@example.ma" });
    // Not due yet: nothing happens.
    const none = await expireDueOrders(db);
    expect((await groupOf(open.group.id)).paymentStatus).toBe("awaiting");
    expect(none.expired + none.paid).toBe(0);

    const later = new Date(Date.now() + 40 * 60_000);
    const result = await expireDueOrders(db, later);
    expect(result.paid).toBeGreaterThanOrEqual(1);
    expect(result.expired).toBeGreaterThanOrEqual(2);
    // The open session was closed at Stripe before the stock went back: nobody can pay it now.
    expect(standin.sessions.get(openSessionRow.id)!.status).toBe("expired");
    expect(standin.requests.some((r) => r.path === `/v1/checkout/sessions/${openSessionRow.id}/expire` && r.idempotencyKey)).toBe(true);
    expect((await groupOf(open.group.id)).paymentStatus).toBe("expired");
    expect(await stock(open.argan.variants[0].id)).toBe(5);
    expect((await groupOf(paidGroup.group.id)).paymentStatus).toBe("paid");
    expect((await attemptsOf(paidGroup.group.id))[0].paymentIntent).toBe(paidSession.payment_intent);
    expect((await groupOf(never.group.id)).paymentStatus).toBe("expired");
    expect(await stock(never.saffron.variants[0].id)).toBe(3);
    // Without Stripe to ask, a card group keeps its stock rather than risk selling it twice.
    const unasked = await cardOrder({ email: "unasked@example.ma" });
    delete process.env.STRIPE_SECRET_KEY;
    resetEnvCache();
    await expireDueOrders(db, later);
    expect((await groupOf(unasked.group.id)).paymentStatus).toBe("awaiting");
    process.env.STRIPE_SECRET_KEY = "sk_test_standin";
    resetEnvCache();
    expect(await settleDueCardGroup(db, unasked.group.id, later)).toBe("expired");
    // Transfers need no one to ask: past their days, they expire.
    process.env.TRANSFER_RIB = "011780000012345678901234";
    resetEnvCache();
    const transfer = await cardOrder({ paymentMethod: "bank_transfer", companyName: "Atlas SARL", email: "transfer-due@example.ma" });
    await expireDueOrders(db, later);
    expect((await groupOf(transfer.group.id)).paymentStatus).toBe("awaiting");
    await expireDueOrders(db, new Date(Date.now() + 6 * 86_400_000));
    expect((await groupOf(transfer.group.id)).paymentStatus).toBe("expired");
    expect(await stock(transfer.argan.variants[0].id)).toBe(5);
  });

  it("a paid order an admin cancels is refunded through Stripe with the refund's idempotency key, once", async () => {
    const { group, orders } = await cardOrder();
    const session = standin.pay((await openSession(group.id)).id);
    await deliver(standin.event("checkout.session.completed", session));
    const admin = await createUser(db, { platformRole: "admin" });
    const actor = { id: admin.id, platformRole: "admin" as const };
    await cancelOrderAsAdmin({ db, actor, vendorOrderId: orders[0].id, reason: "Rupture chez la coopérative" });
    const [pending] = await db.select().from(refunds).where(eq(refunds.vendorOrderId, orders[0].id));
    expect(pending).toMatchObject({ provider: "stripe", state: "pending", amountCentimes: orders[0].totalCentimes, providerRef: null });
    // A card refund is Stripe's to make, not an admin's.
    await expect(markRefundPaid(db, actor, pending.id, "VIR-1")).rejects.toMatchObject({ status: 409 });

    const result = await reconcilePayments(db);
    expect(result.refunds.succeeded).toBe(1);
    const call = standin.requests.filter((r) => r.path === "/v1/refunds");
    expect(call).toHaveLength(1);
    expect(call[0]).toMatchObject({ idempotencyKey: pending.idempotencyKey, params: { payment_intent: session.payment_intent, amount: String(orders[0].totalCentimes) } });
    const [done] = await db.select().from(refunds).where(eq(refunds.id, pending.id));
    expect(done).toMatchObject({ state: "succeeded", providerRef: expect.stringMatching(/^re_test_/) });
    await reconcilePayments(db);
    expect(standin.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(1);

    // Stripe settling later: the refund waits with Stripe's id, and its webhook settles it.
    standin.refundOutcome("pending");
    await cancelOrderAsAdmin({ db, actor, vendorOrderId: orders[1].id, reason: "Doublon" });
    expect((await reconcilePayments(db)).refunds.pending).toBe(1);
    const [waiting] = await db.select().from(refunds).where(eq(refunds.vendorOrderId, orders[1].id));
    expect(waiting).toMatchObject({ state: "pending", providerRef: expect.stringMatching(/^re_test_/) });
    const stripeRefund = standin.refunds.get(waiting.providerRef!)!;
    stripeRefund.status = "succeeded";
    const refundEvent = standin.event("refund.updated", stripeRefund);
    expect((await deliver(refundEvent)).body).toEqual({ received: true, outcome: "refund" });
    expect((await db.select().from(refunds).where(eq(refunds.id, waiting.id)))[0].state).toBe("succeeded");
    expect((await deliver(refundEvent)).body).toEqual({ received: true, outcome: "ignored" });
    // Followed by its id from then on, never asked for twice.
    expect(standin.requests.filter((r) => r.path === "/v1/refunds")).toHaveLength(2);
  });

  it("a refund Stripe refuses is left for an admin, who records the transfer; transfer refunds are paid by hand", async () => {
    process.env.TRANSFER_RIB = "011780000012345678901234";
    resetEnvCache();
    const { group, orders } = await cardOrder();
    const session = standin.pay((await openSession(group.id)).id);
    await deliver(standin.event("checkout.session.completed", session));
    const admin = await createUser(db, { platformRole: "admin" });
    const actor = { id: admin.id, platformRole: "admin" as const };
    // Refunded from Stripe's dashboard already: Stripe refuses a second one.
    await refund({ paymentIntent: session.payment_intent!, amount: group.totalCentimes, idempotencyKey: "dashboard-refund" });
    await cancelOrderAsAdmin({ db, actor, vendorOrderId: orders[0].id, reason: "Annulée" });
    expect((await reconcilePayments(db)).refunds.failed).toBe(1);
    const [failed] = await db.select().from(refunds).where(eq(refunds.vendorOrderId, orders[0].id));
    expect(failed.state).toBe("failed");
    expect(await markRefundPaid(db, actor, failed.id, " VIR-REMB-77 ")).toMatchObject({ state: "succeeded", providerRef: "VIR-REMB-77" });

    // A company's transfer order, paid then cancelled: its refund waits for an admin's transfer.
    const transfer = await cardOrder({ paymentMethod: "bank_transfer", companyName: "Atlas SARL", email: "atlas@example.ma" });
    await recordTransfer({ db, actor, groupId: transfer.group.id, bankReference: "VIR-IN-1" });
    await cancelOrderAsAdmin({ db, actor, vendorOrderId: transfer.orders[0].id, reason: "Stock abîmé" });
    const [manual] = await db.select().from(refunds).where(eq(refunds.vendorOrderId, transfer.orders[0].id));
    expect(manual).toMatchObject({ provider: "bank_transfer", state: "pending" });
    await reconcilePayments(db);
    expect((await db.select().from(refunds).where(eq(refunds.id, manual.id)))[0].state).toBe("pending");
    await expect(markRefundPaid(db, { id: admin.id, platformRole: null }, manual.id, "VIR-OUT-1")).rejects.toMatchObject({ status: 403 });
    await expect(markRefundPaid(db, actor, manual.id, "   ")).rejects.toMatchObject({ status: 400, messageKey: "payment.errors.referenceRequired" });
    await expect(markRefundPaid(db, actor, "nope", "VIR-OUT-1")).rejects.toMatchObject({ status: 404 });
    expect(await markRefundPaid(db, actor, manual.id, "VIR-OUT-1")).toMatchObject({ state: "succeeded", providerRef: "VIR-OUT-1" });
    await expect(markRefundPaid(db, actor, manual.id, "VIR-OUT-1")).rejects.toMatchObject({ status: 409 });
    const audit = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'refund.paid' and target_id = ${manual.id}`);
    expect(audit[0].n).toBe(1);
  });

  it("a payment landing on an order an admin cancelled meanwhile refunds that cooperative's part", async () => {
    const { group, orders } = await cardOrder();
    const session = await openSession(group.id);
    const admin = await createUser(db, { platformRole: "admin" });
    await cancelOrderAsAdmin({ db, actor: { id: admin.id, platformRole: "admin" }, vendorOrderId: orders[0].id, reason: "Produit retiré" });
    standin.pay(session.id);
    expect((await deliver(standin.event("checkout.session.completed", standin.sessions.get(session.id)!))).body).toEqual({ received: true, outcome: "paid" });
    const after = await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id)).orderBy(vendorOrders.number);
    expect(after.map((o) => o.status)).toEqual(["cancelled", "placed"]);
    const owed = await db.select().from(refunds).where(eq(refunds.vendorOrderId, orders[0].id));
    expect(owed).toMatchObject([{ provider: "stripe", state: "pending", amountCentimes: orders[0].totalCentimes }]);
  });
});

describe.skipIf(!REAL_KEY)("contract with Stripe's real API (test mode)", () => {
  it("makes a session in MAD idempotently, reads it, expires it, and refunds a test payment with a key", async () => {
    process.env.STRIPE_SECRET_KEY = REAL_KEY!;
    delete process.env.STRIPE_API_URL;
    resetEnvCache();
    const groupId = crypto.randomUUID();
    const input = {
      groupId,
      number: "TW-TEST-000001",
      lines: [{ name: "TW-TEST-000001-A — Coopérative test", description: "1 × Huile d'argan (250 ml)", amountCentimes: 12000 }],
      buyerEmail: "contract@example.ma",
      locale: "fr" as const,
      expiresAt: new Date(Date.now() + 32 * 60_000),
      successUrl: `https://example.ma/paiement/${groupId}/retour?session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: "https://example.ma/commande/x",
      idempotencyKey: `contract:${groupId}:1`,
    };
    const first = await createCheckoutSession(input);
    const second = await createCheckoutSession(input);
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ status: "open", paid: false, groupId, amountCentimes: 12000, currency: "mad" });
    expect((await retrieveSession(first.id)).id).toBe(first.id);
    expect((await expireSession(first.id, `contract:${groupId}:expire`)).status).toBe("expired");
    const intent = await stripeClient().paymentIntents.create(
      { amount: 5000, currency: "mad", payment_method: "pm_card_visa", confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: "never" } },
      { idempotencyKey: `contract:${groupId}:pi` },
    );
    const made = await refund({ paymentIntent: intent.id, amount: 2000, idempotencyKey: `contract:${groupId}:refund` });
    const again = await refund({ paymentIntent: intent.id, amount: 2000, idempotencyKey: `contract:${groupId}:refund` });
    expect(again.id).toBe(made.id);
  });
});
if (!REAL_KEY) console.info("stripe.test.ts: the contract test against Stripe's API is skipped: set STRIPE_SECRET_KEY=sk_test_… to run it");
