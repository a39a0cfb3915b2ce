// Events (issue 7): people's registrations for workshops, pitch days, hackathons, masterclasses and networking.
// Within capacity a registration is "registered", beyond it the person may join the waiting list; cancelling frees
// the place for the first waitlisted (in order of arrival). Every change that counts places locks the event row, so
// concurrent registrations never exceed the capacity. The token is the ticket: whoever holds it may cancel, and
// those who run the event check people in from it (its QR code opens the ticket page on their phone).
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, gte, ilike, isNull, lt, ne, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { eventRegistrations, events, memberships, organizations, users } from "../../../db/schema";
import { GENDERS } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { hit } from "~/lib/rate-limit.server";
import { moroccoLocalToInstant, todayInMorocco } from "~/lib/morocco-time";
import type { Actor } from "../organizations/authorize.server";
import { absolute } from "../orders/notify.server";
import { getEvent, runsEvent } from "./events.server";
import { takesRegistrations, ticketPath } from "./rules";

type EventRow = typeof events.$inferSelect;
type RegistrationRow = typeof eventRegistrations.$inferSelect;

export const registrationSchema = z.object({
  name: z.string({ required_error: "eventRegistrations.errors.name" }).trim().min(2, "eventRegistrations.errors.name").max(120, "eventRegistrations.errors.name"),
  email: z.string({ required_error: "eventRegistrations.errors.email" }).trim().max(254, "eventRegistrations.errors.email").email("eventRegistrations.errors.email").optional(),
  gender: z
    .union([z.enum(GENDERS), z.literal("")], { errorMap: () => ({ message: "eventRegistrations.errors.gender" }) })
    .optional()
    .transform((v) => (v ? v : null)),
  organizationId: z
    .string()
    .trim()
    .max(36, "eventRegistrations.errors.organization")
    .optional()
    .transform((v) => (v ? v : null)),
  intent: z.enum(["register", "waitlist"]).default("register"),
});
export type RegistrationInput = z.output<typeof registrationSchema>;

/** A ticket token: 144 random bits, base64url (24 characters). */
const newToken = () => randomBytes(18).toString("base64url");
/** Registrations one address may make in an hour (a family, a classroom at one connection), and no more. */
export const REGISTRATIONS_PER_HOUR = 30;

export const isTicketToken = (token: string) => /^[A-Za-z0-9_-]{22,64}$/.test(token);

/** A ticket typed or scanned on the participants page: the token, or the ticket's whole address. */
export function ticketTokenFrom(value: string) {
  const text = value.trim();
  const match = text.match(/\/billets\/([A-Za-z0-9_-]+)/);
  return match ? match[1] : text;
}

const titleIn = (e: Pick<EventRow, "titleFr" | "titleAr">, locale: Locale) => (locale === "ar" ? e.titleAr : e.titleFr);

async function lockEvent(tx: DbOrTx, eventId: string) {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
  if (!event) throw new NotFoundError();
  return event;
}

/** Why an event takes no registration now, if it does not. */
function checkOpen(event: EventRow, now: Date) {
  if (!takesRegistrations(event.kind)) throw new ConflictError("eventRegistrations.errors.standKind");
  if (event.status === "cancelled") throw new ConflictError("eventRegistrations.errors.cancelled");
  if (event.status !== "published") throw new ConflictError("eventRegistrations.errors.notOpen");
  if (event.startsAt <= now) throw new ConflictError("eventRegistrations.errors.started");
}

async function registeredCount(tx: DbOrTx, eventId: string) {
  const [{ n }] = await tx
    .select({ n: count() })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, "registered")));
  return n;
}

function isOnePerEmailViolation(error: unknown) {
  for (let e = error as { code?: string; constraint_name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505" && (!e.constraint_name || e.constraint_name === "event_registrations_one_per_email")) return true;
  }
  return false;
}

/** The event as the registration page shows it, with its counts; 404 where getEvent would. */
export async function getRegistrationPage(db: DbOrTx, slug: string, actor: Actor) {
  const found = await getEvent(db, slug, actor);
  if (!takesRegistrations(found.event.kind)) throw new NotFoundError();
  const summary = await registrationSummary(db, found.event.id);
  const organizationsOfActor = actor
    ? await db
        .select({ id: organizations.id, name: organizations.name, nameAr: organizations.nameAr })
        .from(memberships)
        .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
        .where(eq(memberships.userId, actor.id))
        .orderBy(asc(organizations.name))
    : [];
  return { ...found, summary, organizations: organizationsOfActor };
}

/**
 * Registers a person for an event: a signed-in person with their account's name and address (the address cannot be
 * changed), a guest with what they typed. Beyond capacity it is refused ("full") unless they asked for the waiting
 * list. One live registration per address and event.
 */
export async function registerForEvent(opts: {
  db: DbOrTx;
  actor: (NonNullable<Actor> & { email?: string }) | null;
  slug: string;
  input: RegistrationInput;
  locale: Locale;
  /** The client's address: registrations send e-mails to whatever address is typed, so they are counted. */
  ip?: string | null;
  now?: Date;
}) {
  const { db, actor, input } = opts;
  const now = opts.now ?? new Date();
  let email = input.email ?? "";
  if (actor) {
    const [account] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.id));
    if (account?.email) email = account.email;
  }
  await hit(db, [
    ...(opts.ip ? [{ key: `event-register:ip:${opts.ip}`, max: REGISTRATIONS_PER_HOUR, windowSeconds: 3600 }] : []),
    { key: `event-register:email:${email.trim().toLowerCase()}`, max: 10, windowSeconds: 3600 },
  ]);
  if (!email) throw new DomainError(400, "eventRegistrations.errors.email");
  const [row] = await db.select({ id: events.id }).from(events).where(eq(events.slug, opts.slug));
  if (!row) throw new NotFoundError();
  let organizationId: string | null = null;
  if (input.organizationId) {
    if (!actor || !isUuid(input.organizationId)) throw new DomainError(400, "eventRegistrations.errors.organization");
    const [member] = await db
      .select({ id: memberships.organizationId })
      .from(memberships)
      .where(and(eq(memberships.userId, actor.id), eq(memberships.organizationId, input.organizationId)));
    if (!member) throw new DomainError(400, "eventRegistrations.errors.organization");
    organizationId = member.id;
  }
  try {
    return await db.transaction(async (tx) => {
      const event = await lockEvent(tx, row.id);
      checkOpen(event, now);
      const [existing] = await tx
        .select({ id: eventRegistrations.id })
        .from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, event.id), sql`lower(${eventRegistrations.email}) = lower(${email})`, ne(eventRegistrations.status, "cancelled")));
      if (existing) throw new ConflictError("eventRegistrations.errors.already");
      const full = event.capacity !== null && (await registeredCount(tx, event.id)) >= event.capacity;
      if (full && input.intent !== "waitlist") throw new ConflictError("eventRegistrations.errors.full");
      const status = full ? "waitlisted" : "registered";
      const [registration] = await tx
        .insert(eventRegistrations)
        .values({ eventId: event.id, userId: actor?.id ?? null, name: input.name, email, gender: input.gender, organizationId, status, token: newToken(), locale: opts.locale, createdAt: now, updatedAt: now })
        .returning();
      await queueEmail(tx, {
        to: email,
        locale: opts.locale,
        template: "eventRegistered",
        props: { name: input.name, title: titleIn(event, opts.locale), startsAt: event.startsAt.toISOString(), waitlisted: full, url: absolute(ticketPath(registration.token), opts.locale) },
      });
      return registration;
    });
  } catch (error) {
    if (isOnePerEmailViolation(error)) throw new ConflictError("eventRegistrations.errors.already");
    throw error;
  }
}

/** The locale to write to a registrant in: their account's, else the one they registered in. */
async function localeOf(tx: DbOrTx, registration: { userId: string | null; locale: Locale }): Promise<Locale> {
  if (!registration.userId) return registration.locale;
  const [u] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, registration.userId));
  return (u?.locale as Locale | undefined) ?? registration.locale;
}

/** Moves the first waitlisted people (in order of arrival) into the places free; the event row is locked. */
async function promoteWaitlisted(tx: DbOrTx, event: EventRow, now: Date) {
  const free = event.capacity === null ? Number.MAX_SAFE_INTEGER : event.capacity - (await registeredCount(tx, event.id));
  if (free <= 0) return [];
  const next = await tx
    .select()
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.status, "waitlisted")))
    .orderBy(asc(eventRegistrations.createdAt), asc(eventRegistrations.id))
    .limit(Math.min(free, 1000));
  for (const r of next) {
    await tx.update(eventRegistrations).set({ status: "registered", updatedAt: now }).where(eq(eventRegistrations.id, r.id));
    const locale = await localeOf(tx, r);
    await queueEmail(tx, {
      to: r.email,
      locale,
      template: "eventPromoted",
      props: { name: r.name, title: titleIn(event, locale), startsAt: event.startsAt.toISOString(), url: absolute(ticketPath(r.token), locale) },
    });
  }
  return next;
}

async function findByToken(tx: DbOrTx, token: string) {
  if (!isTicketToken(token)) throw new NotFoundError("eventRegistrations.errors.ticket");
  const [registration] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.token, token));
  if (!registration) throw new NotFoundError("eventRegistrations.errors.ticket");
  return registration;
}

async function findById(tx: DbOrTx, id: string) {
  if (!isUuid(id)) throw new NotFoundError("eventRegistrations.errors.ticket");
  const [registration] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, id));
  if (!registration) throw new NotFoundError("eventRegistrations.errors.ticket");
  return registration;
}

/** The ticket's holder cancels; a place freed goes to the first waitlisted, in the same transaction. */
export async function cancelRegistration(opts: { db: DbOrTx; token: string; now?: Date }) {
  const now = opts.now ?? new Date();
  return opts.db.transaction(async (tx) => {
    const found = await findByToken(tx, opts.token);
    const event = await lockEvent(tx, found.eventId);
    const [registration] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, found.id)).for("update");
    if (registration.status === "cancelled") throw new ConflictError("eventRegistrations.errors.alreadyCancelled");
    if (registration.checkedInAt) throw new ConflictError("eventRegistrations.errors.checkedIn");
    if (event.startsAt <= now) throw new ConflictError("eventRegistrations.errors.started");
    const [updated] = await tx
      .update(eventRegistrations)
      .set({ status: "cancelled", cancelledAt: now, updatedAt: now })
      .where(eq(eventRegistrations.id, registration.id))
      .returning();
    const promoted = registration.status === "registered" && event.status === "published" ? await promoteWaitlisted(tx, event, now) : [];
    return { registration: updated, promoted: promoted.map((r) => r.id) };
  });
}

/** The ticket page: the registration, its event, and whether the viewer runs the event (then they may check in). */
export async function getTicket(db: DbOrTx, token: string, actor: Actor) {
  const registration = await findByToken(db, token);
  const [event] = await db.select().from(events).where(eq(events.id, registration.eventId));
  const runs = await runsEvent(db, actor, event);
  return { registration, event, runs };
}

/**
 * Those who run the event check a person in (or undo it) from their ticket. On an event's participants page
 * (`slug` given), a ticket of another event is refused.
 */
export async function checkIn(opts: { db: DbOrTx; actor: Actor; token?: string | null; registrationId?: string | null; slug?: string | null; undo?: boolean; now?: Date }) {
  const now = opts.now ?? new Date();
  return opts.db.transaction(async (tx) => {
    // On a participants page, the page's event is the one the actor must run, and the ticket must be for it.
    if (opts.slug != null) {
      const [page] = await tx.select().from(events).where(eq(events.slug, opts.slug));
      if (!page) throw new NotFoundError();
      if (!(await runsEvent(tx, opts.actor, page))) throw new ForbiddenError("eventRegistrations.errors.notOrganizer");
    }
    // From the list, by the registration's id (the list never carries tickets); from a scanned QR, by its token.
    const found = opts.registrationId ? await findById(tx, opts.registrationId) : await findByToken(tx, opts.token ?? "");
    const event = await lockEvent(tx, found.eventId);
    if (opts.slug != null && opts.slug !== event.slug) throw new ConflictError("eventRegistrations.errors.otherEvent");
    if (!(await runsEvent(tx, opts.actor, event))) throw new ForbiddenError("eventRegistrations.errors.notOrganizer");
    const [registration] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, found.id)).for("update");
    if (opts.undo) {
      if (!registration.checkedInAt) throw new ConflictError("eventRegistrations.errors.notCheckedIn");
    } else {
      if (event.status !== "published") throw new ConflictError("eventRegistrations.errors.cancelled");
      if (registration.status !== "registered") throw new ConflictError("eventRegistrations.errors.notRegistered");
      if (registration.checkedInAt) throw new ConflictError("eventRegistrations.errors.alreadyCheckedIn");
    }
    const [updated] = await tx
      .update(eventRegistrations)
      .set(opts.undo ? { checkedInAt: null, checkedInBy: null, updatedAt: now } : { checkedInAt: now, checkedInBy: opts.actor!.id, updatedAt: now })
      .where(eq(eventRegistrations.id, registration.id))
      .returning();
    return { registration: updated, event };
  });
}

/** Counts for an event's page: places, registered, waitlisted, checked in. */
export async function registrationSummary(db: DbOrTx, eventId: string): Promise<{ capacity: number | null; registered: number; waitlisted: number; checkedIn: number }> {
  const [event] = await db.select({ capacity: events.capacity }).from(events).where(eq(events.id, eventId));
  const [c] = await db
    .select({
      registered: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'registered')`.mapWith(Number),
      waitlisted: sql<number>`count(*) filter (where ${eventRegistrations.status} = 'waitlisted')`.mapWith(Number),
      checkedIn: sql<number>`count(*) filter (where ${eventRegistrations.checkedInAt} is not null)`.mapWith(Number),
    })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, eventId));
  return { capacity: event?.capacity ?? null, registered: c.registered, waitlisted: c.waitlisted, checkedIn: c.checkedIn };
}

/** For those who run the event: its registrations (not cancelled ones), searched by name or address. */
export async function listParticipants(opts: { db: DbOrTx; actor: Actor; slug: string; q?: string | null; limit?: number }) {
  const { db, actor } = opts;
  const found = await getEvent(db, opts.slug, actor);
  if (!found.runs || !takesRegistrations(found.event.kind)) throw new NotFoundError();
  const q = (opts.q ?? "").trim().slice(0, 100);
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({
      id: eventRegistrations.id,
      name: eventRegistrations.name,
      email: eventRegistrations.email,
      status: eventRegistrations.status,
      checkedInAt: eventRegistrations.checkedInAt,
      createdAt: eventRegistrations.createdAt,
      organization: organizations.name,
    })
    .from(eventRegistrations)
    .leftJoin(organizations, eq(organizations.id, eventRegistrations.organizationId))
    .where(and(eq(eventRegistrations.eventId, found.event.id), ne(eventRegistrations.status, "cancelled"), q ? or(ilike(eventRegistrations.name, pattern), ilike(eventRegistrations.email, pattern)) : undefined))
    .orderBy(asc(eventRegistrations.status), asc(eventRegistrations.name), asc(eventRegistrations.id))
    .limit(opts.limit ?? 500);
  return { event: found.event, summary: await registrationSummary(db, found.event.id), rows, q };
}

/** Queues the cancellation e-mail to every live registration of a cancelled event; returns how many. */
export async function notifyRegistrantsOfCancellation(tx: DbOrTx, event: { id: string; titleFr: string; titleAr: string; slug: string; statusReason: string | null }): Promise<number> {
  const rows = await tx
    .select({ name: eventRegistrations.name, email: eventRegistrations.email, token: eventRegistrations.token, locale: sql<Locale>`coalesce(${users.locale}, ${eventRegistrations.locale})` })
    .from(eventRegistrations)
    .leftJoin(users, eq(users.id, eventRegistrations.userId))
    .where(and(eq(eventRegistrations.eventId, event.id), ne(eventRegistrations.status, "cancelled")));
  const [{ startsAt }] = await tx.select({ startsAt: events.startsAt }).from(events).where(eq(events.id, event.id));
  for (const r of rows) {
    const locale = r.locale;
    await queueEmail(tx, {
      to: r.email,
      locale,
      template: "eventCancelled",
      props: { name: r.name, title: titleIn(event, locale), startsAt: startsAt.toISOString(), reason: event.statusReason, url: absolute(ticketPath(r.token), locale) },
    });
  }
  return rows.length;
}

/** The next Morocco day's bounds, as instants. */
function tomorrowInMorocco(now: Date) {
  const day = (offset: number) => new Date(Date.parse(`${todayInMorocco(now)}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  return { from: moroccoLocalToInstant(`${day(1)}T00:00`)!, to: moroccoLocalToInstant(`${day(2)}T00:00`)! };
}

export const EVENT_REMINDER_BATCH = 500;

/**
 * The job (mornings, then hourly until the evening): reminds the registered people of published events that start
 * on the next Morocco day, once each (reminded_at is stamped), a batch at a time. Returns how many were queued.
 */
export async function sendEventReminders(db: DbOrTx, now: Date = new Date(), batch = EVENT_REMINDER_BATCH) {
  const { from, to } = tomorrowInMorocco(now);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ registration: eventRegistrations, event: events, locale: users.locale })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .leftJoin(users, eq(users.id, eventRegistrations.userId))
      .where(and(eq(events.status, "published"), gte(events.startsAt, from), lt(events.startsAt, to), eq(eventRegistrations.status, "registered"), isNull(eventRegistrations.remindedAt)))
      .orderBy(asc(eventRegistrations.createdAt))
      .limit(batch)
      .for("update", { of: eventRegistrations, skipLocked: true });
    for (const { registration: r, event, locale: accountLocale } of due) {
      const locale = (accountLocale as Locale | null) ?? r.locale;
      await queueEmail(tx, {
        to: r.email,
        locale,
        template: "eventReminder",
        props: { name: r.name, title: titleIn(event, locale), startsAt: event.startsAt.toISOString(), url: absolute(ticketPath(r.token), locale) },
      });
      await tx.update(eventRegistrations).set({ remindedAt: now }).where(eq(eventRegistrations.id, r.id));
    }
    return due.length;
  });
}

export type { RegistrationRow };
