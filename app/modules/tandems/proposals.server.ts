// Tandem proposals (issue 5, item 1; decision 016): one side proposes, the other accepts or declines
// before the deadline, the proposer may withdraw until then, and the hourly job expires the rest. Every
// status change goes through states.ts and is written to tandem_events and the audit log in its transaction.
import { and, desc, eq, gt, inArray, lte, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { memberships, organizations, tandemAgreements, tandemEvents, tandems } from "../../../db/schema";
import type { TandemDeclineReason, TandemStatus } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { hit } from "~/lib/rate-limit.server";
import { audit } from "../moderation/audit.server";
import { absolute } from "../orders/notify.server";
import { orgName } from "../orders/format";
import { type Actor, authorize, can } from "../organizations/authorize.server";
import { loadOrganization } from "../organizations/organizations.server";
import { managersOf } from "./access.server";
import { kindsPair, proposeHref } from "./pairing";
import type { ProposalInput } from "./schemas";
import { ANSWER_DAYS, FINAL_STATUSES, IllegalTransition, actionsFor, next, type TandemAction } from "./states";

export const PROPOSALS_PER_DAY = 10;
export const PAGE_SIZE = 20;

export const tandemsPath = (slug: string) => `/organisations/${slug}/tandems`;

type Org = typeof organizations.$inferSelect;

/** Which pair two organisations make: a company with an association or a cooperative, else null. */
export function pairOf(a: Pick<Org, "id" | "kind">, b: Pick<Org, "id" | "kind">) {
  if (!kindsPair(a.kind, b.kind)) return null;
  return a.kind === "company" ? { companyId: a.id, partnerId: b.id } : { companyId: b.id, partnerId: a.id };
}

/** Whether these two organisations may make a tandem together (for showing the link). */
export const canPair = (a: Pick<Org, "id" | "kind">, b: Pick<Org, "id" | "kind">) => a.id !== b.id && pairOf(a, b) !== null;

function isOpenProposalDuplicate(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause;
  return cause?.code === "23505" && cause.constraint_name === "tandems_open_proposal_idx";
}

export async function proposeTandem(opts: { db: DbOrTx; actor: Actor; fromSlug: string; toSlug: string; input: ProposalInput; now?: Date }) {
  const { db, actor, input } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new ForbiddenError();
  const { org: from, role } = await loadOrganization(db, opts.fromSlug, actor);
  authorize(actor, "org.tandems.manage", { membershipRole: role });
  const [to] = await db.select().from(organizations).where(eq(organizations.slug, opts.toSlug));
  if (!to) throw new NotFoundError();
  if (to.id === from.id) throw new ConflictError("tandems.errors.self");
  const pair = pairOf(from, to);
  if (!pair) throw new ConflictError("tandems.errors.kinds");
  // A proposal commits the proposer: only an organisation the platform has verified may make one.
  if (from.verificationStatus !== "verified") throw new ConflictError("tandems.errors.notVerified");
  // Kept sorted so the same set of skills is the same proposal (tandems_open_proposal_idx).
  const skills = [...new Set(input.skills)].sort();
  await hit(db, [{ key: `tandem-propose:${from.id}`, max: PROPOSALS_PER_DAY, windowSeconds: 86_400 }]);

  try {
    return await db.transaction(async (tx) => {
      const [{ seq }] = await tx.execute<{ seq: string }>(sql`select nextval('tandem_number_seq')::text as seq`);
      const number = `TDM-${now.getUTCFullYear()}-${seq.padStart(4, "0")}`;
      const [tandem] = await tx
        .insert(tandems)
        .values({
          number,
          ...pair,
          proposedById: from.id,
          proposedByUserId: actor.id,
          status: "proposed",
          skills,
          objectives: input.objectives,
          expectedHours: input.expectedHours,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          format: input.format,
          message: input.message ?? null,
          answerBy: new Date(now.getTime() + ANSWER_DAYS * 86_400_000),
        })
        .returning();
      await tx.insert(tandemEvents).values({ tandemId: tandem.id, action: "propose", fromStatus: null, toStatus: "proposed", actorId: actor.id });
      await audit(tx, {
        actorId: actor.id,
        action: "tandem.propose",
        targetType: "tandem",
        targetId: tandem.id,
        after: { number, companyId: pair.companyId, partnerId: pair.partnerId, skills },
      });
      for (const reader of await managersOf(tx, [to.id])) {
        const locale = reader.locale as Locale;
        await queueEmail(tx, {
          to: reader.email!,
          locale,
          template: "tandemProposed",
          props: {
            number,
            from: orgName(from, locale),
            to: orgName(to, locale),
            skills,
            hours: input.expectedHours,
            answerBy: tandem.answerBy.toISOString(),
            url: absolute(tandemsPath(to.slug), locale),
          },
        });
      }
      return tandem;
    });
  } catch (error) {
    if (isOpenProposalDuplicate(error)) throw new ConflictError("tandems.errors.duplicate");
    throw error;
  }
}

export type Answer = "accept" | "decline" | "withdraw";

/** The proposer's e-mail when its proposal was accepted, declined or expired. */
async function tellProposer(
  tx: DbOrTx,
  tandem: typeof tandems.$inferSelect,
  outcome: "accepted" | "declined" | "expired",
  orgs: Map<string, Org>,
) {
  const proposer = orgs.get(tandem.proposedById)!;
  const other = orgs.get(tandem.proposedById === tandem.companyId ? tandem.partnerId : tandem.companyId)!;
  for (const reader of await managersOf(tx, [proposer.id])) {
    const locale = reader.locale as Locale;
    await queueEmail(tx, {
      to: reader.email!,
      locale,
      template: "tandemAnswered",
      props: {
        number: tandem.number,
        other: orgName(other, locale),
        outcome,
        reason: tandem.declineReason,
        text: tandem.declineText,
        url: absolute(tandemsPath(proposer.slug), locale),
      },
    });
  }
}

/** The recipient's managers, when the proposal they had to answer is withdrawn. */
async function tellRecipient(tx: DbOrTx, tandem: typeof tandems.$inferSelect, orgs: Map<string, Org>) {
  const proposer = orgs.get(tandem.proposedById)!;
  const recipient = orgs.get(tandem.proposedById === tandem.companyId ? tandem.partnerId : tandem.companyId)!;
  for (const reader of await managersOf(tx, [recipient.id])) {
    const locale = reader.locale as Locale;
    await queueEmail(tx, {
      to: reader.email!,
      locale,
      template: "tandemAnswered",
      props: { number: tandem.number, other: orgName(proposer, locale), outcome: "withdrawn", reason: null, text: null, url: absolute(tandemsPath(recipient.slug), locale) },
    });
  }
}

async function orgsById(tx: DbOrTx, ids: string[]) {
  const rows = ids.length ? await tx.select().from(organizations).where(inArray(organizations.id, [...new Set(ids)])) : [];
  return new Map(rows.map((o) => [o.id, o]));
}

export async function answerProposal(opts: {
  db: DbOrTx;
  actor: Actor;
  tandemId: string;
  action: Answer;
  reason?: TandemDeclineReason;
  text?: string;
  now?: Date;
}) {
  const { db, actor, action } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new ForbiddenError();
  if (action === "decline" && !opts.reason) throw new DomainError(400, "tandems.errors.reason");
  return db.transaction(async (tx) => {
    const [tandem] = await tx.select().from(tandems).where(eq(tandems.id, opts.tandemId)).for("update");
    if (!tandem) throw new NotFoundError();
    const recipientId = tandem.proposedById === tandem.companyId ? tandem.partnerId : tandem.companyId;
    const roles = await tx
      .select({ organizationId: memberships.organizationId, role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, actor.id), inArray(memberships.organizationId, [tandem.proposedById, recipientId])));
    const manages = (orgId: string) => can(actor, "org.tandems.manage", { membershipRole: roles.find((r) => r.organizationId === orgId)?.role ?? null });
    // Someone who manages both sides answers for the side the action belongs to.
    const side =
      action === "withdraw"
        ? manages(tandem.proposedById)
          ? "proposer"
          : manages(recipientId)
            ? "recipient"
            : null
        : manages(recipientId)
          ? "recipient"
          : manages(tandem.proposedById)
            ? "proposer"
            : null;
    if (!side) {
      // Outsiders learn nothing of the tandem; members who are not managers are refused.
      if (roles.length === 0 && actor.platformRole === null) throw new NotFoundError();
      throw new ForbiddenError();
    }
    let to: TandemStatus;
    try {
      to = next(tandem.status, action, side);
    } catch (error) {
      if (!(error instanceof IllegalTransition)) throw error;
      if (tandem.status === "proposed") throw new ForbiddenError("tandems.errors.wrongSide");
      throw new ConflictError(closedKey(tandem.status));
    }
    if (tandem.answerBy <= now) throw new ConflictError("tandems.errors.expired");

    const [updated] = await tx
      .update(tandems)
      .set({
        status: to,
        answeredAt: now,
        closedAt: FINAL_STATUSES.includes(to) ? now : null,
        declineReason: action === "decline" ? opts.reason : null,
        declineText: action === "decline" ? opts.text?.trim() || null : null,
        updatedAt: now,
      })
      .where(eq(tandems.id, tandem.id))
      .returning();
    if (action === "accept") {
      await tx.insert(tandemAgreements).values({
        tandemId: tandem.id,
        version: 1,
        objectives: tandem.objectives,
        hoursCommitted: tandem.expectedHours,
        startDate: tandem.periodStart,
        endDate: tandem.periodEnd,
        updatedBy: actor.id,
      });
    }
    await tx.insert(tandemEvents).values({
      tandemId: tandem.id,
      action,
      fromStatus: tandem.status,
      toStatus: to,
      actorId: actor.id,
      reason: action === "decline" ? opts.reason : null,
    });
    await audit(tx, {
      actorId: actor.id,
      action: `tandem.${action}`,
      targetType: "tandem",
      targetId: tandem.id,
      before: { status: tandem.status },
      after: { status: to, ...(action === "decline" ? { reason: opts.reason } : {}) },
    });
    const orgs = await orgsById(tx, [tandem.companyId, tandem.partnerId]);
    if (action === "withdraw") await tellRecipient(tx, updated, orgs);
    else await tellProposer(tx, updated, action === "accept" ? "accepted" : "declined", orgs);
    return updated;
  });
}

function closedKey(status: TandemStatus) {
  if (status === "withdrawn") return "tandems.errors.withdrawn" as const;
  if (status === "expired") return "tandems.errors.expired" as const;
  return "tandems.errors.answered" as const;
}

/** The hourly job: proposals left unanswered past their deadline expire. Returns how many. */
export async function expireProposals(db: DbOrTx, now: Date = new Date(), batch = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(tandems)
      .where(and(eq(tandems.status, "proposed"), lte(tandems.answerBy, now)))
      .orderBy(tandems.answerBy)
      .limit(batch)
      .for("update", { skipLocked: true });
    if (due.length === 0) return 0;
    const to = next("proposed", "expire", "system");
    const ids = due.map((t) => t.id);
    const updated = await tx.update(tandems).set({ status: to, closedAt: now, updatedAt: now }).where(inArray(tandems.id, ids)).returning();
    await tx.insert(tandemEvents).values(ids.map((tandemId) => ({ tandemId, action: "expire", fromStatus: "proposed" as const, toStatus: to, actorId: null })));
    for (const t of updated) {
      await audit(tx, { actorId: null, action: "tandem.expire", targetType: "tandem", targetId: t.id, before: { status: "proposed" }, after: { status: to } });
    }
    const orgs = await orgsById(tx, updated.flatMap((t) => [t.companyId, t.partnerId]));
    for (const t of updated) await tellProposer(tx, t, "expired", orgs);
    return updated.length;
  });
}

const company = alias(organizations, "company");
const partner = alias(organizations, "partner");

const listColumns = {
  id: tandems.id,
  number: tandems.number,
  status: tandems.status,
  companyId: tandems.companyId,
  partnerId: tandems.partnerId,
  proposedById: tandems.proposedById,
  skills: tandems.skills,
  objectives: tandems.objectives,
  expectedHours: tandems.expectedHours,
  periodStart: tandems.periodStart,
  periodEnd: tandems.periodEnd,
  format: tandems.format,
  message: tandems.message,
  answerBy: tandems.answerBy,
  declineReason: tandems.declineReason,
  declineText: tandems.declineText,
  createdAt: tandems.createdAt,
  company: { slug: company.slug, name: company.name, nameAr: company.nameAr },
  partner: { slug: partner.slug, name: partner.name, nameAr: partner.nameAr },
};

const seesEverything = (actor: Actor) => actor?.platformRole === "admin" || actor?.platformRole === "operator";

/** Proposals waiting for this organisation's answer (the count shown to its managers). */
export async function countAwaiting(db: DbOrTx, organizationId: string, now: Date = new Date()) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tandems)
    .where(
      and(
        eq(tandems.status, "proposed"),
        ne(tandems.proposedById, organizationId),
        or(eq(tandems.companyId, organizationId), eq(tandems.partnerId, organizationId)),
        gt(tandems.answerBy, now),
      ),
    );
  return row?.n ?? 0;
}

/** An organisation's tandems and proposals, those awaiting its answer first; for its members and the platform. */
export async function listTandemsFor(opts: { db: DbOrTx; actor: Actor; slug: string; page?: number; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  if (!role && !seesEverything(actor)) throw new NotFoundError();
  const page = Math.max(1, Math.min(1000, Math.floor(opts.page ?? 1)));
  const mine = or(eq(tandems.companyId, org.id), eq(tandems.partnerId, org.id));
  const awaitingFirst = sql`case when ${tandems.status} = 'proposed' and ${tandems.proposedById} <> ${org.id} then 0 else 1 end`;
  const rows = await db
    .select(listColumns)
    .from(tandems)
    .innerJoin(company, eq(company.id, tandems.companyId))
    .innerJoin(partner, eq(partner.id, tandems.partnerId))
    .where(mine)
    .orderBy(awaitingFirst, desc(tandems.createdAt), desc(tandems.id))
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE);
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(tandems).where(mine);
  const canManage = can(actor, "org.tandems.manage", { membershipRole: role });
  const items = rows.slice(0, PAGE_SIZE).map((t) => {
    const side = t.proposedById === org.id ? ("proposer" as const) : ("recipient" as const);
    const open = t.status !== "proposed" || t.answerBy > now;
    const actions: TandemAction[] = canManage && open ? actionsFor(t.status, side).filter((a) => a === "accept" || a === "decline" || a === "withdraw") : [];
    return { ...t, side, other: t.companyId === org.id ? t.partner : t.company, actions };
  });
  return { org, role, canManage, items, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), awaiting: await countAwaiting(db, org.id, now) };
}

/** One tandem by its number: its two sides' members and the platform's admins and operators see it; others get 404. */
export async function getTandem(opts: { db: DbOrTx; actor: Actor; number: string }) {
  const { db, actor } = opts;
  if (!actor) throw new NotFoundError();
  const [row] = await db
    .select(listColumns)
    .from(tandems)
    .innerJoin(company, eq(company.id, tandems.companyId))
    .innerJoin(partner, eq(partner.id, tandems.partnerId))
    .where(eq(tandems.number, opts.number));
  if (!row) throw new NotFoundError();
  if (!seesEverything(actor)) {
    const [member] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, actor.id), inArray(memberships.organizationId, [row.companyId, row.partnerId])))
      .limit(1);
    if (!member) throw new NotFoundError();
  }
  const events = await db
    .select({ action: tandemEvents.action, fromStatus: tandemEvents.fromStatus, toStatus: tandemEvents.toStatus, reason: tandemEvents.reason, createdAt: tandemEvents.createdAt })
    .from(tandemEvents)
    .where(eq(tandemEvents.tandemId, row.id))
    .orderBy(tandemEvents.createdAt, tandemEvents.id)
    .limit(200);
  return { ...row, events };
}

/**
 * What the proposal form needs: both organisations, whether they can pair, and the skills to tick first
 * (what the company offers that the partner needs).
 */
export async function proposalForm(opts: { db: DbOrTx; actor: Actor; fromSlug: string; toSlug: string }) {
  const { db, actor } = opts;
  const { org: from, role } = await loadOrganization(db, opts.fromSlug, actor);
  authorize(actor, "org.tandems.manage", { membershipRole: role });
  const [to] = await db.select().from(organizations).where(eq(organizations.slug, opts.toSlug));
  if (!to) throw new NotFoundError();
  if (to.id === from.id) throw new ConflictError("tandems.errors.self");
  const pair = pairOf(from, to);
  if (!pair) throw new ConflictError("tandems.errors.kinds");
  const [company, partner] = pair.companyId === from.id ? [from, to] : [to, from];
  const prefill = company.offers.filter((s) => partner.needs.includes(s)).sort();
  const pick = (o: Org) => ({ slug: o.slug, name: o.name, nameAr: o.nameAr, kind: o.kind });
  return { from: pick(from), to: pick(to), verified: from.verificationStatus === "verified", prefill };
}

/**
 * The tandem links on an organisation's profile: its members reach its tandems (managers with the count of
 * proposals awaiting their answer); managers of the viewer's active organisation may propose one, when the
 * two can pair.
 */
export async function tandemLinks(opts: {
  db: DbOrTx;
  actor: Actor;
  org: Pick<Org, "id" | "slug" | "kind">;
  role: (typeof memberships.$inferSelect)["role"] | null;
  activeSlug: string | null;
}) {
  const { db, actor, org, role } = opts;
  if (!actor || org.kind === "network") return null;
  if (role) {
    const manage = can(actor, "org.tandems.manage", { membershipRole: role });
    return { list: tandemsPath(org.slug), manage, awaiting: manage ? await countAwaiting(db, org.id) : 0, propose: null };
  }
  if (!opts.activeSlug) return null;
  const { org: from, role: fromRole } = await loadOrganization(db, opts.activeSlug, actor);
  if (!can(actor, "org.tandems.manage", { membershipRole: fromRole }) || !canPair(from, org)) return null;
  return { list: null, manage: false, awaiting: 0, propose: proposeHref(from.slug, org.slug) };
}
