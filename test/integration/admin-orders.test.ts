import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createListedProduct, createOrganization, createUser } from "../../db/factories";
import { ledgerEntries, orderGroups, organizations, payoutBatches, payouts, refunds, vendorOrderEvents, vendorOrders } from "../../db/schema";
import { resetEnvCache } from "~/lib/env.server";
import { parseCsv } from "~/modules/catalog/csv";
import { createSession } from "~/modules/accounts/session.server";
import { ledgerBalance } from "~/modules/orders/ledger.server";
import { moveOrder } from "~/modules/orders/lifecycle.server";
import { markRemitted } from "~/modules/orders/admin.server";
import { createPayoutBatch, payableCooperatives } from "~/modules/orders/payouts.server";
import { recordTransfer } from "~/modules/orders/payments.server";
import { action as cartAction } from "~/routes/panier";
import { action as checkoutAction, loader as checkoutLoader } from "~/routes/panier_.commande";
import { action as listAction, loader as listLoader } from "~/routes/admin.commandes";
import { action as detailAction, loader as detailLoader } from "~/routes/admin.commandes_.$id";
import { loader as ordersCsvLoader } from "~/routes/admin.commandes[.]csv";
import { loader as ledgerCsvLoader } from "~/routes/admin.grand-livre[.]csv";
import { action as payoutsAction, loader as payoutsLoader } from "~/routes/admin.paiements";
import { loader as batchCsvLoader } from "~/routes/admin.paiements_.$file";
import { context, formRequest, getRequest, run } from "../support/http";
import { todayInMorocco } from "~/lib/morocco-time";

// Platform admins and the marketplace's money (issue 4, items 5 and 8) against a real database: every
// order with filters, cancelling with a reason, transfers, cash remitted by carriers, payouts to RIBs in
// batches that never pay a balance twice, and CSV exports a spreadsheet cannot run.

const TRANSFER_RIB = "011780000012345678901234";

beforeEach(() => {
  process.env.TRANSFER_RIB = TRANSFER_RIB;
  resetEnvCache();
});
afterEach(() => {
  delete process.env.TRANSFER_RIB;
  delete process.env.MARKET_COMMISSION_BPS;
  resetEnvCache();
});

/** A RIB whose two last digits make the whole number divisible by 97 (a valid key). */
function rib(base22: string) {
  const key = (97n - ((BigInt(base22) * 100n) % 97n)) % 97n;
  return `${base22}${String(key).padStart(2, "0")}`;
}

let admin: { cookie: string; actor: { id: string; platformRole: "admin" } };
let stranger: { cookie: string; actor: { id: string; platformRole: null } };

async function sessionFor(platformRole: "admin" | null) {
  const user = await createUser(db, { platformRole });
  const { token } = await createSession({ db, userId: user.id, platformRole, userAgent: null, ip: "203.0.113.9" });
  return { user, cookie: `tiwizi_session=${token}` };
}

beforeAll(async () => {
  const a = await sessionFor("admin");
  admin = { cookie: a.cookie, actor: { id: a.user.id, platformRole: "admin" } };
  const s = await sessionFor(null);
  stranger = { cookie: s.cookie, actor: { id: s.user.id, platformRole: null } };
});

async function cooperative(name: string, bankRib: string | null = null) {
  const member = await createUser(db);
  const org = await createOrganization(db, { name, ownerId: member.id, role: "member", verificationStatus: "verified", bankRib });
  const { token } = await createSession({ db, userId: member.id, platformRole: null, userAgent: null, ip: "203.0.113.8" });
  return { org, member, actor: { id: member.id, platformRole: null }, cookie: `tiwizi_session=${token}` };
}

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
type Buyer = { name?: string; phone?: string; method?: "cod" | "bank_transfer" };

/** A guest checks out the lines; returns the group and its orders by cooperative. */
async function order(lines: { variantId: string; quantity: number }[], who: Buyer = {}) {
  const n = ++buyers;
  const email = `acheteur${n}-${Date.now()}@example.ma`;
  const cookie = await guestAdds(lines);
  const page = await run(checkoutLoader, getRequest("/panier/commande", { cookie }));
  const fields: Record<string, string> = {
    name: who.name ?? "Khadija Benali",
    phone: who.phone ?? `06123${String(40000 + n).padStart(5, "0")}`,
    email,
    country: "MA",
    regionCode: "06",
    city: "Casablanca",
    addressLine: "12 rue des Orangers, Maârif",
    paymentMethod: who.method ?? "cod",
    acceptTerms: "on",
    expectedTotal: String(page.data?.view.totalCentimes ?? 0),
    ...(who.method === "bank_transfer" ? { companyName: "Atlas SARL", companyIce: "001525489000088" } : {}),
  };
  const res = await run(checkoutAction, formRequest("/panier/commande", fields, { cookie }), {}, `198.51.100.${n % 250}`);
  expect(res.status, JSON.stringify(res.data)).toBe(302);
  const [group] = await db.select().from(orderGroups).where(eq(orderGroups.buyerEmail, email));
  const orders = await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id));
  return { group, orders, email, of: (orgId: string) => orders.find((o) => o.organizationId === orgId)! };
}

async function deliver(coop: { actor: { id: string; platformRole: null } }, vendorOrderId: string) {
  for (const to of ["confirmed", "shipped", "delivered"] as const) await moveOrder({ db, actor: coop.actor, vendorOrderId, to });
}

const statusOf = async (id: string) => (await db.select({ s: vendorOrders.status }).from(vendorOrders).where(eq(vendorOrders.id, id)))[0].s;

async function csvOf(loader: (args: never) => unknown, path: string, params: Record<string, string> = {}, cookie = admin.cookie) {
  const res = (await loader({ request: getRequest(path, { cookie }), params, context: context() } as never)) as Response;
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  return parseCsv(text, ";").map((r) => r.cells);
}

const mad = (centimes: number) => `${centimes < 0 ? "-" : ""}${Math.floor(Math.abs(centimes) / 100)},${String(Math.abs(centimes) % 100).padStart(2, "0")}`;

describe("access", () => {
  it("every admin page, action and export answers 403 to a signed-in non-admin, and sends a visitor to sign in", async () => {
    const coop = await cooperative("Access", rib("0117800000123456789012"));
    const { variants } = await createListedProduct(db, { organizationId: coop.org.id, variants: [{ priceCentimes: 5000, stock: 5 }] });
    const { orders } = await order([{ variantId: variants[0].id, quantity: 1 }]);
    const id = orders[0].id;
    const [batch] = await db.insert(payoutBatches).values({ reference: `PAY-TEST-${Date.now()}`, totalCentimes: 1 }).returning();
    const calls: [string, () => Promise<{ status: number }>][] = [];
    for (const [who, cookie] of [["member", coop.cookie], ["stranger", stranger.cookie], ["visitor", ""]] as const) {
      calls.push(
        [`${who} list`, () => run(listLoader, getRequest("/admin/commandes", { cookie }))],
        [`${who} remit`, () => run(listAction, formRequest("/admin/commandes", { intent: "remit", vendorOrderId: id }, { cookie }))],
        [`${who} refund paid`, () => run(listAction, formRequest("/admin/commandes", { intent: "refundPaid", refundId: id, reference: "VIR-1" }, { cookie }))],
        [`${who} detail`, () => run(detailLoader, getRequest(`/admin/commandes/${id}`, { cookie }), { id })],
        [`${who} cancel`, () => run(detailAction, formRequest(`/admin/commandes/${id}`, { intent: "cancel", reason: "Commande en double" }, { cookie }), { id })],
        [`${who} transfer`, () => run(detailAction, formRequest(`/admin/commandes/${id}`, { intent: "transfer", bankReference: "VIR-123" }, { cookie }), { id })],
        [`${who} remit one`, () => run(detailAction, formRequest(`/admin/commandes/${id}`, { intent: "remit" }, { cookie }), { id })],
        [`${who} payouts`, () => run(payoutsLoader, getRequest("/admin/paiements", { cookie }))],
        [`${who} batch`, () => run(payoutsAction, formRequest("/admin/paiements", { organizationId: coop.org.id }, { cookie }))],
        [`${who} orders csv`, () => run(ordersCsvLoader, getRequest("/admin/commandes.csv", { cookie }))],
        [`${who} ledger csv`, () => run(ledgerCsvLoader, getRequest("/admin/grand-livre.csv", { cookie }))],
        [`${who} batch csv`, () => run(batchCsvLoader, getRequest(`/admin/paiements/${batch.id}.csv`, { cookie }), { file: `${batch.id}.csv` })],
      );
    }
    for (const [name, call] of calls) {
      const res = await call();
      expect(res.status, name).toBe(name.startsWith("visitor") ? 302 : 403);
    }
    // Nothing moved, nothing was paid.
    expect(await statusOf(id)).toBe("placed");
    expect(await db.select().from(payouts).where(eq(payouts.organizationId, coop.org.id))).toHaveLength(0);
    // The module functions refuse a non-admin too, whoever calls them.
    await expect(markRemitted({ db, actor: coop.actor, vendorOrderIds: [id] })).rejects.toMatchObject({ status: 403 });
    await expect(createPayoutBatch({ db, actor: coop.actor, organizationIds: [coop.org.id] })).rejects.toMatchObject({ status: 403 });
    await expect(payableCooperatives(db, stranger.actor)).rejects.toMatchObject({ status: 403 });
  });
});

describe("admin orders", () => {
  it("lists every cooperative's orders with filters: status, method, cooperative, dates, number, phone, e-mail; pages of 50", async () => {
    const a = await cooperative("Filtre Argan");
    const b = await cooperative("Filtre Safran");
    const argan = await createListedProduct(db, { organizationId: a.org.id, variants: [{ priceCentimes: 8990, stock: 50 }] });
    const saffron = await createListedProduct(db, { organizationId: b.org.id, variants: [{ priceCentimes: 12000, stock: 50 }] });
    const cod = await order([{ variantId: argan.variants[0].id, quantity: 1 }, { variantId: saffron.variants[0].id, quantity: 1 }], { phone: "0661234567" });
    const transfer = await order([{ variantId: argan.variants[0].id, quantity: 2 }], { method: "bank_transfer" });
    const list = async (query: string) => {
      const res = await run(listLoader, getRequest(`/admin/commandes?${query}`, { cookie: admin.cookie }));
      expect(res.status, query).toBe(200);
      return res.data as { rows: { number: string; status: string; method: string }[]; total: number; pageCount: number };
    };
    const numbers = async (query: string) => (await list(query)).rows.map((r) => r.number).sort();

    expect(await numbers(`cooperative=${a.org.id}`)).toEqual([cod.of(a.org.id).number, transfer.orders[0].number].sort());
    expect(await numbers(`cooperative=${a.org.id}&method=bank_transfer`)).toEqual([transfer.orders[0].number]);
    expect(await numbers(`cooperative=${a.org.id}&status=awaiting_payment`)).toEqual([transfer.orders[0].number]);
    expect(await numbers(`cooperative=${a.org.id}&status=placed&method=cod`)).toEqual([cod.of(a.org.id).number]);
    // By the group's number (both parcels), one parcel's number, the buyer's phone as typed, the e-mail.
    expect(await numbers(`q=${cod.group.number}`)).toEqual(cod.orders.map((o) => o.number).sort());
    expect(await numbers(`q=${cod.of(b.org.id).number.toLowerCase()}`)).toEqual([cod.of(b.org.id).number]);
    expect(await numbers(`q=${encodeURIComponent("06 61 23 45 67")}`)).toEqual(cod.orders.map((o) => o.number).sort());
    expect(await numbers(`q=${encodeURIComponent("+212661234567")}`)).toEqual(cod.orders.map((o) => o.number).sort());
    expect(await numbers(`q=${encodeURIComponent(transfer.email.toUpperCase())}`)).toEqual([transfer.orders[0].number]);
    expect(await numbers(`q=${encodeURIComponent("%")}`)).toEqual([]);
    // Days are Casablanca days; an empty range is empty.
    const today = todayInMorocco();
    const tomorrow = todayInMorocco(new Date(Date.now() + 86_400_000));
    expect(await numbers(`cooperative=${b.org.id}&from=${today}&to=${today}`)).toEqual([cod.of(b.org.id).number]);
    expect(await numbers(`cooperative=${b.org.id}&from=${tomorrow}`)).toEqual([]);
    // Values that make no sense are dropped, not a 500.
    expect((await list(`cooperative=${b.org.id}&status=bogus&method=cash&from=2026-13-45&page=-3&q=${"x".repeat(300)}`)).total).toBe(1);
    expect((await list("cooperative=not-a-uuid")).total).toBeGreaterThanOrEqual(3);

    // Pages of 50.
    const many = await cooperative("Filtre Pages");
    const honey = await createListedProduct(db, { organizationId: many.org.id, variants: [{ priceCentimes: 1000, stock: 99 }] });
    const { group } = await order([{ variantId: honey.variants[0].id, quantity: 1 }]);
    const [first] = await db.select().from(vendorOrders).where(eq(vendorOrders.groupId, group.id));
    await db.execute(sql`
      insert into vendor_orders (group_id, organization_id, number, tracking_token, status, items_total_centimes, shipping_fee_centimes, total_centimes, delivery_days_min, delivery_days_max)
      select group_id, organization_id, number || '-P' || g, tracking_token || g, status, items_total_centimes, shipping_fee_centimes, total_centimes, delivery_days_min, delivery_days_max
      from vendor_orders, generate_series(1, 54) g where id = ${first.id}`);
    const p1 = await list(`cooperative=${many.org.id}`);
    const p2 = await list(`cooperative=${many.org.id}&page=2`);
    expect([p1.total, p1.rows.length, p2.rows.length, p1.pageCount]).toEqual([55, 50, 5, 2]);
  });

  it("shows one order with its group; cancels it with a reason (and refuses without one), not after it left", async () => {
    const a = await cooperative("Annule");
    const p = await createListedProduct(db, { organizationId: a.org.id, variants: [{ priceCentimes: 5000, stock: 5 }] });
    const { orders, group } = await order([{ variantId: p.variants[0].id, quantity: 2 }]);
    const id = orders[0].id;
    const page = await run(detailLoader, getRequest(`/admin/commandes/${id}`, { cookie: admin.cookie }), { id });
    expect(page.data).toMatchObject({ order: { id, status: "placed" }, group: { id: group.id, buyerName: "Khadija Benali" }, can: { cancel: true, transfer: false, remit: false } });
    expect(page.data.items).toHaveLength(1);
    expect((await run(detailLoader, getRequest("/admin/commandes/x", { cookie: admin.cookie }), { id: "x" })).status).toBe(404);

    const cancel = (reason?: string) =>
      run(detailAction, formRequest(`/admin/commandes/${id}`, { intent: "cancel", ...(reason === undefined ? {} : { reason }) }, { cookie: admin.cookie }), { id });
    for (const reason of [undefined, "", "  ab "]) {
      const res = await cancel(reason);
      expect(res.status).toBe(400);
      expect(res.data.errors.reason).toEqual(["errors.reasonRequired"]);
    }
    expect(await statusOf(id)).toBe("placed");
    const done = await cancel("Commande en double, confirmée par téléphone");
    expect(done.status).toBe(302);
    expect(done.headers.get("Set-Cookie")).toContain("flash=payouts.flash.cancelled");
    expect((await db.select().from(vendorOrders).where(eq(vendorOrders.id, id)))[0]).toMatchObject({ status: "cancelled", statusReason: "Commande en double, confirmée par téléphone" });
    const [event] = await db.select().from(vendorOrderEvents).where(eq(vendorOrderEvents.vendorOrderId, id)).orderBy(sql`created_at desc`).limit(1);
    expect(event).toMatchObject({ toStatus: "cancelled", actorId: admin.actor.id });
    // Cancelled is final: a second try is a conflict shown on the page.
    expect(await cancel("Encore une fois")).toMatchObject({ status: 409, data: { messageKey: "orders.errors.stepNotAllowed" } });

    const shipped = await order([{ variantId: p.variants[0].id, quantity: 1 }]);
    await moveOrder({ db, actor: a.actor, vendorOrderId: shipped.orders[0].id, to: "confirmed" });
    await moveOrder({ db, actor: a.actor, vendorOrderId: shipped.orders[0].id, to: "shipped" });
    const late = await run(detailAction, formRequest(`/admin/commandes/${shipped.orders[0].id}`, { intent: "cancel", reason: "Trop tard pour annuler" }, { cookie: admin.cookie }), { id: shipped.orders[0].id });
    expect(late.status).toBe(409);
    expect(await statusOf(shipped.orders[0].id)).toBe("shipped");
  });

  it("records a bank transfer for an awaiting group once, with the bank's reference; not for cash on delivery", async () => {
    const a = await cooperative("Virement");
    const p = await createListedProduct(db, { organizationId: a.org.id, variants: [{ priceCentimes: 40000, stock: 5 }] });
    const { orders, group } = await order([{ variantId: p.variants[0].id, quantity: 1 }], { method: "bank_transfer" });
    const id = orders[0].id;
    expect((await run(detailLoader, getRequest(`/admin/commandes/${id}`, { cookie: admin.cookie }), { id })).data.can).toMatchObject({ transfer: true, cancel: true });
    const send = (fields: Record<string, string>, vid = id) => run(detailAction, formRequest(`/admin/commandes/${vid}`, { intent: "transfer", ...fields }, { cookie: admin.cookie }), { id: vid });
    expect((await send({ bankReference: "" })).data.errors.bankReference).toEqual(["payouts.errors.bankReference"]);
    const ok = await send({ bankReference: "VIR-2026-0042" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toContain("flash=payouts.flash.transferRecorded");
    expect((await db.select().from(orderGroups).where(eq(orderGroups.id, group.id)))[0].paymentStatus).toBe("paid");
    expect(await statusOf(id)).toBe("placed");
    expect((await send({ bankReference: "VIR-2026-0042" })).headers.get("Set-Cookie")).toContain("flash=payouts.flash.transferAlready");

    const cod = await order([{ variantId: p.variants[0].id, quantity: 1 }]);
    expect(await send({ bankReference: "VIR-X" }, cod.orders[0].id)).toMatchObject({ status: 409, data: { messageKey: "orders.errors.paymentMismatch" } });

    // Paid, then cancelled: the money goes back by transfer, listed until an admin records it.
    await run(detailAction, formRequest(`/admin/commandes/${id}`, { intent: "cancel", reason: "Stock abîmé pendant le transport" }, { cookie: admin.cookie }), { id });
    const [refund] = await db.select().from(refunds).where(eq(refunds.vendorOrderId, id));
    expect(refund).toMatchObject({ provider: "bank_transfer", state: "pending", amountCentimes: orders[0].totalCentimes });
    const listed = async () => (await run(listLoader, getRequest("/admin/commandes", { cookie: admin.cookie }))).data.refunds.map((r: { id: string }) => r.id);
    expect(await listed()).toContain(refund.id);
    const paidBack = (reference?: string) =>
      run(listAction, formRequest("/admin/commandes", { intent: "refundPaid", refundId: refund.id, ...(reference === undefined ? {} : { reference }) }, { cookie: admin.cookie }));
    expect((await paidBack("  ")).data.errors.reference).toEqual(["payouts.errors.refundReference"]);
    expect((await paidBack()).data.errors.reference).toEqual(["payouts.errors.refundReference"]);
    const done = await paidBack("VIR-REMB-0042");
    expect(done.status).toBe(302);
    expect(done.headers.get("Set-Cookie")).toContain("flash=payouts.flash.refundPaid");
    expect((await db.select().from(refunds).where(eq(refunds.id, refund.id)))[0]).toMatchObject({ state: "succeeded", providerRef: "VIR-REMB-0042" });
    expect(await listed()).not.toContain(refund.id);
    expect(await paidBack("VIR-REMB-0042")).toMatchObject({ status: 409 });
  });

  it("marks cash remitted by the carrier, in batches, only for delivered cash-on-delivery orders, all or nothing", async () => {
    const a = await cooperative("Remise");
    const p = await createListedProduct(db, { organizationId: a.org.id, variants: [{ priceCentimes: 5000, stock: 30 }] });
    const d1 = (await order([{ variantId: p.variants[0].id, quantity: 1 }])).orders[0];
    const d2 = (await order([{ variantId: p.variants[0].id, quantity: 2 }])).orders[0];
    const onRoad = (await order([{ variantId: p.variants[0].id, quantity: 1 }])).orders[0];
    const prepaid = await order([{ variantId: p.variants[0].id, quantity: 1 }], { method: "bank_transfer" });
    await recordTransfer({ db, actor: admin.actor, groupId: prepaid.group.id, bankReference: "VIR-R1" });
    await deliver(a, d1.id);
    await deliver(a, d2.id);
    await deliver(a, prepaid.orders[0].id);
    await moveOrder({ db, actor: a.actor, vendorOrderId: onRoad.id, to: "confirmed" });
    await moveOrder({ db, actor: a.actor, vendorOrderId: onRoad.id, to: "shipped" });

    const remit = (ids: string[]) => run(listAction, formRequest("/admin/commandes", { intent: "remit", vendorOrderId: ids }, { cookie: admin.cookie }));
    expect((await remit([])).data.errors.vendorOrderId).toEqual(["payouts.errors.noneSelected"]);
    // One order that is not delivered, or not cash on delivery, refuses the whole batch.
    expect(await remit([d1.id, onRoad.id])).toMatchObject({ status: 409, data: { messageKey: "payouts.errors.notRemittable" } });
    expect(await remit([d1.id, prepaid.orders[0].id])).toMatchObject({ status: 409, data: { messageKey: "payouts.errors.notRemittable" } });
    expect([await statusOf(d1.id), await statusOf(onRoad.id), await statusOf(prepaid.orders[0].id)]).toEqual(["delivered", "shipped", "delivered"]);
    // Before the carrier pays, the cash is pending, not available.
    const before = await ledgerBalance(db, a.org.id);
    expect(before.availableCentimes).toBe(prepaid.orders[0].totalCentimes);

    const ok = await remit([d1.id, d2.id]);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toContain("flash=payouts.flash.remitted");
    expect([await statusOf(d1.id), await statusOf(d2.id)]).toEqual(["remitted", "remitted"]);
    const after = await ledgerBalance(db, a.org.id);
    expect(after.availableCentimes).toBe(prepaid.orders[0].totalCentimes + d1.totalCentimes + d2.totalCentimes);
    // The same form sent again changes nothing.
    expect(await markRemitted({ db, actor: admin.actor, vendorOrderIds: [d1.id, d2.id] })).toEqual({ remitted: [], skipped: [d1, d2].sort((x, y) => (x.id < y.id ? -1 : 1)).map((o) => o.number) });
    // From the order's page too.
    await moveOrder({ db, actor: a.actor, vendorOrderId: onRoad.id, to: "delivered" });
    const one = await run(detailAction, formRequest(`/admin/commandes/${onRoad.id}`, { intent: "remit" }, { cookie: admin.cookie }), { id: onRoad.id });
    expect(one.status).toBe(302);
    expect(await statusOf(onRoad.id)).toBe("remitted");
  });
});

describe("payouts", () => {
  async function owedCooperative(name: string, bankRib: string | null) {
    const coop = await cooperative(name, bankRib);
    const p = await createListedProduct(db, { organizationId: coop.org.id, variants: [{ priceCentimes: 10000, stock: 30 }] });
    const cod = (await order([{ variantId: p.variants[0].id, quantity: 2 }])).orders[0];
    await deliver(coop, cod.id);
    await markRemitted({ db, actor: admin.actor, vendorOrderIds: [cod.id] });
    const prepaid = await order([{ variantId: p.variants[0].id, quantity: 1 }], { method: "bank_transfer" });
    await recordTransfer({ db, actor: admin.actor, groupId: prepaid.group.id, bankReference: `VIR-${name}` });
    await deliver(coop, prepaid.orders[0].id);
    // Still on the road: pending, not paid in this batch.
    const onRoad = (await order([{ variantId: p.variants[0].id, quantity: 1 }])).orders[0];
    await moveOrder({ db, actor: coop.actor, vendorOrderId: onRoad.id, to: "confirmed" });
    return { ...coop, cod, prepaid: prepaid.orders[0], onRoad };
  }

  it("pays the chosen cooperatives their available balance in one batch: payouts to the RIB, ledger lines, orders settled, a file for the bank", async () => {
    process.env.MARKET_COMMISSION_BPS = "250";
    resetEnvCache();
    const paid = await owedCooperative("Paiement Atlas", rib("1011110000000000000001"));
    const noRib = await owedCooperative("Paiement Sans RIB", null);
    const badRib = await owedCooperative("Paiement Mauvais RIB", "101111000000000000000100");
    const owed = await ledgerBalance(db, paid.org.id);
    expect(owed.availableCentimes).toBe(paid.cod.totalCentimes - paid.cod.commissionCentimes + paid.prepaid.totalCentimes - paid.prepaid.commissionCentimes);
    expect(owed.pendingCentimes).toBeGreaterThan(0);

    const page = await run(payoutsLoader, getRequest("/admin/paiements", { cookie: admin.cookie }));
    const row = (id: string) => page.data.payable.find((c: { id: string }) => c.id === id);
    expect(row(paid.org.id)).toMatchObject({ ribStatus: "ok", availableCentimes: owed.availableCentimes });
    expect(row(noRib.org.id)).toMatchObject({ ribStatus: "missing" });
    expect(row(badRib.org.id)).toMatchObject({ ribStatus: "invalid" });

    // A cooperative without a valid RIB is refused, and with it the whole batch.
    for (const other of [noRib, badRib]) {
      const res = await run(payoutsAction, formRequest("/admin/paiements", { organizationId: [paid.org.id, other.org.id] }, { cookie: admin.cookie }));
      expect(res).toMatchObject({ status: 409, data: { messageKey: "payouts.errors.ribInvalid" } });
    }
    expect((await run(payoutsAction, formRequest("/admin/paiements", {}, { cookie: admin.cookie }))).data.errors.organizationId).toEqual(["payouts.errors.noneSelected"]);
    expect(await db.select().from(payouts).where(eq(payouts.organizationId, paid.org.id))).toHaveLength(0);

    const res = await run(payoutsAction, formRequest("/admin/paiements", { organizationId: paid.org.id, note: "Novembre" }, { cookie: admin.cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toContain("flash=payouts.flash.batchCreated");
    const [payout] = await db.select().from(payouts).where(eq(payouts.organizationId, paid.org.id));
    expect(payout).toMatchObject({ amountCentimes: owed.availableCentimes, rib: rib("1011110000000000000001") });
    const [batch] = await db.select().from(payoutBatches).where(eq(payoutBatches.id, payout.batchId));
    expect(batch).toMatchObject({ totalCentimes: owed.availableCentimes, note: "Novembre", createdBy: admin.actor.id });
    expect(batch.reference).toMatch(/^PAY-\d{4}-\d{2}-\d{2}-\d{3}$/);
    const lines = await db.select().from(ledgerEntries).where(eq(ledgerEntries.payoutId, payout.id));
    expect(lines).toEqual([expect.objectContaining({ organizationId: paid.org.id, kind: "payout", amountCentimes: -owed.availableCentimes, memo: batch.reference })]);
    expect([await statusOf(paid.cod.id), await statusOf(paid.prepaid.id), await statusOf(paid.onRoad.id)]).toEqual(["settled", "settled", "confirmed"]);
    expect(await ledgerBalance(db, paid.org.id)).toEqual({ availableCentimes: 0, pendingCentimes: owed.pendingCentimes, paidOutCentimes: owed.availableCentimes });
    expect((await run(payoutsLoader, getRequest("/admin/paiements", { cookie: admin.cookie }))).data.payable.map((c: { id: string }) => c.id)).not.toContain(paid.org.id);

    // The same balance cannot be paid twice: a second batch finds nothing to pay.
    expect(await run(payoutsAction, formRequest("/admin/paiements", { organizationId: paid.org.id }, { cookie: admin.cookie }))).toMatchObject({
      status: 409,
      data: { messageKey: "payouts.errors.nothingToPay" },
    });
    expect(await db.select().from(payouts).where(eq(payouts.organizationId, paid.org.id))).toHaveLength(1);

    // The bank's file: beneficiary, RIB, amount with two decimals, reference.
    const csv = await csvOf(batchCsvLoader, `/admin/paiements/${batch.id}.csv`, { file: `${batch.id}.csv` });
    expect(csv).toEqual([
      ["Bénéficiaire", "RIB", "Montant (MAD)", "Référence"],
      ["Paiement Atlas", rib("1011110000000000000001"), mad(owed.availableCentimes), batch.reference],
    ]);
    expect((await run(batchCsvLoader, getRequest("/admin/paiements/nope.csv", { cookie: admin.cookie }), { file: "nope.csv" })).status).toBe(404);
    expect((await run(batchCsvLoader, getRequest(`/admin/paiements/${payout.id}.csv`, { cookie: admin.cookie }), { file: `${payout.id}.csv` })).status).toBe(404);
  });

  it("two batches for the same cooperative at the same moment pay it once", async () => {
    const coop = await owedCooperative("Paiement Double", rib("2022220000000000000002"));
    const { availableCentimes } = await ledgerBalance(db, coop.org.id);
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => createPayoutBatch({ db, actor: admin.actor, organizationIds: [coop.org.id] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ messageKey: "payouts.errors.nothingToPay" });
    const rows = await db.select().from(payouts).where(eq(payouts.organizationId, coop.org.id));
    expect(rows.map((p) => p.amountCentimes)).toEqual([availableCentimes]);
    expect((await ledgerBalance(db, coop.org.id)).availableCentimes).toBe(0);
    // A balance with no order behind it (an adjustment): only the lock on the cooperative's row stands
    // between two batches.
    const adjusted = await cooperative("Paiement Ajustement", rib("4044440000000000000004"));
    await db.insert(ledgerEntries).values({ organizationId: adjusted.org.id, kind: "adjustment", amountCentimes: 5000, memo: "Correction" });
    const again = await Promise.allSettled(Array.from({ length: 4 }, () => createPayoutBatch({ db, actor: admin.actor, organizationIds: [adjusted.org.id] })));
    expect(again.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of again.filter((x) => x.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ messageKey: "payouts.errors.nothingToPay" });
    expect((await db.select().from(payouts).where(eq(payouts.organizationId, adjusted.org.id))).map((p) => p.amountCentimes)).toEqual([5000]);
    // References of one day follow each other.
    const refs = (await db.select({ r: payoutBatches.reference }).from(payoutBatches)).map((b) => b.r).filter((r) => r.startsWith("PAY-2")).sort();
    expect(new Set(refs).size).toBe(refs.length);
  });
});

describe("CSV exports", () => {
  it("orders: one line per cooperative's order with the right totals, formulas typed by a buyer neutralised", async () => {
    const coop = await cooperative("=HYPERLINK(\"http://evil.example\")");
    const p = await createListedProduct(db, { organizationId: coop.org.id, variants: [{ priceCentimes: 4990, stock: 10 }] });
    const { group, orders } = await order([{ variantId: p.variants[0].id, quantity: 3 }], { name: "=cmd|' /C calc'!A0" });
    const rows = await csvOf(ordersCsvLoader, `/admin/commandes.csv?cooperative=${coop.org.id}`);
    expect(rows).toHaveLength(2);
    const [header, line] = rows;
    const col = (name: string) => line[header.indexOf(name)];
    expect(header.slice(0, 6)).toEqual(["N° commande", "N° commande groupée", "Date de commande", "Date de livraison", "Coopérative", "Acheteur"]);
    expect(col("N° commande")).toBe(orders[0].number);
    expect(col("N° commande groupée")).toBe(group.number);
    expect(col("Date de commande")).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(col("Acheteur")).toBe("'=cmd|' /C calc'!A0");
    expect(col("Coopérative")).toBe("'=HYPERLINK(\"http://evil.example\")");
    expect(col("Téléphone")).toBe(`'${group.buyerPhone}`);
    expect(col("Ville")).toBe("Casablanca");
    expect(col("Région")).toBe("Casablanca-Settat");
    expect(col("Moyen de paiement")).toBe("Paiement à la livraison");
    expect(col("État")).toBe("Reçue");
    expect(col("Articles (MAD)")).toBe(mad(3 * 4990));
    expect(col("Livraison (MAD)")).toBe(mad(orders[0].shippingFeeCentimes));
    expect(col("Total (MAD)")).toBe(mad(orders[0].totalCentimes));
    expect(col("Total (MAD)")).toMatch(/^\d+,\d{2}$/);
    // No cell of the file starts with a character a spreadsheet would run.
    for (const cell of rows.flat()) expect(cell, cell).not.toMatch(/^[=+@\t\r]/);
    // In Arabic, the headers are Arabic; the values the same.
    const ar = await csvOf(ordersCsvLoader, `/admin/commandes.csv?cooperative=${coop.org.id}&lang=ar`);
    expect(ar[0][0]).toBe("رقم الطلب");
    expect(ar[1][0]).toBe(orders[0].number);
  });

  it("ledger: every line or one cooperative's, signed amounts with two decimals that add up to the balance", async () => {
    process.env.MARKET_COMMISSION_BPS = "500";
    resetEnvCache();
    const coop = await cooperative("Grand Livre", rib("3033330000000000000003"));
    const other = await cooperative("Grand Livre Autre");
    const p = await createListedProduct(db, { organizationId: coop.org.id, variants: [{ priceCentimes: 12345, stock: 10 }] });
    const q = await createListedProduct(db, { organizationId: other.org.id, variants: [{ priceCentimes: 1000, stock: 10 }] });
    const { orders } = await order([{ variantId: p.variants[0].id, quantity: 2 }, { variantId: q.variants[0].id, quantity: 1 }]);
    const mine = orders.find((o) => o.organizationId === coop.org.id)!;
    await deliver(coop, mine.id);
    await markRemitted({ db, actor: admin.actor, vendorOrderIds: [mine.id] });
    await deliver(other, orders.find((o) => o.organizationId === other.org.id)!.id);
    const batch = await createPayoutBatch({ db, actor: admin.actor, organizationIds: [coop.org.id] });

    const rows = await csvOf(ledgerCsvLoader, `/admin/grand-livre.csv?cooperative=${coop.org.id}`);
    const [header, ...lines] = rows;
    expect(header).toEqual(["Date", "Coopérative", "Type", "Montant (MAD)", "N° commande", "État", "Lot de paiement", "Libellé"]);
    expect(lines.map((l) => l[2]).sort()).toEqual(["Commission", "Livraison", "Paiement à la coopérative", "Vente"]);
    expect(lines.every((l) => l[1] === "Grand Livre")).toBe(true);
    const cents = (s: string) => Math.round(Number(s.replace(",", ".")) * 100);
    for (const l of lines) expect(l[3]).toMatch(/^-?\d+,\d{2}$/);
    // Negative amounts stay numbers (not quoted away as formulas).
    expect(lines.find((l) => l[2] === "Commission")![3]).toBe(mad(-mine.commissionCentimes));
    expect(lines.find((l) => l[2] === "Paiement à la coopérative")).toEqual(expect.arrayContaining([batch.reference, mad(-batch.totalCentimes)]));
    expect(lines.reduce((s, l) => s + cents(l[3]), 0)).toBe(0);
    const [{ sum }] = await db.execute<{ sum: number }>(sql`select sum(amount_centimes)::int as sum from ledger_entries where organization_id = ${coop.org.id}`);
    expect(sum).toBe(0);

    const all = await csvOf(ledgerCsvLoader, "/admin/grand-livre.csv");
    expect(all.some((l) => l[1] === "Grand Livre Autre")).toBe(true);
    expect(all.filter((l) => l[1] === "Grand Livre")).toHaveLength(lines.length);
    expect((await run(ledgerCsvLoader, getRequest("/admin/grand-livre.csv?cooperative=x", { cookie: admin.cookie }))).status).toBe(404);
    // The organisation's name as the bank sees it comes from the table, not from the form.
    expect((await db.select({ n: organizations.name }).from(organizations).where(eq(organizations.id, coop.org.id)))[0].n).toBe("Grand Livre");
  });
});
