// The only file that talks to Stripe (decision 013). The platform is the merchant: one Checkout Session in
// MAD per order group, refunds per cooperative's order, webhooks checked by their signature. Every call
// that creates something carries an idempotency key, so a retried request never makes a second one.
import Stripe from "stripe";
import { env } from "~/lib/env.server";

/**
 * The API version this adapter, its types and the stand-in were written against (stripe-node 23.1).
 * Upgrading is a deliberate step: bump the package, read Stripe's changelog, run the contract test.
 */
export const STRIPE_API_VERSION = "2026-10-28.endive" satisfies typeof Stripe.API_VERSION;

let cached: { key: string; apiUrl: string | undefined; client: Stripe } | undefined;

/**
 * A client for the configured key. With STRIPE_API_URL (tests and the checkout benchmark only), requests
 * go to that STAND-IN of Stripe's API (test/support/stripe-standin.ts) instead of api.stripe.com.
 */
export function stripeClient(): Stripe {
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl } = env();
  if (!key) throw new Error("Stripe is not configured: STRIPE_SECRET_KEY is not set");
  if (cached?.key === key && cached.apiUrl === apiUrl) return cached.client;
  const standIn = apiUrl ? new URL(apiUrl) : null;
  const client = new Stripe(key, {
    apiVersion: STRIPE_API_VERSION,
    // A buyer waits on the other end: fail in seconds and let them retry, rather than hang.
    timeout: 15_000,
    maxNetworkRetries: 1,
    telemetry: false,
    appInfo: { name: "Tiwizi" },
    ...(standIn
      ? {
          host: standIn.hostname,
          port: standIn.port || (standIn.protocol === "http:" ? 80 : 443),
          protocol: standIn.protocol === "http:" ? ("http" as const) : ("https" as const),
        }
      : {}),
  });
  cached = { key, apiUrl, client };
  return client;
}

export type CheckoutLine = { name: string; description: string; amountCentimes: number };

export type CheckoutSessionInput = {
  groupId: string;
  number: string;
  /** One line per cooperative's order (its goods and its shipping): Checkout shows what the buyer pays each. */
  lines: CheckoutLine[];
  buyerEmail: string;
  /** Checkout's own language; Stripe has no Arabic page, so Arabic buyers get their browser's language. */
  locale: "fr" | "en" | "auto";
  /** When the stock hold ends: Stripe accepts 30 minutes to 24 hours after the session is made. */
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
  /** The payment attempt's key: the same key always gives back the same session. */
  idempotencyKey: string;
};

export type CardSession = {
  id: string;
  url: string | null;
  status: "open" | "complete" | "expired";
  paid: boolean;
  paymentIntent: string | null;
  /** The order group it was made for (client_reference_id, else metadata.group_id). */
  groupId: string | null;
  expiresAt: Date;
  amountCentimes: number | null;
  currency: string | null;
};

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

export function toCardSession(s: Stripe.Checkout.Session): CardSession {
  return {
    id: s.id,
    url: s.url ?? null,
    status: s.status === "complete" ? "complete" : s.status === "expired" ? "expired" : "open",
    paid: s.payment_status === "paid",
    paymentIntent: idOf(s.payment_intent),
    groupId: s.client_reference_id ?? s.metadata?.group_id ?? null,
    expiresAt: new Date(s.expires_at * 1000),
    amountCentimes: s.amount_total ?? null,
    currency: s.currency ?? null,
  };
}

/** A Checkout Session in MAD for an order group, amounts in centimes (MAD's smallest unit). */
export async function createCheckoutSession(input: CheckoutSessionInput): Promise<CardSession> {
  const metadata = { group_id: input.groupId, order_number: input.number };
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "payment",
      line_items: input.lines.map((line) => ({
        quantity: 1,
        price_data: {
          currency: "mad",
          unit_amount: line.amountCentimes,
          product_data: { name: line.name, ...(line.description ? { description: line.description } : {}) },
        },
      })),
      client_reference_id: input.groupId,
      metadata,
      payment_intent_data: { metadata, description: `Tiwizi ${input.number}` },
      customer_email: input.buyerEmail,
      locale: input.locale,
      // The ledger, the allocations and refunds are in MAD: the charge stays in MAD.
      adaptive_pricing: { enabled: false },
      expires_at: Math.floor(input.expiresAt.getTime() / 1000),
      success_url: input.successUrl,
      cancel_url: input.cancelUrl,
    },
    { idempotencyKey: input.idempotencyKey },
  );
  return toCardSession(session);
}

export async function retrieveSession(id: string): Promise<CardSession> {
  return toCardSession(await stripeClient().checkout.sessions.retrieve(id));
}

/** Closes an open session so nobody can pay it any more (its hold ended and the stock goes back). */
export async function expireSession(id: string, idempotencyKey: string): Promise<CardSession> {
  return toCardSession(await stripeClient().checkout.sessions.expire(id, {}, { idempotencyKey }));
}

export type CardRefund = { id: string; status: "pending" | "succeeded" | "failed" };

function toCardRefund(r: Stripe.Refund): CardRefund {
  const status = r.status === "succeeded" ? "succeeded" : r.status === "failed" || r.status === "canceled" ? "failed" : "pending";
  return { id: r.id, status };
}

/** Gives back part of a payment; the refund's own idempotency key makes a retried call harmless. */
export async function refund(opts: { paymentIntent: string; amount: number; idempotencyKey: string; metadata?: Record<string, string> }): Promise<CardRefund> {
  const r = await stripeClient().refunds.create(
    { payment_intent: opts.paymentIntent, amount: opts.amount, ...(opts.metadata ? { metadata: opts.metadata } : {}) },
    { idempotencyKey: opts.idempotencyKey },
  );
  return toCardRefund(r);
}

export async function retrieveRefund(id: string): Promise<CardRefund> {
  return toCardRefund(await stripeClient().refunds.retrieve(id));
}

export { toCardRefund };

/**
 * Checks a webhook's signature against STRIPE_WEBHOOK_SECRET and its timestamp against Stripe's default
 * tolerance (300 s): throws on a bad or missing signature, an old delivery, or an unset secret.
 */
export function verifyWebhook(rawBody: string, signature: string | null): Stripe.Event {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error("Stripe webhooks are not configured: STRIPE_WEBHOOK_SECRET is not set");
  if (!signature) throw new Error("No Stripe-Signature header");
  return Stripe.webhooks.constructEvent(rawBody, signature, secret);
}

/** Stripe refused the request itself (bad parameters, a closed session): retrying the same call will not help. */
export function isRequestRefused(error: unknown): boolean {
  return error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeIdempotencyError;
}
