// Stripe's webhook (a resource route): POST /paiement/stripe/webhook. Authenticated by its signature, not
// by the site's cross-site guard, which lets this one path through (server/security.ts).
import type { ActionFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { env } from "~/lib/env.server";
import { handleStripeEvent } from "~/modules/orders/card-payment.server";
import { verifyWebhook } from "~/modules/orders/stripe.server";

const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...headers } });

export async function loader() {
  return text(405, "Method Not Allowed", { Allow: "POST" });
}

/**
 * Reads the body as the bytes Stripe signed, checks the signature and its timestamp (5 minutes of
 * tolerance), then applies the event in one short transaction that also claims the event id, so a
 * delivery repeated or racing the return page acts once. A bad signature is a 400 and changes nothing.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return text(405, "Method Not Allowed", { Allow: "POST" });
  // Not configured here: Stripe keeps the event and retries later.
  if (!env().STRIPE_WEBHOOK_SECRET) return text(503, "Stripe webhooks are not configured");
  const body = await request.text();
  let event;
  try {
    event = verifyWebhook(body, request.headers.get("Stripe-Signature"));
  } catch {
    return text(400, "Invalid signature");
  }
  const outcome = await handleStripeEvent(db, event);
  return new Response(JSON.stringify({ received: true, outcome }), {
    status: 200,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
