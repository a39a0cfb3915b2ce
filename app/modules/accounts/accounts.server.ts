import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import {
  conversations,
  emailMessages,
  emailTokens,
  memberships,
  messages,
  orderGroups,
  organizations,
  reports,
  returnRequests,
  reviews,
  sessions,
  users,
  vendorOrders,
} from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import { indexOrganization } from "../../../search/documents.server";
import type { Locale } from "~/i18n/i18n";
import { env } from "~/lib/env.server";
import { DomainError, RateLimitedError } from "~/lib/errors.server";
import { assertNotLimited, hit } from "~/lib/rate-limit.server";
import { consumeEmailToken, createEmailToken } from "./email-tokens.server";
import { hashPassword, needsRehash, spendVerifyTime, verifyPassword } from "./password.server";
import type { changePasswordSchema, signUpSchema } from "./schemas";
import { createSession, invalidateUserSessions } from "./session.server";

export const CONSENT_VERSION = "2026-11";

const link = (path: string, locale: Locale) => `${env().appUrl}${path}${locale === "fr" ? "" : `${path.includes("?") ? "&" : "?"}lang=${locale}`}`;

const MINUTE = 60;
const HOUR = 3600;

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(400, "errors.invalidCredentials");
  }
}

/**
 * Signs a person up. Whether the address is new or already registered, the caller shows the same
 * "check your mailbox" page; the mailbox tells the owner of the address which case it was.
 */
export async function signUp(opts: {
  db: DbOrTx;
  input: z.output<typeof signUpSchema>;
  locale: Locale;
  ip: string;
}) {
  const { db, input, locale, ip } = opts;
  await hit(db, [
    { key: `signup:ip:${ip}`, max: 20, windowSeconds: HOUR },
    { key: `signup:email:${input.email}`, max: 5, windowSeconds: HOUR },
  ]);
  // Hash first, in both cases, so the answer takes the same time whether the address exists.
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, name: users.name, locale: users.locale })
      .from(users)
      .where(eq(users.email, input.email));
    if (existing) {
      await queueEmail(tx, {
        to: input.email,
        locale: existing.locale,
        template: "alreadyRegistered",
        props: {
          name: existing.name,
          loginUrl: link("/connexion", existing.locale),
          resetUrl: link("/mot-de-passe-oublie", existing.locale),
        },
      });
      return;
    }
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.name,
        passwordHash,
        locale,
        consentedAt: new Date(),
        consentVersion: CONSENT_VERSION,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) return; // a concurrent sign-up with the same address won: same answer
    await sendVerification(tx, { userId: user.id, email: input.email, name: input.name, locale });
  });
}

async function sendVerification(
  tx: DbOrTx,
  p: { userId: string; email: string; name: string; locale: Locale },
) {
  const token = await createEmailToken(tx, p.userId, "verify_email");
  await queueEmail(tx, {
    to: p.email,
    locale: p.locale,
    template: "verifyEmail",
    props: { name: p.name, url: link(`/verification-email?token=${token}`, p.locale) },
  });
}

/** Sends a new verification link to a signed-in person whose address is not yet verified. */
export async function resendVerification(opts: { db: DbOrTx; userId: string }) {
  const { db, userId } = opts;
  await hit(db, [{ key: `verify-resend:${userId}`, max: 5, windowSeconds: HOUR }]);
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
    if (!user?.email || user.emailVerifiedAt) return;
    await sendVerification(tx, { userId, email: user.email, name: user.name, locale: user.locale });
  });
}

export async function verifyEmail(opts: { db: DbOrTx; token: string }) {
  return opts.db.transaction(async (tx) => {
    const { userId } = await consumeEmailToken(tx, opts.token, "verify_email");
    await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, userId));
    return { userId };
  });
}

export async function logIn(opts: {
  db: DbOrTx;
  email: string;
  password: string;
  ip: string;
  userAgent: string | null;
}) {
  const { db, email, password, ip } = opts;
  // Failed attempts are counted (per IP and per account); a blocked pair is refused before any check.
  const limits = [
    { key: `login:ip:${ip}`, max: 10, windowSeconds: MINUTE },
    { key: `login:email:${email}`, max: 25, windowSeconds: HOUR },
  ];
  await assertNotLimited(db, limits);
  const fail = async (): Promise<never> => {
    await hit(db, limits).catch((error) => {
      if (!(error instanceof RateLimitedError)) throw error;
    });
    throw new InvalidCredentialsError();
  };
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, platformRole: users.platformRole })
    .from(users)
    .where(and(eq(users.email, email), isNull(users.deletedAt)));
  if (!user?.passwordHash) {
    await spendVerifyTime(password);
    return fail();
  }
  if (!(await verifyPassword(user.passwordHash, password))) return fail();
  if (needsRehash(user.passwordHash)) {
    await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, user.id));
  }
  return createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: opts.userAgent, ip });
}

/** Always answers the same way; only a registered address receives a link. */
export async function requestPasswordReset(opts: { db: DbOrTx; email: string; ip: string }) {
  const { db, email, ip } = opts;
  await hit(db, [
    { key: `reset:ip:${ip}`, max: 10, windowSeconds: 15 * MINUTE },
    { key: `reset:email:${email}`, max: 3, windowSeconds: HOUR },
  ]);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, locale: users.locale })
      .from(users)
      .where(and(eq(users.email, email), isNull(users.deletedAt)));
    if (!user) return;
    const token = await createEmailToken(tx, user.id, "reset_password");
    await queueEmail(tx, {
      to: email,
      locale: user.locale,
      template: "resetPassword",
      props: { name: user.name, url: link(`/reinitialiser?token=${token}`, user.locale) },
    });
  });
}

export async function resetPassword(opts: { db: DbOrTx; token: string; password: string }) {
  const passwordHash = await hashPassword(opts.password);
  await opts.db.transaction(async (tx) => {
    const { userId } = await consumeEmailToken(tx, opts.token, "reset_password");
    const [user] = await tx
      .update(users)
      // The link reached the mailbox, so the address is proven too.
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, userId))
      .returning({ email: users.email, name: users.name, locale: users.locale });
    await invalidateUserSessions(userId, { db: tx });
    await expireResetLinks(tx, userId);
    if (user?.email) await notifyPasswordChanged(tx, { email: user.email, name: user.name, locale: user.locale });
  });
}

/** Once the password changed, no older reset link may change it again. */
async function expireResetLinks(tx: DbOrTx, userId: string) {
  await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, "reset_password"), isNull(emailTokens.usedAt)));
}

async function notifyPasswordChanged(tx: DbOrTx, p: { email: string; name: string; locale: Locale }) {
  await queueEmail(tx, {
    to: p.email,
    locale: p.locale,
    template: "passwordChanged",
    props: { name: p.name, resetUrl: link("/mot-de-passe-oublie", p.locale) },
  });
}

export async function changePassword(opts: {
  db: DbOrTx;
  userId: string;
  sessionId: string;
  input: z.output<typeof changePasswordSchema>;
}) {
  const { db, userId, input } = opts;
  await hit(db, [{ key: `change-password:${userId}`, max: 10, windowSeconds: HOUR }]);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError(400, "errors.wrongPassword");
  }
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await invalidateUserSessions(userId, { db: tx, except: opts.sessionId });
    await expireResetLinks(tx, userId);
    if (user.email) await notifyPasswordChanged(tx, { email: user.email, name: user.name, locale: user.locale });
  });
}

export async function setUserLocale(opts: { db: DbOrTx; userId: string; locale: Locale }) {
  await opts.db.update(users).set({ locale: opts.locale }).where(eq(users.id, opts.userId));
}

/** Everything the platform holds about a person (law 09-08, right of access), as JSON. */
export async function exportPersonalData(opts: { db: DbOrTx; userId: string }) {
  const { db, userId } = opts;
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      platformRole: users.platformRole,
      emailVerifiedAt: users.emailVerifiedAt,
      consentedAt: users.consentedAt,
      consentVersion: users.consentVersion,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  const [memberOf, activeSessions, reported, written, orders, reviewed, returned] = await Promise.all([
    db
      .select({ organization: organizations.name, slug: organizations.slug, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, userId)),
    db
      .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent, ip: sessions.ip })
      .from(sessions)
      .where(eq(sessions.userId, userId)),
    db
      .select({ targetType: reports.targetType, targetId: reports.targetId, reason: reports.reason, details: reports.details, createdAt: reports.createdAt })
      .from(reports)
      .where(eq(reports.reporterId, userId)),
    // Messages the person wrote on behalf of an organisation (what others wrote to them is not theirs).
    db
      .select({ conversation: conversations.subject, from: organizations.name, body: messages.body, sentAt: messages.createdAt })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .innerJoin(organizations, eq(organizations.id, messages.senderOrganizationId))
      .where(eq(messages.senderUserId, userId))
      .orderBy(messages.createdAt),
    // What the person bought while signed in, with the details given for delivery.
    db
      .select({
        number: orderGroups.number,
        placedAt: orderGroups.createdAt,
        name: orderGroups.buyerName,
        phone: orderGroups.buyerPhone,
        email: orderGroups.buyerEmail,
        address: orderGroups.addressLine,
        city: orderGroups.city,
        paymentMethod: orderGroups.paymentMethod,
        totalCentimes: orderGroups.totalCentimes,
      })
      .from(orderGroups)
      .where(eq(orderGroups.buyerUserId, userId))
      .orderBy(orderGroups.createdAt),
    // Reviews and return requests made from those orders.
    db
      .select({ order: vendorOrders.number, rating: reviews.rating, body: reviews.body, shownAs: reviews.authorName, createdAt: reviews.createdAt })
      .from(reviews)
      .innerJoin(vendorOrders, eq(vendorOrders.id, reviews.vendorOrderId))
      .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
      .where(eq(orderGroups.buyerUserId, userId)),
    db
      .select({ order: vendorOrders.number, reason: returnRequests.reason, status: returnRequests.status, createdAt: returnRequests.createdAt })
      .from(returnRequests)
      .innerJoin(vendorOrders, eq(vendorOrders.id, returnRequests.vendorOrderId))
      .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
      .where(eq(orderGroups.buyerUserId, userId)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    user,
    memberships: memberOf,
    sessions: activeSessions,
    reports: reported,
    messages: written,
    orders,
    reviews: reviewed,
    returns: returned,
  };
}

export class OwnershipHandoverRequired extends DomainError {
  constructor(readonly organizations: { name: string; slug: string }[]) {
    super(409, "errors.handOverOwnership");
  }
}

/**
 * Deletes an account: sessions ended, personal data erased, the row kept anonymous so that
 * history (audit log, organisations created) still holds together. An organisation where the
 * person is the only owner but not the only member must be handed over first; one where the
 * person is alone goes with the account.
 */
export async function deleteAccount(opts: { db: DbOrTx; userId: string; password: string }) {
  const { db, userId } = opts;
  await hit(db, [{ key: `delete-account:${userId}`, max: 10, windowSeconds: HOUR }]);
  const [user] = await db.select().from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, opts.password))) {
    throw new DomainError(400, "errors.wrongPassword");
  }
  await db.transaction(async (tx) => {
    // Lock the organisations first: a co-owner leaving at the same moment must not leave them ownerless.
    await tx.execute(
      sql`select 1 from organizations where id in (select organization_id from memberships where user_id = ${userId}) for update`,
    );
    const owned = await tx
      .select({
        id: organizations.id,
        name: organizations.name,
        slug: organizations.slug,
        owners: sql<number>`(select count(*)::int from memberships m where m.organization_id = ${organizations.id} and m.role = 'owner')`,
        members: sql<number>`(select count(*)::int from memberships m where m.organization_id = ${organizations.id})`,
      })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(and(eq(memberships.userId, userId), eq(memberships.role, "owner")));
    const blocking = owned.filter((o) => o.owners === 1 && o.members > 1);
    if (blocking.length > 0) throw new OwnershipHandoverRequired(blocking.map(({ name, slug }) => ({ name, slug })));
    const alone = owned.filter((o) => o.members === 1).map((o) => o.id);
    // A cooperative's sales are other people's purchases and the books' lines: they outlive the account.
    if (alone.length > 0 && (await tx.select({ id: vendorOrders.id }).from(vendorOrders).where(inArray(vendorOrders.organizationId, alone)).limit(1)).length > 0) {
      throw new DomainError(409, "errors.organizationHasOrders");
    }
    if (alone.length > 0) {
      await tx.delete(organizations).where(inArray(organizations.id, alone));
      for (const id of alone) await indexOrganization(tx, id); // removes their search documents
    }
    await tx.delete(memberships).where(eq(memberships.userId, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
    await tx.delete(emailTokens).where(eq(emailTokens.userId, userId));
    if (user.email) await tx.delete(emailMessages).where(eq(emailMessages.to, user.email));
    await tx
      .update(users)
      .set({ email: null, name: "—", passwordHash: null, platformRole: null, deletedAt: new Date() })
      .where(eq(users.id, userId));
  });
}
