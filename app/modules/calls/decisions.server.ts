// The jury's decisions and what follows (issue 6, items 4–5; decision 017): operators record a decision per
// application with its reasons, release them all together (ineligible ones too), each applicant reads its
// result with the jury's feedback and may send observations within the window, which an operator answers.
// Laureates of a label call get the label at the release, in the same transaction.
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { applications, calls, labels, memberships, organizations, users } from "../../../db/schema";
import type { ApplicationDecision, ApplicationStatus, LabelStatus } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import { indexOrganization, indexOrganizations } from "../../../search/documents.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isVerificationCode, verificationCode } from "~/lib/codes.server";
import { isUuid } from "~/lib/ids.server";
import { absolute } from "../orders/notify.server";
import { type Actor, authorize, can } from "../organizations/authorize.server";
import { callIdOf } from "./applications.server";
import { addMonths, applicationPath, observationsUntil } from "./rules";
import { lockCall, trail } from "./calls.server";
import { todayInMorocco } from "~/lib/morocco-time";
import { IllegalTransition, next } from "./states";

const reasonOf = (text: string, min = 10, max = 2000) => {
  const t = text.trim();
  if (t.length < min || t.length > max) throw new DomainError(400, "calls.errors.reason");
  return t;
};

async function lockApplication(tx: DbOrTx, applicationId: string) {
  if (!isUuid(applicationId)) throw new NotFoundError();
  const [application] = await tx.select().from(applications).where(eq(applications.id, applicationId)).for("update");
  if (!application) throw new NotFoundError();
  return application;
}

function step(status: ApplicationStatus, action: Parameters<typeof next>[1], by: Parameters<typeof next>[2], refusal: string) {
  try {
    return next(status, action, by);
  } catch (error) {
    if (error instanceof IllegalTransition) throw new ConflictError(refusal as never);
    throw error;
  }
}

/**
 * The jury's decision on one application, recorded by an operator with its reasons (for the minutes) and the
 * feedback the applicant will read. It may change until the release. A label call decides laureates or not;
 * a selection, selected, waiting list or not.
 */
export async function decide(opts: { db: DbOrTx; actor: Actor; applicationId: string; decision: ApplicationDecision; reason: string; feedback: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  authorize(actor, "platform.calls");
  const reason = reasonOf(opts.reason);
  const feedback = reasonOf(opts.feedback, 10, 4000);
  return db.transaction(async (tx) => {
    // The call first, then the application, as the release does: no deadlock between them.
    const call = await lockCall(tx, await callIdOf(tx, opts.applicationId));
    const application = await lockApplication(tx, opts.applicationId);
    if (call.releasedAt) throw new ConflictError("calls.errors.released");
    const fitting: ApplicationDecision[] = call.kind === "label" ? ["laureate", "not_selected"] : ["selected", "waiting_list", "not_selected"];
    if (!fitting.includes(opts.decision)) throw new DomainError(400, "calls.errors.decisionKind");
    const to = step(application.status, "decide", "operator", "calls.errors.notDecidable");
    await tx
      .update(applications)
      .set({ status: to, decision: opts.decision, decisionReason: reason, feedback, decidedAt: now, updatedAt: now })
      .where(eq(applications.id, application.id));
    await trail(tx, { callId: call.id, applicationId: application.id, action: "decide", from: application.status, to, actorId: actor!.id, reason, at: now, data: { decision: opts.decision } });
    return { status: to };
  });
}

/**
 * Releases a call's results, all together: every decided and every ineligible application is released, the
 * applicants are told, and a label call's laureates get their label (awarded today, for the call's validity).
 * Refused while an eligible application still waits for its decision.
 */
export async function releaseCall(opts: { db: DbOrTx; actor: Actor; callId: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  authorize(actor, "platform.calls");
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, opts.callId);
    if (call.releasedAt) throw new ConflictError("calls.errors.released");
    if (now < call.closesAt) throw new ConflictError("calls.errors.stillOpen");
    const rows = await tx
      .select()
      .from(applications)
      .where(and(eq(applications.callId, call.id), inArray(applications.status, ["submitted", "eligible", "under_review", "decided", "ineligible"])))
      .for("update");
    if (rows.some((r) => r.status !== "decided" && r.status !== "ineligible")) throw new ConflictError("calls.errors.undecided");
    const to = next("decided", "release", "system");
    if (rows.length) await tx.update(applications).set({ status: to, updatedAt: now }).where(inArray(applications.id, rows.map((r) => r.id)));
    await tx.update(calls).set({ releasedAt: now }).where(eq(calls.id, call.id));
    // The award is dated in Morocco; the expiry is the same day N months later (clamped to the month's end).
    const awardedOn = todayInMorocco(now);
    const expires = addMonths(awardedOn, call.labelValidityMonths ?? 0);
    const laureates = call.kind === "label" ? rows.filter((r) => r.decision === "laureate") : [];
    if (laureates.length) {
      await tx.insert(labels).values(
        laureates.map((r) => ({ code: verificationCode(), organizationId: r.organizationId, callId: call.id, applicationId: r.id, awardedOn, expiresOn: expires, createdAt: now })),
      );
    }
    // The directory's "Siraj label" filter reads the search documents: the laureates' change now.
    await indexOrganizations(tx, laureates.map((r) => r.organizationId));
    for (const r of rows) {
      await trail(tx, { callId: call.id, applicationId: r.id, action: "release", from: r.status, to, actorId: actor!.id, at: now, data: { decision: r.decision } });
    }
    await trail(tx, { callId: call.id, action: "releaseCall", actorId: actor!.id, at: now, data: { released: rows.length, labels: laureates.length } });
    await tellApplicants(tx, call, rows);
    return { released: rows.length, labels: laureates.length };
  });
}

/**
 * The applicants' managers, told that their result is there (an ineligible application has no scores to read)
 * or, after observations, that the operator answered.
 */
async function tellApplicants(tx: DbOrTx, call: typeof calls.$inferSelect, rows: (typeof applications.$inferSelect)[], news: "result" | "answer" = "result") {
  if (rows.length === 0) return;
  const readers = await tx
    .select({ organizationId: memberships.organizationId, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.organizationId, rows.map((r) => r.organizationId)), inArray(memberships.role, ["owner", "admin"]), isNotNull(users.email)));
  for (const r of rows) {
    for (const reader of readers.filter((x) => x.organizationId === r.organizationId)) {
      const locale = reader.locale as Locale;
      await queueEmail(tx, {
        to: reader.email!,
        locale,
        template: "applicationResult",
        props: {
          reference: r.reference,
          call: locale === "ar" ? call.titleAr : call.titleFr,
          news: news === "answer" ? "answer" : r.status === "ineligible" ? "ineligible" : "result",
          url: absolute(applicationPath(r.reference), locale),
        },
      });
    }
  }
}

/** The applicant's managers send observations on their result, once, within the window. */
export async function contest(opts: { db: DbOrTx; actor: Actor; applicationId: string; text: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new NotFoundError();
  const text = reasonOf(opts.text, 20, 4000);
  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, opts.applicationId);
    const [member] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, application.organizationId), eq(memberships.userId, actor.id)));
    if (!member) throw new NotFoundError();
    if (!can(actor, "org.calls.apply", { membershipRole: member.role })) throw new ForbiddenError();
    const [call] = await tx.select().from(calls).where(eq(calls.id, application.callId));
    const until = observationsUntil(call);
    if (application.status === "released" && until && now >= until) throw new ConflictError("calls.errors.observationsClosed");
    const to = step(application.status, "contest", "applicant", "calls.errors.notContestable");
    await tx.update(applications).set({ status: to, contestText: text, contestedAt: now, updatedAt: now }).where(eq(applications.id, application.id));
    await trail(tx, { callId: call.id, applicationId: application.id, action: "contest", from: application.status, to, actorId: actor.id, reason: text, at: now });
    return { status: to };
  });
}

/** An operator answers the observations; the applicant is told. */
export async function answerContest(opts: { db: DbOrTx; actor: Actor; applicationId: string; text: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  authorize(actor, "platform.calls");
  const text = reasonOf(opts.text, 20, 4000);
  return db.transaction(async (tx) => {
    const application = await lockApplication(tx, opts.applicationId);
    const to = step(application.status, "answer", "operator", "calls.errors.notAnswerable");
    await tx.update(applications).set({ status: to, answerText: text, answeredAt: now, updatedAt: now }).where(eq(applications.id, application.id));
    await trail(tx, { callId: application.callId, applicationId: application.id, action: "answer", from: application.status, to, actorId: actor!.id, reason: text, at: now });
    const [call] = await tx.select().from(calls).where(eq(calls.id, application.callId));
    await tellApplicants(tx, call, [{ ...application, status: to }], "answer");
    return { status: to };
  });
}

/** An operator suspends, withdraws or restores a label, with a reason; the registry shows it at once. */
export async function setLabelStatus(opts: { db: DbOrTx; actor: Actor; labelId: string; status: LabelStatus; reason: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  authorize(actor, "platform.calls");
  const reason = reasonOf(opts.reason);
  if (!isUuid(opts.labelId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [label] = await tx.select().from(labels).where(eq(labels.id, opts.labelId)).for("update");
    if (!label) throw new NotFoundError();
    // A withdrawn label is final; anything else may move to any other status.
    if (label.status === "withdrawn" || label.status === opts.status) throw new ConflictError("calls.errors.labelStatus");
    await tx.update(labels).set({ status: opts.status, statusReason: reason, statusChangedAt: now }).where(eq(labels.id, label.id));
    await indexOrganization(tx, label.organizationId);
    await trail(tx, { callId: label.callId, applicationId: label.applicationId, action: `label.${opts.status}`, from: label.status, to: opts.status, actorId: actor!.id, reason, at: now });
  });
}

/** A label by its code, for its public verification page; 404 for a code that is not one. */
export async function verifyLabel(db: DbOrTx, code: string) {
  if (!isVerificationCode(code)) throw new NotFoundError();
  const [row] = await db
    .select({
      id: labels.id,
      code: labels.code,
      status: labels.status,
      statusReason: labels.statusReason,
      awardedOn: labels.awardedOn,
      expiresOn: labels.expiresOn,
      organization: { slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr },
      call: { code: calls.code, titleFr: calls.titleFr, titleAr: calls.titleAr },
    })
    .from(labels)
    .innerJoin(organizations, eq(organizations.id, labels.organizationId))
    .innerJoin(calls, eq(calls.id, labels.callId))
    .where(eq(labels.code, code));
  if (!row) throw new NotFoundError();
  return row;
}

/** The organisation's label as its profile and the directory show it: the latest, if current. */
export async function currentLabel(db: DbOrTx, organizationId: string, today: string) {
  const [row] = await db
    .select({ code: labels.code, expiresOn: labels.expiresOn })
    .from(labels)
    .where(and(eq(labels.organizationId, organizationId), eq(labels.status, "current"), sql`${labels.expiresOn} >= ${today}::date`))
    .orderBy(sql`${labels.expiresOn} desc`)
    .limit(1);
  return row ?? null;
}
