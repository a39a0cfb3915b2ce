import { sql } from "drizzle-orm";
import { check, customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, LOCALES, updatedAt } from "./columns";

export const citext = customType<{ data: string }>({ dataType: () => "citext" });

export { PLATFORM_ROLES, type PlatformRole } from "./enums";
import { PLATFORM_ROLES } from "./enums";

export const users = pgTable(
  "users",
  {
    id: id(),
    // NULL once the account is deleted: the row stays for foreign keys, the person is gone.
    email: citext().unique(),
    name: text().notNull(),
    passwordHash: text(),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    locale: text({ enum: LOCALES }).notNull().default("fr"),
    platformRole: text({ enum: PLATFORM_ROLES }),
    consentedAt: timestamp({ withTimezone: true }).notNull(),
    consentVersion: text().notNull(),
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("users_locale_check", sql`${t.locale} in ('fr', 'ar', 'en')`),
    check("users_platform_role_check", sql`${t.platformRole} in ('admin', 'operator')`),
    check("users_email_unless_deleted", sql`(${t.deletedAt} is null) = (${t.email} is not null)`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the secret token, hex: the token itself is never stored.
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    activeOrganizationId: uuid(),
    createdAt: createdAt(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    userAgent: text(),
    ip: text(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const EMAIL_TOKEN_PURPOSES = ["verify_email", "reset_password"] as const;

export const emailTokens = pgTable(
  "email_tokens",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text({ enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("email_tokens_purpose_check", sql`${t.purpose} in ('verify_email', 'reset_password')`),
    index("email_tokens_user_idx").on(t.userId),
  ],
);

export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  count: integer().notNull(),
  resetAt: timestamp({ withTimezone: true }).notNull(),
});
