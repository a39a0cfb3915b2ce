import { sql } from "drizzle-orm";
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id } from "./columns";
import { organizations } from "./organizations";

// A conversation is between two organisations: the one that wrote first and the one it wrote to.
// Either side's members read and reply; no one else does.
export const conversations = pgTable(
  "conversations",
  {
    id: id(),
    fromOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    toOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    subject: text().notNull(),
    startedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    lastMessageAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    check("conversations_not_self", sql`${t.fromOrganizationId} <> ${t.toOrganizationId}`),
    // The same limits as app/modules/messages/schemas.ts.
    check("conversations_subject_length", sql`char_length(${t.subject}) between 1 and 150`),
    index("conversations_from_idx").on(t.fromOrganizationId, t.lastMessageAt),
    index("conversations_to_idx").on(t.toOrganizationId, t.lastMessageAt),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: id(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    senderOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    senderUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("messages_body_length", sql`char_length(${t.body}) between 1 and 5000`),
    index("messages_conversation_idx").on(t.conversationId, t.createdAt),
  ],
);

// How far each person has read each conversation: what makes the header's unread count.
export const conversationReads = pgTable(
  "conversation_reads",
  {
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastReadAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index("conversation_reads_user_idx").on(t.userId)],
);

// An organisation that blocked another: neither can start or continue a conversation with the other.
export const organizationBlocks = pgTable(
  "organization_blocks",
  {
    blockerId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    blockedId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    check("organization_blocks_not_self", sql`${t.blockerId} <> ${t.blockedId}`),
    index("organization_blocks_blocked_idx").on(t.blockedId),
  ],
);
