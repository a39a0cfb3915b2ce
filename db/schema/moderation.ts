import { sql } from "drizzle-orm";
import { bigserial, check, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id } from "./columns";

import { REPORT_REASONS, REPORT_STATUSES, REPORT_TARGETS } from "./enums";
export { REPORT_REASONS, REPORT_STATUSES, REPORT_TARGETS } from "./enums";

export const reports = pgTable(
  "reports",
  {
    id: id(),
    reporterId: uuid().references(() => users.id, { onDelete: "set null" }),
    targetType: text({ enum: REPORT_TARGETS }).notNull(),
    targetId: uuid().notNull(),
    reason: text({ enum: REPORT_REASONS }).notNull(),
    details: text(),
    status: text({ enum: REPORT_STATUSES }).notNull().default("open"),
    resolvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("reports_target_check", sql`${t.targetType} in ('organization', 'message', 'review')`),
    check("reports_reason_check", sql`${t.reason} in ('inaccurate', 'fraud', 'offensive', 'other')`),
    check("reports_status_check", sql`${t.status} in ('open', 'resolved', 'dismissed')`),
    index("reports_status_idx").on(t.status),
  ],
);

// Append-only: a trigger in the migrations refuses UPDATE and DELETE.
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    actorId: uuid(),
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: text().notNull(),
    before: jsonb(),
    after: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_target_idx").on(t.targetType, t.targetId), index("audit_log_created_idx").on(t.createdAt)],
);
