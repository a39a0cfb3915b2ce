// Events (issue 7, item 1): operators publish events at once; a verified organisation's managers propose one, which
// waits for an operator's approval (or a refusal with a reason). The public agenda lists published events, upcoming
// first, filtered by kind, region and month; cancelled ones stay listed, marked, so that nobody travels for nothing.
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, like, lt, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { events, organizations, regions } from "../../../db/schema";
import { EVENT_KINDS, type EventKind, type EventStatus } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { instantToMoroccoLocal, moroccoLocalToInstant } from "~/lib/morocco-time";
import { type Actor, authorize, can } from "../organizations/authorize.server";
import { loadOrganization } from "../organizations/organizations.server";
import { absolute } from "../orders/notify.server";
import { managersOf } from "../tandems/access.server";
import { slugify } from "../organizations/slug";
import { calendar } from "./ical";
import { notifyRegistrantsOfCancellation } from "./registrations.server";
import { notifyExhibitorsOfCancellation } from "./stands.server";
import { eventPath, REASON_MAX, REASON_MIN, takesStands } from "./rules";
import type { EventInput } from "./schemas";
import { REGION_CODES } from "./schemas";

export const AGENDA_PAGE = 20;

type EventRow = typeof events.$inferSelect;

/** Only the fields an event's kind and place use are kept: a fair has stands, an online event no address. */
function normalised(input: EventInput) {
  const stands = takesStands(input.kind);
  return {
    ...input,
    capacity: stands ? null : input.capacity,
    standCapacity: stands ? input.standCapacity : null,
    onlineUrl: input.online ? input.onlineUrl : null,
    city: input.online ? null : input.city,
    regionCode: input.online ? null : input.regionCode,
    address: input.online ? null : input.address,
  };
}

/** "salon-regional-de-l-ess-2026-12": the French title and the month it starts, made unique with a number. */
async function freeSlug(tx: DbOrTx, input: EventInput) {
  const base = `${slugify(input.titleFr).slice(0, 60).replace(/-+$/, "")}-${instantToMoroccoLocal(input.startsAt).slice(0, 7)}`;
  const taken = new Set((await tx.select({ slug: events.slug }).from(events).where(or(eq(events.slug, base), like(events.slug, `${base}-%`)))).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/**
 * Creates an event. Without `organizerSlug`, an operator publishes it for the platform at once; with it, the
 * managers of that verified organisation propose it, and it waits for an operator.
 */
export async function createEvent(opts: { db: DbOrTx; actor: Actor; input: EventInput; organizerSlug?: string | null; now?: Date }) {
  const { db, actor } = opts;
  if (!actor) throw new ForbiddenError();
  const now = opts.now ?? new Date();
  let organizerId: string | null = null;
  if (opts.organizerSlug) {
    const { org, role } = await loadOrganization(db, opts.organizerSlug, actor);
    authorize(actor, "org.events.manage", { membershipRole: role });
    if (org.verificationStatus !== "verified") throw new ConflictError("events.errors.notVerified");
    organizerId = org.id;
  } else {
    authorize(actor, "platform.events");
  }
  const values = normalised(opts.input);
  return db.transaction(async (tx) => {
    const slug = await freeSlug(tx, opts.input);
    const published = organizerId === null;
    const [event] = await tx
      .insert(events)
      .values({ ...values, slug, organizerId, status: published ? "published" : "pending", publishedAt: published ? now : null, createdBy: actor.id, createdAt: now, updatedAt: now })
      .returning();
    return event;
  });
}

async function lockEvent(tx: DbOrTx, eventId: string) {
  if (!isUuid(eventId)) throw new NotFoundError();
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
  if (!event) throw new NotFoundError();
  return event;
}

function checkReason(reason: string | null | undefined) {
  const text = reason?.trim() ?? "";
  if (text.length < REASON_MIN || text.length > REASON_MAX) throw new DomainError(400, "events.errors.reason");
  return text;
}

/** An operator approves a proposed event (published) or refuses it with a reason; its organisation is told. */
export async function reviewEvent(opts: { db: DbOrTx; actor: Actor; eventId: string; approve: boolean; reason?: string | null; now?: Date }) {
  const { db, actor } = opts;
  authorize(actor, "platform.events");
  const now = opts.now ?? new Date();
  const reason = opts.approve ? null : checkReason(opts.reason);
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, opts.eventId);
    if (event.status !== "pending") throw new ConflictError("events.errors.notPending");
    const status: EventStatus = opts.approve ? "published" : "rejected";
    const [updated] = await tx
      .update(events)
      .set({ status, statusReason: reason, reviewedBy: actor!.id, reviewedAt: now, publishedAt: opts.approve ? now : null, updatedAt: now })
      .where(eq(events.id, event.id))
      .returning();
    // The proposing organisation's managers hear the answer, each in their language.
    if (event.organizerId) {
      for (const reader of await managersOf(tx, [event.organizerId])) {
        const locale = (reader.locale ?? "fr") as "fr" | "ar" | "en";
        await queueEmail(tx, {
          to: reader.email!,
          locale,
          template: "eventReviewed",
          props: { title: locale === "ar" ? event.titleAr : event.titleFr, approved: opts.approve, reason, url: absolute(eventPath(event.slug), locale) },
        });
      }
    }
    return updated;
  });
}

/** Whether the actor runs this event: an operator, or a manager of the organisation that organises it. */
export async function runsEvent(db: DbOrTx, actor: Actor, event: Pick<EventRow, "organizerId">) {
  if (!actor) return false;
  if (can(actor, "platform.events")) return true;
  if (!event.organizerId) return false;
  const [org] = await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, event.organizerId));
  if (!org) return false;
  const { role } = await loadOrganization(db, org.slug, actor);
  return can(actor, "org.events.manage", { membershipRole: role });
}

/** Its organiser or an operator cancels a published or proposed event, with a reason shown on its page. */
export async function cancelEvent(opts: { db: DbOrTx; actor: Actor; eventId: string; reason: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  const reason = checkReason(opts.reason);
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, opts.eventId);
    if (!(await runsEvent(tx, actor, event))) throw new NotFoundError();
    if (event.status !== "published" && event.status !== "pending") throw new ConflictError("events.errors.notCancellable");
    if (event.endsAt <= now) throw new ConflictError("events.errors.over");
    const [updated] = await tx.update(events).set({ status: "cancelled", statusReason: reason, cancelledAt: now, updatedAt: now }).where(eq(events.id, event.id)).returning();
    // Everyone who planned to come is told, in the same transaction: registered people and exhibitors.
    await notifyRegistrantsOfCancellation(tx, updated);
    await notifyExhibitorsOfCancellation(tx, updated);
    return updated;
  });
}

/**
 * An event by its slug, for its page: a published one, or one cancelled after its publication, for everyone; one
 * never published (proposed, refused, or a proposal its organiser withdrew) only for those who run it (else 404,
 * as if it did not exist).
 */
export async function getEvent(db: DbOrTx, slug: string, actor: Actor) {
  const [row] = await db
    .select({ event: events, organizer: { slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr }, region: { nameFr: regions.nameFr, nameAr: regions.nameAr } })
    .from(events)
    .leftJoin(organizations, eq(organizations.id, events.organizerId))
    .leftJoin(regions, eq(regions.code, events.regionCode))
    .where(eq(events.slug, slug));
  if (!row) throw new NotFoundError();
  const runs = await runsEvent(db, actor, row.event);
  // Never published (a proposal, refused or withdrawn): private to those who run it.
  if (!row.event.publishedAt && !runs) throw new NotFoundError();
  return { ...row, organizer: row.event.organizerId ? row.organizer : null, region: row.event.regionCode ? row.region : null, runs };
}

export interface AgendaFilters {
  kind?: EventKind | null;
  region?: string | null;
  /** "2026-12": the events under way during that month, in Morocco time. */
  month?: string | null;
  past?: boolean;
  page?: number;
}

/** Reads the agenda's query string; what makes no sense is dropped. */
export function agendaFilters(params: URLSearchParams): AgendaFilters {
  const kind = params.get("type");
  const region = params.get("region");
  const month = params.get("mois");
  const page = Number(params.get("page"));
  return {
    kind: kind && (EVENT_KINDS as readonly string[]).includes(kind) ? (kind as EventKind) : null,
    region: region && (REGION_CODES as readonly string[]).includes(region) ? region : null,
    month: month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : null,
    past: params.get("passes") === "1",
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  };
}

function monthBounds(month: string) {
  const [y, m] = month.split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: moroccoLocalToInstant(`${month}-01T00:00`)!, to: moroccoLocalToInstant(`${next}-01T00:00`)! };
}

/**
 * The public agenda: published and cancelled events, upcoming (not yet over) soonest first, or past ones latest
 * first; by kind, region and month; pages of AGENDA_PAGE. `all` gives the iCalendar feed's: from two months back on, up to 500.
 */
export async function listAgenda(db: DbOrTx, filters: AgendaFilters, opts: { now?: Date; all?: boolean } = {}) {
  const now = opts.now ?? new Date();
  const where: SQL[] = [inArray(events.status, ["published", "cancelled"]), isNotNull(events.publishedAt)];
  if (filters.kind) where.push(eq(events.kind, filters.kind));
  if (filters.region) where.push(eq(events.regionCode, filters.region));
  if (filters.month) {
    const { from, to } = monthBounds(filters.month);
    where.push(lt(events.startsAt, to), gt(events.endsAt, from));
  } else if (opts.all) {
    // A calendar subscription keeps two months of history and everything ahead, within its 500 entries.
    where.push(gte(events.endsAt, new Date(now.getTime() - 60 * 86_400_000)));
  } else {
    where.push(filters.past ? lt(events.endsAt, now) : gte(events.endsAt, now));
  }
  const condition = and(...where);
  const [{ total }] = await db.select({ total: count() }).from(events).where(condition);
  const limit = opts.all ? 500 : AGENDA_PAGE;
  const page = opts.all ? 1 : (filters.page ?? 1);
  const rows = await db
    .select({
      id: events.id,
      slug: events.slug,
      kind: events.kind,
      titleFr: events.titleFr,
      titleAr: events.titleAr,
      descriptionFr: events.descriptionFr,
      descriptionAr: events.descriptionAr,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      online: events.online,
      city: events.city,
      address: events.address,
      status: events.status,
      updatedAt: events.updatedAt,
      region: { nameFr: regions.nameFr, nameAr: regions.nameAr },
      organizer: { name: organizations.name, nameAr: organizations.nameAr },
    })
    .from(events)
    .leftJoin(regions, eq(regions.code, events.regionCode))
    .leftJoin(organizations, eq(organizations.id, events.organizerId))
    .where(condition)
    .orderBy(filters.past && !filters.month ? desc(events.startsAt) : asc(events.startsAt), asc(events.id))
    .limit(limit)
    .offset((page - 1) * limit);
  return { events: rows, total, page, pageCount: Math.max(1, Math.ceil(total / limit)) };
}

/** The operators' view: proposals waiting for them first, then every event, latest start first; pages of 20. */
export async function listEventsForOperators(opts: { db: DbOrTx; actor: Actor; page?: number; status?: EventStatus | null }) {
  const { db, actor } = opts;
  authorize(actor, "platform.events");
  const page = Math.max(1, Math.min(1000, Math.floor(opts.page ?? 1)));
  const condition = opts.status ? eq(events.status, opts.status) : undefined;
  const [{ total }] = await db.select({ total: count() }).from(events).where(condition);
  const [{ pending }] = await db.select({ pending: count() }).from(events).where(eq(events.status, "pending"));
  const rows = await db
    .select({
      id: events.id,
      slug: events.slug,
      kind: events.kind,
      titleFr: events.titleFr,
      titleAr: events.titleAr,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      status: events.status,
      statusReason: events.statusReason,
      city: events.city,
      online: events.online,
      organizer: { slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr },
    })
    .from(events)
    .leftJoin(organizations, eq(organizations.id, events.organizerId))
    .where(condition)
    .orderBy(desc(eq(events.status, "pending")), desc(events.startsAt), asc(events.id))
    .limit(AGENDA_PAGE)
    .offset((page - 1) * AGENDA_PAGE);
  return { events: rows.map((r) => ({ ...r, organizer: r.organizer?.slug ? r.organizer : null })), total, pending, page, pageCount: Math.max(1, Math.ceil(total / AGENDA_PAGE)) };
}

/** The events an organisation organises (any status), for its managers; latest start first. */
export async function listOrganizerEvents(db: DbOrTx, organizationId: string) {
  return db
    .select({ id: events.id, slug: events.slug, kind: events.kind, titleFr: events.titleFr, titleAr: events.titleAr, startsAt: events.startsAt, status: events.status, statusReason: events.statusReason })
    .from(events)
    .where(and(eq(events.organizerId, organizationId), isNull(events.cancelledAt)))
    .orderBy(desc(events.startsAt))
    .limit(50);
}

/** Events as an iCalendar document, in the reader's language, with absolute links to their pages. */
export function calendarOf(
  rows: Pick<EventRow, "id" | "slug" | "titleFr" | "titleAr" | "descriptionFr" | "descriptionAr" | "startsAt" | "endsAt" | "online" | "city" | "address" | "status" | "updatedAt">[],
  opts: { name: string; locale: "fr" | "ar" | "en"; appUrl: string; localize: (path: string, locale: "fr" | "ar" | "en") => string },
) {
  const ar = opts.locale === "ar";
  return calendar({
    name: opts.name,
    host: new URL(opts.appUrl).hostname,
    events: rows.map((e) => ({
      id: e.id,
      title: ar ? e.titleAr : e.titleFr,
      description: ar ? e.descriptionAr : e.descriptionFr,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      location: e.online ? null : [e.address, e.city].filter(Boolean).join(", ") || null,
      url: `${opts.appUrl}${opts.localize(eventPath(e.slug), opts.locale)}`,
      cancelled: e.status === "cancelled",
      updatedAt: e.updatedAt,
    })),
  });
}
