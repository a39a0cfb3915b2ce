// Running a call, the operators' reading side (issue 6, items 3, 4 and 6): the call with its counts, the
// applications list (filters, search, 20 a page, one query), an application's answers read-only, the jury board
// (applications to give out with their assignments), the observations to answer, the minutes and the CSV exports.
// Every change goes through screening.server.ts, applications.server.ts and decisions.server.ts; nothing here writes.
import { and, asc, count, eq, ilike, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { isOpen } from "./calls.server";
import { applicationDocuments, applications, callGrids, callJurors, calls, organizationDocuments, organizations, reviewAssignments, reviewScores, type GridSection } from "../../../db/schema";
import { APPLICATION_STATUSES, type ApplicationDecision, type ApplicationStatus, type ConflictState } from "../../../db/schema/enums";
import type { Locale, T } from "~/i18n/i18n";
import { toCsv, type CsvValue } from "~/lib/csv.server";
import { NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { type Actor, authorize } from "../organizations/authorize.server";
import { gridOf } from "./calls.server";
import { round1 } from "./scoring";
import { callResults } from "./screening.server";

export const APPLICATIONS_PAGE = 20;
export const BOARD_PAGE = 20;
export const EXPORT_LIMIT = 10_000;

/** The operators' page of a call: the call by its code, with its applications counted by status and decision. */
export async function operatorCall(opts: { db: DbOrTx; actor: Actor; code: string }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  const code = opts.code.trim().toUpperCase();
  if (!/^[A-Z0-9-]{2,40}$/.test(code)) throw new NotFoundError();
  const [call] = await db.select().from(calls).where(eq(calls.code, code));
  if (!call) throw new NotFoundError();
  const byStatus = await db.select({ status: applications.status, n: count() }).from(applications).where(eq(applications.callId, call.id)).groupBy(applications.status);
  const byDecision = await db
    .select({ decision: applications.decision, n: count() })
    .from(applications)
    .where(and(eq(applications.callId, call.id), isNotNull(applications.decision), inArray(applications.status, ["decided", "released", "contested", "answered"])))
    .groupBy(applications.decision);
  const counts = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, byStatus.find((r) => r.status === s)?.n ?? 0])) as Record<ApplicationStatus, number>;
  const decisions: Partial<Record<ApplicationDecision, number>> = Object.fromEntries(byDecision.map((r) => [r.decision!, r.n]));
  return {
    call: { ...call, disagreementThreshold: Number(call.disagreementThreshold) },
    // Reopening makes sense only while the applicant can still submit again.
    open: isOpen(call, new Date()),
    counts,
    decisions,
    // Laureates of a label, seats of a selection, against the call's number.
    chosen: (decisions.laureate ?? 0) + (decisions.selected ?? 0),
  };
}

export type OperatorCall = Awaited<ReturnType<typeof operatorCall>>["call"];

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The call's applications for operators, drafts included (the status filter leaves them out when asked), searched
 * by reference or organisation name, 20 a page, newest submissions first: one query with the organisation, the
 * screening reason and the reviews submitted / assigned (a declared conflict is not an assignment).
 */
export async function listCallApplications(opts: { db: DbOrTx; actor: Actor; callId: string; status?: ApplicationStatus | null; q?: string | null; page?: number }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  if (!isUuid(opts.callId)) throw new NotFoundError();
  const page = Math.max(1, Math.min(10_000, Math.floor(opts.page ?? 1)));
  const q = opts.q?.trim().slice(0, 100) || null;
  const where = and(
    eq(applications.callId, opts.callId),
    opts.status ? eq(applications.status, opts.status) : undefined,
    q ? or(ilike(applications.reference, likeOf(q)), ilike(organizations.name, likeOf(q)), ilike(organizations.nameAr, likeOf(q))) : undefined,
  );
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      submittedAt: applications.submittedAt,
      eligibilityReason: applications.eligibilityReason,
      reopenReason: applications.reopenReason,
      decision: applications.decision,
      organization: { slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr },
      assigned: sql<number>`count(${reviewAssignments.id}) filter (where ${reviewAssignments.conflict} <> 'declared')`.mapWith(Number),
      submitted: sql<number>`count(${reviewAssignments.id}) filter (where ${reviewAssignments.submittedAt} is not null)`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .leftJoin(reviewAssignments, eq(reviewAssignments.applicationId, applications.id))
    .where(where)
    .groupBy(applications.id, organizations.id)
    .orderBy(sql`${applications.submittedAt} desc nulls last`, asc(applications.reference))
    .limit(APPLICATIONS_PAGE)
    .offset((page - 1) * APPLICATIONS_PAGE);
  const total = rows[0]?.total ?? 0;
  return {
    applications: rows.map(({ total: _total, ...r }) => ({ ...r, status: r.status as ApplicationStatus, decision: r.decision as ApplicationDecision | null })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / APPLICATIONS_PAGE)),
  };
}

/** One application of the call, read-only for operators: the answers against its grid, the documents' titles, its reviewers. */
export async function operatorDossier(opts: { db: DbOrTx; actor: Actor; callId: string; reference: string }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  const reference = opts.reference.trim().toUpperCase();
  if (!/^[A-Z0-9-]{2,60}$/.test(reference)) throw new NotFoundError();
  const [row] = await db
    .select({ application: applications, organization: { slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr } })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(and(eq(applications.callId, opts.callId), eq(applications.reference, reference)));
  if (!row) throw new NotFoundError();
  const a = row.application;
  const grid = await gridOf(db, a.callId, a.gridVersion);
  const documents = await db
    .select({ id: organizationDocuments.id, title: organizationDocuments.title, kind: organizationDocuments.kind, fileName: organizationDocuments.fileName })
    .from(applicationDocuments)
    .innerJoin(organizationDocuments, eq(organizationDocuments.id, applicationDocuments.documentId))
    .where(eq(applicationDocuments.applicationId, a.id))
    .limit(50);
  const reviewers = await db
    .select({ name: callJurors.name, conflict: reviewAssignments.conflict, submittedAt: reviewAssignments.submittedAt })
    .from(reviewAssignments)
    .innerJoin(callJurors, eq(callJurors.id, reviewAssignments.jurorId))
    .where(eq(reviewAssignments.applicationId, a.id))
    .orderBy(asc(callJurors.name))
    .limit(50);
  return {
    application: {
      id: a.id,
      reference: a.reference,
      status: a.status as ApplicationStatus,
      answers: a.answers,
      submittedAt: a.submittedAt,
      eligibilityReason: a.eligibilityReason,
      reopenReason: a.reopenReason,
      decision: a.decision as ApplicationDecision | null,
      decisionReason: a.decisionReason,
      feedback: a.feedback,
    },
    organization: row.organization,
    grid,
    documents,
    reviewers: reviewers.map((r) => ({ ...r, conflict: r.conflict as ConflictState })),
  };
}

/**
 * The jury board: applications that may be given to jurors (eligible, under review), 20 a page, each with its
 * assignments — who has it, the conflict answer, whether the sheet is in. Two queries.
 */
export async function juryBoard(opts: { db: DbOrTx; actor: Actor; callId: string; page?: number }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  if (!isUuid(opts.callId)) throw new NotFoundError();
  const page = Math.max(1, Math.min(10_000, Math.floor(opts.page ?? 1)));
  const where = and(eq(applications.callId, opts.callId), inArray(applications.status, ["eligible", "under_review"]));
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      organization: { name: organizations.name, nameAr: organizations.nameAr },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(where)
    .orderBy(asc(applications.reference))
    .limit(BOARD_PAGE)
    .offset((page - 1) * BOARD_PAGE);
  const ids = rows.map((r) => r.id);
  const assignments = ids.length
    ? await db
        .select({
          id: reviewAssignments.id,
          applicationId: reviewAssignments.applicationId,
          jurorId: reviewAssignments.jurorId,
          name: callJurors.name,
          conflict: reviewAssignments.conflict,
          conflictNote: reviewAssignments.conflictNote,
          submittedAt: reviewAssignments.submittedAt,
        })
        .from(reviewAssignments)
        .innerJoin(callJurors, eq(callJurors.id, reviewAssignments.jurorId))
        .where(inArray(reviewAssignments.applicationId, ids))
        .orderBy(asc(reviewAssignments.assignedAt))
    : [];
  const total = rows[0]?.total ?? 0;
  return {
    applications: rows.map(({ total: _t, ...r }) => ({
      ...r,
      status: r.status as ApplicationStatus,
      assignments: assignments.filter((x) => x.applicationId === r.id).map((x) => ({ ...x, conflict: x.conflict as ConflictState })),
    })),
    page,
    pageCount: Math.max(1, Math.ceil(total / BOARD_PAGE)),
  };
}

/** Decision fields of some applications of the call (those on a page of results), one query. */
export async function decisionsOf(opts: { db: DbOrTx; actor: Actor; callId: string; ids: string[] }) {
  authorize(opts.actor, "platform.calls");
  if (opts.ids.length === 0) return [];
  return opts.db
    .select({
      id: applications.id,
      decision: applications.decision,
      decisionReason: applications.decisionReason,
      feedback: applications.feedback,
      decidedAt: applications.decidedAt,
    })
    .from(applications)
    .where(and(eq(applications.callId, opts.callId), inArray(applications.id, opts.ids.slice(0, 200))));
}

/** Observations sent on released results, to answer (contested first, then answered), 20 a page. */
export async function contestedApplications(opts: { db: DbOrTx; actor: Actor; callId: string; page?: number }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  const page = Math.max(1, Math.min(10_000, Math.floor(opts.page ?? 1)));
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      decision: applications.decision,
      contestText: applications.contestText,
      contestedAt: applications.contestedAt,
      answerText: applications.answerText,
      answeredAt: applications.answeredAt,
      organization: { name: organizations.name, nameAr: organizations.nameAr },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(and(eq(applications.callId, opts.callId), inArray(applications.status, ["contested", "answered"])))
    .orderBy(sql`case when ${applications.status} = 'contested' then 0 else 1 end`, asc(applications.contestedAt), asc(applications.reference))
    .limit(APPLICATIONS_PAGE)
    .offset((page - 1) * APPLICATIONS_PAGE);
  const total = rows[0]?.total ?? 0;
  return {
    applications: rows.map(({ total: _t, ...r }) => ({ ...r, status: r.status as ApplicationStatus, decision: r.decision as ApplicationDecision | null })),
    page,
    pageCount: Math.max(1, Math.ceil(total / APPLICATIONS_PAGE)),
  };
}

const DECIDED: ApplicationStatus[] = ["decided", "released", "contested", "answered"];

/**
 * The jury's minutes: the call, the jurors' names, each decided application with its rank, mean score and the
 * decision with its reasons (ranked first, then by reference), and the counts per decision.
 */
export async function callMinutes(opts: { db: DbOrTx; actor: Actor; code: string }) {
  const { db, actor } = opts;
  const { call, decisions } = await operatorCall({ db, actor, code: opts.code });
  // The jury that sat: jurors with at least one submitted sheet, not everyone invited.
  const jurors = await db
    .select({ name: callJurors.name })
    .from(callJurors)
    .where(and(eq(callJurors.callId, call.id), sql`exists (select 1 from review_assignments r where r.juror_id = ${callJurors.id} and r.submitted_at is not null)`))
    .orderBy(asc(callJurors.name))
    .limit(500);
  const decided = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      decision: applications.decision,
      decisionReason: applications.decisionReason,
      decidedAt: applications.decidedAt,
      organization: { name: organizations.name, nameAr: organizations.nameAr },
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(and(eq(applications.callId, call.id), inArray(applications.status, DECIDED), isNotNull(applications.decision)))
    .orderBy(asc(applications.reference))
    .limit(EXPORT_LIMIT);
  const results = await callResults({ db, actor, callId: call.id, all: true });
  const scoreOf = new Map(results.applications.map((r) => [r.applicationId, { rank: r.rank, mean: r.total ? round1(r.total.mean) : null }]));
  const rows = decided
    .map((d) => ({ ...d, decision: d.decision as ApplicationDecision, rank: scoreOf.get(d.id)?.rank ?? null, mean: scoreOf.get(d.id)?.mean ?? null }))
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.reference.localeCompare(b.reference));
  return { call, jurors: jurors.map((j) => j.name), applications: rows, decisions };
}

/**
 * Whether an application (or an assignment's application) belongs to this call: the page of one call acts on its
 * own applications only; anything else is 404.
 */
export async function ensureOfCall(db: DbOrTx, callId: string, ref: { applicationId?: string; assignmentId?: string }) {
  const id = ref.applicationId ?? ref.assignmentId ?? "";
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = ref.applicationId
    ? await db.select({ id: applications.id }).from(applications).where(and(eq(applications.id, id), eq(applications.callId, callId)))
    : await db
        .select({ id: reviewAssignments.id })
        .from(reviewAssignments)
        .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
        .where(and(eq(reviewAssignments.id, id), eq(applications.callId, callId)));
  if (!row) throw new NotFoundError();
}

/** A score for a spreadsheet: one decimal with a decimal comma, as French Excel (the one that reads semicolons) expects. */
const decimal = (x: number) => String(round1(x)).replace(".", ",");

/** A Morocco wall-clock time for a spreadsheet: "2026-06-30 20:00". */
const moroccoCell = (d: Date | null) => (d ? instantToMoroccoLocal(d).replace("T", " ") : null);

/** Every application of the call, one line each: reference, organisation, status, screening, decision, scores, rank. */
export async function applicationsCsv(opts: { db: DbOrTx; actor: Actor; callId: string; t: T; locale: Locale }) {
  const { db, actor, t } = opts;
  authorize(actor, "platform.calls");
  const rows = await db
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      submittedAt: applications.submittedAt,
      eligibilityReason: applications.eligibilityReason,
      decision: applications.decision,
      decisionReason: applications.decisionReason,
      feedback: applications.feedback,
      organization: { name: organizations.name, nameAr: organizations.nameAr },
    })
    .from(applications)
    .innerJoin(organizations, eq(organizations.id, applications.organizationId))
    .where(eq(applications.callId, opts.callId))
    .orderBy(asc(applications.reference))
    .limit(EXPORT_LIMIT);
  const results = await callResults({ db, actor, callId: opts.callId, all: true });
  const byId = new Map(results.applications.map((r) => [r.applicationId, r]));
  const header: CsvValue[] = [
    t("callOps.csv.reference"),
    t("callOps.csv.organization"),
    t("callOps.csv.status"),
    t("callOps.csv.submittedAt"),
    t("callOps.csv.eligibilityReason"),
    t("callOps.csv.decision"),
    t("callOps.csv.reasons"),
    t("callOps.csv.feedback"),
    t("callOps.csv.mean"),
    t("callOps.csv.median"),
    t("callOps.csv.spread"),
    t("callOps.csv.rank"),
  ];
  const lines: CsvValue[][] = rows.map((r) => {
    const s = byId.get(r.id);
    return [
      r.reference,
      opts.locale === "ar" && r.organization.nameAr ? r.organization.nameAr : r.organization.name,
      t(`calls.status.${r.status as ApplicationStatus}`),
      moroccoCell(r.submittedAt),
      r.eligibilityReason,
      r.decision ? t(`calls.decision.${r.decision as ApplicationDecision}`) : null,
      r.decisionReason,
      r.feedback,
      s?.total ? decimal(s.total.mean) : null,
      s?.total ? decimal(s.total.median) : null,
      s?.total ? decimal(s.total.spread) : null,
      s?.rank ?? null,
    ];
  });
  return toCsv([header, ...lines]);
}

/** Every submitted score of the call, one line per juror and criterion, with the comment and when the sheet came in. */
export async function scoresCsv(opts: { db: DbOrTx; actor: Actor; callId: string; t: T; locale: Locale }) {
  const { db, actor, t } = opts;
  authorize(actor, "platform.calls");
  const rows = await db
    .select({
      reference: applications.reference,
      gridVersion: applications.gridVersion,
      juror: callJurors.name,
      criterionId: reviewScores.criterionId,
      score: reviewScores.score,
      comment: reviewScores.comment,
      submittedAt: reviewAssignments.submittedAt,
    })
    .from(reviewScores)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviewScores.assignmentId))
    .innerJoin(callJurors, eq(callJurors.id, reviewAssignments.jurorId))
    .innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
    // Drafts stay the juror's: only submitted sheets are exported.
    .where(and(eq(applications.callId, opts.callId), isNotNull(reviewAssignments.submittedAt), eq(reviewAssignments.conflict, "none")))
    .orderBy(asc(applications.reference), asc(callJurors.name), asc(reviewScores.criterionId))
    .limit(100_000);
  const grids = await db.select({ version: callGrids.version, sections: callGrids.sections }).from(callGrids).where(eq(callGrids.callId, opts.callId));
  const titles = new Map<string, string>();
  for (const g of grids) {
    for (const s of g.sections as GridSection[]) for (const c of s.criteria) titles.set(`${g.version}:${c.id}`, opts.locale === "ar" ? c.titleAr : c.titleFr);
  }
  const header: CsvValue[] = [t("callOps.csv.reference"), t("callOps.csv.juror"), t("callOps.csv.criterion"), t("callOps.csv.score"), t("callOps.csv.comment"), t("callOps.csv.sheetSubmittedAt")];
  const lines: CsvValue[][] = rows.map((r) => [r.reference, r.juror, titles.get(`${r.gridVersion}:${r.criterionId}`) ?? r.criterionId, r.score, r.comment, moroccoCell(r.submittedAt)]);
  return toCsv([header, ...lines]);
}

/** The call's id by its code, for the exports; 404 otherwise. */
export async function callIdByCode(db: DbOrTx, actor: Actor, code: string) {
  authorize(actor, "platform.calls");
  const c = code.trim().toUpperCase();
  if (!/^[A-Z0-9-]{2,40}$/.test(c)) throw new NotFoundError();
  const [call] = await db.select({ id: calls.id, code: calls.code }).from(calls).where(eq(calls.code, c));
  if (!call) throw new NotFoundError();
  return call;
}


