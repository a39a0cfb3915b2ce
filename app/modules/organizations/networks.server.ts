import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { networkMembers, organizations } from "../../../db/schema";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { type Actor, authorize, can } from "./authorize.server";
import { getMembershipRole, loadOrganization } from "./organizations.server";

/** A network's managers add a member organisation by its slug. */
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
