// The tandem's shared space (issue 5, item 3): what both sides see on /tandems/<number> — the pair, the
// progress against the hours committed, the session log, the thread, the evaluations, the certificates and
// the trail of every step. A bounded number of queries whatever the tandem's size.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import {
  organizations,
  tandemAgreements,
  tandemEvaluations,
  tandemEvents,
  tandems,
  tandemSessionFiles,
  tandemSessions,
  tandemVolunteers,
  users,
} from "../../../db/schema";
import type { TandemStatus } from "../../../db/schema/enums";
import { NotFoundError } from "~/lib/errors.server";
import type { Actor } from "../organizations/authorize.server";
import { manages, rolesOf, seesEverything, SIDES, type Side } from "./access.server";
import { finalOpensOn, midpoint, progressPercent, stageOpen } from "./calendar";
import { certificatesOf } from "./certificates.server";
import { todayInMorocco } from "./schemas";
import { listMessages } from "./thread.server";

export const SESSIONS_PAGE = 20;

const logger = alias(users, "logger");
const confirmer = alias(users, "confirmer");

export async function getSpace(opts: { db: DbOrTx; actor: Actor; number: string; page?: number; before?: { at: Date; id: string }; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new NotFoundError();
  const [tandem] = await db.select().from(tandems).where(eq(tandems.number, opts.number));
  if (!tandem) throw new NotFoundError();
  const roles = await rolesOf(db, tandem, actor);
  const member = !!(roles.company || roles.partner);
  if (!member && !seesEverything(actor)) throw new NotFoundError();

  // An invited volunteer who opens the space with the invited address is linked to it.
  const [me] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.id));
  if (me?.email && roles.company) {
    await db
      .update(tandemVolunteers)
      .set({ userId: actor.id, joinedAt: now })
      .where(and(eq(tandemVolunteers.tandemId, tandem.id), eq(tandemVolunteers.email, me.email.toLowerCase()), isNull(tandemVolunteers.userId)));
  }

  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, nameAr: organizations.nameAr, slug: organizations.slug, kind: organizations.kind, regionCode: organizations.regionCode })
    .from(organizations)
    .where(inArray(organizations.id, [tandem.companyId, tandem.partnerId]));
  const org = (id: string) => orgs.find((o) => o.id === id)!;
  const [agreement] = await db
    .select({
      version: tandemAgreements.version,
      objectives: tandemAgreements.objectives,
      deliverables: tandemAgreements.deliverables,
      hoursCommitted: tandemAgreements.hoursCommitted,
      startDate: tandemAgreements.startDate,
      endDate: tandemAgreements.endDate,
      focalPersonName: users.name,
    })
    .from(tandemAgreements)
    .leftJoin(users, eq(users.id, tandemAgreements.focalPersonId))
    .where(eq(tandemAgreements.tandemId, tandem.id));

  const [totals] = await db
    .select({
      confirmed: sql<number>`coalesce(sum(${tandemSessions.minutes}) filter (where ${tandemSessions.confirmedAt} is not null), 0)::int`,
      pending: sql<number>`coalesce(sum(${tandemSessions.minutes}) filter (where ${tandemSessions.confirmedAt} is null), 0)::int`,
      sessions: sql<number>`count(*)::int`,
    })
    .from(tandemSessions)
    .where(eq(tandemSessions.tandemId, tandem.id));

  const page = Math.max(1, Math.min(1000, Math.floor(opts.page ?? 1)));
  const sessionRows = await db
    .select({
      id: tandemSessions.id,
      heldOn: tandemSessions.heldOn,
      minutes: tandemSessions.minutes,
      topic: tandemSessions.topic,
      participants: tandemSessions.participants,
      volunteerEmails: tandemSessions.volunteerEmails,
      notes: tandemSessions.notes,
      loggedByOrgId: tandemSessions.loggedByOrgId,
      loggedById: tandemSessions.loggedBy,
      loggerName: logger.name,
      confirmedAt: tandemSessions.confirmedAt,
      confirmerName: confirmer.name,
    })
    .from(tandemSessions)
    .leftJoin(logger, eq(logger.id, tandemSessions.loggedBy))
    .leftJoin(confirmer, eq(confirmer.id, tandemSessions.confirmedBy))
    .where(eq(tandemSessions.tandemId, tandem.id))
    .orderBy(desc(tandemSessions.heldOn), desc(tandemSessions.createdAt))
    .limit(SESSIONS_PAGE)
    .offset((page - 1) * SESSIONS_PAGE);
  const files = sessionRows.length
    ? await db
        .select({ id: tandemSessionFiles.id, sessionId: tandemSessionFiles.sessionId, fileName: tandemSessionFiles.fileName, bytes: tandemSessionFiles.bytes })
        .from(tandemSessionFiles)
        .where(inArray(tandemSessionFiles.sessionId, sessionRows.map((s) => s.id)))
        .orderBy(asc(tandemSessionFiles.createdAt))
    : [];
  const volunteers = await db
    .select({ email: tandemVolunteers.email, name: tandemVolunteers.name, joinedAt: tandemVolunteers.joinedAt })
    .from(tandemVolunteers)
    .where(eq(tandemVolunteers.tandemId, tandem.id))
    .orderBy(asc(tandemVolunteers.invitedAt));
  const evaluations = await db
    .select({
      organizationId: tandemEvaluations.organizationId,
      stage: tandemEvaluations.stage,
      onTrack: tandemEvaluations.onTrack,
      satisfaction: tandemEvaluations.satisfaction,
      toChange: tandemEvaluations.toChange,
      transferred: tandemEvaluations.transferred,
      selfAssessment: tandemEvaluations.selfAssessment,
      submittedAt: tandemEvaluations.submittedAt,
      submitterName: users.name,
    })
    .from(tandemEvaluations)
    .leftJoin(users, eq(users.id, tandemEvaluations.submittedBy))
    .where(eq(tandemEvaluations.tandemId, tandem.id))
    .orderBy(asc(tandemEvaluations.submittedAt));
  const events = await db
    .select({ action: tandemEvents.action, toStatus: tandemEvents.toStatus, reason: tandemEvents.reason, createdAt: tandemEvents.createdAt, actorName: users.name })
    .from(tandemEvents)
    .leftJoin(users, eq(users.id, tandemEvents.actorId))
    .where(eq(tandemEvents.tandemId, tandem.id))
    .orderBy(asc(tandemEvents.createdAt), asc(tandemEvents.id))
    .limit(200);
  const thread = member || seesEverything(actor) ? await listMessages(db, tandem.id, opts.before) : { messages: [], more: false };
  const certificates = tandem.status === "completed" ? await certificatesOf(db, tandem.id) : [];

  const status = tandem.status as TandemStatus;
  const active = status === "active";
  const sideOfOrg = (orgId: string): Side => (orgId === tandem.companyId ? "company" : "partner");
  const today = todayInMorocco(now);
  const window = agreement
    ? { today, start: agreement.startDate, end: agreement.endDate, confirmedMinutes: totals.confirmed, hoursCommitted: agreement.hoursCommitted }
    : null;
  const answered = (side: Side, stage: "midterm" | "final") => evaluations.some((e) => sideOfOrg(e.organizationId) === side && e.stage === stage);
  // The evaluation forms each managed side may fill in now.
  const evaluate = SIDES.flatMap((side) => {
    if (!active || !window || !manages(actor, roles, side)) return [];
    return (["midterm", "final"] as const)
      .filter((stage) => !answered(side, stage) && stageOpen(stage, window) && !(stage === "midterm" && answered(side, "final")))
      .map((stage) => ({ side, stage }));
  });

  return {
    tandem: {
      number: tandem.number,
      status,
      skills: tandem.skills,
      format: tandem.format,
      objectives: tandem.objectives,
      expectedHours: tandem.expectedHours,
      periodStart: tandem.periodStart,
      periodEnd: tandem.periodEnd,
      message: tandem.message,
      answerBy: tandem.answerBy,
      declineReason: tandem.declineReason,
      declineText: tandem.declineText,
      endReason: tandem.endReason,
      activatedAt: tandem.activatedAt,
      closedAt: tandem.closedAt,
      proposedBy: sideOfOrg(tandem.proposedById),
    },
    company: org(tandem.companyId),
    partner: org(tandem.partnerId),
    agreement: agreement ?? null,
    progress: {
      confirmedMinutes: totals.confirmed,
      pendingMinutes: totals.pending,
      sessions: totals.sessions,
      percent: agreement ? progressPercent(totals.confirmed, agreement.hoursCommitted) : 0,
    },
    calendar: agreement ? { midterm: midpoint(agreement.startDate, agreement.endDate), final: finalOpensOn(agreement.startDate, agreement.endDate), today } : null,
    sessions: sessionRows.map(({ loggedById, ...s }) => {
      const side = sideOfOrg(s.loggedByOrgId);
      const otherSide = side === "company" ? "partner" : "company";
      return {
        ...s,
        side,
        files: files.filter((f) => f.sessionId === s.id),
        volunteers: volunteers.filter((v) => s.volunteerEmails.includes(v.email)).map((v) => v.name),
        canConfirm: active && !s.confirmedAt && !!roles[otherSide] && loggedById !== actor.id,
        canDelete: active && !s.confirmedAt && !!roles[side],
        canAttach: active && member,
      };
    }),
    page,
    pageCount: Math.max(1, Math.ceil(totals.sessions / SESSIONS_PAGE)),
    volunteers,
    thread,
    evaluations: evaluations.map((e) => ({ ...e, side: sideOfOrg(e.organizationId) })),
    certificates,
    events,
    viewer: {
      sides: SIDES.filter((s) => roles[s]),
      canLog: active && member,
      canPost: member && (status === "agreement_draft" || active),
      evaluate,
      manages: SIDES.filter((s) => manages(actor, roles, s)),
    },
  };
}
export type SpaceView = Awaited<ReturnType<typeof getSpace>>;
