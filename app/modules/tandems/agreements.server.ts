// The tandem agreement (issue 5, item 2; decision 016): both sides edit a draft, each side's owners or
// admins approve the version they read, and when both approved the same version the tandem is active.
// Every change locks the tandem row and writes a tandem_events row in the same transaction.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import {
  memberships,
  organizationIdentifiers,
  organizations,
  tandemAgreements,
  tandemApprovals,
  tandemEvents,
  tandems,
  tandemVolunteers,
  users,
} from "../../../db/schema";
import type { TandemStatus } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { DomainError, ConflictError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { audit } from "../moderation/audit.server";
import { absolute } from "../orders/notify.server";
import { orgName } from "../orders/format";
import type { Actor } from "../organizations/authorize.server";
import { byOf, lockTandem, managedSide, managersOf, manages as managesSide, rolesOf, type Side, type Tandem } from "./access.server";
import { agreementPath, spacePath } from "./paths";
import { MAX_VOLUNTEERS, type AgreementInput } from "./agreement-schemas";
import { IllegalTransition, next } from "./states";


function requireDraft(tandem: Tandem) {
  if (tandem.status !== "agreement_draft") throw new ConflictError("agreements.errors.notDraft");
}

/** Everything the agreement page shows; visible to members of either side and platform admins/operators. */
export async function getAgreement(opts: { db: DbOrTx; actor: Actor; tandemId: string }) {
  const { db, actor } = opts;
  if (!isUuid(opts.tandemId)) throw new NotFoundError();
  const [tandem] = await db.select().from(tandems).where(eq(tandems.id, opts.tandemId));
  if (!tandem) throw new NotFoundError();
  const roles = await rolesOf(db, tandem, actor);
  const platform = actor?.platformRole === "admin" || actor?.platformRole === "operator";
  if (!roles.company && !roles.partner && !platform) throw new NotFoundError();

  const orgRows = await db
    .select({ id: organizations.id, name: organizations.name, nameAr: organizations.nameAr, slug: organizations.slug, kind: organizations.kind })
    .from(organizations)
    .where(inArray(organizations.id, [tandem.companyId, tandem.partnerId]));
  const identifiers = await db
    .select({ organizationId: organizationIdentifiers.organizationId, type: organizationIdentifiers.type, value: organizationIdentifiers.value })
    .from(organizationIdentifiers)
    .where(inArray(organizationIdentifiers.organizationId, [tandem.companyId, tandem.partnerId]))
    .orderBy(asc(organizationIdentifiers.type));
  const org = (id: string) => {
    const o = orgRows.find((r) => r.id === id)!;
    return { ...o, identifiers: identifiers.filter((i) => i.organizationId === id).map(({ type, value }) => ({ type, value })) };
  };

  const [agreement] = await db.select().from(tandemAgreements).where(eq(tandemAgreements.tandemId, tandem.id));
  const [focal] = agreement?.focalPersonId
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, agreement.focalPersonId))
    : [];
  const approvals = await db
    .select({
      organizationId: tandemApprovals.organizationId,
      agreementVersion: tandemApprovals.agreementVersion,
      approvedAt: tandemApprovals.approvedAt,
      approverName: users.name,
    })
    .from(tandemApprovals)
    .leftJoin(users, eq(users.id, tandemApprovals.approvedBy))
    .where(eq(tandemApprovals.tandemId, tandem.id));
  const volunteers = await db
    .select({ email: tandemVolunteers.email, name: tandemVolunteers.name, invitedAt: tandemVolunteers.invitedAt, joinedAt: tandemVolunteers.joinedAt })
    .from(tandemVolunteers)
    .where(eq(tandemVolunteers.tandemId, tandem.id))
    .orderBy(asc(tandemVolunteers.invitedAt))
    .limit(MAX_VOLUNTEERS);

  const manages = (side: Side) => managesSide(actor, roles, side);
  const isDraft = tandem.status === "agreement_draft";
  const open = isDraft || tandem.status === "active";
  // The partner's members, for the focal person: only for those who may edit (bounded by the organisation's size).
  const partnerMembers =
    isDraft && (manages("company") || manages("partner"))
      ? await db
          .select({ id: users.id, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(eq(memberships.organizationId, tandem.partnerId))
          .orderBy(asc(users.name))
          .limit(200)
      : [];
  const version = agreement?.version ?? 0;
  const approvalOf = (orgId: string) => {
    const a = approvals.find((r) => r.organizationId === orgId);
    return a ? { ...a, current: a.agreementVersion === version } : null;
  };

  return {
    tandem: {
      id: tandem.id,
      number: tandem.number,
      status: tandem.status as TandemStatus,
      skills: tandem.skills,
      activatedAt: tandem.activatedAt,
      closedAt: tandem.closedAt,
      endReason: tandem.endReason,
    },
    company: { ...org(tandem.companyId), approval: approvalOf(tandem.companyId) },
    partner: { ...org(tandem.partnerId), approval: approvalOf(tandem.partnerId) },
    agreement: agreement ? { ...agreement, focalPersonName: focal?.name ?? null } : null,
    volunteers,
    partnerMembers,
    viewer: {
      canEdit: isDraft && (manages("company") || manages("partner")),
      approveAs: isDraft ? (["company", "partner"] as const).filter((s) => manages(s) && !approvalOf(s === "company" ? tandem.companyId : tandem.partnerId)?.current) : [],
      canManageVolunteers: open && manages("company"),
      canEndEarly: open && (manages("company") || manages("partner")),
    },
  };
}
export type AgreementView = Awaited<ReturnType<typeof getAgreement>>;

/** An owner or admin of either side edits the draft: a new version, so earlier approvals no longer count. */
export async function updateAgreement(opts: { db: DbOrTx; actor: Actor; tandemId: string; input: AgreementInput }) {
  const { db, actor, input } = opts;
  return db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    await managedSide(tx, tandem, actor);
    requireDraft(tandem);
    const [focal] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organizationId, tandem.partnerId), eq(memberships.userId, input.focalPersonId)));
    if (!focal) throw new DomainError(400, "agreements.errors.focalPerson");
    const [row] = await tx
      .update(tandemAgreements)
      .set({
        objectives: input.objectives,
        deliverables: input.deliverables,
        hoursCommitted: input.hoursCommitted,
        startDate: input.startDate,
        endDate: input.endDate,
        focalPersonId: input.focalPersonId,
        confidentialityNote: input.confidentialityNote,
        updatedBy: actor!.id,
        version: sql`${tandemAgreements.version} + 1`,
      })
      .where(eq(tandemAgreements.tandemId, tandem.id))
      .returning({ version: tandemAgreements.version });
    if (!row) throw new NotFoundError();
    await tx.insert(tandemEvents).values({ tandemId: tandem.id, action: "editAgreement", fromStatus: tandem.status, toStatus: tandem.status, actorId: actor!.id });
    await audit(tx, { actorId: actor!.id, action: "tandem.editAgreement", targetType: "tandem", targetId: tandem.id, after: { version: row.version } });
    return { version: row.version };
  });
}

/**
 * An owner or admin of one side approves the version they read. When both sides have approved the current
 * version, the tandem is active.
 */
export async function approveAgreement(opts: { db: DbOrTx; actor: Actor; tandemId: string; version: number; side?: Side }) {
  const { db, actor } = opts;
  return db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    const { orgId } = await managedSide(tx, tandem, actor, opts.side);
    requireDraft(tandem);
    const [agreement] = await tx.select({ version: tandemAgreements.version }).from(tandemAgreements).where(eq(tandemAgreements.tandemId, tandem.id));
    if (!agreement) throw new NotFoundError();
    if (agreement.version !== opts.version) throw new ConflictError("agreements.errors.stale");
    const [already] = await tx
      .select({ version: tandemApprovals.agreementVersion })
      .from(tandemApprovals)
      .where(and(eq(tandemApprovals.tandemId, tandem.id), eq(tandemApprovals.organizationId, orgId)));
    if (already?.version === agreement.version) throw new ConflictError("agreements.errors.alreadyApproved");
    const now = new Date();
    await tx
      .insert(tandemApprovals)
      .values({ tandemId: tandem.id, organizationId: orgId, agreementVersion: agreement.version, approvedBy: actor!.id, approvedAt: now })
      .onConflictDoUpdate({
        target: [tandemApprovals.tandemId, tandemApprovals.organizationId],
        set: { agreementVersion: agreement.version, approvedBy: actor!.id, approvedAt: now },
      });
    await tx.insert(tandemEvents).values({ tandemId: tandem.id, action: "approveAgreement", fromStatus: tandem.status, toStatus: tandem.status, actorId: actor!.id });
    await audit(tx, { actorId: actor!.id, action: "tandem.approveAgreement", targetType: "tandem", targetId: tandem.id, after: { organizationId: orgId, version: agreement.version } });
    const [{ n }] = await tx
      .select({ n: count() })
      .from(tandemApprovals)
      .where(and(eq(tandemApprovals.tandemId, tandem.id), eq(tandemApprovals.agreementVersion, agreement.version)));
    if (n < 2) {
      await tellApproval(tx, tandem, orgId, agreement.version);
      return { status: tandem.status as TandemStatus };
    }
    const to = next(tandem.status, "activate", "system");
    await tx.update(tandems).set({ status: to, activatedAt: now }).where(eq(tandems.id, tandem.id));
    await tx.insert(tandemEvents).values({ tandemId: tandem.id, action: "activate", fromStatus: tandem.status, toStatus: to, actorId: null });
    await audit(tx, { actorId: null, action: "tandem.activate", targetType: "tandem", targetId: tandem.id, before: { status: tandem.status }, after: { status: to } });
    for (const reader of await managersOf(tx, [tandem.companyId, tandem.partnerId])) {
      const locale = reader.locale as Locale;
      await queueEmail(tx, { to: reader.email!, locale, template: "tandemActive", props: { number: tandem.number, url: absolute(spacePath(tandem.number), locale) } });
    }
    return { status: to };
  });
}

/** The other side's managers, when one side approved: their approval of the same version starts the tandem. */
async function tellApproval(tx: DbOrTx, tandem: Tandem, approverOrgId: string, version: number) {
  const [approver] = await tx.select({ name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.id, approverOrgId));
  const otherOrgId = approverOrgId === tandem.companyId ? tandem.partnerId : tandem.companyId;
  for (const reader of await managersOf(tx, [otherOrgId])) {
    const locale = reader.locale as Locale;
    await queueEmail(tx, {
      to: reader.email!,
      locale,
      template: "tandemApproval",
      props: { number: tandem.number, organization: orgName(approver, locale), version, url: absolute(agreementPath(tandem.number), locale) },
    });
  }
}

/** The company's owners or admins invite one of their people by e-mail (at most 20 per tandem). */
export async function inviteVolunteer(opts: { db: DbOrTx; actor: Actor; tandemId: string; email: string; name: string }) {
  const { db, actor } = opts;
  const email = opts.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    await managedSide(tx, tandem, actor, "company");
    if (tandem.status !== "agreement_draft" && tandem.status !== "active") throw new ConflictError("agreements.errors.closed");
    const [{ n }] = await tx.select({ n: count() }).from(tandemVolunteers).where(eq(tandemVolunteers.tandemId, tandem.id));
    if (n >= MAX_VOLUNTEERS) throw new ConflictError("agreements.errors.tooManyVolunteers");
    const inserted = await tx
      .insert(tandemVolunteers)
      .values({ tandemId: tandem.id, email, name: opts.name.trim(), invitedBy: actor!.id })
      .onConflictDoNothing()
      .returning({ email: tandemVolunteers.email });
    if (inserted.length === 0) throw new ConflictError("agreements.errors.duplicateVolunteer");

    const [company] = await tx.select({ name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.id, tandem.companyId));
    const [partner] = await tx.select({ name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.id, tandem.partnerId));
    // In the invitee's language when they have an account, else in the inviter's.
    const [known] = await tx.select({ locale: users.locale }).from(users).where(eq(users.email, email));
    const [inviter] = await tx.select({ name: users.name, locale: users.locale }).from(users).where(eq(users.id, actor!.id));
    const locale = known?.locale ?? inviter?.locale ?? "fr";
    await queueEmail(tx, {
      to: email,
      locale,
      template: "tandemVolunteerInvite",
      props: {
        name: opts.name.trim(),
        inviter: inviter?.name ?? "",
        company: orgName(company, locale),
        partner: orgName(partner, locale),
        number: tandem.number,
        url: absolute(agreementPath(tandem.number), locale),
      },
    });
    return { email };
  });
}

/** The company's owners or admins take a volunteer off the tandem. */
export async function removeVolunteer(opts: { db: DbOrTx; actor: Actor; tandemId: string; email: string }) {
  const { db, actor } = opts;
  return db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    await managedSide(tx, tandem, actor, "company");
    if (tandem.status !== "agreement_draft" && tandem.status !== "active") throw new ConflictError("agreements.errors.closed");
    const gone = await tx
      .delete(tandemVolunteers)
      .where(and(eq(tandemVolunteers.tandemId, tandem.id), eq(tandemVolunteers.email, opts.email.trim().toLowerCase())))
      .returning({ email: tandemVolunteers.email });
    if (gone.length === 0) throw new NotFoundError();
  });
}

/** Either side's owners or admins end the tandem before its term, with a reason (10–1000 characters). */
export async function endTandemEarly(opts: { db: DbOrTx; actor: Actor; tandemId: string; reason: string }) {
  const { db, actor } = opts;
  const reason = opts.reason.trim();
  return db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    const { orgId } = await managedSide(tx, tandem, actor);
    if (reason.length < 10 || reason.length > 1000) throw new DomainError(400, "agreements.errors.reason");
    let to: TandemStatus;
    try {
      to = next(tandem.status, "endEarly", byOf(tandem, orgId));
    } catch (error) {
      if (error instanceof IllegalTransition) throw new ConflictError("agreements.errors.closed");
      throw error;
    }
    await tx.update(tandems).set({ status: to, endReason: reason, closedAt: new Date() }).where(eq(tandems.id, tandem.id));
    await tx.insert(tandemEvents).values({ tandemId: tandem.id, action: "endEarly", fromStatus: tandem.status, toStatus: to, actorId: actor!.id, reason });
    await audit(tx, { actorId: actor!.id, action: "tandem.endEarly", targetType: "tandem", targetId: tandem.id, before: { status: tandem.status }, after: { status: to, reason } });
    return { status: to };
  });
}
