import { and, asc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "../../../db/client";
import { memberships, organizationBlocks, organizations } from "../../../db/schema";
import { ConflictError } from "~/lib/errors.server";
import { audit } from "../moderation/audit.server";
import { type Actor, authorize, ORG_RULES } from "../organizations/authorize.server";
import { loadOrganization } from "../organizations/organizations.server";

/** Whether one of two organisations blocked the other, seen from `ours`. A block stops messages both ways. */
export async function blockBetween(db: DbOrTx, ours: string, theirs: string): Promise<"byUs" | "byThem" | null> {
  const rows = await db
    .select({ blockerId: organizationBlocks.blockerId })
    .from(organizationBlocks)
    .where(
      or(
        and(eq(organizationBlocks.blockerId, ours), eq(organizationBlocks.blockedId, theirs)),
        and(eq(organizationBlocks.blockerId, theirs), eq(organizationBlocks.blockedId, ours)),
      ),
    );
  if (rows.some((r) => r.blockerId === theirs)) return "byThem";
  return rows.length > 0 ? "byUs" : null;
}

export async function assertNotBlocked(db: DbOrTx, ours: string, theirs: string) {
  const block = await blockBetween(db, ours, theirs);
  if (block === "byThem") throw new ConflictError("errors.messageBlocked");
  if (block === "byUs") throw new ConflictError("errors.messageYouBlocked");
}

async function loadPair(opts: { db: DbOrTx; actor: NonNullable<Actor>; slug: string; otherSlug: string }) {
  const { org, role } = await loadOrganization(opts.db, opts.slug, opts.actor);
  authorize(opts.actor, "org.contacts.block", { membershipRole: role });
  const { org: other } = await loadOrganization(opts.db, opts.otherSlug, opts.actor);
  if (other.id === org.id) throw new ConflictError("errors.blockSelf");
  return { org, other };
}

/** An organisation's managers block another one: no more messages between them, either way. */
export async function blockOrganization(opts: { db: DbOrTx; actor: NonNullable<Actor>; slug: string; otherSlug: string }) {
  const { org, other } = await loadPair(opts);
  await opts.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(organizationBlocks)
      .values({ blockerId: org.id, blockedId: other.id, createdBy: opts.actor.id })
      .onConflictDoNothing()
      .returning({ id: organizationBlocks.blockedId });
    if (inserted.length === 0) return;
    await audit(tx, {
      actorId: opts.actor.id,
      action: "organization.block",
      targetType: "organization",
      targetId: org.id,
      after: { blockedId: other.id, blockedName: other.name },
    });
  });
}

export async function unblockOrganization(opts: { db: DbOrTx; actor: NonNullable<Actor>; slug: string; otherSlug: string }) {
  const { org, other } = await loadPair(opts);
  await opts.db.transaction(async (tx) => {
    const removed = await tx
      .delete(organizationBlocks)
      .where(and(eq(organizationBlocks.blockerId, org.id), eq(organizationBlocks.blockedId, other.id)))
      .returning({ id: organizationBlocks.blockedId });
    if (removed.length === 0) return;
    await audit(tx, {
      actorId: opts.actor.id,
      action: "organization.unblock",
      targetType: "organization",
      targetId: org.id,
      before: { blockedId: other.id, blockedName: other.name },
    });
  });
}

/** The blocks made by the organisations this person manages, to undo them. */
export async function listBlocks(db: DbOrTx, userId: string) {
  const blocker = alias(organizations, "blocker");
  const blocked = alias(organizations, "blocked");
  return db
    .select({
      blocker: { slug: blocker.slug, name: blocker.name, nameAr: blocker.nameAr },
      blocked: { slug: blocked.slug, name: blocked.name, nameAr: blocked.nameAr },
    })
    .from(organizationBlocks)
    .innerJoin(blocker, eq(blocker.id, organizationBlocks.blockerId))
    .innerJoin(blocked, eq(blocked.id, organizationBlocks.blockedId))
    .innerJoin(
      memberships,
      and(
        eq(memberships.organizationId, organizationBlocks.blockerId),
        eq(memberships.userId, userId),
        inArray(memberships.role, [...ORG_RULES["org.contacts.block"]]),
      ),
    )
    .orderBy(asc(blocker.name), asc(blocked.name));
}
