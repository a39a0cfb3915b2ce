// Incubation programmes (issue 7, item 3): an operator runs a cohort, admits organisations (directly or from the
// selected and laureate applications of a call), assigns coaches; the programme's coaches and operators log
// coaching sessions and milestones per organisation. Each organisation sees its own record, and only its own.
// Every refusal is a translated error and writes nothing.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  applications,
  calls,
  coachingSessions,
  memberships,
  organizations,
  programmeCoaches,
  programmeMembers,
  programmeMilestones,
  programmes,
  users,
} from "../../../db/schema";
import { SESSION_MINUTES_MAX, SESSION_MINUTES_MIN } from "../../../db/schema/programmes";
import { csvDecimal, toCsv } from "~/lib/csv.server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { todayInMorocco } from "~/lib/morocco-time";
import { type Actor, authorize, can } from "../organizations/authorize.server";
import { slugify } from "../organizations/slug";
import type { MilestoneInput, ProgrammeInput, SessionInput } from "./schemas";

export type Programme = typeof programmes.$inferSelect;

/** A coaching session as the programme's runners and the organisation read it (the coach by name). */
const SESSION_COLUMNS = {
  id: coachingSessions.id,
  heldOn: coachingSessions.heldOn,
  minutes: coachingSessions.minutes,
  topic: coachingSessions.topic,
  nextSteps: coachingSessions.nextSteps,
  coachName: users.name,
};

/** Applications whose decision admits the organisation, once released to the applicant. */
const ADMITTING_DECISIONS = ["selected", "laureate"] as const;
const RELEASED_STATUSES = ["released", "contested", "answered"] as const;

const isOperator = (actor: Actor) => can(actor, "platform.programme");

async function lockProgramme(tx: DbOrTx, programmeId: string) {
  if (!isUuid(programmeId)) throw new NotFoundError();
  const [programme] = await tx.select().from(programmes).where(eq(programmes.id, programmeId)).for("update");
  if (!programme) throw new NotFoundError();
  return programme;
}

export async function programmeBySlug(db: DbOrTx, slug: string) {
  const [programme] = await db.select().from(programmes).where(eq(programmes.slug, slug));
  return programme ?? null;
}

export async function isCoach(db: DbOrTx, programmeId: string, userId: string) {
  const [row] = await db
    .select({ id: programmeCoaches.id })
    .from(programmeCoaches)
    .where(and(eq(programmeCoaches.programmeId, programmeId), eq(programmeCoaches.userId, userId)));
  return !!row;
}

/** Operators and the programme's coaches run it; anyone else is refused. */
export async function requireRunner(db: DbOrTx, actor: Actor, programmeId: string, key: "incubation.errors.notCoach" | "errors.forbidden" = "errors.forbidden") {
  if (!actor) throw new ForbiddenError(key);
  if (isOperator(actor)) return "operator" as const;
  if (await isCoach(db, programmeId, actor.id)) return "coach" as const;
  throw new ForbiddenError(key);
}

/** The programmes an operator sees (all) or a coach sees (theirs), newest first. */
export async function listProgrammes(db: DbOrTx, actor: Actor) {
  if (!actor) throw new ForbiddenError();
  const base = db
    .select({
      id: programmes.id,
      slug: programmes.slug,
      nameFr: programmes.nameFr,
      nameAr: programmes.nameAr,
      kind: programmes.kind,
      startsOn: programmes.startsOn,
      endsOn: programmes.endsOn,
      members: sql<number>`(select count(*)::int from ${programmeMembers} where ${programmeMembers.programmeId} = ${programmes.id})`,
    })
    .from(programmes);
  if (isOperator(actor)) return base.orderBy(desc(programmes.startsOn), asc(programmes.slug)).limit(200);
  return base
    .where(inArray(programmes.id, db.select({ id: programmeCoaches.programmeId }).from(programmeCoaches).where(eq(programmeCoaches.userId, actor.id))))
    .orderBy(desc(programmes.startsOn), asc(programmes.slug))
    .limit(200);
}

export async function createProgramme(opts: { db: DbOrTx; actor: Actor; input: ProgrammeInput }) {
  const { db, actor, input } = opts;
  authorize(actor, "platform.programme");
  let callId: string | null = null;
  if (input.callCode) {
    const [call] = await db.select({ id: calls.id }).from(calls).where(eq(calls.code, input.callCode));
    if (!call) throw new DomainError(400, "incubation.errors.callUnknown");
    callId = call.id;
  }
  const base = slugify(input.nameFr);
  const [taken] = await db.select({ n: count() }).from(programmes).where(eq(programmes.slug, base));
  const slug = taken.n === 0 ? base : `${base}-${crypto.randomUUID().slice(0, 6)}`;
  const [programme] = await db
    .insert(programmes)
    .values({ ...input, callCode: undefined, slug, callId, kind: "incubation", createdBy: actor!.id } as typeof programmes.$inferInsert)
    .returning();
  return programme;
}

/** Admits an organisation directly (operators). Admitting it twice is refused. */
export async function admitOrganization(opts: { db: DbOrTx; actor: Actor; programmeId: string; organizationSlug: string; now?: Date }) {
  const { db, actor } = opts;
  authorize(actor, "platform.programme");
  return db.transaction(async (tx) => {
    const programme = await lockProgramme(tx, opts.programmeId);
    const [org] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, opts.organizationSlug.trim().toLowerCase()));
    if (!org) throw new DomainError(400, "incubation.errors.orgUnknown");
    const inserted = await tx
      .insert(programmeMembers)
      .values({ programmeId: programme.id, organizationId: org.id, admittedOn: todayInMorocco(opts.now), source: "direct", admittedBy: actor!.id })
      .onConflictDoNothing()
      .returning({ id: programmeMembers.id });
    if (inserted.length === 0) throw new ConflictError("incubation.errors.alreadyMember");
    return inserted[0];
  });
}

/** Admits every organisation whose application to the programme's call was selected or laureate; idempotent. */
export async function admitFromCall(opts: { db: DbOrTx; actor: Actor; programmeId: string; now?: Date }) {
  const { db, actor } = opts;
  authorize(actor, "platform.programme");
  return db.transaction(async (tx) => {
    const programme = await lockProgramme(tx, opts.programmeId);
    if (!programme.callId) throw new DomainError(400, "incubation.errors.noCall");
    const chosen = await tx
      .select({ applicationId: applications.id, organizationId: applications.organizationId })
      .from(applications)
      .where(and(eq(applications.callId, programme.callId), inArray(applications.decision, [...ADMITTING_DECISIONS]), inArray(applications.status, [...RELEASED_STATUSES])));
    if (chosen.length === 0) return { admitted: 0 };
    const admittedOn = todayInMorocco(opts.now);
    const inserted = await tx
      .insert(programmeMembers)
      .values(chosen.map((c) => ({ programmeId: programme.id, organizationId: c.organizationId, applicationId: c.applicationId, source: "call" as const, admittedOn, admittedBy: actor!.id })))
      .onConflictDoNothing()
      .returning({ id: programmeMembers.id });
    return { admitted: inserted.length };
  });
}

/** Makes a user with a verified e-mail a coach of the programme (operators); coaches need no organisation. */
export async function assignCoach(opts: { db: DbOrTx; actor: Actor; programmeId: string; email: string }) {
  const { db, actor } = opts;
  authorize(actor, "platform.programme");
  return db.transaction(async (tx) => {
    const programme = await lockProgramme(tx, opts.programmeId);
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, opts.email.trim().toLowerCase()), isNotNull(users.emailVerifiedAt), isNull(users.deletedAt)));
    if (!user) throw new DomainError(400, "incubation.errors.coachUnknown");
    const inserted = await tx
      .insert(programmeCoaches)
      .values({ programmeId: programme.id, userId: user.id, assignedBy: actor!.id })
      .onConflictDoNothing()
      .returning({ id: programmeCoaches.id });
    if (inserted.length === 0) throw new ConflictError("incubation.errors.alreadyCoach");
    return { userId: user.id };
  });
}

export async function coachesOf(db: DbOrTx, programmeId: string) {
  return db
    .select({ userId: users.id, name: users.name })
    .from(programmeCoaches)
    .innerJoin(users, eq(users.id, programmeCoaches.userId))
    .where(eq(programmeCoaches.programmeId, programmeId))
    .orderBy(asc(users.name));
}

async function requireMember(tx: DbOrTx, programmeId: string, organizationId: string) {
  if (!isUuid(organizationId)) throw new DomainError(400, "incubation.errors.notMember");
  const [member] = await tx
    .select({ id: programmeMembers.id })
    .from(programmeMembers)
    .where(and(eq(programmeMembers.programmeId, programmeId), eq(programmeMembers.organizationId, organizationId)));
  if (!member) throw new DomainError(400, "incubation.errors.notMember");
}

/**
 * Logs a coaching session: only the programme's coaches (for themselves) and operators (for one of its coaches);
 * the organisation must be a member; held within the programme, not in the future; 15 minutes to 10 hours.
 */
export async function logSession(opts: { db: DbOrTx; actor: Actor; programmeId: string; input: SessionInput; now?: Date }) {
  const { db, actor, input } = opts;
  return db.transaction(async (tx) => {
    const programme = await lockProgramme(tx, opts.programmeId);
    const role = await requireRunner(tx, actor, programme.id, "incubation.errors.notCoach");
    await requireMember(tx, programme.id, input.organizationId);
    let coachId = actor!.id;
    if (role === "operator") {
      // An operator logs for a coach of the programme, or for themself when no coach is named.
      if (input.coachId && input.coachId !== actor!.id) {
        if (!(await isCoach(tx, programme.id, input.coachId))) throw new DomainError(400, "incubation.errors.coachNotInProgramme");
        coachId = input.coachId;
      }
    } else if (input.coachId && input.coachId !== actor!.id) throw new ForbiddenError("incubation.errors.notCoach");
    if (!Number.isInteger(input.minutes) || input.minutes < SESSION_MINUTES_MIN || input.minutes > SESSION_MINUTES_MAX) throw new DomainError(400, "incubation.errors.minutes");
    if (input.heldOn > todayInMorocco(opts.now)) throw new DomainError(400, "incubation.errors.future");
    if (input.heldOn < programme.startsOn || input.heldOn > programme.endsOn) throw new DomainError(400, "incubation.errors.outsideProgramme");
    const [session] = await tx
      .insert(coachingSessions)
      .values({
        programmeId: programme.id,
        organizationId: input.organizationId,
        coachId,
        heldOn: input.heldOn,
        minutes: input.minutes,
        topic: input.topic,
        nextSteps: input.nextSteps,
        createdBy: actor!.id,
      })
      .returning();
    return session;
  });
}

/** A milestone for a member organisation, set by the programme's coaches or operators. */
export async function addMilestone(opts: { db: DbOrTx; actor: Actor; programmeId: string; input: MilestoneInput }) {
  const { db, actor, input } = opts;
  return db.transaction(async (tx) => {
    const programme = await lockProgramme(tx, opts.programmeId);
    await requireRunner(tx, actor, programme.id);
    await requireMember(tx, programme.id, input.organizationId);
    const [milestone] = await tx
      .insert(programmeMilestones)
      .values({ programmeId: programme.id, organizationId: input.organizationId, title: input.title, dueOn: input.dueOn, createdBy: actor!.id })
      .returning();
    return milestone;
  });
}

/** Marks a milestone of this programme done today (Morocco); marking it again is refused. */
export async function markMilestoneDone(opts: { db: DbOrTx; actor: Actor; programmeId: string; milestoneId: string; now?: Date }) {
  const { db, actor } = opts;
  if (!isUuid(opts.milestoneId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [milestone] = await tx
      .select()
      .from(programmeMilestones)
      .where(and(eq(programmeMilestones.id, opts.milestoneId), eq(programmeMilestones.programmeId, opts.programmeId)))
      .for("update");
    if (!milestone) throw new NotFoundError();
    await requireRunner(tx, actor, milestone.programmeId);
    if (milestone.doneOn) throw new ConflictError("incubation.errors.alreadyDone");
    const [done] = await tx.update(programmeMilestones).set({ doneOn: todayInMorocco(opts.now) }).where(eq(programmeMilestones.id, milestone.id)).returning();
    return done;
  });
}

export interface OrganizationProgress {
  organizationId: string;
  slug: string;
  name: string;
  nameAr: string | null;
  regionCode: string | null;
  admittedOn: string;
  source: "direct" | "call";
  sessions: number;
  minutes: number;
  hours: number;
  lastSessionOn: string | null;
  milestonesDone: number;
  milestonesTotal: number;
}

const hoursOf = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** A period in Morocco days, both ends included; either may be open. */
export interface DayPeriod {
  from: string | null;
  to: string | null;
}

/**
 * Each member's figures in one statement: grouped sessions and milestones joined once. With a period, the members
 * admitted by its end, the sessions held in it, and the milestones due or reached by its end (reached ones counted).
 */
export async function progressOf(db: DbOrTx, programmeId: string, period: DayPeriod = { from: null, to: null }): Promise<OrganizationProgress[]> {
  if (!isUuid(programmeId)) throw new NotFoundError();
  const s = db
    .select({
      organizationId: coachingSessions.organizationId,
      sessions: sql<number>`count(*)::int`.as("sessions"),
      minutes: sql<number>`coalesce(sum(${coachingSessions.minutes}), 0)::int`.as("minutes"),
      lastSessionOn: sql<string | null>`max(${coachingSessions.heldOn})::text`.as("last_session_on"),
    })
    .from(coachingSessions)
    .where(
      and(
        eq(coachingSessions.programmeId, programmeId),
        period.from ? gte(coachingSessions.heldOn, period.from) : undefined,
        period.to ? lte(coachingSessions.heldOn, period.to) : undefined,
      ),
    )
    .groupBy(coachingSessions.organizationId)
    .as("s");
  const m = db
    .select({
      organizationId: programmeMilestones.organizationId,
      done: (period.to ? sql<number>`count(*) filter (where ${programmeMilestones.doneOn} <= ${period.to}::date)::int` : sql<number>`count(${programmeMilestones.doneOn})::int`).as("done"),
      total: (period.to
        ? sql<number>`count(*) filter (where ${programmeMilestones.dueOn} <= ${period.to}::date or ${programmeMilestones.doneOn} <= ${period.to}::date)::int`
        : sql<number>`count(*)::int`
      ).as("total"),
    })
    .from(programmeMilestones)
    .where(eq(programmeMilestones.programmeId, programmeId))
    .groupBy(programmeMilestones.organizationId)
    .as("m");
  const rows = await db
    .select({
      organizationId: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      nameAr: organizations.nameAr,
      regionCode: organizations.regionCode,
      admittedOn: programmeMembers.admittedOn,
      source: programmeMembers.source,
      sessions: sql<number>`coalesce(${s.sessions}, 0)`,
      minutes: sql<number>`coalesce(${s.minutes}, 0)`,
      lastSessionOn: s.lastSessionOn,
      milestonesDone: sql<number>`coalesce(${m.done}, 0)`,
      milestonesTotal: sql<number>`coalesce(${m.total}, 0)`,
    })
    .from(programmeMembers)
    .innerJoin(organizations, eq(organizations.id, programmeMembers.organizationId))
    .leftJoin(s, eq(s.organizationId, programmeMembers.organizationId))
    .leftJoin(m, eq(m.organizationId, programmeMembers.organizationId))
    .where(and(eq(programmeMembers.programmeId, programmeId), period.to ? lte(programmeMembers.admittedOn, period.to) : undefined))
    .orderBy(asc(organizations.name));
  return rows.map((r) => ({ ...r, sessions: Number(r.sessions), minutes: Number(r.minutes), hours: hoursOf(Number(r.minutes)), milestonesDone: Number(r.milestonesDone), milestonesTotal: Number(r.milestonesTotal) }));
}

/** The programme's page for its runners: the programme, its coaches, members with progress, recent sessions, milestones. */
export async function programmeOverview(db: DbOrTx, actor: Actor, slug: string) {
  const programme = await programmeBySlug(db, slug);
  if (!programme) throw new NotFoundError();
  const role = await requireRunner(db, actor, programme.id);
  const [progress, coaches, sessions, milestones, call] = await Promise.all([
    progressOf(db, programme.id),
    coachesOf(db, programme.id),
    db
      .select({ ...SESSION_COLUMNS, organizationId: coachingSessions.organizationId })
      .from(coachingSessions)
      .leftJoin(users, eq(users.id, coachingSessions.coachId))
      .where(eq(coachingSessions.programmeId, programme.id))
      .orderBy(desc(coachingSessions.heldOn), desc(coachingSessions.createdAt))
      .limit(100),
    db.select().from(programmeMilestones).where(eq(programmeMilestones.programmeId, programme.id)).orderBy(asc(programmeMilestones.dueOn)).limit(500),
    programme.callId ? db.select({ code: calls.code }).from(calls).where(eq(calls.id, programme.callId)) : Promise.resolve([]),
  ]);
  return { programme, role, progress, coaches, sessions, milestones, callCode: call[0]?.code ?? null };
}

/**
 * An organisation's own record in the programmes it belongs to: its sessions and milestones, never another
 * organisation's. Its members (any role) and operators see it.
 */
export async function organizationRecord(db: DbOrTx, actor: Actor, organizationId: string) {
  if (!actor || !isUuid(organizationId)) throw new NotFoundError();
  if (!isOperator(actor)) {
    const [membership] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, actor.id)));
    if (!membership) throw new ForbiddenError();
  }
  const joined = await db
    .select({ id: programmes.id, slug: programmes.slug, nameFr: programmes.nameFr, nameAr: programmes.nameAr, startsOn: programmes.startsOn, endsOn: programmes.endsOn, admittedOn: programmeMembers.admittedOn })
    .from(programmeMembers)
    .innerJoin(programmes, eq(programmes.id, programmeMembers.programmeId))
    .where(eq(programmeMembers.organizationId, organizationId))
    .orderBy(desc(programmes.startsOn));
  if (joined.length === 0) return [];
  const ids = joined.map((p) => p.id);
  const [sessions, milestones] = await Promise.all([
    db
      .select({ ...SESSION_COLUMNS, programmeId: coachingSessions.programmeId })
      .from(coachingSessions)
      .leftJoin(users, eq(users.id, coachingSessions.coachId))
      .where(and(eq(coachingSessions.organizationId, organizationId), inArray(coachingSessions.programmeId, ids)))
      .orderBy(desc(coachingSessions.heldOn)),
    db
      .select()
      .from(programmeMilestones)
      .where(and(eq(programmeMilestones.organizationId, organizationId), inArray(programmeMilestones.programmeId, ids)))
      .orderBy(asc(programmeMilestones.dueOn)),
  ]);
  return joined.map((p) => {
    const own = sessions.filter((s) => s.programmeId === p.id);
    const minutes = own.reduce((sum, s) => sum + s.minutes, 0);
    const ms = milestones.filter((m) => m.programmeId === p.id);
    return { programme: p, sessions: own, milestones: ms, minutes, hours: hoursOf(minutes), milestonesDone: ms.filter((m) => m.doneOn).length };
  });
}

/** One line per member organisation with its figures; runners of the programme only. */
export async function programmeCsv(db: DbOrTx, actor: Actor, slug: string) {
  const programme = await programmeBySlug(db, slug);
  if (!programme) throw new NotFoundError();
  await requireRunner(db, actor, programme.id);
  const rows = await progressOf(db, programme.id);
  const header = ["organisation", "slug", "region", "admise_le", "source", "seances", "minutes", "heures", "derniere_seance", "jalons_atteints", "jalons_total"];
  const body = rows.map((r) => [r.name, r.slug, r.regionCode, r.admittedOn, r.source, r.sessions, r.minutes, csvDecimal(r.hours), r.lastSessionOn, r.milestonesDone, r.milestonesTotal]);
  return { fileName: `programme-${programme.slug}.csv`, csv: toCsv([header, ...body]) };
}

/**
 * Coaching figures for the impact page: sessions held in [from, to) (their Morocco dates), their hours, and the
 * organisations coached, optionally in one region (the organisation's) or one programme.
 */
export async function coachingFigures(db: DbOrTx, opts: { from?: Date; to?: Date; regionCode?: string | null; programmeId?: string }): Promise<{ sessions: number; hours: number; organizations: number }> {
  const where = [
    opts.programmeId ? eq(coachingSessions.programmeId, opts.programmeId) : undefined,
    opts.from ? gte(coachingSessions.heldOn, todayInMorocco(opts.from)) : undefined,
    opts.to ? lt(coachingSessions.heldOn, todayInMorocco(opts.to)) : undefined,
    opts.regionCode ? eq(organizations.regionCode, opts.regionCode) : undefined,
  ];
  const [row] = await db
    .select({
      sessions: sql<number>`count(*)::int`,
      minutes: sql<number>`coalesce(sum(${coachingSessions.minutes}), 0)::int`,
      organizations: sql<number>`count(distinct ${coachingSessions.organizationId})::int`,
    })
    .from(coachingSessions)
    .innerJoin(organizations, eq(organizations.id, coachingSessions.organizationId))
    .where(and(...where));
  return { sessions: Number(row?.sessions ?? 0), hours: hoursOf(Number(row?.minutes ?? 0)), organizations: Number(row?.organizations ?? 0) };
}

/** Whether the organisation belongs to some programme (its page then links to its record). */
export async function inSomeProgramme(db: DbOrTx, organizationId: string) {
  const [row] = await db.select({ id: programmeMembers.id }).from(programmeMembers).where(eq(programmeMembers.organizationId, organizationId)).limit(1);
  return !!row;
}

/** The organisation's own record by its slug, for its page; an unknown slug is not found. */
export async function organizationRecordBySlug(db: DbOrTx, actor: Actor, slug: string) {
  const [org] = await db.select({ id: organizations.id, slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.slug, slug));
  if (!org) throw new NotFoundError();
  return { org, record: await organizationRecord(db, actor, org.id) };
}
