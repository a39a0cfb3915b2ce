// Evaluations of a running tandem (issue 5, item 4; decision 016). Each side's owners or admins answer the
// mid-term evaluation from halfway through the period and the final one near the end (calendar.ts); the
// partner's final carries its before/after self-assessment on the tandem's skills. When both finals are in,
// the tandem is completed and its certificates are issued, in the same transaction.
import { and, count, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { tandemAgreements, tandemEvaluations, tandemEvents, tandems, users } from "../../../db/schema";
import type { TandemEvaluationStage, TandemStatus } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { audit } from "../moderation/audit.server";
import { absolute } from "../orders/notify.server";
import type { Actor } from "../organizations/authorize.server";
import { lockTandem, managedSide, managersOf, type Side, type Tandem } from "./access.server";
import { stageOpen } from "./calendar";
import { issueCertificates } from "./certificates.server";
import { certificatePath, spacePath } from "./paths";
import type { FinalInput, MidtermInput } from "./running-schemas";
import { todayInMorocco } from "./schemas";
import { confirmedMinutes } from "./sessions.server";
import { next } from "./states";

type Input = { stage: "midterm"; answers: MidtermInput } | { stage: "final"; answers: FinalInput };

/** Whether this stage is open for the tandem today (mid-term from halfway; final near the end or once the hours are given). */
export async function stageIsOpen(db: DbOrTx, tandem: Pick<Tandem, "id">, stage: TandemEvaluationStage, now: Date) {
  const [agreement] = await db.select().from(tandemAgreements).where(eq(tandemAgreements.tandemId, tandem.id));
  if (!agreement) return false;
  return stageOpen(stage, {
    today: todayInMorocco(now),
    start: agreement.startDate,
    end: agreement.endDate,
    confirmedMinutes: await confirmedMinutes(db, tandem.id),
    hoursCommitted: agreement.hoursCommitted,
  });
}

export async function submitEvaluation(opts: { db: DbOrTx; actor: Actor; tandemId: string; input: Input; side?: Side; now?: Date }) {
  const { db, actor, input } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    const { side, orgId } = await managedSide(tx, tandem, actor, opts.side);
    if (tandem.status !== "active") throw new ConflictError("evaluations.errors.notActive");
    if (!(await stageIsOpen(tx, tandem, input.stage, now))) throw new ConflictError("evaluations.errors.notOpen");
    const mine = await tx
      .select({ stage: tandemEvaluations.stage })
      .from(tandemEvaluations)
      .where(and(eq(tandemEvaluations.tandemId, tandem.id), eq(tandemEvaluations.organizationId, orgId)));
    if (mine.some((e) => e.stage === input.stage)) throw new ConflictError("evaluations.errors.already");
    // A mid-term answered after one's own final would say nothing new.
    if (input.stage === "midterm" && mine.some((e) => e.stage === "final")) throw new ConflictError("evaluations.errors.finalDone");

    let selfAssessment: Record<string, { before: number; after: number }> | null = null;
    if (input.stage === "final" && side === "partner") {
      const given = input.answers.selfAssessment ?? {};
      const complete = tandem.skills.every((s) => {
        const p = given[s];
        return p && [p.before, p.after].every((v) => Number.isInteger(v) && v >= 1 && v <= 5);
      });
      if (!complete) throw new DomainError(400, "evaluations.errors.selfAssessment");
      selfAssessment = Object.fromEntries(tandem.skills.map((s) => [s, given[s]]));
    }
    await tx.insert(tandemEvaluations).values({
      tandemId: tandem.id,
      organizationId: orgId,
      stage: input.stage,
      onTrack: input.answers.onTrack,
      satisfaction: input.answers.satisfaction,
      toChange: input.answers.toChange,
      transferred: input.stage === "final" ? input.answers.transferred : null,
      selfAssessment,
      submittedBy: actor.id,
      submittedAt: now,
    });
    await tx.insert(tandemEvents).values({ tandemId: tandem.id, action: `evaluate.${input.stage}`, fromStatus: tandem.status, toStatus: tandem.status, actorId: actor.id, createdAt: now });
    await audit(tx, { actorId: actor.id, action: "tandem.evaluate", targetType: "tandem", targetId: tandem.id, after: { stage: input.stage, side, satisfaction: input.answers.satisfaction } });

    if (input.stage !== "final") return { status: tandem.status as TandemStatus };
    const [{ n }] = await tx
      .select({ n: count() })
      .from(tandemEvaluations)
      .where(and(eq(tandemEvaluations.tandemId, tandem.id), eq(tandemEvaluations.stage, "final")));
    if (n < 2) return { status: tandem.status as TandemStatus };
    return { status: await complete(tx, tandem, now) };
  });
}

/** Both finals are in: the tandem is completed, its certificates issued, and everyone told. */
async function complete(tx: DbOrTx, tandem: Tandem, now: Date) {
  const to = next(tandem.status, "complete", "system");
  await tx.update(tandems).set({ status: to, closedAt: now, updatedAt: now }).where(eq(tandems.id, tandem.id));
  await tx.insert(tandemEvents).values({ tandemId: tandem.id, action: "complete", fromStatus: tandem.status, toStatus: to, actorId: null, createdAt: now });
  await audit(tx, { actorId: null, action: "tandem.complete", targetType: "tandem", targetId: tandem.id, before: { status: tandem.status }, after: { status: to } });
  const certificates = await issueCertificates(tx, tandem, now);
  for (const reader of await managersOf(tx, [tandem.companyId, tandem.partnerId])) {
    const locale = reader.locale as Locale;
    await queueEmail(tx, {
      to: reader.email!,
      locale,
      template: "tandemCompleted",
      props: { number: tandem.number, certificateUrl: null, url: absolute(spacePath(tandem.number), locale) },
    });
  }
  const held = certificates.filter((c) => c.volunteerEmail);
  // Each volunteer in their own language when they have an account, else French.
  const known = held.length
    ? await tx.select({ email: users.email, locale: users.locale }).from(users).where(inArray(users.email, held.map((c) => c.volunteerEmail!)))
    : [];
  for (const cert of held) {
    const locale = (known.find((k) => k.email === cert.volunteerEmail)?.locale ?? "fr") as Locale;
    await queueEmail(tx, {
      to: cert.volunteerEmail!,
      locale,
      template: "tandemCompleted",
      props: { number: tandem.number, certificateUrl: absolute(certificatePath(cert.code), locale), url: absolute(spacePath(tandem.number), locale) },
    });
  }
  return to;
}
