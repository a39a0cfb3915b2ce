import { desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { auditLog, users } from "../../../db/schema";
import { type Actor, authorize } from "../organizations/authorize.server";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
};

/** Appends to the audit log, in the caller's transaction so the record and the change land together. */
export async function audit(tx: DbOrTx, entry: AuditEntry) {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export async function listAuditWithActors(
  db: DbOrTx,
  actor: Actor,
  opts: { before?: number; limit?: number } = {},
) {
  authorize(actor, "platform.audit");
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(opts.before ? lt(auditLog.id, opts.before) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(opts.limit ?? 50);
}
