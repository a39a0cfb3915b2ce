import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, numeric, pgSequence, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, inList, updatedAt } from "./columns";
import { APPLICATION_DECISIONS, APPLICATION_STATUSES, CALL_KINDS, CONFLICT_STATES, DOCUMENT_KINDS, LABEL_STATUSES, ORGANIZATION_KINDS } from "./enums";
import { organizations } from "./organizations";

/**
 * A call's criteria grid, one version (decision 017): sections weighted to 100, criteria with a maximum, an
 * optional minimum, guidance, and the questions the applicant answers. Immutable once an application was
 * submitted against it: a change makes a new version.
 */
export type GridQuestion = { id: string; labelFr: string; labelAr: string; maxLength: number };
export type GridCriterion = {
  id: string;
  titleFr: string;
  titleAr: string;
  max: number;
  minimum?: number | null;
  guidanceFr?: string | null;
  guidanceAr?: string | null;
  questions: GridQuestion[];
};
export type GridSection = { id: string; titleFr: string; titleAr: string; weight: number; criteria: GridCriterion[] };

// Application references: SIRAJ-2026-0007, AMI-2026-0150.
export const applicationNumberSeq = pgSequence("application_number_seq", { startWith: 1 });

/** A call for applications: a Siraj label edition or a selection such as CAP+'s AMI (issue 6). */
export const calls = pgTable(
  "calls",
  {
    id: id(),
    // Short code shown in references and URLs: SIRAJ-2026, AMI-2026.
    code: text().notNull().unique(),
    kind: text({ enum: CALL_KINDS }).notNull(),
    audience: text({ enum: ORGANIZATION_KINDS }).array().notNull(),
    titleFr: text().notNull(),
    titleAr: text().notNull(),
    descriptionFr: text().notNull(),
    descriptionAr: text().notNull(),
    // Instants; entered and shown in Africa/Casablanca time (app/lib/morocco-time.ts).
    opensAt: timestamp({ withTimezone: true }).notNull(),
    closesAt: timestamp({ withTimezone: true }).notNull(),
    // Laureates of a label, seats of a selection.
    seats: integer().notNull(),
    labelValidityMonths: integer(),
    // Jurors' totals further apart than this are flagged (points out of 100).
    disagreementThreshold: numeric({ precision: 5, scale: 2 }).notNull().default("20"),
    observationDays: integer().notNull().default(10),
    gridVersion: integer().notNull().default(1),
    // Not public until published; decisions reach applicants together when released.
    publishedAt: timestamp({ withTimezone: true }),
    releasedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("calls_kind_check", sql`${t.kind} in (${inList(CALL_KINDS)})`),
    check("calls_period_check", sql`${t.closesAt} > ${t.opensAt}`),
    check("calls_seats_check", sql`${t.seats} between 1 and 10000`),
    check("calls_audience_check", sql`cardinality(${t.audience}) between 1 and 4`),
    check("calls_label_validity_check", sql`(${t.kind} = 'label') = (${t.labelValidityMonths} is not null)`),
    check("calls_threshold_check", sql`${t.disagreementThreshold} between 0 and 100`),
    check("calls_observation_check", sql`${t.observationDays} between 0 and 90`),
    index("calls_public_idx").on(t.publishedAt, t.closesAt),
  ],
);

export const callGrids = pgTable(
  "call_grids",
  {
    callId: uuid()
      .notNull()
      .references(() => calls.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    sections: jsonb().$type<GridSection[]>().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.callId, t.version] })],
);

/** A document the applicant must (or may) attach: its kind, the formats and size accepted. */
export const callRequirements = pgTable(
  "call_requirements",
  {
    id: id(),
    callId: uuid()
      .notNull()
      .references(() => calls.id, { onDelete: "cascade" }),
    kind: text({ enum: DOCUMENT_KINDS }).notNull(),
    labelFr: text().notNull(),
    labelAr: text().notNull(),
    formats: text().array().notNull(),
    maxBytes: integer().notNull(),
    required: boolean().notNull().default(true),
    position: smallint().notNull().default(0),
  },
  (t) => [
    check("call_requirements_kind_check", sql`${t.kind} in (${inList(DOCUMENT_KINDS)})`),
    check("call_requirements_bytes_check", sql`${t.maxBytes} between 1024 and 26214400`),
    index("call_requirements_call_idx").on(t.callId, t.position),
  ],
);

/** An organisation's private document vault: uploaded once, reused across calls. Never served by a public URL. */
export const organizationDocuments = pgTable(
  "organization_documents",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: text({ enum: DOCUMENT_KINDS }).notNull(),
    title: text().notNull(),
    key: text().notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    bytes: integer().notNull(),
    uploadedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [check("organization_documents_kind_check", sql`${t.kind} in (${inList(DOCUMENT_KINDS)})`), index("organization_documents_org_idx").on(t.organizationId, t.createdAt)],
);

/** One organisation's application to one call; its status moves only through app/modules/calls/states.ts. */
export const applications = pgTable(
  "applications",
  {
    id: id(),
    reference: text().notNull().unique(),
    callId: uuid()
      .notNull()
      .references(() => calls.id, { onDelete: "restrict" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    status: text({ enum: APPLICATION_STATUSES }).notNull().default("draft"),
    gridVersion: integer().notNull(),
    // The applicant's answers by question id, saved as they type.
    answers: jsonb().$type<Record<string, string>>().notNull().default({}),
    step: smallint().notNull().default(0),
    savedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    eligibilityReason: text(),
    reopenReason: text(),
    decision: text({ enum: APPLICATION_DECISIONS }),
    decisionReason: text(),
    feedback: text(),
    decidedAt: timestamp({ withTimezone: true }),
    contestText: text(),
    contestedAt: timestamp({ withTimezone: true }),
    answerText: text(),
    answeredAt: timestamp({ withTimezone: true }),
    // A renewal starts from the application that earned the label.
    renewalOf: uuid(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("applications_status_check", sql`${t.status} in (${inList(APPLICATION_STATUSES)})`),
    check("applications_decision_check", sql`${t.decision} is null or ${t.decision} in (${inList(APPLICATION_DECISIONS)})`),
    // Applying twice to one call is refused here too.
    uniqueIndex("applications_call_org_idx").on(t.callId, t.organizationId),
    index("applications_call_status_idx").on(t.callId, t.status),
    index("applications_org_idx").on(t.organizationId),
  ],
);

export const applicationDocuments = pgTable(
  "application_documents",
  {
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    requirementId: uuid()
      .notNull()
      .references(() => callRequirements.id, { onDelete: "cascade" }),
    documentId: uuid()
      .notNull()
      .references(() => organizationDocuments.id, { onDelete: "restrict" }),
    attachedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.applicationId, t.requirementId] })],
);

/** A juror of one call: invited by e-mail, linked to an account when they accept. The role is scoped to the call. */
export const callJurors = pgTable(
  "call_jurors",
  {
    id: id(),
    callId: uuid()
      .notNull()
      .references(() => calls.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    invitedAt: createdAt(),
    acceptedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("call_jurors_call_email_idx").on(t.callId, t.email), index("call_jurors_user_idx").on(t.userId)],
);

/**
 * An application assigned to a juror. The juror declares no conflict of interest before seeing the dossier,
 * or declares one and is replaced; their scores stay private to them until they submit.
 */
export const reviewAssignments = pgTable(
  "review_assignments",
  {
    id: id(),
    applicationId: uuid()
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    jurorId: uuid()
      .notNull()
      .references(() => callJurors.id, { onDelete: "cascade" }),
    conflict: text({ enum: CONFLICT_STATES }).notNull().default("pending"),
    conflictNote: text(),
    conflictAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    assignedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    assignedAt: createdAt(),
  },
  (t) => [
    check("review_assignments_conflict_check", sql`${t.conflict} in (${inList(CONFLICT_STATES)})`),
    uniqueIndex("review_assignments_pair_idx").on(t.applicationId, t.jurorId),
    index("review_assignments_juror_idx").on(t.jurorId),
  ],
);

export const reviewScores = pgTable(
  "review_scores",
  {
    assignmentId: uuid()
      .notNull()
      .references(() => reviewAssignments.id, { onDelete: "cascade" }),
    criterionId: text().notNull(),
    score: integer().notNull(),
    comment: text(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.criterionId] }), check("review_scores_score_check", sql`${t.score} >= 0`)],
);

/** The Siraj label of an organisation, from a label call's laureate decision; verifiable by its code. */
export const labels = pgTable(
  "labels",
  {
    id: id(),
    code: text().notNull().unique(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    callId: uuid()
      .notNull()
      .references(() => calls.id, { onDelete: "restrict" }),
    applicationId: uuid()
      .notNull()
      .unique()
      .references(() => applications.id, { onDelete: "restrict" }),
    awardedOn: date().notNull(),
    expiresOn: date().notNull(),
    // Expiry is read from expiresOn; suspended and withdrawn are operators' acts, with a reason.
    status: text({ enum: LABEL_STATUSES }).notNull().default("current"),
    statusReason: text(),
    statusChangedAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("labels_status_check", sql`${t.status} in (${inList(LABEL_STATUSES)})`),
    check("labels_dates_check", sql`${t.expiresOn} > ${t.awardedOn}`),
    index("labels_org_idx").on(t.organizationId),
    index("labels_registry_idx").on(t.status, t.expiresOn),
  ],
);

/**
 * The calls' audit trail: every state change, score, decision and label act, append-only (a trigger refuses
 * UPDATE and DELETE). No foreign keys, so the trail outlives what it speaks of.
 */
export const callEvents = pgTable(
  "call_events",
  {
    id: id(),
    callId: uuid().notNull(),
    applicationId: uuid(),
    action: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    actorId: uuid(),
    reason: text(),
    data: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index("call_events_call_idx").on(t.callId, t.createdAt), index("call_events_application_idx").on(t.applicationId, t.createdAt)],
);
