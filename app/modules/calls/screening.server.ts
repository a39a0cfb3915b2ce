// Screening and review (issue 6, item 3; decision 017), the operators' side: each submitted application is marked
// eligible or not (with a reason when not), jurors are invited to a call by e-mail and given applications (the load
// of each shown), and the results are read per application — mean, median and spread, the disagreement flag,
// minimums, the ranking — with the call's trail. Every change locks the row it changes and writes the call's
// append-only trail in the same transaction. The juror's side is in review.server.ts, the arithmetic in scoring.ts.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { applications, callEvents, callGrids, callJurors, calls, organizations, reviewAssignments, reviewScores, users, type GridSection } from "../../../db/schema";
import type { ApplicationStatus } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { absolute } from "../orders/notify.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { lockCall, trail } from "./calls.server";
import { rankApplications, type ApplicationScores } from "./scoring";
import { IllegalTransition, next } from "./states";

/** Where a juror finds the applications assigned to them (the page comes with the jury's interface). */
export const JURY_PATH = "/jury";

export const RESULTS_PAGE = 50;
export const TRAIL_PAGE = 50;
export const REASON_MIN = 10;
export const REASON_MAX = 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The application, locked for a change, or 404. */
export async function lockApplication(tx: DbOrTx, applicationId: string) {
  if (!isUuid(applicationId)) throw new NotFoundError();
  const [application] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
  if (!application) throw new NotFoundError();
  return application;
}

/**
 * An operator marks a submitted application eligible or ineligible — either way until the review starts.
 * Ineligible needs a reason (10–1000 characters), kept on the application and in the trail; eligible may carry a
 * note, and clears the earlier reason otherwise.
 */
export async function screen(opts: { db: DbOrTx; actor: Actor; applicationId: string; eligible: boolean; reason?: string | null }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  const reason = opts.reason?.trim() || null;
  const action = opts.eligible ? "markEligible" : "markIneligible";
  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, opts.applicationId);
    let to: ApplicationStatus;
    try {
      to = next(application.status, action, "operator");
    } catch (error) {
      if (error instanceof IllegalTransition) throw new ConflictError("review.errors.notScreenable");
      throw error;
    }
    if (!opts.eligible && (!reason || reason.length < REASON_MIN)) throw new DomainError(400, "review.errors.reason");
    if (reason && reason.length > REASON_MAX) throw new DomainError(400, "review.errors.reason");
    await tx.update(applications).set({ status: to, eligibilityReason: reason }).where(eq(applications.id, application.id));
    await trail(tx, { callId: application.callId, applicationId: application.id, action, from: application.status, to, actorId: actor!.id, reason });
    return { status: to };
  });
}

/**
 * An operator invites someone to a call's jury by e-mail (once per call and address). The juror is whoever signs
 * in with that address, verified (see jurorFor); nothing is linked until then.
 */
export async function inviteJuror(opts: { db: DbOrTx; actor: Actor; callId: string; email: string; name: string }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  const email = opts.email.trim().toLowerCase();
  const name = opts.name.trim();
  if (!EMAIL.test(email) || email.length > 254) throw new DomainError(400, "review.errors.email");
  if (name.length < 2 || name.length > 120) throw new DomainError(400, "review.errors.name");
  if (!isUuid(opts.callId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, opts.callId);
    const [juror] = await tx.insert(callJurors).values({ callId: call.id, email, name, invitedBy: actor!.id }).onConflictDoNothing().returning();
    if (!juror) throw new ConflictError("review.errors.duplicateJuror");
    // In the invitee's language when they have an account, else in the inviter's.
    const [known] = await tx.select({ locale: users.locale }).from(users).where(and(eq(users.email, email), isNull(users.deletedAt)));
    const [inviter] = await tx.select({ name: users.name, locale: users.locale }).from(users).where(eq(users.id, actor!.id));
    const locale = (known?.locale ?? inviter?.locale ?? "fr") as Locale;
    await queueEmail(tx, {
      to: email,
      locale,
      template: "callJurorInvite",
      props: { name, inviter: inviter?.name ?? "Tiwizi", call: locale === "ar" ? call.titleAr : call.titleFr, email, url: absolute(JURY_PATH, locale) },
    });
    await trail(tx, { callId: call.id, action: "inviteJuror", actorId: actor!.id, data: { jurorId: juror.id, name } });
    return juror;
  });
}

/**
 * An operator gives an eligible (or already reviewed) application to one of the call's jurors. The first
 * assignment starts the review (eligible → under_review, a step of the platform's).
 */
export async function assign(opts: { db: DbOrTx; actor: Actor; applicationId: string; jurorId: string }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, opts.applicationId);
    if (!isUuid(opts.jurorId)) throw new NotFoundError();
    const [juror] = await tx
      .select({ id: callJurors.id })
      .from(callJurors)
      .where(and(eq(callJurors.id, opts.jurorId), eq(callJurors.callId, application.callId)));
    if (!juror) throw new NotFoundError();
    if (application.status !== "eligible" && application.status !== "under_review") throw new ConflictError("review.errors.notAssignable");
    const [assignment] = await tx
      .insert(reviewAssignments)
      .values({ applicationId: application.id, jurorId: juror.id, assignedBy: actor!.id })
      .onConflictDoNothing()
      .returning();
    if (!assignment) throw new ConflictError("review.errors.alreadyAssigned");
    await trail(tx, { callId: application.callId, applicationId: application.id, action: "assign", actorId: actor!.id, data: { assignmentId: assignment.id, jurorId: juror.id } });
    let status: ApplicationStatus = application.status;
    if (status === "eligible") {
      status = next(status, "startReview", "system");
      await tx.update(applications).set({ status }).where(eq(applications.id, application.id));
      await trail(tx, { callId: application.callId, applicationId: application.id, action: "startReview", from: application.status, to: status, actorId: null });
    }
    return { assignment, status };
  });
}

/**
 * An operator takes an application back from a juror who has not submitted (their draft scores go with it). A
 * declared conflict stays on record: that assignment is closed, not removed, so the juror cannot be given it again.
 */
export async function unassign(opts: { db: DbOrTx; actor: Actor; assignmentId: string }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  if (!isUuid(opts.assignmentId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [assignment] = await tx
      .select({ id: reviewAssignments.id, applicationId: reviewAssignments.applicationId, jurorId: reviewAssignments.jurorId, conflict: reviewAssignments.conflict, submittedAt: reviewAssignments.submittedAt, callId: applications.callId })
      .from(reviewAssignments)
      .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
      .where(eq(reviewAssignments.id, opts.assignmentId))
      .for("update", { of: reviewAssignments });
    if (!assignment) throw new NotFoundError();
    if (assignment.submittedAt) throw new ConflictError("review.errors.alreadySubmitted");
    if (assignment.conflict === "declared") throw new ConflictError("review.errors.conflictDeclared");
    await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, assignment.id));
    await trail(tx, { callId: assignment.callId, applicationId: assignment.applicationId, action: "unassign", actorId: actor!.id, data: { assignmentId: assignment.id, jurorId: assignment.jurorId } });
  });
}

/**
 * Each juror of a call with their load, in one aggregate query: applications assigned (a declared conflict does
 * not count), conflicts declared, sheets submitted, and those still to do (conflict pending or scoring unfinished).
 */
export async function jurorLoads(opts: { db: DbOrTx; actor: Actor; callId: string }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  if (!isUuid(opts.callId)) throw new NotFoundError();
  const [call] = await db.select({ id: calls.id }).from(calls).where(eq(calls.id, opts.callId));
  if (!call) throw new NotFoundError();
  const counted = sql`${reviewAssignments.conflict} <> 'declared'`;
  return db
    .select({
      jurorId: callJurors.id,
      name: callJurors.name,
      email: callJurors.email,
      userId: callJurors.userId,
      invitedAt: callJurors.invitedAt,
      acceptedAt: callJurors.acceptedAt,
      assigned: sql<number>`count(${reviewAssignments.id}) filter (where ${counted})`.mapWith(Number),
      conflicts: sql<number>`count(${reviewAssignments.id}) filter (where ${reviewAssignments.conflict} = 'declared')`.mapWith(Number),
      submitted: sql<number>`count(${reviewAssignments.id}) filter (where ${reviewAssignments.submittedAt} is not null)`.mapWith(Number),
      pending: sql<number>`count(${reviewAssignments.id}) filter (where ${counted} and ${reviewAssignments.submittedAt} is null)`.mapWith(Number),
    })
    .from(callJurors)
    .leftJoin(reviewAssignments, eq(reviewAssignments.jurorId, callJurors.id))
    .where(eq(callJurors.callId, call.id))
    .groupBy(callJurors.id)
    .orderBy(asc(callJurors.name), asc(callJurors.id))
    .limit(500);
}

// Applications whose review the results show: screened in and not yet released, or released after a review.
const RESULT_STATUSES: ApplicationStatus[] = ["eligible", "under_review", "decided", "released", "contested", "answered"];
const BEFORE_RELEASE: ApplicationStatus[] = ["eligible", "under_review", "decided"];

/**
 * The call's results for operators: per application, the submitted sheets scored by scoring.ts with the call's
 * disagreement threshold, then ranked. All sheets of the call come in one query (applications × assignments ×
 * scores). Applications written against different grid versions are ranked within their version: the heaviest
 * section that breaks ties means nothing across grids. `all` returns every application (for exports); otherwise
 * 50 a page.
 */
export async function callResults(opts: { db: DbOrTx; actor: Actor; callId: string; page?: number; all?: boolean }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  if (!isUuid(opts.callId)) throw new NotFoundError();
  const [call] = await db.select().from(calls).where(eq(calls.id, opts.callId));
  if (!call) throw new NotFoundError();
  const lines = await db
    .select({
      applicationId: applications.id,
      reference: applications.reference,
      status: applications.status,
      gridVersion: applications.gridVersion,
      submittedAt: applications.submittedAt,
      organization: { name: organizations.name, nameAr: organizations.nameAr },
      assignmentId: reviewAssignments.id,
      jurorId: reviewAssignments.jurorId,
      jurorName: callJurors.name,
      conflict: reviewAssignments.conflict,
      sheetSubmittedAt: reviewAssignments.submittedAt,
      criterionId: reviewScores.criterionId,
      score: reviewScores.score,
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(reviewAssignments, eq(reviewAssignments.applicationId, applications.id))
    .leftJoin(callJurors, eq(callJurors.id, reviewAssignments.jurorId))
    // Drafts never reach the results: only submitted sheets are read.
    .leftJoin(reviewScores, and(eq(reviewScores.assignmentId, reviewAssignments.id), isNotNull(reviewAssignments.submittedAt)))
    .where(and(eq(applications.callId, call.id), inArray(applications.status, RESULT_STATUSES)))
    .orderBy(asc(applications.reference), asc(reviewAssignments.submittedAt), asc(reviewAssignments.id));

  type App = {
    info: Pick<(typeof lines)[number], "applicationId" | "reference" | "status" | "gridVersion" | "submittedAt" | "organization">;
    assignments: Map<string, { jurorId: string; name: string; conflict: string; submitted: boolean; scores: Record<string, number> }>;
  };
  const apps = new Map<string, App>();
  for (const l of lines) {
    let app = apps.get(l.applicationId);
    if (!app) {
      const { applicationId, reference, status, gridVersion, submittedAt, organization } = l;
      app = { info: { applicationId, reference, status, gridVersion, submittedAt, organization }, assignments: new Map() };
      apps.set(l.applicationId, app);
    }
    if (!l.assignmentId) continue;
    const a = app.assignments.get(l.assignmentId) ?? { jurorId: l.jurorId!, name: l.jurorName ?? "", conflict: l.conflict!, submitted: !!l.sheetSubmittedAt, scores: {} };
    if (l.criterionId !== null && l.score !== null) a.scores[l.criterionId] = l.score;
    app.assignments.set(l.assignmentId, a);
  }
  // Released applications without any assignment were screened out: not part of the review.
  const reviewed = [...apps.values()].filter((a) => BEFORE_RELEASE.includes(a.info.status as ApplicationStatus) || a.assignments.size > 0);

  const versions = [...new Set(reviewed.map((a) => a.info.gridVersion))].sort((a, b) => a - b);
  const grids = versions.length
    ? await db.select({ version: callGrids.version, sections: callGrids.sections }).from(callGrids).where(and(eq(callGrids.callId, call.id), inArray(callGrids.version, versions)))
    : [];
  const gridBy = new Map<number, GridSection[]>(grids.map((g) => [g.version, g.sections]));
  const threshold = Number(call.disagreementThreshold);
  const byId = new Map(reviewed.map((a) => [a.info.applicationId, a]));

  const ranked = versions.flatMap((version) => {
    const group = reviewed.filter((a) => a.info.gridVersion === version);
    const input: ApplicationScores[] = group.map((a) => ({
      applicationId: a.info.applicationId,
      submittedAt: a.info.submittedAt,
      jurors: [...a.assignments.values()].filter((s) => s.submitted && s.conflict === "none").map((s) => ({ jurorId: s.jurorId, scores: s.scores })),
    }));
    return rankApplications({ sections: gridBy.get(version) ?? [] }, input, { disagreementThreshold: threshold }).map((result) => {
      const app = byId.get(result.applicationId)!;
      const sheets = [...app.assignments.values()];
      const names = new Map(sheets.map((s) => [s.jurorId, s.name]));
      return {
        ...app.info,
        status: app.info.status as ApplicationStatus,
        ...result,
        jurors: result.jurors.map((j) => ({ ...j, name: names.get(j.jurorId) ?? "" })),
        reviews: {
          assigned: sheets.filter((s) => s.conflict !== "declared").length,
          submitted: sheets.filter((s) => s.submitted).length,
          conflicts: sheets.filter((s) => s.conflict === "declared").length,
        },
      };
    });
  });
  const page = Math.max(1, Math.min(1000, Math.floor(opts.page ?? 1)));
  return {
    call: { id: call.id, code: call.code, titleFr: call.titleFr, titleAr: call.titleAr, disagreementThreshold: threshold },
    grids: Object.fromEntries(gridBy),
    mixedGrids: versions.length > 1,
    applications: opts.all ? ranked : ranked.slice((page - 1) * RESULTS_PAGE, page * RESULTS_PAGE),
    total: ranked.length,
    page: opts.all ? 1 : page,
    pageCount: opts.all ? 1 : Math.max(1, Math.ceil(ranked.length / RESULTS_PAGE)),
  };
}

/** The call's trail for operators, newest first, 50 a page, with the names of those who acted (null: the platform). */
export async function callTrail(opts: { db: DbOrTx; actor: Actor; callId: string; page?: number }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  if (!isUuid(opts.callId)) throw new NotFoundError();
  const page = Math.max(1, Math.min(10_000, Math.floor(opts.page ?? 1)));
  const events = await db
    .select({
      id: callEvents.id,
      action: callEvents.action,
      applicationId: callEvents.applicationId,
      reference: applications.reference,
      fromStatus: callEvents.fromStatus,
      toStatus: callEvents.toStatus,
      reason: callEvents.reason,
      data: callEvents.data,
      createdAt: callEvents.createdAt,
      actorId: callEvents.actorId,
      actorName: users.name,
    })
    .from(callEvents)
    .leftJoin(users, eq(users.id, callEvents.actorId))
    .leftJoin(applications, eq(applications.id, callEvents.applicationId))
    .where(eq(callEvents.callId, opts.callId))
    .orderBy(desc(callEvents.createdAt), desc(callEvents.id))
    .limit(TRAIL_PAGE)
    .offset((page - 1) * TRAIL_PAGE);
  const [{ total }] = await db.select({ total: count() }).from(callEvents).where(eq(callEvents.callId, opts.callId));
  return { events, page, pageCount: Math.max(1, Math.ceil(total / TRAIL_PAGE)), total };
}
