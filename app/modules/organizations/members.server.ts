import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { invitations, memberships, organizations, users, type MembershipRole } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import { getT } from "~/i18n/catalogs.server";
import type { Locale } from "~/i18n/i18n";
import { env } from "~/lib/env.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { hit } from "~/lib/rate-limit.server";
import { generateToken, hashToken } from "../accounts/session.server";
import { audit } from "../moderation/audit.server";
import { type Actor, authorize, can } from "./authorize.server";
import { loadOrganization } from "./organizations.server";

const INVITATION_TTL = 7 * 24 * 3600_000;

export async function listMembers(opts: { db: DbOrTx; actor: Actor; slug: string }) {
  const { db, actor } = opts;
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  authorize(actor, "org.members.view", { membershipRole: role });
  const [members, pending] = await Promise.all([
    db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, org.id))
      .orderBy(asc(users.name)),
    db
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(
        and(
          eq(invitations.organizationId, org.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .orderBy(asc(invitations.createdAt)),
  ]);
  // Who was invited is for those who invite.
  return { org, role, members, pending: can(actor, "org.members.invite", { membershipRole: role }) ? pending : [] };
}

/** Owners invite by e-mail; the link is sent in the inviter's language. */
export async function inviteMember(opts: {
  db: DbOrTx;
  actor: NonNullable<Actor> & { name: string };
  slug: string;
  email: string;
  role: MembershipRole;
  locale: Locale;
}) {
  const { db, actor } = opts;
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  authorize(actor, "org.members.invite", { membershipRole: role });
  await hit(db, [{ key: `invite:${actor.id}`, max: 50, windowSeconds: 24 * 3600 }]);
  const [already] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, org.id), eq(users.email, opts.email)));
  if (already) throw new ConflictError("errors.alreadyMember");
  const token = generateToken();
  await db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.organizationId, org.id), eq(invitations.email, opts.email), isNull(invitations.acceptedAt)));
    await tx.insert(invitations).values({
      organizationId: org.id,
      email: opts.email,
      role: opts.role,
      tokenHash: hashToken(token),
      invitedBy: actor.id,
      expiresAt: new Date(Date.now() + INVITATION_TTL),
    });
    const t = getT(opts.locale);
    const lang = opts.locale === "fr" ? "" : `?lang=${opts.locale}`;
    await queueEmail(tx, {
      to: opts.email,
      locale: opts.locale,
      template: "invitation",
      props: {
        organization: org.name,
        inviter: actor.name,
        role: t(`roles.${opts.role}`),
        url: `${env().appUrl}/invitations/${token}${lang}`,
      },
    });
  });
}

export async function revokeInvitation(opts: { db: DbOrTx; actor: Actor; slug: string; invitationId: string }) {
  const { org, role } = await loadOrganization(opts.db, opts.slug, opts.actor);
  authorize(opts.actor, "org.members.invite", { membershipRole: role });
  await opts.db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.id, opts.invitationId), eq(invitations.organizationId, org.id)));
}

export async function findInvitation(db: DbOrTx, token: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      organizationId: invitations.organizationId,
      organizationName: organizations.name,
      organizationSlug: organizations.slug,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) throw new NotFoundError("errors.invitationInvalid");
  if (row.acceptedAt || row.revokedAt) throw new DomainError(410, "errors.invitationUsed");
  if (row.expiresAt.getTime() <= Date.now()) throw new DomainError(410, "errors.invitationExpired");
  return row;
}

/** Accepting needs the invited address: a forwarded link does not make a stranger a member. */
export async function acceptInvitation(opts: {
  db: DbOrTx;
  user: { id: string; email: string; emailVerified: boolean };
  token: string;
}) {
  const { db, user } = opts;
  // Proving the address is what makes the invitation theirs.
  if (!user.emailVerified) throw new DomainError(403, "errors.emailNotVerified");
  return db.transaction(async (tx) => {
    const invitation = await findInvitation(tx, opts.token);
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new DomainError(403, "errors.invitationOtherEmail");
    }
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (claimed.length === 0) throw new DomainError(410, "errors.invitationUsed");
    await tx
      .insert(memberships)
      .values({ organizationId: invitation.organizationId, userId: user.id, role: invitation.role })
      .onConflictDoNothing();
    return { slug: invitation.organizationSlug };
  });
}

/** Serialises membership changes of one organisation, so two at once cannot both remove "the other" owner. */
async function lockOrganization(tx: DbOrTx, organizationId: string) {
  await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for("update");
}

async function ownerCount(tx: DbOrTx, organizationId: string) {
  const [{ n }] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, "owner")));
  return n;
}

/** Owners change roles; an organisation always keeps at least one owner. */
export async function changeRole(opts: {
  db: DbOrTx;
  actor: Actor;
  slug: string;
  userId: string;
  role: MembershipRole;
}) {
  const { db, actor } = opts;
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  authorize(actor, "org.members.manage", { membershipRole: role });
  await db.transaction(async (tx) => {
    await lockOrganization(tx, org.id);
    const [current] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, opts.userId)))
      .for("update");
    if (!current) throw new NotFoundError();
    await tx
      .update(memberships)
      .set({ role: opts.role })
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, opts.userId)));
    if (current.role === "owner" && (await ownerCount(tx, org.id)) === 0) throw new ConflictError("errors.lastOwner");
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: "membership.role",
      targetType: "organization",
      targetId: org.id,
      before: { userId: opts.userId, role: current.role },
      after: { userId: opts.userId, role: opts.role },
    });
  });
}

/** Owners remove members; anyone may leave. The last owner can do neither. */
export async function removeMember(opts: { db: DbOrTx; actor: NonNullable<Actor>; slug: string; userId: string }) {
  const { db, actor } = opts;
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  if (opts.userId !== actor.id) authorize(actor, "org.members.manage", { membershipRole: role });
  await db.transaction(async (tx) => {
    await lockOrganization(tx, org.id);
    const removed = await tx
      .delete(memberships)
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.userId, opts.userId)))
      .returning({ role: memberships.role });
    if (removed.length === 0) throw new NotFoundError();
    if (removed[0].role === "owner" && (await ownerCount(tx, org.id)) === 0) throw new ConflictError("errors.lastOwner");
  });
}
