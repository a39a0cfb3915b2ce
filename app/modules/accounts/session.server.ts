import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { redirect } from "@remix-run/node";
import { and, desc, eq, isNull, like, ne } from "drizzle-orm";
import { db as defaultDb, type DbOrTx } from "../../../db/client";
import { sessions, users } from "../../../db/schema";
import { env } from "~/lib/env.server";
import { cookieValue } from "~/i18n/locale.server";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
// Staff sessions (admins, operators) live shorter: they can do more harm if stolen.
const LIFETIMES = {
  person: { idle: 10 * DAY, absolute: 30 * DAY },
  staff: { idle: 12 * HOUR, absolute: 3 * DAY },
} as const;
const TOUCH_EVERY = HOUR;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: "fr" | "ar" | "en";
  platformRole: "admin" | "operator" | null;
  emailVerified: boolean;
};
export type Session = { id: string; userId: string; activeOrganizationId: string | null; expiresAt: Date };

export function cookieName() {
  return env().https ? "__Host-tiwizi_session" : "tiwizi_session";
}

export function generateToken(): string {
  const bytes = new Uint8Array(20); // 160 bits
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

function lifetime(role: SessionUser["platformRole"]) {
  return role ? LIFETIMES.staff : LIFETIMES.person;
}

export async function createSession(opts: {
  db?: DbOrTx;
  userId: string;
  platformRole: SessionUser["platformRole"];
  userAgent?: string | null;
  ip?: string | null;
}) {
  const db = opts.db ?? defaultDb;
  const token = generateToken();
  const now = Date.now();
  const expiresAt = new Date(now + lifetime(opts.platformRole).absolute);
  await db.insert(sessions).values({
    id: hashToken(token),
    userId: opts.userId,
    expiresAt,
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
    ip: opts.ip ?? null,
  });
  return { token, expiresAt };
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const parts = [
    `${cookieName()}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000))}`,
  ];
  if (env().https) parts.push("Secure");
  return parts.join("; ");
}

export function clearSessionCookie(): string {
  return `${cookieName()}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${env().https ? "; Secure" : ""}`;
}

/** Checks a token: unknown, idle-expired or past its absolute lifetime → null (and the row is removed). */
export async function validateSessionToken(
  token: string,
  db: DbOrTx = defaultDb,
): Promise<{ session: Session; user: SessionUser } | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      activeOrganizationId: sessions.activeOrganizationId,
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      email: users.email,
      name: users.name,
      locale: users.locale,
      platformRole: users.platformRole,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), isNull(users.deletedAt)))
    .where(eq(sessions.id, id));
  if (!row || !row.email) return null;
  const now = Date.now();
  const idle = lifetime(row.platformRole).idle;
  if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idle <= now) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_EVERY) {
    await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  return {
    session: {
      id: row.id,
      userId: row.userId,
      activeOrganizationId: row.activeOrganizationId,
      expiresAt: row.expiresAt,
    },
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      locale: row.locale,
      platformRole: row.platformRole,
      emailVerified: row.emailVerifiedAt !== null,
    },
  };
}

export function readSessionToken(request: Request): string | undefined {
  return cookieValue(request, cookieName());
}

export async function getSession(request: Request) {
  const token = readSessionToken(request);
  if (!token) return null;
  return validateSessionToken(token);
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/** The signed-in person, or a redirect to the login page that comes back here afterwards. */
export async function requireSession(request: Request) {
  const found = await getSession(request);
  if (!found) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(back)}`);
  }
  return found;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSession(request)).user;
}

export async function invalidateSession(sessionId: string, db: DbOrTx = defaultDb) {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a person, or every one but the current. */
export async function invalidateUserSessions(userId: string, opts: { except?: string; db?: DbOrTx } = {}) {
  const db = opts.db ?? defaultDb;
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), opts.except ? ne(sessions.id, opts.except) : undefined));
}

/**
 * Ends one of the person's own sessions, named by the 12-character reference the account page shows
 * (never the whole hash). Returns the id of the session ended, if any.
 */
export async function endSessionByReference(userId: string, reference: string, db: DbOrTx = defaultDb) {
  if (!/^[0-9a-f]{12}$/.test(reference)) return null;
  const [ended] = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), like(sessions.id, `${reference}%`)))
    .returning({ id: sessions.id });
  return ended?.id ?? null;
}

export async function listSessions(userId: string, db: DbOrTx = defaultDb) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt));
}

export async function setActiveOrganization(sessionId: string, organizationId: string | null, db: DbOrTx = defaultDb) {
  await db.update(sessions).set({ activeOrganizationId: organizationId }).where(eq(sessions.id, sessionId));
}

/** Only same-site paths: anything else (or a protocol-relative URL) goes home. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//")) return fallback;
  // Browsers drop tabs and newlines and read "\\" as "/": "/\t/evil" would become "//evil".
  if (/[\s\\]/.test(to) || [...to].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  const url = new URL(to, "http://tiwizi.invalid");
  return url.origin === "http://tiwizi.invalid" ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
