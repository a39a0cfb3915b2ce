// Exhibitors' stands at fairs and travelling markets (issue 7): a verified cooperative's or association's
// managers apply for a stand (what they will show, what they need), the event's organisers accept within the
// event's stand capacity or decline with a reason, and the accepted exhibitors are listed on the event's page.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { eventStands, events, organizations, products, users } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { hasListedProducts } from "../catalog/marche.server";
import { shopHref } from "../catalog/marche-params";
import { absolute } from "../orders/notify.server";
import { type Actor, authorize, can } from "../organizations/authorize.server";
import { loadOrganization } from "../organizations/organizations.server";
import { managersOf } from "../tandems/access.server";
import { runsEvent } from "./events.server";
import { eventPath, REASON_MAX, REASON_MIN, standPath, standsPath, takesStands } from "./rules";

export const STANDS_PAGE = 50;
export const MAX_PICKED_PRODUCTS = 5;
const PRODUCTS_MIN = 10;
const PRODUCTS_MAX = 1000;
const NEEDS_MAX = 500;

type Event = typeof events.$inferSelect;
type Stand = typeof eventStands.$inferSelect;


const EXHIBITOR_KINDS = ["cooperative", "association"] as const;

export const standSchema = z.object({
  products: z.string({ required_error: "eventStands.errors.products" }).trim().min(PRODUCTS_MIN, "eventStands.errors.products").max(PRODUCTS_MAX, "eventStands.errors.products"),
  needs: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(NEEDS_MAX, "eventStands.errors.needs").nullable().default(null)),
  // Some of the cooperative's own published products, by id: their titles are added to what it will show.
  picked: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(MAX_PICKED_PRODUCTS, "eventStands.errors.picked")).default([]),
});
export type StandInput = z.output<typeof standSchema>;

export const reasonSchema = z.object({
  reason: z.string({ required_error: "eventStands.errors.reason" }).trim().min(REASON_MIN, "eventStands.errors.reason").max(REASON_MAX, "eventStands.errors.reason"),
});

/** Why this organisation may not apply for a stand at this event now, or null. */
export function standRefusal(event: Pick<Event, "kind" | "status" | "startsAt">, org: { kind: string; verificationStatus: string }, now: Date) {
  if (!takesStands(event.kind)) return "eventStands.errors.noStands" as const;
  if (event.status !== "published") return "eventStands.errors.closed" as const;
  if (event.startsAt.getTime() <= now.getTime()) return "eventStands.errors.started" as const;
  if (!(EXHIBITOR_KINDS as readonly string[]).includes(org.kind)) return "eventStands.errors.wrongKind" as const;
  if (org.verificationStatus !== "verified") return "eventStands.errors.notVerified" as const;
  return null;
}

function isDuplicate(error: unknown) {
  const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause;
  return cause?.code === "23505" && cause.constraint_name === "event_stands_one_per_org";
}

/** The event, locked: for update when deciding (the capacity), for share when applying (a cancellation waits, or is seen). */
async function lockEvent(tx: DbOrTx, eventId: string, mode: "update" | "share" = "update") {
  if (!isUuid(eventId)) throw new NotFoundError();
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for(mode);
  if (!event) throw new NotFoundError();
  return event;
}

/** The titles of the picked products, which must be the organisation's own published ones. */
async function pickedTitles(tx: DbOrTx, organizationId: string, ids: string[]) {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  if (!unique.every(isUuid)) throw new DomainError(400, "eventStands.errors.picked");
  const rows = await tx
    .select({ id: products.id, titleFr: products.titleFr })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.status, "published"), inArray(products.id, unique)));
  if (rows.length !== unique.length) throw new DomainError(400, "eventStands.errors.picked");
  return unique.map((id) => rows.find((r) => r.id === id)!.titleFr);
}

/**
 * The managers of a verified cooperative or association apply for a stand at a published fair or market that
 * has not started. One application per organisation and event; a withdrawn one may be sent again.
 */
export async function applyForStand(opts: { db: DbOrTx; actor: Actor; eventId: string; slug: string; input: StandInput; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new ForbiddenError();
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  authorize(actor, "org.events.manage", { membershipRole: role });
  try {
    const stand = await db.transaction(async (tx) => {
      const event = await lockEvent(tx, opts.eventId, "share");
      if (event.status === "pending" || event.status === "rejected") throw new NotFoundError();
      const refusal = standRefusal(event, org, now);
      if (refusal) throw new ConflictError(refusal);
      const titles = await pickedTitles(tx, org.id, opts.input.picked);
      const text = titles.length ? `${opts.input.products}\n${titles.map((t) => `• ${t}`).join("\n")}` : opts.input.products;
      if (text.length > PRODUCTS_MAX) throw new DomainError(400, "eventStands.errors.products");
      const values = { products: text, needs: opts.input.needs, status: "pending" as const, reason: null, decidedBy: null, decidedAt: null, createdBy: actor.id, updatedAt: now };
      const [withdrawn] = await tx
        .select({ id: eventStands.id })
        .from(eventStands)
        .where(and(eq(eventStands.eventId, event.id), eq(eventStands.organizationId, org.id), eq(eventStands.status, "withdrawn")))
        .for("update");
      const [row] = withdrawn
        ? await tx.update(eventStands).set({ ...values, createdAt: now }).where(eq(eventStands.id, withdrawn.id)).returning()
        : await tx.insert(eventStands).values({ ...values, eventId: event.id, organizationId: org.id, createdAt: now }).returning();
      await tellOrganisers(tx, event, org);
      return row;
    });
    return stand;
  } catch (error) {
    if (isDuplicate(error)) throw new ConflictError("eventStands.errors.alreadyApplied");
    throw error;
  }
}

/** Those who run the event, each in their language: the organising organisation's managers, or the operators. */
async function organisersOf(tx: DbOrTx, event: Pick<Event, "organizerId">) {
  if (event.organizerId) return managersOf(tx, [event.organizerId]);
  return tx
    .select({ organizationId: sql<string | null>`null`, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.platformRole, "operator"), isNull(users.deletedAt), isNotNull(users.email)));
}

const title = (event: Pick<Event, "titleFr" | "titleAr">, locale: Locale) => (locale === "ar" ? event.titleAr : event.titleFr);
const nameIn = (org: { name: string; nameAr: string | null }, locale: Locale) => (locale === "ar" && org.nameAr ? org.nameAr : org.name);

async function tellOrganisers(tx: DbOrTx, event: Event, org: { name: string; nameAr: string | null }) {
  for (const reader of await organisersOf(tx, event)) {
    const locale = reader.locale as Locale;
    await queueEmail(tx, {
      to: reader.email!,
      locale,
      template: "standApplied",
      props: { event: title(event, locale), organization: nameIn(org, locale), url: absolute(standsPath(event.slug), locale) },
    });
  }
}

/** The organisation's managers withdraw its application (pending or accepted) before the event starts. */
export async function withdrawStand(opts: { db: DbOrTx; actor: Actor; eventId: string; slug: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new ForbiddenError();
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  authorize(actor, "org.events.manage", { membershipRole: role });
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, opts.eventId);
    const [stand] = await tx
      .select()
      .from(eventStands)
      .where(and(eq(eventStands.eventId, event.id), eq(eventStands.organizationId, org.id)))
      .for("update");
    if (!stand) throw new NotFoundError();
    if (event.startsAt.getTime() <= now.getTime()) throw new ConflictError("eventStands.errors.started");
    if (stand.status !== "pending" && stand.status !== "accepted") throw new ConflictError("eventStands.errors.notWithdrawable");
    const [updated] = await tx.update(eventStands).set({ status: "withdrawn", updatedAt: now }).where(eq(eventStands.id, stand.id)).returning();
    return updated;
  });
}

/**
 * Those who run the event accept an application, within the event's stand capacity (the event is locked and the
 * accepted ones counted in the same transaction), or decline it with a reason; the organisation is told.
 */
export async function decideStand(opts: { db: DbOrTx; actor: Actor; eventId: string; standId: string; accept: boolean; reason?: string | null; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new NotFoundError();
  let reason: string | null = null;
  if (!opts.accept) {
    const parsed = reasonSchema.safeParse({ reason: opts.reason ?? "" });
    if (!parsed.success) throw new DomainError(400, "eventStands.errors.reason");
    reason = parsed.data.reason;
  }
  if (!isUuid(opts.standId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, opts.eventId);
    if (!(await runsEvent(tx, actor, event))) throw new NotFoundError();
    const [stand] = await tx.select().from(eventStands).where(eq(eventStands.id, opts.standId)).for("update");
    if (!stand || stand.eventId !== event.id) throw new NotFoundError();
    if (stand.status !== "pending") throw new ConflictError("eventStands.errors.alreadyDecided");
    if (event.status !== "published") throw new ConflictError("eventStands.errors.closed");
    if (opts.accept && event.standCapacity !== null) {
      const [{ accepted }] = await tx.select({ accepted: count() }).from(eventStands).where(and(eq(eventStands.eventId, event.id), eq(eventStands.status, "accepted")));
      if (accepted >= event.standCapacity) throw new ConflictError("eventStands.errors.full");
    }
    const [updated] = await tx
      .update(eventStands)
      .set({ status: opts.accept ? "accepted" : "declined", reason, decidedBy: actor.id, decidedAt: now, updatedAt: now })
      .where(eq(eventStands.id, stand.id))
      .returning();
    await tellExhibitor(tx, event, updated);
    return updated;
  });
}

async function tellExhibitor(tx: DbOrTx, event: Event, stand: Stand) {
  const [org] = await tx.select({ name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.id, stand.organizationId));
  for (const reader of await managersOf(tx, [stand.organizationId])) {
    const locale = reader.locale as Locale;
    await queueEmail(tx, {
      to: reader.email!,
      locale,
      template: "standDecision",
      props: { event: title(event, locale), organization: nameIn(org, locale), accepted: stand.status === "accepted", reason: stand.reason, url: absolute(standPath(event.slug), locale) },
    });
  }
}

/** What the application page shows for the viewer's active organisation: its application, or whether it may apply. */
export async function standContext(db: DbOrTx, opts: { actor: Actor; event: Event; activeSlug: string | null; now?: Date }) {
  const { actor, event } = opts;
  const now = opts.now ?? new Date();
  if (!actor || !opts.activeSlug) return null;
  const { org, role } = await loadOrganization(db, opts.activeSlug, actor);
  if (!role) return null;
  const manages = can(actor, "org.events.manage", { membershipRole: role });
  const [stand] = await db.select().from(eventStands).where(and(eq(eventStands.eventId, event.id), eq(eventStands.organizationId, org.id)));
  const live = stand && stand.status !== "withdrawn";
  const refusal = live ? null : standRefusal(event, org, now);
  const catalogue =
    manages && !live && !refusal && org.kind === "cooperative"
      ? await db
          .select({ id: products.id, titleFr: products.titleFr, titleAr: products.titleAr })
          .from(products)
          .where(and(eq(products.organizationId, org.id), eq(products.status, "published")))
          .orderBy(asc(products.titleFr))
          .limit(50)
      : [];
  const started = event.startsAt.getTime() <= now.getTime();
  return {
    organization: { slug: org.slug, name: org.name, nameAr: org.nameAr },
    stand: stand ? { status: stand.status, products: stand.products, needs: stand.needs, reason: stand.reason, createdAt: stand.createdAt, decidedAt: stand.decidedAt } : null,
    manages,
    canApply: manages && !live && !refusal,
    canWithdraw: manages && !!live && (stand.status === "pending" || stand.status === "accepted") && !started,
    refusal,
    catalogue,
  };
}

/** The organisers' list: applications of one status, oldest first, a page of STANDS_PAGE, with the counts. */
export async function listStands(db: DbOrTx, opts: { actor: Actor; event: Event; status: "pending" | "accepted" | "declined"; page?: number }) {
  const { actor, event } = opts;
  if (!(await runsEvent(db, actor, event))) throw new NotFoundError();
  const page = Math.max(1, Math.min(1000, Math.floor(opts.page ?? 1)));
  const counts = await db.select({ status: eventStands.status, n: count() }).from(eventStands).where(eq(eventStands.eventId, event.id)).groupBy(eventStands.status);
  const countOf = (s: string) => counts.find((c) => c.status === s)?.n ?? 0;
  const rows = await db
    .select({
      id: eventStands.id,
      products: eventStands.products,
      needs: eventStands.needs,
      status: eventStands.status,
      reason: eventStands.reason,
      createdAt: eventStands.createdAt,
      decidedAt: eventStands.decidedAt,
      organization: { slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr, kind: organizations.kind, womenLed: organizations.womenLed },
    })
    .from(eventStands)
    .innerJoin(organizations, eq(organizations.id, eventStands.organizationId))
    .where(and(eq(eventStands.eventId, event.id), eq(eventStands.status, opts.status)))
    .orderBy(opts.status === "pending" ? asc(eventStands.createdAt) : desc(eventStands.decidedAt), asc(eventStands.id))
    .limit(STANDS_PAGE)
    .offset((page - 1) * STANDS_PAGE);
  const total = countOf(opts.status);
  return {
    stands: rows,
    counts: { pending: countOf("pending"), accepted: countOf("accepted"), declined: countOf("declined") },
    capacity: event.standCapacity,
    page,
    pageCount: Math.max(1, Math.ceil(total / STANDS_PAGE)),
  };
}

/** The accepted exhibitors, for the event's page, with their profile and, for a cooperative that sells, its shop. */
export async function listAcceptedStands(
  db: DbOrTx,
  eventId: string,
): Promise<{ organization: { slug: string; name: string; nameAr: string | null; kind: string; womenLed: boolean }; products: string; shopPath: string | null }[]> {
  if (!isUuid(eventId)) return [];
  const rows = await db
    .select({
      id: organizations.id,
      organization: { slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr, kind: organizations.kind, womenLed: organizations.womenLed },
      verified: organizations.verificationStatus,
      products: eventStands.products,
    })
    .from(eventStands)
    .innerJoin(organizations, eq(organizations.id, eventStands.organizationId))
    .where(and(eq(eventStands.eventId, eventId), eq(eventStands.status, "accepted")))
    .orderBy(asc(organizations.name));
  return Promise.all(
    rows.map(async (r) => ({
      organization: r.organization,
      products: r.products,
      shopPath: r.organization.kind === "cooperative" && r.verified === "verified" && (await hasListedProducts(db, r.id)) ? shopHref(r.organization.slug) : null,
    })),
  );
}

export async function standSummary(db: DbOrTx, eventId: string): Promise<{ capacity: number | null; accepted: number; pending: number }> {
  if (!isUuid(eventId)) throw new NotFoundError();
  const [event] = await db.select({ capacity: events.standCapacity }).from(events).where(eq(events.id, eventId));
  if (!event) throw new NotFoundError();
  const counts = await db
    .select({ status: eventStands.status, n: count() })
    .from(eventStands)
    .where(and(eq(eventStands.eventId, eventId), inArray(eventStands.status, ["accepted", "pending"])))
    .groupBy(eventStands.status);
  return { capacity: event.capacity, accepted: counts.find((c) => c.status === "accepted")?.n ?? 0, pending: counts.find((c) => c.status === "pending")?.n ?? 0 };
}

/** When an event is cancelled (in the caller's transaction): the managers of accepted and pending exhibitors are told. */
export async function notifyExhibitorsOfCancellation(tx: DbOrTx, event: { id: string; titleFr: string; titleAr: string; slug: string; statusReason: string | null }): Promise<number> {
  const stands = await tx
    .select({ organizationId: eventStands.organizationId, name: organizations.name, nameAr: organizations.nameAr })
    .from(eventStands)
    .innerJoin(organizations, eq(organizations.id, eventStands.organizationId))
    .where(and(eq(eventStands.eventId, event.id), inArray(eventStands.status, ["accepted", "pending"])));
  if (!stands.length) return 0;
  const byId = new Map(stands.map((s) => [s.organizationId, s]));
  for (const reader of await managersOf(tx, [...byId.keys()])) {
    const locale = reader.locale as Locale;
    await queueEmail(tx, {
      to: reader.email!,
      locale,
      template: "standEventCancelled",
      props: { event: title(event, locale), organization: nameIn(byId.get(reader.organizationId)!, locale), reason: event.statusReason, url: absolute(eventPath(event.slug), locale) },
    });
  }
  return byId.size;
}
