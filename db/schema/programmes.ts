import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, integer, pgTable, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { applications, calls } from "./calls";
import { createdAt, id, inList, updatedAt } from "./columns";
import { organizations } from "./organizations";

// Incubation programmes (issue 7, item 3): an operator runs a cohort, admits organisations (directly or from a
// call's selected and laureate applications), assigns coaches and logs coaching sessions and milestones per
// organisation. Each organisation sees its own record.
export const PROGRAMME_KINDS = ["incubation", "acceleration", "mentoring"] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];
export const PROGRAMME_MEMBER_SOURCES = ["direct", "call"] as const;
export type ProgrammeMemberSource = (typeof PROGRAMME_MEMBER_SOURCES)[number];
/** A coaching session lasts from a quarter of an hour to ten hours. */
export const SESSION_MINUTES_MIN = 15;
export const SESSION_MINUTES_MAX = 600;

export const programmes = pgTable(
  "programmes",
  {
    id: id(),
    slug: text().notNull().unique(),
    nameFr: text().notNull(),
    nameAr: text().notNull(),
    descriptionFr: text().notNull().default(""),
    descriptionAr: text().notNull().default(""),
    kind: text({ enum: PROGRAMME_KINDS }).notNull().default("incubation"),
    startsOn: date().notNull(),
    endsOn: date().notNull(),
    // Organisations may be admitted from this call's selected and laureate applications.
    callId: uuid().references(() => calls.id, { onDelete: "set null" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("programmes_kind_check", sql`${t.kind} in (${inList(PROGRAMME_KINDS)})`),
    check("programmes_period_check", sql`${t.endsOn} >= ${t.startsOn}`),
    check("programmes_slug_check", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    index("programmes_starts_idx").on(t.startsOn),
  ],
);

export const programmeMembers = pgTable(
  "programme_members",
  {
    id: id(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    admittedOn: date().notNull(),
    source: text({ enum: PROGRAMME_MEMBER_SOURCES }).notNull().default("direct"),
    applicationId: uuid().references(() => applications.id, { onDelete: "set null" }),
    admittedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("programme_members_source_check", sql`${t.source} in (${inList(PROGRAMME_MEMBER_SOURCES)})`),
    check("programme_members_application_check", sql`${t.source} = 'call' or ${t.applicationId} is null`),
    // A constraint, not only an index: sessions and milestones reference the pair.
    unique("programme_members_one_per_org").on(t.programmeId, t.organizationId),
    index("programme_members_org_idx").on(t.organizationId),
  ],
);

export const programmeCoaches = pgTable(
  "programme_coaches",
  {
    id: id(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("programme_coaches_one_per_user").on(t.programmeId, t.userId), index("programme_coaches_user_idx").on(t.userId)],
);

export const coachingSessions = pgTable(
  "coaching_sessions",
  {
    id: id(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    coachId: uuid().references(() => users.id, { onDelete: "set null" }),
    heldOn: date().notNull(),
    minutes: integer().notNull(),
    topic: text().notNull(),
    nextSteps: text(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("coaching_sessions_minutes_check", sql`${t.minutes} between ${sql.raw(String(SESSION_MINUTES_MIN))} and ${sql.raw(String(SESSION_MINUTES_MAX))}`),
    check("coaching_sessions_topic_check", sql`length(${t.topic}) between 1 and 300`),
    // Only an admitted organisation is coached: the pair must be a member of the programme.
    foreignKey({ name: "coaching_sessions_member_fk", columns: [t.programmeId, t.organizationId], foreignColumns: [programmeMembers.programmeId, programmeMembers.organizationId] }).onDelete("restrict"),
    index("coaching_sessions_programme_org_idx").on(t.programmeId, t.organizationId, t.heldOn),
    index("coaching_sessions_held_idx").on(t.heldOn),
  ],
);

export const programmeMilestones = pgTable(
  "programme_milestones",
  {
    id: id(),
    programmeId: uuid()
      .notNull()
      .references(() => programmes.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    title: text().notNull(),
    dueOn: date().notNull(),
    doneOn: date(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("programme_milestones_title_check", sql`length(${t.title}) between 1 and 200`),
    foreignKey({ name: "programme_milestones_member_fk", columns: [t.programmeId, t.organizationId], foreignColumns: [programmeMembers.programmeId, programmeMembers.organizationId] }).onDelete("cascade"),
    index("programme_milestones_programme_org_idx").on(t.programmeId, t.organizationId, t.dueOn),
  ],
);
