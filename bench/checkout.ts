// The checkout under a rush (issue 4): real HTTP against the production server on a throwaway embedded
// PostgreSQL. Writes bench/results/checkout.json; exits 1 when a correctness rule breaks (oversold, a 5xx,
// a deadlock, a payment recorded other than once), never because of a timing.
//
// A. 500 buyers, each with their own cart (cookie jar) and their own client address (X-Forwarded-For,
//    the server trusting one proxy hop, as in production behind a load balancer), all check out at once
//    as guests paying cash on delivery for a product with 10 units.
// B. Multi-item carts over 20 shared variants: each buyer puts 2 to 5 of them, in random order and
//    quantities, in the cart; all check out at once. Nothing may be oversold, no deadlock, no 5xx.
// C. Stripe replay: one signed `checkout.session.completed` delivered 20 times at once while the return
//    page asks Stripe about the same session. Stripe's API is answered by the STAND-IN of
//    test/support/stripe-standin.ts (Stripe cannot be reached from here); the signatures are Stripe's own.
// D. The catalogue page (/marche) under autocannon beside /bench/bare, on the same server.
import autocannon from "autocannon";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { connect } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { createListedProduct, createOrganization } from "../db/factories";
import { runMigrations } from "../db/migrate";
import { PRODUCT_CATEGORIES } from "../db/schema/enums";
import { indexAllOrganizations } from "../search/documents.server";
import { startStripeStandin, type StripeStandin } from "../test/support/stripe-standin";
import { startBenchServer } from "./server";

const BUYERS = Number(process.env.BENCH_CHECKOUT_BUYERS ?? 500);
const INITIAL_STOCK = 10;
const MULTI_BUYERS = Number(process.env.BENCH_CHECKOUT_MULTI_BUYERS ?? 300);
const MULTI_VARIANTS = 20;
const MULTI_STOCK = 25;
const STRIPE_DELIVERIES = 20;
const RETURN_PAGES = 5;
const LOAD_SECONDS = Number(process.env.BENCH_CHECKOUT_LOAD_SECONDS ?? 20);
const CONNECTIONS = 20;
const WEBHOOK_SECRET = "whsec_bench_checkout_standin";
// PostgreSQL flushes a backend's statistics (pg_stat_database.deadlocks among them) when it has been idle
// for a while (10 s): wait that long before reading them after a scenario.
const STATS_FLUSH_MS = 11_000;

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}
function latency(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { p50Ms: round(percentile(s, 50)), p95Ms: round(percentile(s, 95)), maxMs: round(s.at(-1) ?? 0) };
}
/** A seeded generator (mulberry32): every run draws the same carts. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// --- A throwaway cluster and data folder: never .data/, removed at the end.
const dir = mkdtempSync(path.join(os.tmpdir(), "tiwizi-bench-checkout-"));
chmodSync(dir, 0o755);
const dataDir = path.join(dir, "data");
mkdirSync(dataDir);
const pg = await startEmbeddedPostgres({ dir: path.join(dir, "postgres") });
const url = pg.url("tiwizi");
let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;
let standin: StripeStandin | null = null;
let failed = false;

try {
  await runMigrations(url);
  const { db, client } = connect(url, 4);
  const [{ version }] = await client<{ version: string }[]>`select current_setting('server_version') as version`;

  // --- The catalogue: 8 cooperatives with 25 products each (what /marche lists), the rush product, and
  // the 20 shared variants of the multi-item run, spread over 4 cooperatives.
  const coop = (name: string, regionCode: string) => createOrganization(db, { name, nameAr: `تعاونية ${name}`, regionCode, verificationStatus: "verified", verifiedAt: new Date() });
  const regions = ["09", "06", "07", "01", "03", "10", "05", "08"];
  const words = ["Huile d'argan", "Miel de thym", "Safran de Taliouine", "Amlou", "Couscous d'orge", "Dattes Mejhoul", "Savon beldi", "Tapis de Taznakht", "Poterie de Safi", "Eau de rose"];
  const draw = rng(7);
  for (let c = 0; c < 8; c++) {
    const org = await coop(`Coopérative Bench ${c + 1}`, regions[c]);
    for (let p = 0; p < 25; p++) {
      await createListedProduct(db, {
        organizationId: org.id,
        titleFr: `${words[(c * 25 + p) % words.length]} ${c + 1}-${p + 1}`,
        category: PRODUCT_CATEGORIES[(c + p) % PRODUCT_CATEGORIES.length],
        variants: [{ priceCentimes: 2000 + Math.floor(draw() * 30000), stock: 5 + Math.floor(draw() * 100) }],
      });
    }
  }
  const rushCoop = await coop("Coopérative Ruée", "09");
  const rush = await createListedProduct(db, { organizationId: rushCoop.id, titleFr: "Huile d'argan première pression", variants: [{ priceCentimes: 15000, stock: INITIAL_STOCK }] });
  const rushVariant = rush.variants[0].id;
  const shared: { id: string; productId: string }[] = [];
  for (let c = 0; c < 4; c++) {
    const org = await coop(`Coopérative Partagée ${c + 1}`, regions[c]);
    for (let p = 0; p < MULTI_VARIANTS / 4; p++) {
      const made = await createListedProduct(db, { organizationId: org.id, titleFr: `Produit partagé ${c + 1}-${p + 1}`, variants: [{ priceCentimes: 3000 + 500 * p, stock: MULTI_STOCK }] });
      shared.push({ id: made.variants[0].id, productId: made.product.id });
    }
  }
  const stripeCoop = await coop("Coopérative Carte", "01");
  const stripeProduct = await createListedProduct(db, { organizationId: stripeCoop.id, titleFr: "Safran 1 g", variants: [{ unit: "g", size: 1, priceCentimes: 9000, stock: 50 }] });
  await indexAllOrganizations(db);
  await client`vacuum analyze`;

  // --- The server: production build, this database, a throwaway data folder, one trusted proxy hop,
  // Stripe through the stand-in; everything it prints is kept to look for deadlocks.
  standin = await startStripeStandin();
  let output = "";
  server = await startBenchServer({
    databaseUrl: url,
    env: { DATA_DIR: dataDir, TRUST_PROXY: "1", STRIPE_SECRET_KEY: "sk_test_benchstandin", STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: standin.url },
    onOutput: (text) => {
      output += text;
    },
  });
  const base = server.base;
  const deadlockLines = () => (output.match(/deadlock detected/gi) ?? []).length;
  const statDeadlocks = async () => {
    const [row] = await client<{ n: string }[]>`select deadlocks::text as n from pg_stat_database where datname = current_database()`;
    return Number(row.n);
  };

  // --- One buyer, over real HTTP: their own cookie jar and their own client address.
  let addresses = 0;
  type Counts = Record<string, number>;
  const bump = (counts: Counts, kind: string) => (counts[kind] = (counts[kind] ?? 0) + 1);
  class Buyer {
    cookies = new Map<string, string>();
    readonly ip: string;
    constructor(readonly errors: Counts) {
      const n = ++addresses;
      this.ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
    }
    async request(pathname: string, init: { method?: string; form?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { "X-Forwarded-For": this.ip, "Accept-Language": "fr" };
      if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      let body: URLSearchParams | undefined;
      if (init.form) {
        body = new URLSearchParams(init.form);
        headers.Origin = base;
      }
      const started = performance.now();
      let res: Response;
      try {
        res = await fetch(`${base}${pathname}`, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body, redirect: "manual" });
      } catch (error) {
        bump(this.errors, `network:${(error as Error).message}`);
        return null;
      }
      const ms = performance.now() - started;
      for (const set of res.headers.getSetCookie()) {
        const [pair] = set.split(";");
        const eq = pair.indexOf("=");
        this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
      }
      if (res.status >= 500) bump(this.errors, `${res.status}`);
      return { res, ms, location: res.headers.get("Location") ?? "" };
    }
    /** Puts a line in the cart: true when the server took it (302 back to /panier). */
    async add(variantId: string, quantity: number) {
      const r = await this.request("/panier", { form: { intent: "add", variantId, quantity: String(quantity) } });
      if (!r) return false;
      await r.res.arrayBuffer();
      if (r.res.status !== 302) bump(this.errors, `add:${r.res.status}`);
      return r.res.status === 302;
    }
    /** The checkout page, for the total the buyer saw. */
    async expectedTotal() {
      const r = await this.request("/panier/commande");
      if (!r) return null;
      const html = await r.res.text();
      if (r.res.status !== 200) {
        bump(this.errors, `page:${r.res.status}${r.location ? `→${r.location}` : ""}`);
        return null;
      }
      return /name="expectedTotal" value="(\d+)"/.exec(html)?.[1] ?? null;
    }
    async checkout(expectedTotal: string, paymentMethod: "cod" | "stripe" = "cod") {
      return this.request("/panier/commande", {
        form: {
          name: "Acheteuse Bench",
          phone: "0612345678",
          email: `bench-${this.ip.replace(/\./g, "-")}@example.ma`,
          country: "MA",
          regionCode: "06",
          city: "Casablanca",
          addressLine: "12 rue des Orangers, Maârif",
          paymentMethod,
          acceptTerms: "on",
          expectedTotal,
        },
      });
    }
  }

  /** Every buyer fills their cart and reads the checkout page first; then all check out at the same moment. */
  async function rushCheckout(carts: { lines: { variantId: string; quantity: number }[] }[]) {
    const errors: Counts = {};
    const ready: { buyer: Buyer; total: string }[] = [];
    // Carts are filled 50 buyers at a time (a rush of carts is not what is measured).
    for (let i = 0; i < carts.length; i += 50) {
      await Promise.all(
        carts.slice(i, i + 50).map(async (cart) => {
          const buyer = new Buyer(errors);
          for (const line of cart.lines) if (!(await buyer.add(line.variantId, line.quantity))) return;
          const total = await buyer.expectedTotal();
          if (total) ready.push({ buyer, total });
        }),
      );
    }
    const outcomes: Counts = {};
    const times: number[] = [];
    await Promise.all(
      ready.map(async ({ buyer, total }) => {
        const r = await buyer.checkout(total);
        if (!r) return bump(outcomes, "network");
        await r.res.arrayBuffer();
        times.push(r.ms);
        if (r.res.status === 302 && r.location.startsWith("/commande/")) bump(outcomes, "placed");
        else if (r.res.status === 302 && r.location === "/panier") bump(outcomes, "backToCart");
        else bump(outcomes, `${r.res.status}${r.location ? `→${r.location}` : ""}`);
      }),
    );
    const errors5xx = Object.entries(errors).reduce((s, [k, v]) => s + (/^5\d\d$/.test(k) ? v : 0), 0);
    return { outcomes, errors, errors5xx, checkouts: ready.length, ...latency(times) };
  }

  /** Every way a buyer did not get an order: sent back to the cart, or a status (the requests' errors too). */
  function errorsByKind(r: { outcomes: Counts; errors: Counts }): Counts {
    return { ...r.errors, ...Object.fromEntries(Object.entries(r.outcomes).filter(([k]) => k !== "placed")) };
  }

  async function deadlocksDuring(run: () => Promise<void>) {
    const stat0 = await statDeadlocks();
    const log0 = deadlockLines();
    await run();
    await sleep(STATS_FLUSH_MS);
    return { stat: (await statDeadlocks()) - stat0, log: deadlockLines() - log0 };
  }

  // --- A. 500 buyers, 10 units.
  console.log(`A. ${BUYERS} buyers, one product with ${INITIAL_STOCK} units, cash on delivery…`);
  let rushResult!: Awaited<ReturnType<typeof rushCheckout>>;
  const rushDeadlocks = await deadlocksDuring(async () => {
    rushResult = await rushCheckout(Array.from({ length: BUYERS }, () => ({ lines: [{ variantId: rushVariant, quantity: 1 }] })));
  });
  const [rushFigures] = await client<{ orders: number; units: number; stock: number }[]>`
    select (select count(distinct i.vendor_order_id)::int from vendor_order_items i where i.variant_id = ${rushVariant}) as orders,
      (select coalesce(sum(i.quantity), 0)::int from vendor_order_items i where i.variant_id = ${rushVariant}) as units,
      (select stock from product_variants where id = ${rushVariant}) as stock`;

  // --- B. Multi-item carts over 20 shared variants.
  console.log(`B. ${MULTI_BUYERS} buyers, 2–5 of ${MULTI_VARIANTS} shared variants each (${MULTI_STOCK} units each), random order and quantities…`);
  const pick = rng(42);
  const carts = Array.from({ length: MULTI_BUYERS }, () => {
    const count = 2 + Math.floor(pick() * 4);
    const order = [...shared].sort(() => pick() - 0.5).slice(0, count);
    return { lines: order.map((v) => ({ variantId: v.id, quantity: 1 + Math.floor(pick() * 3) })) };
  });
  let multiResult!: Awaited<ReturnType<typeof rushCheckout>>;
  const multiDeadlocks = await deadlocksDuring(async () => {
    multiResult = await rushCheckout(carts);
  });
  const perVariant = await client<{ id: string; stock: number; sold: number }[]>`
    select v.id, v.stock, coalesce((select sum(i.quantity) from vendor_order_items i where i.variant_id = v.id), 0)::int as sold
    from product_variants v where v.id in ${client(shared.map((s) => s.id))}`;
  const oversold = perVariant.filter((v) => v.sold > MULTI_STOCK || v.stock < 0).length;
  const stockMismatch = perVariant.filter((v) => MULTI_STOCK - v.stock !== v.sold).length;
  const [multiOrders] = await client<{ groups: number; orders: number }[]>`
    select count(distinct o.group_id)::int as groups, count(distinct o.id)::int as orders
    from vendor_orders o join vendor_order_items i on i.vendor_order_id = o.id where i.variant_id in ${client(shared.map((s) => s.id))}`;

  // --- C. One signed Stripe event delivered 20 times at once, with the return page asking meanwhile.
  console.log(`C. Stripe replay: one signed checkout.session.completed × ${STRIPE_DELIVERIES}, with ${RETURN_PAGES} return pages at once (Stripe stand-in)…`);
  const cardErrors: Counts = {};
  const cardBuyer = new Buyer(cardErrors);
  await cardBuyer.add(stripeProduct.variants[0].id, 2);
  const cardTotal = await cardBuyer.expectedTotal();
  const placedCard = cardTotal ? await cardBuyer.checkout(cardTotal, "stripe") : null;
  const groupId = /^\/paiement\/([0-9a-f-]{36})$/.exec(placedCard?.location ?? "")?.[1];
  if (!groupId) throw new Error(`card checkout did not lead to /paiement/<group>: ${placedCard?.res.status} ${placedCard?.location}`);
  const opened = await cardBuyer.request(`/paiement/${groupId}`);
  const sessionId = /\/pay\/(cs_\w+)$/.exec(opened?.location ?? "")?.[1];
  if (!sessionId) throw new Error(`the payment page did not send the buyer to the stand-in's page: ${opened?.res.status} ${opened?.location}`);
  const session = standin.pay(sessionId);
  const event = standin.event("checkout.session.completed", session);
  const payload = JSON.stringify(event);
  const deliver = async () => {
    const res = await fetch(`${base}/paiement/stripe/webhook`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Stripe-Signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) },
      body: payload,
    });
    const body = (await res.json().catch(() => null)) as { outcome?: string } | null;
    return { status: res.status, outcome: body?.outcome ?? "—" };
  };
  const returnPage = async () => {
    const r = await cardBuyer.request(`/paiement/${groupId}/retour?session_id=${sessionId}`);
    const html = r ? await r.res.text() : "";
    return { status: r?.res.status ?? 0, html };
  };
  const stripeOutcome: Record<string, unknown> = {};
  const stripeDeadlocks = await deadlocksDuring(async () => {
    const [deliveries, returns] = await Promise.all([
      Promise.all(Array.from({ length: STRIPE_DELIVERIES }, deliver)),
      Promise.all(Array.from({ length: RETURN_PAGES }, returnPage)),
    ]);
    const tally = (xs: string[]) => xs.reduce<Counts>((c, x) => (bump(c, x), c), {});
    Object.assign(stripeOutcome, {
      webhookStatuses: tally(deliveries.map((d) => String(d.status))),
      webhookOutcomes: tally(deliveries.map((d) => d.outcome)),
      returnPageStatuses: tally(returns.map((r) => String(r.status))),
    });
  });
  const [payment] = await client<{ succeeded: number; events: number; placed: number; orders: number; status: string }[]>`
    select (select count(*)::int from payment_attempts where group_id = ${groupId} and state = 'succeeded') as succeeded,
      (select count(*)::int from payment_events where group_id = ${groupId}) as events,
      (select count(*)::int from vendor_order_events e join vendor_orders o on o.id = e.vendor_order_id
        where o.group_id = ${groupId} and e.from_status = 'awaiting_payment' and e.to_status = 'placed') as placed,
      (select count(*)::int from vendor_orders where group_id = ${groupId}) as orders,
      (select payment_status from order_groups where id = ${groupId}) as status`;

  // --- D. The catalogue page under load beside the bare route.
  console.log(`D. /marche and /bench/bare under autocannon, ${CONNECTIONS} connections, ${LOAD_SECONDS} s each…`);
  const pages = ["/marche", "/marche?q=argan", "/marche?category=honey", "/marche?q=miel&region=09", "/marche?sort=price_asc", "/marche?page=2"];
  for (const p of pages) {
    const res = await fetch(`${base}${p}`);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
  }
  const page = await hammer(base, pages);
  const bareRoute = await hammer(base, ["/bench/bare"]);

  // --- Totals of deadlocks: after the server stops, every backend has flushed its statistics.
  const logDeadlocks = deadlockLines();
  await server.stop();
  server = null;
  await sleep(500);
  const totalStatDeadlocks = await statDeadlocks();

  const out = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, postgres: version },
    buyers: BUYERS,
    initialStock: INITIAL_STOCK,
    checkouts: rushResult.checkouts,
    ordersCreated: rushFigures.orders,
    unitsSold: rushFigures.units,
    finalStock: rushFigures.stock,
    outcomes: rushResult.outcomes,
    errors: errorsByKind(rushResult),
    errors5xx: rushResult.errors5xx,
    deadlocks: Math.max(rushDeadlocks.stat, rushDeadlocks.log),
    p50Ms: rushResult.p50Ms,
    p95Ms: rushResult.p95Ms,
    maxMs: rushResult.maxMs,
    multiItem: {
      buyers: MULTI_BUYERS,
      variants: MULTI_VARIANTS,
      initialStockPerVariant: MULTI_STOCK,
      checkouts: multiResult.checkouts,
      groupsCreated: multiOrders.groups,
      ordersCreated: multiOrders.orders,
      unitsSold: perVariant.reduce((s, v) => s + v.sold, 0),
      soldOut: perVariant.filter((v) => v.stock === 0).length,
      outcomes: multiResult.outcomes,
      errors: errorsByKind(multiResult),
      oversold,
      stockMismatch,
      deadlocks: Math.max(multiDeadlocks.stat, multiDeadlocks.log),
      errors5xx: multiResult.errors5xx,
      p50Ms: multiResult.p50Ms,
      p95Ms: multiResult.p95Ms,
    },
    stripeReplay: {
      deliveries: STRIPE_DELIVERIES,
      returnPages: RETURN_PAGES,
      paymentsRecorded: payment.succeeded,
      eventsClaimed: payment.events,
      ordersPlaced: payment.placed,
      orders: payment.orders,
      groupPaymentStatus: payment.status,
      deadlocks: Math.max(stripeDeadlocks.stat, stripeDeadlocks.log),
      errors5xx: Object.entries(cardErrors).reduce((s, [k, v]) => s + (/^5\d\d$/.test(k) ? v : 0), 0),
      ...stripeOutcome,
      stripeApi: "stand-in (test/support/stripe-standin.ts)",
    },
    page: { paths: pages, ...page },
    bareRoute,
    deadlocksTotal: { pgStatDatabase: totalStatDeadlocks, serverLog: logDeadlocks },
  };

  // --- Report.
  console.log(`\nPostgreSQL ${version}, ${os.cpus().length} CPUs, Node ${process.version}`);
  console.log(`\nA. ${BUYERS} buyers for ${INITIAL_STOCK} units (${rushResult.checkouts} reached the checkout)`);
  console.log(`  orders created ${out.ordersCreated}, units sold ${out.unitsSold}, final stock ${out.finalStock}`);
  console.log(`  outcomes ${JSON.stringify(rushResult.outcomes)}, errors by kind ${JSON.stringify(out.errors)}`);
  console.log(`  5xx ${out.errors5xx}, deadlocks ${out.deadlocks}; checkout POST p50 ${out.p50Ms} ms, p95 ${out.p95Ms} ms, max ${out.maxMs} ms`);
  const m = out.multiItem;
  console.log(`\nB. ${MULTI_BUYERS} multi-item carts over ${MULTI_VARIANTS} variants of ${MULTI_STOCK} units`);
  console.log(`  groups ${m.groupsCreated}, cooperative orders ${m.ordersCreated}, units sold ${m.unitsSold} of ${MULTI_VARIANTS * MULTI_STOCK}, variants sold out ${m.soldOut}`);
  console.log(`  outcomes ${JSON.stringify(m.outcomes)}, errors by kind ${JSON.stringify(m.errors)}`);
  console.log(`  oversold ${m.oversold}, stock/items mismatch ${m.stockMismatch}, 5xx ${m.errors5xx}, deadlocks ${m.deadlocks}; p50 ${m.p50Ms} ms, p95 ${m.p95Ms} ms`);
  const s = out.stripeReplay;
  console.log(`\nC. Stripe replay (${STRIPE_DELIVERIES} deliveries, ${RETURN_PAGES} return pages, Stripe's API by the stand-in)`);
  console.log(`  payments recorded ${s.paymentsRecorded}, events claimed ${s.eventsClaimed}, orders placed ${s.ordersPlaced}/${s.orders}, group ${s.groupPaymentStatus}`);
  console.log(`  webhook ${JSON.stringify(stripeOutcome.webhookStatuses)} ${JSON.stringify(stripeOutcome.webhookOutcomes)}, return page ${JSON.stringify(stripeOutcome.returnPageStatuses)}`);
  console.log(`\nD. Under load: ${CONNECTIONS} connections, ${LOAD_SECONDS} s each\n  route            req/s    p95 ms   non-2xx`);
  for (const [name, f] of [["/marche…", page], ["/bench/bare", bareRoute]] as const) {
    console.log(`  ${name.padEnd(14)} ${f.rps.toFixed(0).padStart(7)}  ${f.p95Ms.toFixed(1).padStart(8)}  ${String(f.non2xx).padStart(8)}`);
  }
  console.log(`\nDeadlocks over the whole run: pg_stat_database ${totalStatDeadlocks}, server log ${logDeadlocks}`);

  const problems = [
    out.unitsSold !== INITIAL_STOCK && `A: ${out.unitsSold} units sold of ${INITIAL_STOCK}`,
    out.finalStock !== 0 && `A: final stock ${out.finalStock}`,
    out.errors5xx > 0 && `A: ${out.errors5xx} responses 5xx`,
    m.oversold > 0 && `B: ${m.oversold} variants oversold`,
    m.stockMismatch > 0 && `B: ${m.stockMismatch} variants whose stock and sold items disagree`,
    m.errors5xx > 0 && `B: ${m.errors5xx} responses 5xx`,
    s.paymentsRecorded !== 1 && `C: ${s.paymentsRecorded} payments recorded`,
    s.errors5xx > 0 && `C: ${s.errors5xx} responses 5xx`,
    (totalStatDeadlocks > 0 || logDeadlocks > 0) && `deadlocks: ${totalStatDeadlocks} (pg_stat_database), ${logDeadlocks} (server log)`,
  ].filter(Boolean);
  mkdirSync("bench/results", { recursive: true });
  if (BUYERS === 500 && MULTI_BUYERS === 300 && LOAD_SECONDS === 20) writeFileSync("bench/results/checkout.json", `${JSON.stringify({ ...out, problems }, null, 2)}\n`);
  else console.log("(scaled run: bench/results/checkout.json not written)");
  if (problems.length) {
    console.error(`\nFAILED:\n  ${problems.join("\n  ")}`);
    failed = true;
  } else {
    console.log("\nHolds: exactly the stock sold, nothing oversold, no 5xx, no deadlock, one payment for one event.");
  }
  await client.end({ timeout: 5 });
} finally {
  await server?.stop();
  await standin?.close();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

type LoadFigures = { rps: number; p95Ms: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number };

/** autocannon on some paths in turn; p95 is computed from every response time (autocannon has no p95). */
function hammer(base: string, paths: string[]): Promise<LoadFigures> {
  let next = 0;
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: LOAD_SECONDS,
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        const s = [...times].sort((a, b) => a - b);
        resolve({
          rps: round(result.requests.total / result.duration, 0),
          p50Ms: round(percentile(s, 50)),
          p95Ms: round(percentile(s, 95)),
          p99Ms: round(percentile(s, 99)),
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });
}
