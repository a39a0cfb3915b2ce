// The review of a call (issue 6, item 3; decision 017), the juror's side: a juror answers the conflict-of-interest
// question before seeing an application, scores each criterion of its grid, and sees the other jurors' sheets only
// once theirs is submitted. The arithmetic is scoring.ts's; the operators' side (screening, jurors, assignments,
// results, the trail) is in screening.server.ts.
import { and, asc, count, desc, eq, isNotNull, isNull, notInArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { applicationDocuments, applications, callJurors, callRequirements, calls, organizationDocuments, organizations, reviewAssignments, reviewScores } from "../../../db/schema";
import type { ApplicationStatus, ConflictState } from "../../../db/schema/enums";
import type { MessageKey } from "~/i18n/i18n";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import type { Actor } from "../organizations/authorize.server";
import { gridOf, trail } from "./calls.server";
import { COMMENT_MAX, CONFLICT_NOTE_MAX, CONFLICT_NOTE_MIN } from "./rules";
import { jurorResult, validateScores } from "./scoring";

export const ASSIGNMENTS_PAGE = 50;

/** The actor's address when they proved it is theirs (lower-case), as SQL; null otherwise. */
const verifiedEmail = (userId: string) =>
  sql`(select lower(u.email) from users u where u.id = ${userId} and u.email_verified_at is not null and u.deleted_at is null)`;

/** Links the juror rows invited at the actor's verified address to their account, the first time they come. */
async function linkJurors(db: DbOrTx, userId: string, callId?: string) {
  await db
    .update(callJurors)
    .set({ userId, acceptedAt: new Date() })
    .where(and(isNull(callJurors.userId), sql`${callJurors.email} = ${verifiedEmail(userId)}`, callId ? eq(callJurors.callId, callId) : undefined));
}

/**
 * The actor's juror row on this call, or null. A juror is the account linked to the invitation, or — until one
 * is — whoever signs in with the invited address, verified; that first time links them (user_id, accepted_at).
 */
export async function jurorFor(db: DbOrTx, callId: string, actor: Actor) {
  if (!actor || !isUuid(callId)) return null;
  await linkJurors(db, actor.id, callId);
  const [juror] = await db
    .select()
    .from(callJurors)
    .where(and(eq(callJurors.callId, callId), eq(callJurors.userId, actor.id)))
    .limit(1);
  return juror ?? null;
}

/** An assignment of the actor's, with what the checks need; 404 for anyone else's (they learn nothing of it). */
/** 404 unless the assignment is the actor's own: the jury's page checks it before reading a form. */
export async function requireOwnAssignment(db: DbOrTx, assignmentId: string, actor: Actor) {
  await ownAssignment(db, assignmentId, actor);
}

async function ownAssignment(db: DbOrTx, assignmentId: string, actor: Actor, lock = false) {
  if (!actor || !isUuid(assignmentId)) throw new NotFoundError();
  const query = db
    .select({
      id: reviewAssignments.id,
      applicationId: reviewAssignments.applicationId,
      jurorId: reviewAssignments.jurorId,
      conflict: reviewAssignments.conflict,
      conflictAt: reviewAssignments.conflictAt,
      submittedAt: reviewAssignments.submittedAt,
      callId: callJurors.callId,
      jurorUserId: callJurors.userId,
      mine: sql<boolean>`${callJurors.userId} = ${actor.id} or (${callJurors.userId} is null and ${callJurors.email} = ${verifiedEmail(actor.id)})`,
    })
    .from(reviewAssignments)
    .innerJoin(callJurors, eq(callJurors.id, reviewAssignments.jurorId))
    .where(eq(reviewAssignments.id, assignmentId));
  const [assignment] = lock ? await query.for("update", { of: reviewAssignments }) : await query;
  if (!assignment?.mine) throw new NotFoundError();
  if (!assignment.jurorUserId) await linkJurors(db, actor.id, assignment.callId);
  return assignment;
}

/** The juror answers the conflict-of-interest question, once: "none" opens the dossier, "declared" closes it for good. */
export async function declareConflict(opts: { db: DbOrTx; actor: Actor; assignmentId: string; conflict: "none" | "declared"; note?: string | null }) {
  const { db, actor } = opts;
  const note = opts.note?.trim() || null;
  return db.transaction(async (tx) => {
    const assignment = await ownAssignment(tx, opts.assignmentId, actor, true);
    if (assignment.conflict !== "pending") throw new ConflictError("review.errors.conflictAnswered");
    if (opts.conflict !== "none" && opts.conflict !== "declared") throw new DomainError(400, "review.errors.conflictChoice");
    if (opts.conflict === "declared" && (!note || note.length < CONFLICT_NOTE_MIN || note.length > CONFLICT_NOTE_MAX)) {
      throw new DomainError(400, "review.errors.conflictNote");
    }
    const kept = opts.conflict === "declared" ? note : null;
    await tx.update(reviewAssignments).set({ conflict: opts.conflict, conflictNote: kept, conflictAt: new Date() }).where(eq(reviewAssignments.id, assignment.id));
    await trail(tx, {
      callId: assignment.callId,
      applicationId: assignment.applicationId,
      action: "declareConflict",
      actorId: actor!.id,
      reason: kept,
      data: { assignmentId: assignment.id, jurorId: assignment.jurorId, conflict: opts.conflict },
    });
    return { conflict: opts.conflict };
  });
}

export interface SheetProblem {
  code: MessageKey;
  criterionId: string;
}

/** A sheet that cannot be saved: every problem, each with its criterion, for the form to show beside it. */
export class SheetInvalid extends DomainError {
  constructor(readonly problems: SheetProblem[]) {
    super(400, problems[0].code);
  }
}

/**
 * The juror saves their sheet for one assignment: a draft may be partial, a submission scores every criterion.
 * The sheet replaces what was saved (a criterion left empty is removed). Scores are whole points from 0 to the
 * criterion's maximum, in the grid version the application was written against; a comment goes with a score, and a
 * submission has one for every criterion.
 * Submitting closes the sheet and writes it, scores and comments, to the trail.
 */
export async function saveScores(opts: {
  db: DbOrTx;
  actor: Actor;
  assignmentId: string;
  scores: Record<string, number | null | undefined>;
  comments?: Record<string, string | null | undefined>;
  submit: boolean;
}) {
  const { db, actor } = opts;
  return db.transaction(async (tx) => {
    const assignment = await ownAssignment(tx, opts.assignmentId, actor, true);
    if (assignment.conflict === "declared") throw new NotFoundError();
    if (assignment.conflict === "pending") throw new ConflictError("review.errors.declareFirst");
    if (assignment.submittedAt) throw new ConflictError("review.errors.alreadySubmitted");
    const [application] = await tx
      .select({ status: applications.status, gridVersion: applications.gridVersion, callId: applications.callId })
      .from(applications)
      .where(eq(applications.id, assignment.applicationId))
      // Held until the sheet is in: a decision cannot slip in between this check and the submission.
      .for("share");
    if (application.status !== "under_review") throw new ConflictError("review.errors.notUnderReview");
    const sections = await gridOf(tx, application.callId, application.gridVersion);

    const scores: Record<string, number> = {};
    for (const [id, value] of Object.entries(opts.scores)) if (value !== null && value !== undefined) scores[id] = value;
    const comments: Record<string, string> = {};
    for (const [id, value] of Object.entries(opts.comments ?? {})) if (value?.trim()) comments[id] = value.trim();

    const problems: SheetProblem[] = validateScores({ sections }, scores).filter((p) => opts.submit || p.code !== "calls.errors.scoreMissing");
    for (const [id, comment] of Object.entries(comments)) {
      if (comment.length > COMMENT_MAX) problems.push({ code: "review.errors.commentTooLong", criterionId: id });
      else if (!(id in scores)) problems.push({ code: "review.errors.commentWithoutScore", criterionId: id });
    }
    // A submitted score is explained: the programme's feedback to the applicant is drawn from these comments.
    if (opts.submit) {
      for (const id of Object.keys(scores)) if (!comments[id]) problems.push({ code: "review.errors.commentMissing", criterionId: id });
    }
    if (problems.length) throw new SheetInvalid(problems);

    const given = Object.keys(scores);
    await tx
      .delete(reviewScores)
      .where(and(eq(reviewScores.assignmentId, assignment.id), given.length ? notInArray(reviewScores.criterionId, given) : undefined));
    if (given.length) {
      await tx
        .insert(reviewScores)
        .values(given.map((criterionId) => ({ assignmentId: assignment.id, criterionId, score: scores[criterionId], comment: comments[criterionId] ?? null })))
        .onConflictDoUpdate({
          target: [reviewScores.assignmentId, reviewScores.criterionId],
          set: { score: sql`excluded.score`, comment: sql`excluded.comment`, updatedAt: new Date() },
        });
    }
    const savedAt = new Date();
    if (opts.submit) {
      await tx.update(reviewAssignments).set({ submittedAt: savedAt }).where(eq(reviewAssignments.id, assignment.id));
      const result = jurorResult({ sections }, { jurorId: assignment.jurorId, scores });
      await trail(tx, {
        callId: application.callId,
        applicationId: assignment.applicationId,
        action: "submitScores",
        actorId: actor!.id,
        data: { assignmentId: assignment.id, jurorId: assignment.jurorId, gridVersion: application.gridVersion, scores, comments, sections: result.sections, total: result.total },
        at: savedAt,
      });
    }
    return { submitted: opts.submit, savedAt };
  });
}

type Sheet = Record<string, { score: number; comment: string | null }>;

/**
 * What the juror sees of one assignment. Anyone else's assignment, or one with a declared conflict: 404. While
 * the conflict question is pending: the call, the reference and the organisation — what is needed to answer it,
 * not the answers. With no conflict: the answers, the grid and their own sheet; the other jurors' submitted sheets
 * only once theirs is submitted, anonymised as "Juror 1, 2…" in the order they were submitted.
 */
export async function jurorDossier(opts: { db: DbOrTx; actor: Actor; assignmentId: string }) {
  const { db, actor } = opts;
  const assignment = await ownAssignment(db, opts.assignmentId, actor);
  if (assignment.conflict === "declared") throw new NotFoundError();
  const [row] = await db
    .select({
      callId: calls.id,
      code: calls.code,
      titleFr: calls.titleFr,
      titleAr: calls.titleAr,
      reference: applications.reference,
      status: applications.status,
      gridVersion: applications.gridVersion,
      answers: applications.answers,
      organization: { name: organizations.name, nameAr: organizations.nameAr },
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(eq(applications.id, assignment.applicationId));
  const head = {
    assignment: { id: assignment.id, conflict: assignment.conflict as ConflictState, conflictAt: assignment.conflictAt, submittedAt: assignment.submittedAt },
    call: { id: row.callId, code: row.code, titleFr: row.titleFr, titleAr: row.titleAr },
    application: { reference: row.reference, organization: row.organization },
  };
  if (assignment.conflict === "pending") return { ...head, dossier: null };

  const sections = await gridOf(db, row.callId, row.gridVersion);
  // Own sheet, and — once submitted — the others' submitted sheets: one query over the application's assignments.
  const lines = await db
    .select({
      assignmentId: reviewAssignments.id,
      jurorId: reviewAssignments.jurorId,
      submittedAt: reviewAssignments.submittedAt,
      criterionId: reviewScores.criterionId,
      score: reviewScores.score,
      comment: reviewScores.comment,
    })
    .from(reviewAssignments)
    .innerJoin(reviewScores, eq(reviewScores.assignmentId, reviewAssignments.id))
    .where(
      and(
        eq(reviewAssignments.applicationId, assignment.applicationId),
        assignment.submittedAt
          ? or(eq(reviewAssignments.id, assignment.id), and(isNotNull(reviewAssignments.submittedAt), eq(reviewAssignments.conflict, "none")))
          : eq(reviewAssignments.id, assignment.id),
      ),
    )
    .orderBy(asc(reviewAssignments.submittedAt), asc(reviewAssignments.id));
  const sheets = new Map<string, { jurorId: string; sheet: Sheet }>();
  for (const line of lines) {
    const entry = sheets.get(line.assignmentId) ?? { jurorId: line.jurorId, sheet: {} };
    entry.sheet[line.criterionId] = { score: line.score, comment: line.comment };
    sheets.set(line.assignmentId, entry);
  }
  const points = (sheet: Sheet) => Object.fromEntries(Object.entries(sheet).map(([id, s]) => [id, s.score]));
  const own = sheets.get(assignment.id)?.sheet ?? {};
  const others = assignment.submittedAt
    ? [...sheets.entries()]
        .filter(([id]) => id !== assignment.id)
        .map(([, { jurorId, sheet }], i) => {
          const result = jurorResult({ sections }, { jurorId, scores: points(sheet) });
          return { n: i + 1, total: result.total, sections: result.sections, scores: sheet };
        })
    : null;
  // The documents the applicant attached, for download through the vault's private route.
  const documents = await db
    .select({ id: organizationDocuments.id, title: organizationDocuments.title, kind: organizationDocuments.kind, requirementFr: callRequirements.labelFr, requirementAr: callRequirements.labelAr })
    .from(applicationDocuments)
    .innerJoin(organizationDocuments, eq(organizationDocuments.id, applicationDocuments.documentId))
    .innerJoin(callRequirements, eq(callRequirements.id, applicationDocuments.requirementId))
    .where(eq(applicationDocuments.applicationId, assignment.applicationId))
    .orderBy(asc(callRequirements.position));
  return {
    ...head,
    dossier: {
      documents,
      status: row.status as ApplicationStatus,
      answers: row.answers,
      gridVersion: row.gridVersion,
      grid: sections,
      canScore: row.status === "under_review" && !assignment.submittedAt,
      own: { scores: own, ...jurorResult({ sections }, { jurorId: assignment.jurorId, scores: points(own) }) },
      others,
    },
  };
}

/** The actor's assignments across calls, newest calls first, for the jury's page (50 a page). */
export async function jurorAssignments(opts: { db: DbOrTx; actor: Actor; page?: number }) {
  const { db, actor } = opts;
  if (!actor) throw new NotFoundError();
  const page = Math.max(1, Math.min(1000, Math.floor(opts.page ?? 1)));
  await linkJurors(db, actor.id);
  const mine = eq(callJurors.userId, actor.id);
  const rows = await db
    .select({
      assignmentId: reviewAssignments.id,
      conflict: reviewAssignments.conflict,
      submittedAt: reviewAssignments.submittedAt,
      assignedAt: reviewAssignments.assignedAt,
      call: { id: calls.id, code: calls.code, titleFr: calls.titleFr, titleAr: calls.titleAr, closesAt: calls.closesAt },
      reference: applications.reference,
      applicationStatus: applications.status,
      organization: { name: organizations.name, nameAr: organizations.nameAr },
      // Whether a draft sheet was saved (scores exist before the submission).
      drafted: sql<boolean>`exists (select 1 from review_scores s where s.assignment_id = ${reviewAssignments.id})`,
    })
    .from(reviewAssignments)
    .innerJoin(callJurors, eq(callJurors.id, reviewAssignments.jurorId))
    .innerJoin(calls, eq(calls.id, callJurors.callId))
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(mine)
    .orderBy(desc(calls.closesAt), asc(calls.code), asc(applications.reference))
    .limit(ASSIGNMENTS_PAGE)
    .offset((page - 1) * ASSIGNMENTS_PAGE);
  const [{ total }] = await db.select({ total: count() }).from(reviewAssignments).innerJoin(callJurors, eq(callJurors.id, reviewAssignments.jurorId)).where(mine);
  return {
    assignments: rows.map((r) => ({
      ...r,
      conflict: r.conflict as ConflictState,
      // What the juror has left to do here.
      state: r.conflict === "declared" ? "closed" : r.conflict === "pending" ? "declare" : r.submittedAt ? "submitted" : r.applicationStatus !== "under_review" ? "closed" : r.drafted ? "draft" : "score",
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / ASSIGNMENTS_PAGE)),
  };
}
