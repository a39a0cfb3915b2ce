import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { conversationReads, conversations, memberships, messages, organizations, users } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import { env } from "~/lib/env.server";
import { ConflictError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { hit, type Limit } from "~/lib/rate-limit.server";
import { audit } from "../moderation/audit.server";
import { type Actor, can } from "../organizations/authorize.server";
import { loadOrganization } from "../organizations/organizations.server";
import { assertNotBlocked, blockBetween } from "./blocks.server";
import type { composeSchema, replySchema } from "./schemas";

export const INBOX_PAGE_SIZE = 20;
const EXCERPT_CHARS = 280;

// Enough for real correspondence, too few for a spam run; counted before anything is written.
const newConversationLimits = (userId: string, orgId: string): Limit[] => [
  { key: `conversation:user:${userId}`, max: 5, windowSeconds: 3600 },
  { key: `conversation:org:${orgId}`, max: 10, windowSeconds: 3600 },
];
const messageLimits = (userId: string, orgId: string): Limit[] => [
  { key: `message:user:${userId}`, max: 10, windowSeconds: 60 },
  { key: `message:org:${orgId}`, max: 30, windowSeconds: 60 },
];

type Side = { id: string; slug: string; name: string; nameAr: string | null };
type Person = NonNullable<Actor>;

// The two organisations of a conversation, joined under their own names.
const fromOrg = alias(organizations, "from_org");
const toOrg = alias(organizations, "to_org");
const fromSide = { id: fromOrg.id, slug: fromOrg.slug, name: fromOrg.name, nameAr: fromOrg.nameAr };
const toSide = { id: toOrg.id, slug: toOrg.slug, name: toOrg.name, nameAr: toOrg.nameAr };

const myOrganizations = (db: DbOrTx, userId: string) =>
  db.select({ id: memberships.organizationId }).from(memberships).where(eq(memberships.userId, userId));

/** True when the conversation holds a message from the other side that this person has not seen. */
const unreadFor = (userId: string) => sql<boolean>`exists (
  select 1 from messages m
  where m.conversation_id = ${conversations.id}
    and m.sender_organization_id not in (select organization_id from memberships where user_id = ${userId})
    and m.created_at > coalesce(
      (select r.last_read_at from conversation_reads r where r.conversation_id = ${conversations.id} and r.user_id = ${userId}),
      '-infinity'))`;

function excerpt(body: string) {
  const flat = Array.from(body.replace(/\s+/g, " ").trim());
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS).join("")}…` : flat.join("");
}

/**
 * Read up to the newest of the messages shown (`shownIds`), or now when the person writes; never moves
 * backwards, so a message that arrives while the page is being read stays unread.
 */
async function markRead(db: DbOrTx, conversationId: string, userId: string, shownIds?: string[]) {
  const at = shownIds
    ? sql`(select max(${messages.createdAt}) from ${messages} where ${messages.id} = any(${sql.param(shownIds)}::uuid[]))`
    : sql`now()`;
  await db
    .insert(conversationReads)
    .values({ conversationId, userId, lastReadAt: at })
    .onConflictDoUpdate({
      target: [conversationReads.conversationId, conversationReads.userId],
      set: { lastReadAt: sql`greatest(${conversationReads.lastReadAt}, excluded.last_read_at)` },
    });
}

/**
 * Tells the receiving organisation's members by e-mail, each in their own language. The e-mail names
 * the two organisations and quotes an excerpt; it never carries the writer's address.
 */
async function notify(
  tx: DbOrTx,
  m: { conversationId: string; subject: string; body: string; from: Side; to: Side; senderId: string; reply: boolean },
) {
  const recipients = await tx
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.organizationId, m.to.id), ne(users.id, m.senderId), isNull(users.deletedAt), isNotNull(users.email)),
    );
  for (const r of recipients) {
    const name = (o: Side) => (r.locale === "ar" && o.nameAr ? o.nameAr : o.name);
    await queueEmail(tx, {
      to: r.email!,
      locale: r.locale,
      template: "newMessage",
      props: {
        from: name(m.from),
        to: name(m.to),
        subject: m.subject,
        excerpt: excerpt(m.body),
        reply: m.reply,
        url: `${env().appUrl}/messages/${m.conversationId}${r.locale === "fr" ? "" : `?lang=${r.locale}`}`,
      },
    });
  }
}

/** The compose page: the organisation written to, and those the person may write from (theirs, except it). */
export async function getComposeOptions(opts: { db: DbOrTx; actor: Person; toSlug: string }) {
  const { db, actor } = opts;
  const { org } = await loadOrganization(db, opts.toSlug, actor);
  const senders = await db
    .select({ slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, actor.id), ne(organizations.id, org.id)))
    .orderBy(asc(organizations.name));
  return { to: { slug: org.slug, name: org.name, nameAr: org.nameAr }, senders };
}

/** A member of one organisation writes to another: a new conversation between the two. */
export async function startConversation(opts: {
  db: DbOrTx;
  actor: Person;
  toSlug: string;
  input: z.output<typeof composeSchema>;
}) {
  const { db, actor, input } = opts;
  const { org: to } = await loadOrganization(db, opts.toSlug, actor);
  const { org: from, role } = await loadOrganization(db, input.from, actor);
  // Writing for an organisation takes belonging to it; being a platform admin is not enough.
  if (!role) throw new ForbiddenError();
  if (from.id === to.id) throw new ConflictError("errors.messageSelf");
  await assertNotBlocked(db, from.id, to.id);
  // Outside the transaction below, so a refused attempt still counts.
  await hit(db, [...newConversationLimits(actor.id, from.id), ...messageLimits(actor.id, from.id)]);
  return db.transaction(async (tx) => {
    const [conversation] = await tx
      .insert(conversations)
      .values({ fromOrganizationId: from.id, toOrganizationId: to.id, subject: input.subject, startedBy: actor.id })
      .returning({ id: conversations.id });
    await tx.insert(messages).values({ conversationId: conversation.id, senderOrganizationId: from.id, senderUserId: actor.id, body: input.body });
    await markRead(tx, conversation.id, actor.id);
    await audit(tx, {
      actorId: actor.id,
      action: "conversation.start",
      targetType: "conversation",
      targetId: conversation.id,
      after: { fromOrganizationId: from.id, toOrganizationId: to.id },
    });
    await notify(tx, { conversationId: conversation.id, subject: input.subject, body: input.body, from, to, senderId: actor.id, reply: false });
    return { id: conversation.id };
  });
}

/**
 * The conversation and this person's place in it. Anyone who belongs to neither organisation gets a
 * 404, as if it did not exist.
 */
async function loadConversation(db: DbOrTx, userId: string, id: string) {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await db
    .select({
      id: conversations.id,
      subject: conversations.subject,
      createdAt: conversations.createdAt,
      from: fromSide,
      to: toSide,
    })
    .from(conversations)
    .innerJoin(fromOrg, eq(fromOrg.id, conversations.fromOrganizationId))
    .innerJoin(toOrg, eq(toOrg.id, conversations.toOrganizationId))
    .where(eq(conversations.id, id));
  if (!row) throw new NotFoundError();
  const roles = await db
    .select({ organizationId: memberships.organizationId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), inArray(memberships.organizationId, [row.from.id, row.to.id])));
  if (roles.length === 0) throw new NotFoundError();
  return { conversation: row, roles: new Map(roles.map((r) => [r.organizationId, r.role])) };
}

/** Which side this person speaks for: the one they chose when they belong to both, else their own. */
function sidesFor(c: { from: Side; to: Side }, roles: Map<string, unknown>, chosenSlug?: string) {
  const mine = chosenSlug === c.to.slug && roles.has(c.to.id) ? c.to : roles.has(c.from.id) ? c.from : c.to;
  return { mine, other: mine.id === c.from.id ? c.to : c.from };
}

/** The thread, oldest first; opening it marks it read for this person. */
export async function getConversation(opts: { db: DbOrTx; actor: Person; id: string }) {
  const { db, actor } = opts;
  const { conversation, roles } = await loadConversation(db, actor.id, opts.id);
  const { mine, other } = sidesFor(conversation, roles);
  const thread = await db
    .select({
      id: messages.id,
      body: messages.body,
      createdAt: messages.createdAt,
      senderOrganizationId: messages.senderOrganizationId,
      senderName: users.name,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderUserId))
    .where(eq(messages.conversationId, conversation.id))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  // A read receipt, not a change anyone else sees: recorded on viewing so the inbox works without JavaScript.
  if (thread.length) await markRead(db, conversation.id, actor.id, thread.map((m) => m.id));
  return {
    id: conversation.id,
    subject: conversation.subject,
    mine,
    other,
    // Someone who belongs to both organisations chooses which one answers.
    bothSides: roles.size === 2 ? [conversation.from, conversation.to] : null,
    messages: thread.map((m) => ({
      id: m.id,
      body: m.body,
      createdAt: m.createdAt,
      senderName: m.senderName,
      fromSide: m.senderOrganizationId === conversation.from.id ? conversation.from : conversation.to,
      ours: roles.has(m.senderOrganizationId),
    })),
    block: await blockBetween(db, mine.id, other.id),
    canBlock: can(actor, "org.contacts.block", { membershipRole: roles.get(mine.id) }),
  };
}

/** Either side's members reply in the conversation; a block on either side stops it. */
export async function replyToConversation(opts: {
  db: DbOrTx;
  actor: Person;
  id: string;
  input: z.output<typeof replySchema>;
}) {
  const { db, actor, input } = opts;
  const { conversation, roles } = await loadConversation(db, actor.id, opts.id);
  const { mine, other } = sidesFor(conversation, roles, input.from);
  await assertNotBlocked(db, mine.id, other.id);
  await hit(db, messageLimits(actor.id, mine.id));
  await db.transaction(async (tx) => {
    await tx.insert(messages).values({ conversationId: conversation.id, senderOrganizationId: mine.id, senderUserId: actor.id, body: input.body });
    await tx.update(conversations).set({ lastMessageAt: sql`now()` }).where(eq(conversations.id, conversation.id));
    await markRead(tx, conversation.id, actor.id);
    await notify(tx, { conversationId: conversation.id, subject: conversation.subject, body: input.body, from: mine, to: other, senderId: actor.id, reply: true });
  });
}

/** Conversations of every organisation this person belongs to, newest activity first. */
export async function listInbox(opts: { db: DbOrTx; userId: string; page: number }) {
  const { db, userId } = opts;
  const mine = myOrganizations(db, userId);
  const where = or(inArray(conversations.fromOrganizationId, mine), inArray(conversations.toOrganizationId, mine));
  const [{ total }] = await db.select({ total: count() }).from(conversations).where(where);
  const pageCount = Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE));
  const page = Math.min(opts.page, pageCount);
  const rows = await db
    .select({
      id: conversations.id,
      subject: conversations.subject,
      lastMessageAt: conversations.lastMessageAt,
      from: fromSide,
      to: toSide,
      fromIsMine: sql<boolean>`${conversations.fromOrganizationId} in (select organization_id from memberships where user_id = ${userId})`,
      unread: unreadFor(userId),
    })
    .from(conversations)
    .innerJoin(fromOrg, eq(fromOrg.id, conversations.fromOrganizationId))
    .innerJoin(toOrg, eq(toOrg.id, conversations.toOrganizationId))
    .where(where)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(INBOX_PAGE_SIZE)
    .offset((page - 1) * INBOX_PAGE_SIZE);
  return {
    items: rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      lastMessageAt: r.lastMessageAt,
      mine: r.fromIsMine ? r.from : r.to,
      other: r.fromIsMine ? r.to : r.from,
      unread: r.unread,
    })),
    total,
    page,
    pageCount,
  };
}

/** How many conversations wait for this person: the header's count. */
export async function countUnreadConversations(db: DbOrTx, userId: string) {
  const mine = myOrganizations(db, userId);
  const [{ n }] = await db
    .select({ n: count() })
    .from(conversations)
    .where(
      and(or(inArray(conversations.fromOrganizationId, mine), inArray(conversations.toOrganizationId, mine)), unreadFor(userId)),
    );
  return n;
}

/**
 * A message this person may report: one their organisation received in a conversation it is part of.
 * Anything else is a 404.
 */
export async function findReportableMessage(db: DbOrTx, userId: string, messageId: string) {
  const [row] = await db
    .select({ id: messages.id, conversationId: messages.conversationId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(
      and(
        eq(messages.id, messageId),
        or(
          inArray(conversations.fromOrganizationId, myOrganizations(db, userId)),
          inArray(conversations.toOrganizationId, myOrganizations(db, userId)),
        ),
        sql`${messages.senderOrganizationId} not in (select organization_id from memberships where user_id = ${userId})`,
      ),
    );
  if (!row) throw new NotFoundError();
  return row;
}
