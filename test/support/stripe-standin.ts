// A STAND-IN for Stripe's API, for tests and the checkout benchmark: Stripe cannot be reached from here.
// It answers the few endpoints Tiwizi calls the way Stripe documents them (form-encoded requests, JSON
// objects and errors, idempotency keys replaying the first result — errors included — and refusing the
// same key with other parameters), keeps its objects in memory, and lets a test act as the buyer
// (pay, let expire) and build the events Stripe would send. It is not Stripe: the contract test in
// test/integration/stripe.test.ts runs the adapter against the real API when a test key is set.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

type Json = Record<string, unknown>;
type Params = { [key: string]: string | Params };

export type StandinSession = {
  id: string;
  object: "checkout.session";
  mode: "payment";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  expires_at: number;
  created: number;
  success_url: string;
  cancel_url: string;
  url: string | null;
  locale: string | null;
  payment_intent: string | null;
  line_items: { name: string; unit_amount: number; quantity: number; currency: string }[];
};

export type StandinRefund = {
  id: string;
  object: "refund";
  amount: number;
  currency: string;
  payment_intent: string;
  status: "pending" | "succeeded" | "failed" | "canceled";
  metadata: Record<string, string>;
  created: number;
};

export type StandinRequest = { method: string; path: string; idempotencyKey: string | null; params: Params };

const id = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** `a[b][0][c]=1` as Stripe's clients send it → { a: { b: { 0: { c: "1" } } } }. */
export function parseForm(body: string): Params {
  const out: Params = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, "").split("[");
    let node = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Params;
    });
  }
  return out;
}

const str = (p: Params, key: string) => (typeof p[key] === "string" ? (p[key] as string) : null);
const obj = (p: Params, key: string) => (typeof p[key] === "object" ? (p[key] as Params) : {});

class StripeLikeError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export type StripeStandin = {
  url: string;
  requests: StandinRequest[];
  sessions: Map<string, StandinSession>;
  refunds: Map<string, StandinRefund>;
  /** The buyer pays on the stand-in's page: the session completes, paid, with a PaymentIntent. */
  pay(sessionId: string): StandinSession;
  /** Stripe lets the session expire (its time ran out, or we asked). */
  expire(sessionId: string): StandinSession;
  /** The next `count` calls to `path` (e.g. "/v1/checkout/sessions") answer a 500, saved under their key like Stripe does. */
  failNext(path: string, count?: number): void;
  /** A refund that Stripe settles later (`pending`), or that fails (card closed). */
  refundOutcome(status: StandinRefund["status"]): void;
  /** The event Stripe would send about an object: `{ id: evt_…, type, data: { object } }`. */
  event(type: string, object: object): Json;
  close(): Promise<void>;
};

/** Starts the stand-in on 127.0.0.1 (a free port unless given); requests must carry a secret key. */
export async function startStripeStandin(opts: { port?: number } = {}): Promise<StripeStandin> {
  const sessions = new Map<string, StandinSession>();
  const refunds = new Map<string, StandinRefund>();
  const charged = new Map<string, { amount: number; refunded: number; currency: string }>();
  const saved = new Map<string, { body: string; status: number; json: Json }>();
  const requests: StandinRequest[] = [];
  const failures = new Map<string, number>();
  let nextRefundStatus: StandinRefund["status"] = "succeeded";
  let base = "";

  function createSession(p: Params): StandinSession {
    const lineItems = Object.values(obj(p, "line_items")).map((raw) => {
      const li = raw as Params;
      const priceData = obj(li, "price_data");
      const currency = str(priceData, "currency") ?? "";
      const unitAmount = Number(str(priceData, "unit_amount"));
      const quantity = Number(str(li, "quantity") ?? "1");
      const name = str(obj(priceData, "product_data"), "name") ?? "";
      if (!currency || !Number.isInteger(unitAmount) || unitAmount < 0 || !name || !Number.isInteger(quantity) || quantity < 1) {
        throw new StripeLikeError(400, "invalid_request_error", "Invalid line_items: price_data needs currency, a unit_amount in the smallest unit and product_data.name.", "parameter_invalid");
      }
      return { name, unit_amount: unitAmount, quantity, currency };
    });
    if (str(p, "mode") !== "payment") throw new StripeLikeError(400, "invalid_request_error", "Missing required param: mode.", "parameter_missing");
    if (lineItems.length === 0) throw new StripeLikeError(400, "invalid_request_error", "line_items is required in payment mode.", "parameter_missing");
    const currencies = new Set(lineItems.map((l) => l.currency));
    if (currencies.size !== 1) throw new StripeLikeError(400, "invalid_request_error", "All line items must use the same currency.", "parameter_invalid");
    const successUrl = str(p, "success_url");
    if (!successUrl) throw new StripeLikeError(400, "invalid_request_error", "Missing required param: success_url.", "parameter_missing");
    const created = now();
    const expiresAt = str(p, "expires_at") ? Number(str(p, "expires_at")) : created + 86_400;
    // Stripe: "anywhere from 30 minutes to 24 hours after Checkout Session creation".
    if (!Number.isInteger(expiresAt) || expiresAt < created + 1800 || expiresAt > created + 86_400) {
      throw new StripeLikeError(400, "invalid_request_error", "The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.", "parameter_invalid");
    }
    const amount = lineItems.reduce((sum, l) => sum + l.unit_amount * l.quantity, 0);
    const session: StandinSession = {
      id: id("cs"),
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_total: amount,
      currency: [...currencies][0],
      client_reference_id: str(p, "client_reference_id"),
      customer_email: str(p, "customer_email"),
      metadata: obj(p, "metadata") as Record<string, string>,
      expires_at: expiresAt,
      created,
      success_url: successUrl,
      cancel_url: str(p, "cancel_url") ?? "",
      url: null,
      locale: str(p, "locale"),
      payment_intent: null,
      line_items: lineItems,
    };
    session.url = `${base}/pay/${session.id}`;
    sessions.set(session.id, session);
    return session;
  }

  function findSession(sessionId: string) {
    const session = sessions.get(sessionId);
    if (!session) throw new StripeLikeError(404, "invalid_request_error", `No such checkout.session: '${sessionId}'`, "resource_missing");
    return session;
  }

  function createRefund(p: Params): StandinRefund {
    const pi = str(p, "payment_intent");
    if (!pi) throw new StripeLikeError(400, "invalid_request_error", "One of `charge` or `payment_intent` is required.", "parameter_missing");
    const charge = charged.get(pi);
    if (!charge) throw new StripeLikeError(404, "invalid_request_error", `No such payment_intent: '${pi}'`, "resource_missing");
    const amount = str(p, "amount") ? Number(str(p, "amount")) : charge.amount - charge.refunded;
    if (!Number.isInteger(amount) || amount <= 0) throw new StripeLikeError(400, "invalid_request_error", "Invalid positive integer", "parameter_invalid");
    if (charge.refunded + amount > charge.amount) {
      throw new StripeLikeError(400, "invalid_request_error", `Refund amount (${amount}) is greater than unrefunded amount on charge (${charge.amount - charge.refunded})`, "amount_too_large");
    }
    const status = nextRefundStatus;
    if (status !== "failed" && status !== "canceled") charge.refunded += amount;
    const refund: StandinRefund = { id: id("re"), object: "refund", amount, currency: charge.currency, payment_intent: pi, status, metadata: obj(p, "metadata") as Record<string, string>, created: now() };
    refunds.set(refund.id, refund);
    return refund;
  }

  function route(method: string, path: string, p: Params): Json {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return createSession(p);
    if (method === "GET" && (m = path.match(/^\/v1\/checkout\/sessions\/([\w]+)$/))) return findSession(m[1]);
    if (method === "POST" && (m = path.match(/^\/v1\/checkout\/sessions\/([\w]+)\/expire$/))) {
      const session = findSession(m[1]);
      if (session.status !== "open") {
        throw new StripeLikeError(400, "invalid_request_error", `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${session.status}".`, "checkout_session_not_open");
      }
      return api.expire(session.id);
    }
    if (method === "POST" && path === "/v1/refunds") return createRefund(p);
    if (method === "GET" && (m = path.match(/^\/v1\/refunds\/([\w]+)$/))) {
      const refund = refunds.get(m[1]);
      if (!refund) throw new StripeLikeError(404, "invalid_request_error", `No such refund: '${m[1]}'`, "resource_missing");
      return refund;
    }
    throw new StripeLikeError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", base);
    const method = req.method ?? "GET";
    const send = (status: number, json: Json, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "Content-Type": "application/json", "Request-Id": id("req"), ...headers });
      res.end(JSON.stringify(json));
    };
    // The page a buyer would pay on: tests pay through `pay()`, browsers see a plain page.
    if (method === "GET" && url.pathname.startsWith("/pay/")) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end(`<!doctype html><title>Stripe stand-in</title><p>Stripe stand-in: session ${url.pathname.slice(5).replace(/[^\w]/g, "")}</p>`);
      return;
    }
    const auth = req.headers.authorization ?? "";
    if (!/^Bearer (sk|rk)_(test|live)_\w+$/.test(auth)) {
      send(401, { error: { type: "invalid_request_error", message: "You did not provide an API key." } });
      return;
    }
    const params = method === "GET" ? parseForm(url.search.slice(1)) : parseForm(body);
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    requests.push({ method, path: url.pathname, idempotencyKey: key, params });
    if (key && method === "POST") {
      const first = saved.get(key);
      if (first) {
        if (first.body !== `${url.pathname}?${body}`) {
          send(400, {
            error: {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            },
          });
          return;
        }
        send(first.status, first.json, { "Idempotent-Replayed": "true", "Stripe-Should-Retry": "false" });
        return;
      }
    }
    let status = 200;
    let json: Json;
    const failing = failures.get(url.pathname) ?? 0;
    if (failing > 0) {
      failures.set(url.pathname, failing - 1);
      status = 500;
      json = { error: { type: "api_error", message: "An unknown error occurred (stand-in)." } };
    } else {
      try {
        json = route(method, url.pathname, params);
      } catch (error) {
        if (!(error instanceof StripeLikeError)) throw error;
        // Stripe saves no result for a request refused before it ran (bad parameters): it may be retried.
        send(error.status, { error: { type: error.type, message: error.message, ...(error.code ? { code: error.code } : {}) } });
        return;
      }
    }
    if (key && method === "POST") saved.set(key, { body: `${url.pathname}?${body}`, status, json });
    send(status, json, status >= 500 ? { "Stripe-Should-Retry": "false" } : {});
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { type: "api_error", message: String(error) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: StripeStandin = {
    url: base,
    requests,
    sessions,
    refunds,
    pay(sessionId) {
      const session = findSession(sessionId);
      if (session.status !== "open") throw new Error(`stand-in: session ${sessionId} is ${session.status}`);
      session.status = "complete";
      session.payment_status = "paid";
      session.payment_intent = id("pi");
      session.url = null;
      charged.set(session.payment_intent, { amount: session.amount_total, refunded: 0, currency: session.currency });
      return session;
    },
    expire(sessionId) {
      const session = findSession(sessionId);
      session.status = "expired";
      session.url = null;
      return session;
    },
    failNext(path, count = 1) {
      failures.set(path, (failures.get(path) ?? 0) + count);
    },
    refundOutcome(status) {
      nextRefundStatus = status;
    },
    event(type, object) {
      return {
        id: id("evt"),
        object: "event",
        api_version: Stripe.API_VERSION,
        created: now(),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object: structuredClone(object) },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}

/**
 * An event as Stripe delivers it to a webhook: the exact body and its `Stripe-Signature` header, signed by
 * the `stripe` library with the endpoint's secret (`timestamp` in seconds, now by default).
 */
export function signedDelivery(event: object, secret: string, timestamp?: number): { body: string; signature: string } {
  const body = JSON.stringify(event);
  return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret, ...(timestamp ? { timestamp } : {}) }) };
}
