import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id, LOCALES } from "./columns";

import { EMAIL_STATUSES } from "./enums";
export { EMAIL_STATUSES } from "./enums";

// Every e-mail the platform sends, so that a send that keeps failing stays visible to admins.
// `props` (which can hold one-time links) is cleared once the message is sent.
export const emailMessages = pgTable(
  "email_messages",
  {
    id: id(),
    to: text().notNull(),
    locale: text({ enum: LOCALES }).notNull(),
    template: text().notNull(),
    props: jsonb().$type<Record<string, unknown>>(),
    subject: text(),
    status: text({ enum: EMAIL_STATUSES }).notNull().default("queued"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    sentAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("email_messages_status_check", sql`${t.status} in ('queued', 'sent', 'failed')`),
    index("email_messages_status_idx").on(t.status),
  ],
);
