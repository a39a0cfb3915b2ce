// Card payments of order groups through Stripe Checkout (decision 013): opening the session the buyer
// pays on, the return page, and Stripe's webhook events. Every path that learns of a payment calls the
// same markPaid, so a webhook, a replay and the return page arriving together make one payment.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { DbOrTx } from "../../../db/client";
import { orderGroups, organizations, paymentAllocations, paymentAttempts, refunds, vendorOrderItems, vendorOrders } from "../../../db/schema";
import { getT } from "~/i18n/catalogs.server";
import { formatMad, localizeHref, type Locale } from "~/i18n/i18n";
import { env } from "~/lib/env.server";
import { DomainError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { localName, sizeLabel } from "./format";
import { stripeConfigured } from "./payment-methods.server";
import { claimEvent, expireGroup, markPaid, type MarkPaidResult, type ProviderEvent } from "./payments.server";
import { recordRefundOutcome } from "./refunds.server";
import { type CardSession, createCheckoutSession, expireSession, isRequestRefused, retrieveSession, toCardRefund, toCardSession } from "./stripe.server";

/** Stripe keeps a session open 30 minutes at least; a little more, so the request's own time never falls short. */
const MIN_SESSION_MS = 30 * 60_000;
const SESSION_MARGIN_MS = 2 * 60_000;
/** Attempts one group may use before the payment page stops asking Stripe (a retry button pressed in a loop). */
const MAX_ATTEMPTS = 20;

export const SESSION_ID = /^cs_[A-Za-z0-9_]{1,200}$/;

type GroupRow = typeof orderGroups.$inferSelect;

/** The group and its cooperatives' orders, as the payment pages show them. */
export async function cardGroupView(db: DbOrTx, groupId: string) {
  if (!isUuid(groupId)) throw new NotFoundError();
  const [group] = await db.select().from(orderGroups).where(eq(orderGroups.id, groupId));
  if (!group) throw new NotFoundError();
  const orders = await db
    .select({
      id: vendorOrders.id,
      number: vendorOrders.number,
      token: vendorOrders.trackingToken,
      status: vendorOrders.status,
      totalCentimes: vendorOrders.totalCentimes,
      shippingFeeCentimes: vendorOrders.shippingFeeCentimes,
      name: organizations.name,
      nameAr: organizations.nameAr,
    })
    .from(vendorOrders)
    .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
    .where(eq(vendorOrders.groupId, groupId))
    .orderBy(asc(vendorOrders.number));
  return { group, orders };
}

export type CardGroupView = Awaited<ReturnType<typeof cardGroupView>>;

/** The attempt a card payment is under way with: the newest one still pending. */
export async function liveAttempt(db: DbOrTx, groupId: string) {
  const [attempt] = await db
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.groupId, groupId), eq(paymentAttempts.state, "pending")))
    .orderBy(desc(paymentAttempts.createdAt))
    .limit(1);
  return attempt ?? null;
}

export type OpenCheckout =
  | { kind: "redirect"; url: string }
  | { kind: "tracking"; view: CardGroupView }
  | { kind: "closed"; view: CardGroupView }
  | { kind: "unavailable"; view: CardGroupView };

/**
 * Where the payment page sends the buyer: to Stripe's page of the group's session (made now, or the
 * pending attempt's own while it lasts), to the tracking page once paid, or to an explanation. Stripe
 * failing is an answer too ("unavailable", with a retry), never an error page.
 */
export async function openCardCheckout(db: DbOrTx, groupId: string, now = new Date(), depth = 0): Promise<OpenCheckout> {
  const view = await cardGroupView(db, groupId);
  const { group } = view;
  if (group.paymentMethod !== "stripe" || group.paymentStatus === "paid") return { kind: "tracking", view };
  // Nothing left to pay for (every cooperative's order cancelled meanwhile): no session is opened.
  if (group.paymentStatus !== "awaiting" || !view.orders.some((o) => o.status === "awaiting_payment")) return { kind: "closed", view };
  if (!stripeConfigured()) return { kind: "unavailable", view };
  if (group.expiresAt && group.expiresAt <= now) {
    // The hold ran out and the job has not passed yet: settle it now, as the job would.
    await settleDueCardGroup(db, group.id, now);
    const after = await cardGroupView(db, groupId);
    if (after.group.paymentStatus === "paid") return { kind: "tracking", view: after };
    // Still waiting: Stripe could not be asked, so nothing is sure yet.
    return after.group.paymentStatus === "awaiting" ? { kind: "unavailable", view: after } : { kind: "closed", view: after };
  }

  const attempt = await liveAttempt(db, group.id);
  if (!attempt) return { kind: "unavailable", view };
  if (attempt.providerRef) {
    // A session exists: the buyer may have paid it already (the webhook on its way).
    const session = await retrieveSession(attempt.providerRef).catch(() => null);
    if (session?.paid) {
      await markPaid(db, { groupId: group.id, provider: "stripe", providerRef: session.id, paymentIntent: session.paymentIntent });
      return { kind: "tracking", view: await cardGroupView(db, groupId) };
    }
    const url = session ? session.url : attempt.checkoutUrl;
    if (url && (!session || session.status === "open")) return { kind: "redirect", url };
    // Completed, the bank still confirming: the tracking page shows the order meanwhile.
    return session?.status === "complete" ? { kind: "tracking", view } : { kind: "unavailable", view };
  }

  // Another tab moved things on meanwhile: look again (twice at most).
  const again = () => (depth < 2 ? openCardCheckout(db, groupId, now, depth + 1) : Promise.resolve<OpenCheckout>({ kind: "unavailable", view }));
  const expiresAt = await reserveSessionWindow(db, group.id, attempt.id, now);
  if (!expiresAt) return again();
  let session: CardSession;
  try {
    session = await createCheckoutSession(await sessionInput(db, view, attempt.idempotencyKey, expiresAt));
  } catch (error) {
    console.warn(`stripe: no Checkout Session for group ${group.number} (attempt ${attempt.idempotencyKey}): ${(error as Error).message}`);
    await retireAttempt(db, group.id, attempt.id);
    return { kind: "unavailable", view };
  }
  const [stored] = await db
    .update(paymentAttempts)
    .set({ providerRef: session.id, checkoutUrl: session.url, expiresAt: session.expiresAt })
    .where(and(eq(paymentAttempts.id, attempt.id), eq(paymentAttempts.state, "pending"), sql`(${paymentAttempts.providerRef} is null or ${paymentAttempts.providerRef} = ${session.id})`))
    .returning({ id: paymentAttempts.id });
  // Paid, expired or retired meanwhile (another tab): the page says where things stand.
  if (!stored || !session.url) return again();
  return { kind: "redirect", url: session.url };
}

/**
 * Makes sure the attempt's end leaves Stripe its 30 minutes, and that the group holds its stock as long
 * as the session lives (the hold is the session's lifetime). The end is stored before Stripe is asked, so
 * two tabs opening the page together send the same parameters under the same key, and get one session.
 */
async function reserveSessionWindow(db: DbOrTx, groupId: string, attemptId: string, now: Date): Promise<Date | null> {
  return db.transaction(async (tx) => {
    const [group] = await tx.select().from(orderGroups).where(eq(orderGroups.id, groupId)).for("update");
    const [attempt] = await tx.select().from(paymentAttempts).where(eq(paymentAttempts.id, attemptId));
    if (group.paymentStatus !== "awaiting" || attempt.state !== "pending" || attempt.providerRef) return null;
    let end = attempt.expiresAt ?? group.expiresAt;
    if (!end || end.getTime() < now.getTime() + MIN_SESSION_MS + SESSION_MARGIN_MS / 2) end = new Date(now.getTime() + MIN_SESSION_MS + SESSION_MARGIN_MS);
    // Stripe counts in whole seconds: so do the attempt and the group, to end together with the session.
    end = new Date(Math.floor(end.getTime() / 1000) * 1000);
    if (attempt.expiresAt?.getTime() !== end.getTime()) await tx.update(paymentAttempts).set({ expiresAt: end }).where(eq(paymentAttempts.id, attemptId));
    if (!group.expiresAt || group.expiresAt.getTime() < end.getTime() + 1000) await tx.update(orderGroups).set({ expiresAt: end }).where(eq(orderGroups.id, groupId));
    return end;
  });
}

/**
 * An attempt whose session could not be made is never used again: Stripe keeps the first answer to a key
 * (a 500 included) for a day, and a lost answer may hide a session nobody has the link to. The next try
 * gets a new attempt, with a new key and the same split between cooperatives.
 */
async function retireAttempt(db: DbOrTx, groupId: string, attemptId: string) {
  await db.transaction(async (tx) => {
    const [group] = await tx.select().from(orderGroups).where(eq(orderGroups.id, groupId)).for("update");
    const [retired] = await tx
      .update(paymentAttempts)
      .set({ state: "failed" })
      .where(and(eq(paymentAttempts.id, attemptId), eq(paymentAttempts.state, "pending"), isNull(paymentAttempts.providerRef)))
      .returning();
    if (!retired || group.paymentStatus !== "awaiting") return;
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(paymentAttempts).where(eq(paymentAttempts.groupId, groupId));
    if (n >= MAX_ATTEMPTS) return;
    const [next] = await tx
      .insert(paymentAttempts)
      .values({
        groupId,
        provider: "stripe",
        idempotencyKey: `${groupId}:${n + 1}`,
        amountCentimes: retired.amountCentimes,
        currency: retired.currency,
        expiresAt: group.expiresAt,
      })
      .returning({ id: paymentAttempts.id });
    await tx.execute(sql`
      insert into payment_allocations (attempt_id, vendor_order_id, amount_centimes)
      select ${next.id}, vendor_order_id, amount_centimes from payment_allocations where attempt_id = ${attemptId}`);
  });
}

const stripeLocale = (locale: Locale): "fr" | "en" | "auto" => (locale === "ar" ? "auto" : locale);

/** The session's parameters, from what was stored at checkout only: a retry sends exactly the same. */
async function sessionInput(db: DbOrTx, view: CardGroupView, idempotencyKey: string, expiresAt: Date) {
  const { group, orders } = view;
  const locale = group.locale;
  const t = getT(locale);
  const items = await itemsByOrder(db, view);
  const appUrl = env().appUrl;
  const lang = locale === "fr" ? "" : `&lang=${locale}`;
  return {
    groupId: group.id,
    number: group.number,
    buyerEmail: group.buyerEmail,
    locale: stripeLocale(locale),
    expiresAt,
    idempotencyKey,
    lines: orders.map((o) => {
      const parts = (items.get(o.id) ?? []).map((i) => `${i.quantity} × ${localName({ fr: i.titleFr, ar: i.titleAr }, locale)} (${sizeLabel(i.unit, i.size, locale, t)})`);
      if (o.shippingFeeCentimes > 0) parts.push(t("payment.checkout.shipping", { amount: formatMad(o.shippingFeeCentimes, locale) }));
      return {
        name: t("payment.checkout.line", { number: o.number, cooperative: localName({ fr: o.name, ar: o.nameAr }, locale) }),
        description: parts.join(", ").slice(0, 480),
        amountCentimes: o.totalCentimes,
      };
    }),
    // Stripe puts the session's id in place of the placeholder.
    successUrl: `${appUrl}/paiement/${group.id}/retour?session_id={CHECKOUT_SESSION_ID}${lang}`,
    cancelUrl: `${appUrl}${localizeHref(`/commande/${orders[0].token}`, locale)}`,
  };
}

async function itemsByOrder(db: DbOrTx, view: CardGroupView) {
  const ids = view.orders.map((o) => o.id);
  const rows = await db
    .select({
      orderId: vendorOrderItems.vendorOrderId,
      titleFr: vendorOrderItems.titleFr,
      titleAr: vendorOrderItems.titleAr,
      unit: vendorOrderItems.unit,
      size: vendorOrderItems.size,
      quantity: vendorOrderItems.quantity,
    })
    .from(vendorOrderItems)
    .where(sql`${vendorOrderItems.vendorOrderId} in ${ids}`)
    .orderBy(asc(vendorOrderItems.titleFr), asc(vendorOrderItems.id));
  const out = new Map<string, typeof rows>();
  for (const r of rows) out.set(r.orderId, [...(out.get(r.orderId) ?? []), r]);
  return out;
}

export type DueOutcome = "paid" | "expired" | "waiting";

/**
 * A card group whose hold ran out. Stripe is asked first: a payment it took is recorded (the lost-webhook
 * case); a session still open is closed at Stripe, so nobody pays once the stock is back on sale; then the
 * group expires. While Stripe cannot be asked, or a slow payment is still being confirmed, it waits.
 */
export async function settleDueCardGroup(db: DbOrTx, groupId: string, now = new Date()): Promise<DueOutcome> {
  const attempt = await liveAttempt(db, groupId);
  if (!attempt?.providerRef) return (await expireGroup(db, groupId)) ? "expired" : "waiting";
  try {
    let session = await retrieveSession(attempt.providerRef);
    if (session.status === "open" && !session.paid) {
      try {
        // Expiring is harmless to repeat; a key per minute lets the next run try again after a failure.
        session = await expireSession(session.id, `${attempt.idempotencyKey}:expire:${Math.floor(now.getTime() / 60_000)}`);
      } catch (error) {
        if (!isRequestRefused(error)) throw error;
        // Refused: the buyer completed it in the meantime.
        session = await retrieveSession(session.id);
      }
    }
    if (session.paid) {
      await markPaid(db, { groupId, provider: "stripe", providerRef: session.id, paymentIntent: session.paymentIntent });
      return "paid";
    }
    if (session.status === "expired") return (await expireGroup(db, groupId, { providerRef: session.id })) ? "expired" : "waiting";
    return "waiting";
  } catch (error) {
    console.warn(`stripe: could not settle the expired card group ${groupId}: ${(error as Error).message}`);
    return "waiting";
  }
}

export type ReturnState = "paid" | "processing" | "unpaid" | "late" | "expired" | "cancelled" | "other";

/**
 * The page Stripe sends the buyer back to: asks Stripe about the session and, when it is paid, records
 * the payment with the same markPaid as the webhook (whichever comes first; the other changes nothing).
 */
export async function confirmCardReturn(db: DbOrTx, groupId: string, sessionId: string | null): Promise<{ state: ReturnState; view: CardGroupView }> {
  const before = await cardGroupView(db, groupId);
  const { group } = before;
  let asked = false;
  if (group.paymentMethod === "stripe" && ["awaiting", "expired"].includes(group.paymentStatus) && sessionId && SESSION_ID.test(sessionId) && stripeConfigured()) {
    try {
      const session = await retrieveSession(sessionId);
      asked = session.groupId === group.id;
      if (asked && session.paid) {
        await markPaid(db, { groupId: group.id, provider: "stripe", providerRef: session.id, paymentIntent: session.paymentIntent });
      }
    } catch (error) {
      // Stripe unreachable or the session unknown: the webhook or the reconciliation job will tell.
      if (!(error instanceof DomainError)) console.warn(`stripe: return page for group ${group.number}: ${(error as Error).message}`);
    }
  }
  const view = await cardGroupView(db, groupId);
  return { state: returnState(view.group, Boolean(sessionId && SESSION_ID.test(sessionId)) || asked), view };
}

function returnState(group: GroupRow, cameBack: boolean): ReturnState {
  if (group.paymentMethod !== "stripe") return "other";
  if (group.paymentStatus === "paid") return "paid";
  if (group.paymentStatus === "expired") return group.paidAt ? "late" : "expired";
  if (group.paymentStatus === "cancelled") return "cancelled";
  if (group.paymentStatus === "awaiting") return cameBack ? "processing" : "unpaid";
  return "other";
}

export type EventOutcome = MarkPaidResult | "expired" | "refund" | "pending" | "ignored";

const providerEvent = (event: Stripe.Event, summary: Record<string, unknown>): ProviderEvent => ({
  provider: "stripe",
  eventId: event.id,
  type: event.type,
  // What the event said, not the whole object: no card or buyer details are kept (law 09-08).
  payload: { created: event.created, livemode: event.livemode, ...summary },
});

/**
 * One verified Stripe event. Payments and expiries claim the event in the transaction of their change
 * (see markPaid and expireGroup), so the same event delivered twice, or twenty times at once, acts once.
 * Events about something that is not ours are acknowledged and ignored.
 */
export async function handleStripeEvent(db: DbOrTx, event: Stripe.Event): Promise<EventOutcome> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.expired":
    case "checkout.session.async_payment_failed": {
      const session = toCardSession(event.data.object);
      if (!session.groupId || !isUuid(session.groupId)) return "ignored";
      const claim = providerEvent(event, { session: session.id, status: session.status, paid: session.paid, amount: session.amountCentimes });
      try {
        if (event.type === "checkout.session.expired" || event.type === "checkout.session.async_payment_failed") {
          return (await expireGroup(db, session.groupId, { event: claim, providerRef: session.id })) ? "expired" : "ignored";
        }
        // Completed but not paid yet (a slow payment method): its own event follows.
        if (!session.paid) return "pending";
        return await markPaid(db, { groupId: session.groupId, provider: "stripe", providerRef: session.id, paymentIntent: session.paymentIntent, event: claim });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        console.warn(`stripe: event ${event.id} (${event.type}) for group ${session.groupId} not applied: ${error.messageKey}`);
        return "ignored";
      }
    }
    case "refund.created":
    case "refund.updated":
    case "refund.failed":
      return (await applyRefundEvent(db, event, [event.data.object])) ? "refund" : "ignored";
    case "charge.refunded":
      return (await applyRefundEvent(db, event, event.data.object.refunds?.data ?? [])) ? "refund" : "ignored";
    default:
      return "ignored";
  }
}

/** Stripe's word on refunds we asked for (found by their id, or by our id in their metadata). */
async function applyRefundEvent(db: DbOrTx, event: Stripe.Event, stripeRefunds: Stripe.Refund[]): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await claimEvent(tx, providerEvent(event, { refunds: stripeRefunds.map((r) => ({ id: r.id, status: r.status })) }), null))) return false;
    let changed = false;
    for (const r of stripeRefunds) {
      const ours = r.metadata?.refund_id;
      const [row] = await tx
        .select({ id: refunds.id })
        .from(refunds)
        .where(
          and(
            eq(refunds.provider, "stripe"),
            ours && isUuid(ours) ? sql`(${refunds.providerRef} = ${r.id} or (${refunds.id} = ${ours} and ${refunds.providerRef} is null))` : eq(refunds.providerRef, r.id),
          ),
        )
        .for("update");
      if (!row) continue;
      const outcome = toCardRefund(r);
      if (await recordRefundOutcome(tx, row.id, { providerRef: outcome.id, state: outcome.status })) changed = true;
    }
    return changed;
  });
}

/** For the jobs: the payment intent of the card payment a cooperative's order was paid by. */
export async function paidAttemptOf(db: DbOrTx, vendorOrderId: string) {
  const [row] = await db
    .select({ id: paymentAttempts.id, paymentIntent: paymentAttempts.paymentIntent, providerRef: paymentAttempts.providerRef })
    .from(paymentAllocations)
    .innerJoin(paymentAttempts, eq(paymentAttempts.id, paymentAllocations.attemptId))
    .where(and(eq(paymentAllocations.vendorOrderId, vendorOrderId), eq(paymentAttempts.state, "succeeded"), eq(paymentAttempts.provider, "stripe")));
  return row ?? null;
}
