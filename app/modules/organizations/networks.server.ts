import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { networkMembers, organizations } from "../../../db/schema";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { type Actor, authorize, can } from "./authorize.server";
import { getMembershipRole, loadOrganization } from "./organizations.server";

/**
 * A network's managers propose a member organisation by its slug; the link stays private until
 * that organisation's managers accept it (no one is shown in a network without consent).
 */
export async function addNetworkMember(opts: { db: DbOrTx; actor: Actor; networkSlug: string; memberSlug: string }) {
  const { db, actor } = opts;
  const { org: network, role } = await loadOrganization(db, opts.networkSlug, actor);
  authorize(actor, "org.network.manage", { membershipRole: role });
  if (network.kind !== "network") throw new ConflictError("errors.notANetwork");
  const [member] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, opts.memberSlug.trim().toLowerCase()));
  if (!member) throw new NotFoundError("errors.organizationNotFound");
  if (member.id === network.id) throw new ConflictError("errors.networkSelf");
  const inserted = await db
    .insert(networkMembers)
    .values({ networkId: network.id, memberId: member.id })
    .onConflictDoNothing()
    .returning({ id: networkMembers.memberId });
  if (inserted.length === 0) throw new ConflictError("errors.alreadyInNetwork");
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
  const where = and(
    eq(networkMembers.networkId, network.id),
    eq(networkMembers.memberId, member.id),
    eq(networkMembers.status, "pending"),
  );
  const changed = opts.accept
    ? await db.update(networkMembers).set({ status: "accepted", acceptedAt: new Date() }).where(where).returning({ id: networkMembers.memberId })
    : await db.delete(networkMembers).where(where).returning({ id: networkMembers.memberId });
  if (changed.length === 0) throw new NotFoundError();
}

/** Networks waiting for this organisation's answer. */
export async function listNetworkProposals(db: DbOrTx, memberId: string) {
  return db
    .select({ slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr })
    .from(networkMembers)
    .innerJoin(organizations, eq(organizations.id, networkMembers.networkId))
    .where(and(eq(networkMembers.memberId, memberId), eq(networkMembers.status, "pending")))
    .orderBy(asc(organizations.name));
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
  await db
    .delete(networkMembers)
    .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.memberId, member.id)));
}
