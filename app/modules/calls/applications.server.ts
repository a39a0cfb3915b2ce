// Applying to a call (issue 6, item 2; decision 017): an eligible organisation's managers start one
// application per call, the answers are saved on the server as they type, documents come from the
// organisation's vault, and the application is submitted — strictly before the closing instant, complete —
// after which it is read-only until an operator reopens it with a reason.
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { applicationDocuments, applications, callRequirements, calls, memberships, organizationDocuments, organizations, users, type GridSection } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { absolute } from "../orders/notify.server";
import { type Actor, authorize, can } from "../organizations/authorize.server";
import { loadOrganization } from "../organizations/organizations.server";
import { gridOf, isOpen, lockCall, trail } from "./calls.server";
import { documentFits } from "./documents";
import { applicationPath } from "./rules";
import { applicantStatus, IllegalTransition, next } from "./states";

type Application = typeof applications.$inferSelect;
type Call = typeof calls.$inferSelect;
type Requirement = typeof callRequirements.$inferSelect;

/** Every question of a grid, in order. */
export const questionsOf = (grid: GridSection[]) => grid.flatMap((s) => s.criteria.flatMap((c) => c.questions));

/** What is still missing before submitting: unanswered questions and required documents not attached. */
export function missingFor(grid: GridSection[], answers: Record<string, string>, requirements: Pick<Requirement, "id" | "required">[], attached: string[]) {
  return {
    questions: questionsOf(grid)
      .filter((q) => !(answers[q.id] ?? "").trim())
      .map((q) => q.id),
    documents: requirements.filter((r) => r.required && !attached.includes(r.id)).map((r) => r.id),
  };
}

function isDuplicate(error: unknown) {
  const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause;
  return cause?.code === "23505" && cause.constraint_name === "applications_call_org_idx";
}

/** Why this organisation may not apply to this call now, or null. */
export function refusalFor(call: Pick<Call, "audience" | "opensAt" | "closesAt" | "publishedAt">, org: { kind: string; verificationStatus: string }, now: Date) {
  if (!call.publishedAt) return "calls.errors.notFound" as const;
  if (now.getTime() < call.opensAt.getTime()) return "calls.errors.notOpenYet" as const;
  if (!isOpen(call, now)) return "calls.errors.deadline" as const;
  if (!(call.audience as string[]).includes(org.kind)) return "calls.errors.wrongKind" as const;
  if (org.verificationStatus !== "verified") return "calls.errors.notVerified" as const;
  return null;
}

/**
 * An organisation's managers start its application. For a label, the latest application that earned the
 * organisation a label is copied in, answer by answer where the question still exists: a renewal starts
 * pre-filled.
 */
export async function startApplication(opts: { db: DbOrTx; actor: Actor; callCode: string; slug: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new ForbiddenError();
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  authorize(actor, "org.calls.apply", { membershipRole: role });
  try {
    return await db.transaction(async (tx) => {
      const [call] = await tx.select().from(calls).where(eq(calls.code, opts.callCode.toUpperCase()));
      if (!call || !call.publishedAt) throw new NotFoundError();
      const refusal = refusalFor(call, org, now);
      if (refusal) throw new ConflictError(refusal);
      const grid = await gridOf(tx, call.id, call.gridVersion);
      const previous = call.kind === "label" ? await previousLabelled(tx, org.id) : null;
      const known = new Set(questionsOf(grid).map((q) => q.id));
      const answers = previous ? Object.fromEntries(Object.entries(previous.answers).filter(([id]) => known.has(id))) : {};
      const [{ seq }] = await tx.execute<{ seq: string }>(sql`select nextval('application_number_seq')::text as seq`);
      const [application] = await tx
        .insert(applications)
        .values({
          reference: `${call.code}-${seq.padStart(4, "0")}`,
          callId: call.id,
          organizationId: org.id,
          status: "draft",
          gridVersion: call.gridVersion,
          answers,
          renewalOf: previous?.id ?? null,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning();
      await trail(tx, { callId: call.id, applicationId: application.id, action: "startApplication", to: "draft", actorId: actor.id, at: now, data: { renewalOf: previous?.id ?? null } });
      return application;
    });
  } catch (error) {
    if (isDuplicate(error)) throw new ConflictError("calls.errors.alreadyApplied");
    throw error;
  }
}

/** The organisation's latest application that earned a label (a laureate of a label call), for a renewal. */
async function previousLabelled(tx: DbOrTx, organizationId: string) {
  const [row] = await tx
    .select({ id: applications.id, answers: applications.answers })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(and(eq(applications.organizationId, organizationId), eq(calls.kind, "label"), eq(applications.decision, "laureate"), isNotNull(calls.releasedAt)))
    .orderBy(desc(calls.closesAt))
    .limit(1);
  return row ?? null;
}

/** The application, locked, with its organisation's role for the actor: managers act, members read, others get a 404. */
async function lockForApplicant(tx: DbOrTx, applicationId: string, actor: Actor) {
  if (!actor || !isUuid(applicationId)) throw new NotFoundError();
  const [application] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
  if (!application) throw new NotFoundError();
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, application.organizationId), eq(memberships.userId, actor.id)));
  if (!member) throw new NotFoundError();
  if (!can(actor, "org.calls.apply", { membershipRole: member.role })) throw new ForbiddenError();
  return application;
}

/** The call an application belongs to, read without a lock (so the call can be locked before the application). */
export async function callIdOf(tx: DbOrTx, applicationId: string) {
  if (!isUuid(applicationId)) throw new NotFoundError();
  const [row] = await tx.select({ callId: applications.callId }).from(applications).where(eq(applications.id, applicationId));
  if (!row) throw new NotFoundError();
  return row.callId;
}

function requireDraft(application: Application) {
  if (application.status !== "draft") throw new ConflictError("calls.errors.readOnly");
}

export const MAX_STEP = 20;

/**
 * Saves what the person typed (some answers, the step they are on) and says when. Only the grid's questions,
 * each within its length; an unknown question is refused, never stored.
 */
export async function saveAnswers(opts: { db: DbOrTx; actor: Actor; applicationId: string; answers: Record<string, string>; step?: number; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const application = await lockForApplicant(tx, opts.applicationId, actor);
    requireDraft(application);
    const grid = await gridOf(tx, application.callId, application.gridVersion);
    const questions = new Map(questionsOf(grid).map((q) => [q.id, q]));
    const errors: Record<string, string[]> = {};
    const cleaned: Record<string, string> = {};
    for (const [id, value] of Object.entries(opts.answers)) {
      const question = questions.get(id);
      if (!question) throw new DomainError(400, "calls.errors.unknownQuestion");
      const text = value.replace(/\r\n/g, "\n").trim();
      if (text.length > question.maxLength) errors[id] = ["calls.errors.answerTooLong"];
      else cleaned[id] = text;
    }
    if (Object.keys(errors).length) throw new AnswersInvalid(errors);
    const step = Math.max(0, Math.min(MAX_STEP, Math.floor(opts.step ?? application.step)));
    await tx
      .update(applications)
      .set({ answers: { ...application.answers, ...cleaned }, step, savedAt: now, updatedAt: now })
      .where(eq(applications.id, application.id));
    return { savedAt: now };
  });
}

/** Answers over their length: each beside its question. */
export class AnswersInvalid extends DomainError {
  constructor(readonly errors: Record<string, string[]>) {
    super(400, "calls.errors.answerTooLong");
  }
}

/** Attaches one of the organisation's vault documents to a required document of the call (draft only). */
export async function attachDocument(opts: { db: DbOrTx; actor: Actor; applicationId: string; requirementId: string; documentId: string | null }) {
  const { db, actor } = opts;
  if (!isUuid(opts.requirementId) || (opts.documentId !== null && !isUuid(opts.documentId))) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const application = await lockForApplicant(tx, opts.applicationId, actor);
    requireDraft(application);
    const [requirement] = await tx
      .select()
      .from(callRequirements)
      .where(and(eq(callRequirements.id, opts.requirementId), eq(callRequirements.callId, application.callId)));
    if (!requirement) throw new NotFoundError();
    await tx.delete(applicationDocuments).where(and(eq(applicationDocuments.applicationId, application.id), eq(applicationDocuments.requirementId, requirement.id)));
    if (opts.documentId === null) return;
    const [document] = await tx
      .select()
      .from(organizationDocuments)
      .where(and(eq(organizationDocuments.id, opts.documentId), eq(organizationDocuments.organizationId, application.organizationId)));
    // Another organisation's document does not exist, as far as this one knows.
    if (!document) throw new NotFoundError();
    if (!documentFits(document, requirement)) throw new DomainError(400, document.bytes > requirement.maxBytes ? "calls.errors.documentTooLarge" : "calls.errors.documentFormat");
    await tx.insert(applicationDocuments).values({ applicationId: application.id, requirementId: requirement.id, documentId: document.id });
  });
}

/**
 * Submits: strictly before the closing instant (the server's clock, not the browser's), every question
 * answered and every required document attached. A receipt goes to the organisation's managers.
 */
export async function submitApplication(opts: { db: DbOrTx; actor: Actor; applicationId: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, await callIdOf(tx, opts.applicationId));
    const application = await lockForApplicant(tx, opts.applicationId, actor);
    if (application.status !== "draft") throw new ConflictError("calls.errors.alreadySubmitted");
    if (!isOpen(call, now)) throw new ConflictError("calls.errors.deadline");
    const grid = await gridOf(tx, call.id, application.gridVersion);
    const requirements = await tx.select({ id: callRequirements.id, required: callRequirements.required }).from(callRequirements).where(eq(callRequirements.callId, call.id));
    const attached = await tx.select({ requirementId: applicationDocuments.requirementId }).from(applicationDocuments).where(eq(applicationDocuments.applicationId, application.id));
    const missing = missingFor(grid, application.answers, requirements, attached.map((a) => a.requirementId));
    if (missing.questions.length || missing.documents.length) throw new ConflictError("calls.errors.incomplete");
    const to = next(application.status, "submit", "applicant");
    await tx.update(applications).set({ status: to, submittedAt: now, updatedAt: now }).where(eq(applications.id, application.id));
    await trail(tx, { callId: call.id, applicationId: application.id, action: "submit", from: application.status, to, actorId: actor!.id, at: now });
    await tellManagers(tx, application, call, "applicationReceipt", { submittedAt: now.toISOString() });
    return { status: to, submittedAt: now };
  });
}

/** An operator reopens a submitted (or screened) application with a reason: it is a draft again, and the applicant is told why. */
export async function reopenApplication(opts: { db: DbOrTx; actor: Actor; applicationId: string; reason: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  authorize(actor, "platform.calls");
  const reason = opts.reason.trim();
  if (reason.length < 10 || reason.length > 1000) throw new DomainError(400, "calls.errors.reason");
  if (!isUuid(opts.applicationId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    // The call first, then the application: every path locks in that order, so two operators never deadlock.
    const call = await lockCall(tx, await callIdOf(tx, opts.applicationId));
    const [application] = await tx.select().from(applications).where(eq(applications.id, opts.applicationId)).for("update");
    if (!application) throw new NotFoundError();
    // A reopened application must be submitted again before the closing: after it, nothing could be resubmitted.
    if (!isOpen(call, now)) throw new ConflictError("calls.errors.reopenClosed");
    let to;
    try {
      to = next(application.status, "reopen", "operator");
    } catch (error) {
      if (error instanceof IllegalTransition) throw new ConflictError("calls.errors.notReopenable");
      throw error;
    }
    await tx.update(applications).set({ status: to, reopenReason: reason, submittedAt: null, eligibilityReason: null, updatedAt: now }).where(eq(applications.id, application.id));
    await trail(tx, { callId: call.id, applicationId: application.id, action: "reopen", from: application.status, to, actorId: actor!.id, reason, at: now });
    await tellManagers(tx, application, call, "applicationReopened", { reason });
    return { status: to };
  });
}

async function tellManagers(
  tx: DbOrTx,
  application: Application,
  call: Call,
  template: "applicationReceipt" | "applicationReopened",
  extra: { submittedAt?: string; reason?: string },
) {
  const [org] = await tx.select({ name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.id, application.organizationId));
  const readers = await tx
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, application.organizationId), inArray(memberships.role, ["owner", "admin"]), isNotNull(users.email)));
  for (const reader of readers) {
    const locale = reader.locale as Locale;
    const props = {
      reference: application.reference,
      call: locale === "ar" ? call.titleAr : call.titleFr,
      organization: locale === "ar" && org.nameAr ? org.nameAr : org.name,
      url: absolute(applicationPath(application.reference), locale),
    };
    if (template === "applicationReceipt") await queueEmail(tx, { to: reader.email!, locale, template, props: { ...props, submittedAt: extra.submittedAt! } });
    else await queueEmail(tx, { to: reader.email!, locale, template, props: { ...props, reason: extra.reason! } });
  }
}

/** Everything the applicant's page shows: the call, the grid, answers, documents (attached and fitting), what is missing. */
export async function getApplication(opts: { db: DbOrTx; actor: Actor; reference: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new NotFoundError();
  const [application] = await db.select().from(applications).where(eq(applications.reference, opts.reference.toUpperCase()));
  if (!application) throw new NotFoundError();
  const [member] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, application.organizationId), eq(memberships.userId, actor.id)));
  if (!member) throw new NotFoundError();
  const [call] = await db.select().from(calls).where(eq(calls.id, application.callId));
  const [org] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr })
    .from(organizations)
    .where(eq(organizations.id, application.organizationId));
  const grid = await gridOf(db, call.id, application.gridVersion);
  const requirements = await db.select().from(callRequirements).where(eq(callRequirements.callId, call.id)).orderBy(asc(callRequirements.position));
  const attached = await db
    .select({ requirementId: applicationDocuments.requirementId, documentId: organizationDocuments.id, title: organizationDocuments.title, fileName: organizationDocuments.fileName })
    .from(applicationDocuments)
    .innerJoin(organizationDocuments, eq(organizationDocuments.id, applicationDocuments.documentId))
    .where(eq(applicationDocuments.applicationId, application.id));
  // The vault, bounded: what may be picked for each requirement.
  const vault = await db
    .select({ id: organizationDocuments.id, kind: organizationDocuments.kind, title: organizationDocuments.title, contentType: organizationDocuments.contentType, bytes: organizationDocuments.bytes })
    .from(organizationDocuments)
    .where(eq(organizationDocuments.organizationId, application.organizationId))
    .orderBy(desc(organizationDocuments.createdAt))
    .limit(200);
  const canEdit = application.status === "draft" && can(actor, "org.calls.apply", { membershipRole: member.role });
  return {
    application: {
      id: application.id,
      reference: application.reference,
      // The coarse word only: screening and the jury's work reach the applicant together, at the release.
      status: applicantStatus(application.status),
      answers: application.answers,
      step: application.step,
      savedAt: application.savedAt,
      submittedAt: application.submittedAt,
      reopenReason: application.reopenReason,
      renewal: !!application.renewalOf,
    },
    call: { code: call.code, kind: call.kind, titleFr: call.titleFr, titleAr: call.titleAr, closesAt: call.closesAt, open: isOpen(call, now) },
    organization: org,
    grid,
    requirements: requirements.map((r) => ({
      ...r,
      attached: attached.find((a) => a.requirementId === r.id) ?? null,
      choices: vault.filter((d) => documentFits(d, r)).map(({ id, title, kind }) => ({ id, title, kind })),
    })),
    missing: missingFor(grid, application.answers, requirements, attached.map((a) => a.requirementId)),
    canEdit,
  };
}
export type ApplicationView = Awaited<ReturnType<typeof getApplication>>;

/**
 * What the call's page offers the viewer's active organisation: its application if it has one, else whether
 * it may start one now (and why not), for its managers.
 */
export async function applyContext(db: DbOrTx, opts: { actor: Actor; call: Pick<Call, "id" | "audience" | "opensAt" | "closesAt" | "publishedAt">; activeSlug: string | null; now?: Date }) {
  const { actor, call } = opts;
  const now = opts.now ?? new Date();
  if (!actor || !opts.activeSlug) return null;
  const { org, role } = await loadOrganization(db, opts.activeSlug, actor);
  if (!role) return null;
  const [existing] = await db
    .select({ reference: applications.reference, status: applications.status })
    .from(applications)
    .where(and(eq(applications.callId, call.id), eq(applications.organizationId, org.id)));
  return {
    organization: { slug: org.slug, name: org.name, nameAr: org.nameAr },
    application: existing ? { reference: existing.reference, status: applicantStatus(existing.status) } : null,
    canApply: !existing && can(actor, "org.calls.apply", { membershipRole: role }),
    refusal: existing ? null : refusalFor(call, org, now),
  };
}
