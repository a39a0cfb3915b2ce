import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { conversations, emailMessages, memberships, messages, organizations, reports, users } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import { env } from "~/lib/env.server";
import { NotFoundError } from "~/lib/errors.server";
import { hit } from "~/lib/rate-limit.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { indexOrganization } from "../../../search/documents.server";
import { findReportableMessage } from "../messages/messages.server";
import { findReportableReview, reviewsForReports } from "../orders/reviews.server";
import { audit } from "./audit.server";
import type { decisionSchema, reportSchema } from "./schemas";

/**
 * Any signed-in person may report public content; a message only by those it was sent to.
 * It lands in the admins' queue.
 */
export async function createReport(opts: { db: DbOrTx; reporterId: string; input: z.output<typeof reportSchema> }) {
  const { db, input } = opts;
  await hit(db, [{ key: `report:${opts.reporterId}`, max: 20, windowSeconds: 3600 }]);
  if (input.targetType === "message") {
    await findReportableMessage(db, opts.reporterId, input.targetId);
  } else if (input.targetType === "review") {
    await findReportableReview(db, input.targetId);
  } else {
    const [target] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.targetId));
    if (!target) throw new NotFoundError();
  }
  await db.insert(reports).values({ reporterId: opts.reporterId, ...input });
}

export async function listPendingOrganizations(db: DbOrTx, actor: Actor) {
  authorize(actor, "platform.verify");
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      regionCode: organizations.regionCode,
      createdAt: organizations.createdAt,
      identifiers: sql<string[]>`coalesce((select array_agg(i.type || ' ' || i.value) from organization_identifiers i where i.organization_id = ${organizations.id}), '{}')`,
    })
    .from(organizations)
    .where(eq(organizations.verificationStatus, "pending"))
    .orderBy(asc(organizations.createdAt))
    .limit(200);
}

/** Verifies or refuses an organisation; the owners are told by e-mail, in their language, with the reason. */
export async function decideVerification(opts: { db: DbOrTx; actor: Actor; input: z.output<typeof decisionSchema> }) {
  const { db, actor, input } = opts;
  authorize(actor, "platform.verify");
  await db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, input.organizationId)).for("update");
    if (!org) throw new NotFoundError();
    const reason = input.reason?.trim() || null;
    await tx
      .update(organizations)
      .set({
        verificationStatus: input.decision,
        verificationNote: reason,
        verifiedAt: input.decision === "verified" ? new Date() : null,
      })
      .where(eq(organizations.id, org.id));
    await indexOrganization(tx, org.id);
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: `organization.${input.decision === "verified" ? "verify" : "refuse"}`,
      targetType: "organization",
      targetId: org.id,
      before: { verificationStatus: org.verificationStatus, verificationNote: org.verificationNote },
      after: { verificationStatus: input.decision, verificationNote: reason },
    });
    const owners = await tx
      .select({ email: users.email, locale: users.locale })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organizationId, org.id), eq(memberships.role, "owner")));
    for (const owner of owners) {
      if (!owner.email) continue;
      await queueEmail(tx, {
        to: owner.email,
        locale: owner.locale,
        template: "verificationDecision",
        props: {
          organization: org.name,
          decision: input.decision,
          reason,
          url: `${env().appUrl}/organisations/${org.slug}${owner.locale === "fr" ? "" : `?lang=${owner.locale}`}`,
        },
      });
    }
  });
}

/**
 * The queue. A reported message comes with what an admin needs to act: its text, when it was sent,
 * the conversation's subject, the organisation that sent it and the one that received it.
 */
export async function listReports(db: DbOrTx, actor: Actor, status: "open" | "resolved" | "dismissed" = "open") {
  authorize(actor, "platform.moderate");
  const sender = alias(organizations, "sender_org");
  const recipient = alias(organizations, "recipient_org");
  const rows = await db
    .select({
      id: reports.id,
      targetType: reports.targetType,
      reason: reports.reason,
      details: reports.details,
      status: reports.status,
      createdAt: reports.createdAt,
      targetId: reports.targetId,
      targetName: organizations.name,
      targetSlug: organizations.slug,
      reporterName: users.name,
      messageBody: messages.body,
      messageSentAt: messages.createdAt,
      messageSubject: conversations.subject,
      senderName: sender.name,
      senderSlug: sender.slug,
      recipientName: recipient.name,
      recipientSlug: recipient.slug,
    })
    .from(reports)
    .leftJoin(organizations, and(eq(reports.targetType, "organization"), eq(organizations.id, reports.targetId)))
    .leftJoin(messages, and(eq(reports.targetType, "message"), eq(messages.id, reports.targetId)))
    .leftJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(sender, eq(sender.id, messages.senderOrganizationId))
    .leftJoin(
      recipient,
      eq(
        recipient.id,
        sql`case when ${conversations.fromOrganizationId} = ${messages.senderOrganizationId} then ${conversations.toOrganizationId} else ${conversations.fromOrganizationId} end`,
      ),
    )
    .leftJoin(users, eq(users.id, reports.reporterId))
    .where(eq(reports.status, status))
    .orderBy(desc(reports.createdAt))
    .limit(200);
  const reported = await reviewsForReports(db, rows.filter((r) => r.targetType === "review").map((r) => r.targetId));
  return rows.map(({ messageBody, messageSentAt, messageSubject, senderName, senderSlug, recipientName, recipientSlug, ...r }) => ({
    ...r,
    review: r.targetType === "review" ? (reported.get(r.targetId) ?? null) : null,
    message:
      messageBody !== null && messageSentAt && senderSlug && recipientSlug
        ? {
            body: messageBody,
            sentAt: messageSentAt,
            subject: messageSubject ?? "",
            sender: { name: senderName ?? "", slug: senderSlug },
            recipient: { name: recipientName ?? "", slug: recipientSlug },
          }
        : null,
  }));
}

export async function resolveReport(opts: {
  db: DbOrTx;
  actor: Actor;
  reportId: string;
  status: "resolved" | "dismissed";
}) {
  const { db, actor } = opts;
  authorize(actor, "platform.moderate");
  await db.transaction(async (tx) => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, opts.reportId)).for("update");
    if (!report) throw new NotFoundError();
    await tx
      .update(reports)
      .set({ status: opts.status, resolvedBy: actor?.id ?? null, resolvedAt: new Date() })
      .where(eq(reports.id, report.id));
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: `report.${opts.status}`,
      targetType: "report",
      targetId: report.id,
      before: { status: report.status },
      after: { status: opts.status },
    });
  });
}

export async function listFailedEmails(db: DbOrTx, actor: Actor) {
  authorize(actor, "platform.mail");
  return db
    .select({
      id: emailMessages.id,
      to: emailMessages.to,
      template: emailMessages.template,
      status: emailMessages.status,
      attempts: emailMessages.attempts,
      lastError: emailMessages.lastError,
      createdAt: emailMessages.createdAt,
    })
    .from(emailMessages)
    .where(sql`${emailMessages.status} = 'failed' or (${emailMessages.status} = 'queued' and ${emailMessages.attempts} > 0)`)
    .orderBy(desc(emailMessages.createdAt))
    .limit(100);
}

export async function adminCounts(db: DbOrTx, actor: Actor) {
  authorize(actor, "platform.verify");
  const [row] = await db.execute<{ pending: number; reports: number; failed_emails: number }>(sql`
    select
      (select count(*)::int from organizations where verification_status = 'pending') as pending,
      (select count(*)::int from reports where status = 'open') as reports,
      (select count(*)::int from email_messages where status = 'failed') as failed_emails`);
  return { pending: row.pending, reports: row.reports, failedEmails: row.failed_emails };
}
