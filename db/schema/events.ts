import { sql } from "drizzle-orm";
import { boolean, char, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, inList, updatedAt } from "./columns";
import { EVENT_KINDS, EVENT_STATUSES, GENDERS, LOCALES, REGISTRATION_STATUSES, STAND_STATUSES } from "./enums";
import { organizations, regions } from "./organizations";

// Events (issue 7): fairs, travelling markets, pitch days, hackathons, workshops, masterclasses, networking. Created
// by operators (published at once) or proposed by a verified organisation (pending until an operator approves).
// Instants are stored; they are entered and shown in Morocco time (app/lib/morocco-time.ts).
export const events = pgTable(
  "events",
  {
    id: id(),
    slug: text().notNull().unique(),
    kind: text({ enum: EVENT_KINDS }).notNull(),
    titleFr: text().notNull(),
    titleAr: text().notNull(),
    descriptionFr: text().notNull(),
    descriptionAr: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    online: boolean().notNull().default(false),
    onlineUrl: text(),
    city: text(),
    regionCode: char({ length: 2 }).references(() => regions.code),
    address: text(),
    // Places for registrations (workshops, pitch days…) and stands (fairs, markets); null: not taken.
    capacity: integer(),
    standCapacity: integer(),
    // The organisation that runs it; null for the platform's own (operators).
    organizerId: uuid().references(() => organizations.id, { onDelete: "restrict" }),
    status: text({ enum: EVENT_STATUSES }).notNull(),
    statusReason: text(),
    reviewedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    reviewedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("events_kind_check", sql`${t.kind} in (${inList(EVENT_KINDS)})`),
    check("events_status_check", sql`${t.status} in (${inList(EVENT_STATUSES)})`),
    check("events_period_check", sql`${t.endsAt} > ${t.startsAt}`),
    check("events_place_check", sql`(${t.online} and ${t.onlineUrl} is not null) or (not ${t.online} and ${t.city} is not null and ${t.regionCode} is not null)`),
    check("events_capacity_check", sql`(${t.capacity} is null or ${t.capacity} between 1 and 100000) and (${t.standCapacity} is null or ${t.standCapacity} between 1 and 10000)`),
    index("events_agenda_idx").on(t.status, t.startsAt),
    index("events_region_idx").on(t.regionCode),
    index("events_organizer_idx").on(t.organizerId),
  ],
);

// A cooperative's or association's application for a stand at a fair or a market; one per organisation and event.
export const eventStands = pgTable(
  "event_stands",
  {
    id: id(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    products: text().notNull(),
    needs: text(),
    status: text({ enum: STAND_STATUSES }).notNull().default("pending"),
    reason: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("event_stands_status_check", sql`${t.status} in (${inList(STAND_STATUSES)})`),
    uniqueIndex("event_stands_one_per_org").on(t.eventId, t.organizationId),
    index("event_stands_event_idx").on(t.eventId, t.status),
  ],
);

// A person's place at a workshop, pitch day…: registered within capacity, else on the waiting list (promoted in
// order when a place frees up). The token is the ticket: its QR code opens the check-in for the organisers.
export const eventRegistrations = pgTable(
  "event_registrations",
  {
    id: id(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    name: text().notNull(),
    email: text().notNull(),
    gender: text({ enum: GENDERS }),
    // The language they registered in: a guest's e-mails (reminder, a place freed, a cancellation) are written in it.
    locale: text({ enum: LOCALES }).notNull().default("fr"),
    organizationId: uuid().references(() => organizations.id, { onDelete: "set null" }),
    status: text({ enum: REGISTRATION_STATUSES }).notNull(),
    token: text().notNull().unique(),
    checkedInAt: timestamp({ withTimezone: true }),
    checkedInBy: uuid().references(() => users.id, { onDelete: "set null" }),
    remindedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("event_registrations_status_check", sql`${t.status} in (${inList(REGISTRATION_STATUSES)})`),
    check("event_registrations_gender_check", sql`${t.gender} is null or ${t.gender} in (${inList(GENDERS)})`),
    check("event_registrations_locale_check", sql`${t.locale} in (${inList(LOCALES)})`),
    check("event_registrations_checkin_check", sql`${t.checkedInAt} is null or ${t.status} = 'registered'`),
    // One live registration per address and event: registering twice is refused, a cancelled one may register again.
    uniqueIndex("event_registrations_one_per_email").on(t.eventId, sql`lower(${t.email})`).where(sql`${t.status} <> 'cancelled'`),
    index("event_registrations_event_idx").on(t.eventId, t.status, t.createdAt),
  ],
);
