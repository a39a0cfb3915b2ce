import { and, asc, count, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { memberships, networkMembers, organizations, users } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import { env } from "~/lib/env.server";
import { hit, type Limit } from "~/lib/rate-limit.server";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { audit } from "../moderation/audit.server";
import { type Actor, authorize, can, ORG_RULES } from "./authorize.server";
import { getMembershipRole, loadOrganization } from "./organizations.server";

export const NETWORK_MEMBERS_PAGE_SIZE = 30;

/**
 * Tells the managers (owners and admins) of the side that must answer, each in their own language, in the
 * transaction that created the proposal or request.
 */
async function notifyManagers(
  tx: DbOrTx,
  opts: { direction: "proposal" | "request"; network: { name: string; nameAr: string | null }; member: { name: string; nameAr: string | null }; answering: { id: string; slug: string } },
) {
  const managers = await tx
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, opts.answering.id), inArray(memberships.role, ORG_RULES["org.network.manage"])));
  for (const m of managers) {
    if (!m.email) continue;
    const name = (o: { name: string; nameAr: string | null }) => (m.locale === "ar" && o.nameAr ? o.nameAr : o.name);
    await queueEmail(tx, {
      to: m.email,
      locale: m.locale,
      template: "networkLink",
      props: {
        network: name(opts.network),
        member: name(opts.member),
        direction: opts.direction,
        url: `${env().appUrl}/organisations/${opts.answering.slug}/membres${m.locale === "fr" ? "" : `?lang=${m.locale}`}`,
      },
    });
  }
}

// Each proposal or request e-mails the other side's managers: a handful an hour is plenty for real use.
const linkLimits = (userId: string, organizationId: string): Limit[] => [
  { key: `network-link:user:${userId}`, max: 10, windowSeconds: 3600 },
  { key: `network-link:org:${organizationId}`, max: 20, windowSeconds: 3600 },
];

const link = (networkId: string, memberId: string) =>
  and(eq(networkMembers.networkId, networkId), eq(networkMembers.memberId, memberId));

/**
 * A network's managers propose a member organisation by its slug; the link stays private until
 * that organisation's managers accept it (no one is shown in a network without consent). When the
 * organisation had already asked to join, the proposal is the network's consent: the link is accepted.
 */
export async function addNetworkMember(opts: { db: DbOrTx; actor: Actor; networkSlug: string; memberSlug: string }) {
  const { db, actor } = opts;
  const { org: network, role } = await loadOrganization(db, opts.networkSlug, actor);
  authorize(actor, "org.network.manage", { membershipRole: role });
  if (network.kind !== "network") throw new ConflictError("errors.notANetwork");
  const [member] = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr })
    .from(organizations)
    .where(eq(organizations.slug, opts.memberSlug.trim().toLowerCase()));
  if (!member) throw new NotFoundError("errors.organizationNotFound");
  if (member.id === network.id) throw new ConflictError("errors.networkSelf");
  await hit(db, linkLimits(actor!.id, network.id));
  const proposed = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(networkMembers)
      .values({ networkId: network.id, memberId: member.id, requestedBy: "network" })
      .onConflictDoNothing()
      .returning({ id: networkMembers.memberId });
    if (inserted.length === 0) return false;
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: "network.proposal",
      targetType: "organization",
      targetId: network.id,
      after: { memberId: member.id, status: "pending", requestedBy: "network" },
    });
    await notifyManagers(tx, { direction: "proposal", network, member, answering: member });
    return true;
  });
  if (proposed) return "proposed" as const;
  try {
    await answerRequest(db, { actor, networkId: network.id, memberId: member.id, requestedBy: "member", accept: true });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    // Nothing waiting from the organisation: either the network's own proposal awaits its answer, or the link is there.
    const [existing] = await db.select({ status: networkMembers.status }).from(networkMembers).where(link(network.id, member.id));
    throw new ConflictError(existing?.status === "pending" ? "errors.networkProposalPending" : "errors.alreadyInNetwork");
  }
  return "accepted" as const;
}

/** The organisation's managers withdraw their own pending request to join (nothing else: not a membership, not a proposal). */
export async function cancelJoinRequest(opts: { db: DbOrTx; actor: Actor; memberSlug: string; networkSlug: string }) {
  const { db, actor } = opts;
  const { org: member, role } = await loadOrganization(db, opts.memberSlug, actor);
  authorize(actor, "org.network.manage", { membershipRole: role });
  const { org: network } = await loadOrganization(db, opts.networkSlug, actor);
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(networkMembers)
      .where(and(link(network.id, member.id), eq(networkMembers.status, "pending"), eq(networkMembers.requestedBy, "member")))
      .returning({ id: networkMembers.memberId });
    if (removed.length === 0) throw new NotFoundError();
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: "network.request.cancel",
      targetType: "organization",
      targetId: network.id,
      before: { memberId: member.id, status: "pending", requestedBy: "member" },
      after: null,
    });
  });
}

/**
 * Accepts or declines a pending link that the other side asked for, with its trace in the audit log.
 * Nothing pending from that side → 404.
 */
async function answerRequest(
  db: DbOrTx,
  opts: { actor: Actor; networkId: string; memberId: string; requestedBy: "network" | "member"; accept: boolean },
) {
  await db.transaction(async (tx) => {
    const where = and(
      link(opts.networkId, opts.memberId),
      eq(networkMembers.status, "pending"),
      eq(networkMembers.requestedBy, opts.requestedBy),
    );
    const changed = opts.accept
      ? await tx.update(networkMembers).set({ status: "accepted", acceptedAt: new Date() }).where(where).returning({ id: networkMembers.memberId })
      : await tx.delete(networkMembers).where(where).returning({ id: networkMembers.memberId });
    if (changed.length === 0) throw new NotFoundError();
    await audit(tx, {
      actorId: opts.actor?.id ?? null,
      action: `network.${opts.requestedBy === "member" ? "request" : "proposal"}.${opts.accept ? "accept" : "decline"}`,
      targetType: "organization",
      targetId: opts.networkId,
      before: { memberId: opts.memberId, status: "pending", requestedBy: opts.requestedBy },
      after: opts.accept ? { memberId: opts.memberId, status: "accepted" } : null,
    });
  });
}

/** The member organisation's managers accept or decline a network's proposal. */
export async function answerNetworkProposal(opts: {
  db: DbOrTx;
  actor: Actor;
  memberSlug: string;
  networkSlug: string;
  accept: boolean;
}) {
  const { db, actor } = opts;
  const { org: member, role } = await loadOrganization(db, opts.memberSlug, actor);
  authorize(actor, "org.network.manage", { membershipRole: role });
  const { org: network } = await loadOrganization(db, opts.networkSlug, actor);
  await answerRequest(db, { actor, networkId: network.id, memberId: member.id, requestedBy: "network", accept: opts.accept });
}

/**
 * An organisation's managers ask to join a network; the network's managers answer. When the network
 * had already proposed it, asking is consenting: the link is accepted at once.
 */
export async function requestToJoinNetwork(opts: { db: DbOrTx; actor: Actor; networkSlug: string; memberSlug: string }) {
  const { db, actor } = opts;
  const { org: member, role } = await loadOrganization(db, opts.memberSlug, actor);
  authorize(actor, "org.network.manage", { membershipRole: role });
  const { org: network } = await loadOrganization(db, opts.networkSlug, actor);
  if (network.kind !== "network") throw new ConflictError("errors.notANetwork");
  if (member.id === network.id) throw new ConflictError("errors.networkSelf");
  await hit(db, linkLimits(actor!.id, member.id));
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(networkMembers)
      .values({ networkId: network.id, memberId: member.id, requestedBy: "member" })
      .onConflictDoNothing()
      .returning({ id: networkMembers.memberId });
    if (inserted.length > 0) {
      await audit(tx, {
        actorId: actor?.id ?? null,
        action: "network.request",
        targetType: "organization",
        targetId: network.id,
        after: { memberId: member.id, status: "pending", requestedBy: "member" },
      });
      await notifyManagers(tx, { direction: "request", network, member, answering: network });
      return "requested" as const;
    }
    const [existing] = await tx
      .select({ status: networkMembers.status, requestedBy: networkMembers.requestedBy })
      .from(networkMembers)
      .where(link(network.id, member.id))
      .for("update");
    if (!existing || existing.status === "accepted") throw new ConflictError("errors.alreadyInNetwork");
    if (existing.requestedBy === "member") throw new ConflictError("errors.networkRequestPending");
    await answerRequest(tx, { actor, networkId: network.id, memberId: member.id, requestedBy: "network", accept: true });
    return "joined" as const;
  });
}

/** The network's managers accept or decline an organisation's request to join. */
export async function answerJoinRequest(opts: {
  db: DbOrTx;
  actor: Actor;
  networkSlug: string;
  memberSlug: string;
  accept: boolean;
}) {
  const { db, actor } = opts;
  const { org: network, role } = await loadOrganization(db, opts.networkSlug, actor);
  authorize(actor, "org.network.manage", { membershipRole: role });
  const { org: member } = await loadOrganization(db, opts.memberSlug, actor);
  await answerRequest(db, { actor, networkId: network.id, memberId: member.id, requestedBy: "member", accept: opts.accept });
}

const pendingFrom = (requestedBy: "network" | "member") =>
  and(eq(networkMembers.status, "pending"), eq(networkMembers.requestedBy, requestedBy));

/** Networks this organisation has a pending link with, asked by one side. */
function pendingNetworksOf(db: DbOrTx, memberId: string, requestedBy: "network" | "member") {
  return db
    .select({ slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr })
    .from(networkMembers)
    .innerJoin(organizations, eq(organizations.id, networkMembers.networkId))
    .where(and(eq(networkMembers.memberId, memberId), pendingFrom(requestedBy)))
    .orderBy(asc(organizations.name));
}

/** Networks waiting for this organisation's answer. */
export const listNetworkProposals = (db: DbOrTx, memberId: string) => pendingNetworksOf(db, memberId, "network");

/** Networks this organisation asked to join, still waiting for their answer. */
export const listOwnJoinRequests = (db: DbOrTx, memberId: string) => pendingNetworksOf(db, memberId, "member");

/** Organisations waiting for this network's answer. */
export async function listJoinRequests(db: DbOrTx, networkId: string) {
  return db
    .select({ slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr, kind: organizations.kind })
    .from(networkMembers)
    .innerJoin(organizations, eq(organizations.id, networkMembers.memberId))
    .where(and(eq(networkMembers.networkId, networkId), pendingFrom("member")))
    .orderBy(asc(networkMembers.createdAt));
}

/**
 * What the "join this network" page offers: the organisations this person manages (by their own
 * membership), each with where it stands with the network.
 */
export async function getJoinOptions(opts: { db: DbOrTx; actor: NonNullable<Actor>; networkSlug: string }) {
  const { db, actor } = opts;
  const { org: network } = await loadOrganization(db, opts.networkSlug, actor);
  if (network.kind !== "network") throw new NotFoundError();
  const candidates = await db
    .select({
      slug: organizations.slug,
      name: organizations.name,
      nameAr: organizations.nameAr,
      status: networkMembers.status,
      requestedBy: networkMembers.requestedBy,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .leftJoin(networkMembers, and(eq(networkMembers.networkId, network.id), eq(networkMembers.memberId, organizations.id)))
    .where(
      and(
        eq(memberships.userId, actor.id),
        inArray(memberships.role, [...ORG_RULES["org.network.manage"]]),
        ne(organizations.id, network.id),
      ),
    )
    .orderBy(asc(organizations.name));
  return {
    network: { slug: network.slug, name: network.name, nameAr: network.nameAr },
    candidates: candidates.map(({ status, requestedBy, ...o }) => ({
      ...o,
      standing: status === "accepted" ? ("member" as const) : status ? (requestedBy === "member" ? ("requested" as const) : ("proposed" as const)) : null,
    })),
  };
}

/**
 * A network's accepted members for its public page: searchable by name, accents ignored, a page at
 * a time. `total` counts every accepted member, `matching` those the search keeps.
 */
export async function listPublicNetworkMembers(opts: { db: DbOrTx; networkId: string; q: string; page: number }) {
  const { db } = opts;
  const q = opts.q.trim().slice(0, 100);
  const accepted = and(eq(networkMembers.networkId, opts.networkId), eq(networkMembers.status, "accepted"));
  const match = q
    ? sql`(strpos(tiwizi_unaccent(${organizations.name}), tiwizi_unaccent(${q})) > 0
        or strpos(tiwizi_unaccent(coalesce(${organizations.nameAr}, '')), tiwizi_unaccent(${q})) > 0)`
    : sql`true`;
  const [{ total, matching }] = await db
    .select({ total: count(), matching: sql<number>`count(*) filter (where ${match})::int` })
    .from(networkMembers)
    .innerJoin(organizations, eq(organizations.id, networkMembers.memberId))
    .where(accepted);
  const pageCount = Math.max(1, Math.ceil(matching / NETWORK_MEMBERS_PAGE_SIZE));
  const page = Math.min(Math.max(1, opts.page), pageCount);
  const items = await db
    .select({ slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr, kind: organizations.kind })
    .from(networkMembers)
    .innerJoin(organizations, eq(organizations.id, networkMembers.memberId))
    .where(and(accepted, match))
    .orderBy(sql`tiwizi_unaccent(${organizations.name})`, asc(organizations.id))
    .limit(NETWORK_MEMBERS_PAGE_SIZE)
    .offset((page - 1) * NETWORK_MEMBERS_PAGE_SIZE);
  return { items, total, matching, q, page, pageCount };
}

/** Either side may end the link: the network's managers, or the member organisation's. */
export async function removeNetworkMember(opts: { db: DbOrTx; actor: Actor; networkSlug: string; memberSlug: string }) {
  const { db, actor } = opts;
  const { org: network, role } = await loadOrganization(db, opts.networkSlug, actor);
  const { org: member } = await loadOrganization(db, opts.memberSlug, actor);
  const memberRole = await getMembershipRole(db, member.id, actor?.id);
  if (!can(actor, "org.network.manage", { membershipRole: role })) {
    authorize(actor, "org.network.manage", { membershipRole: memberRole });
  }
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(networkMembers)
      .where(link(network.id, member.id))
      .returning({ status: networkMembers.status, requestedBy: networkMembers.requestedBy });
    if (removed.length === 0) return;
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: "network.remove",
      targetType: "organization",
      targetId: network.id,
      before: { memberId: member.id, ...removed[0] },
    });
  });
}
