import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgSequence, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, inList, updatedAt } from "./columns";
import { TANDEM_DECLINE_REASONS, TANDEM_EVALUATION_STAGES, TANDEM_FORMATS, TANDEM_STATUSES } from "./enums";
import { organizations } from "./organizations";

// Human tandem numbers for the programme and certificates: TDM-2026-0007.
export const tandemNumberSeq = pgSequence("tandem_number_seq", { startWith: 1 });

// A tandem (decision 016): a company lends its people's skills to an association or a cooperative. One row
// from the proposal to the end; its status moves only through app/modules/tandems/states.ts.
export const tandems = pgTable(
  "tandems",
  {
    id: id(),
    number: text().notNull().unique(),
    companyId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    partnerId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    // Which side proposed (the other answers).
    proposedById: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    proposedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    status: text({ enum: TANDEM_STATUSES }).notNull().default("proposed"),
    // Skill domains (app/modules/organizations/vocabulary.ts), kept sorted so equal sets compare equal.
    skills: text().array().notNull(),
    objectives: text().notNull(),
    expectedHours: integer().notNull(),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    format: text({ enum: TANDEM_FORMATS }).notNull(),
    message: text(),
    answerBy: timestamp({ withTimezone: true }).notNull(),
    declineReason: text({ enum: TANDEM_DECLINE_REASONS }),
    declineText: text(),
    endReason: text(),
    answeredAt: timestamp({ withTimezone: true }),
    activatedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    // When the daily job last reminded the sides (nothing logged for 30 days; mid-term and final evaluations due).
    idleRemindedAt: timestamp({ withTimezone: true }),
    midtermRemindedAt: timestamp({ withTimezone: true }),
    finalRemindedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("tandems_status_check", sql`${t.status} in (${inList(TANDEM_STATUSES)})`),
    check("tandems_format_check", sql`${t.format} in (${inList(TANDEM_FORMATS)})`),
    check("tandems_decline_check", sql`${t.declineReason} is null or ${t.declineReason} in (${inList(TANDEM_DECLINE_REASONS)})`),
    check("tandems_sides_check", sql`${t.companyId} <> ${t.partnerId} and ${t.proposedById} in (${t.companyId}, ${t.partnerId})`),
    check("tandems_hours_check", sql`${t.expectedHours} between 1 and 2000`),
    check("tandems_period_check", sql`${t.periodEnd} >= ${t.periodStart}`),
    check("tandems_skills_check", sql`cardinality(${t.skills}) between 1 and 10`),
    // No second open proposal between the same two organisations on the same skills.
    uniqueIndex("tandems_open_proposal_idx").on(t.companyId, t.partnerId, t.skills).where(sql`${t.status} = 'proposed'`),
    index("tandems_company_idx").on(t.companyId, t.status),
    index("tandems_partner_idx").on(t.partnerId, t.status),
    index("tandems_status_idx").on(t.status, t.answerBy),
  ],
);

// The agreement both sides edit once the proposal is accepted; any edit makes a new version, and approvals
// count for the version they approved.
export const tandemAgreements = pgTable("tandem_agreements", {
  tandemId: uuid()
    .primaryKey()
    .references(() => tandems.id, { onDelete: "cascade" }),
  version: integer().notNull().default(1),
  objectives: text().notNull(),
  deliverables: text(),
  hoursCommitted: integer().notNull(),
  focalPersonId: uuid().references(() => users.id, { onDelete: "set null" }),
  startDate: date().notNull(),
  endDate: date().notNull(),
  confidentialityNote: text(),
  updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  updatedAt: updatedAt(),
});

export const tandemApprovals = pgTable(
  "tandem_approvals",
  {
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    agreementVersion: integer().notNull(),
    approvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    approvedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tandemId, t.organizationId] })],
);

// The company's people on the tandem: invited by e-mail, linked to an account once they accept.
export const tandemVolunteers = pgTable(
  "tandem_volunteers",
  {
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    invitedAt: createdAt(),
    joinedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tandemId, t.email] })],
);

// A working session, logged by either side and confirmed by the other.
export const tandemSessions = pgTable(
  "tandem_sessions",
  {
    id: id(),
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: "cascade" }),
    heldOn: date().notNull(),
    minutes: integer().notNull(),
    topic: text().notNull(),
    participants: text(),
    // The company's volunteers who took part (their e-mails on the tandem): each one's certificate counts their hours.
    volunteerEmails: text().array().notNull().default(sql`'{}'::text[]`),
    notes: text(),
    loggedByOrgId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    loggedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    confirmedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    confirmedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // Over 12 hours is not a session.
    check("tandem_sessions_minutes_check", sql`${t.minutes} between 1 and 720`),
    index("tandem_sessions_tandem_idx").on(t.tandemId, t.heldOn),
  ],
);

export const tandemSessionFiles = pgTable(
  "tandem_session_files",
  {
    id: id(),
    sessionId: uuid()
      .notNull()
      .references(() => tandemSessions.id, { onDelete: "cascade" }),
    key: text().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    bytes: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("tandem_session_files_session_idx").on(t.sessionId)],
);

export const tandemMessages = pgTable(
  "tandem_messages",
  {
    id: id(),
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("tandem_messages_body_check", sql`char_length(${t.body}) between 1 and 5000`), index("tandem_messages_tandem_idx").on(t.tandemId, t.createdAt)],
);

// Mid-term and final evaluations, one per side and stage. The final one carries the partner's
// self-assessment per skill domain, before and after (1–5).
export const tandemEvaluations = pgTable(
  "tandem_evaluations",
  {
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    stage: text({ enum: TANDEM_EVALUATION_STAGES }).notNull(),
    onTrack: boolean(),
    satisfaction: smallint().notNull(),
    toChange: text(),
    transferred: text(),
    selfAssessment: jsonb().$type<Record<string, { before: number; after: number }>>(),
    submittedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    submittedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tandemId, t.organizationId, t.stage] }),
    check("tandem_evaluations_stage_check", sql`${t.stage} in (${inList(TANDEM_EVALUATION_STAGES)})`),
    check("tandem_evaluations_satisfaction_check", sql`${t.satisfaction} between 1 and 5`),
  ],
);

// Certificates of a completed tandem: the company's and each volunteer's, checked at /tandems/certificat/<code>.
export const tandemCertificates = pgTable(
  "tandem_certificates",
  {
    id: id(),
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: "cascade" }),
    code: text().notNull().unique(),
    holderName: text().notNull(),
    volunteerEmail: text(),
    minutes: integer().notNull(),
    issuedAt: createdAt(),
  },
  (t) => [index("tandem_certificates_tandem_idx").on(t.tandemId)],
);

// Every transition, with who made it and why: the audit trail the issue asks for.
export const tandemEvents = pgTable(
  "tandem_events",
  {
    id: id(),
    tandemId: uuid()
      .notNull()
      .references(() => tandems.id, { onDelete: "cascade" }),
    action: text().notNull(),
    fromStatus: text({ enum: TANDEM_STATUSES }),
    toStatus: text({ enum: TANDEM_STATUSES }).notNull(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    reason: text(),
    createdAt: createdAt(),
  },
  (t) => [index("tandem_events_tandem_idx").on(t.tandemId, t.createdAt)],
);
