import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { conversations, emailTokens, memberships, messages, organizations, sessions, users } from "../../db/schema";
import { action as accountAction, loader as accountLoader } from "~/routes/compte";
import { loader as exportLoader } from "~/routes/compte.export";
import { action as loginAction } from "~/routes/connexion";
import { action as signupAction } from "~/routes/inscription";
import { action as resetAction, loader as resetLoader } from "~/routes/reinitialiser";
import { action as forgotAction } from "~/routes/mot-de-passe-oublie";
import { action as verifyAction, loader as verifyLoader } from "~/routes/verification-email";
import { hashToken, safeRedirect, validateSessionToken } from "~/modules/accounts/session.server";
import { cookieFrom, formRequest, getRequest, run } from "../support/http";
import { lastMailTo, linkIn } from "../support/mail";

const password = "Une phrase de passe 2026";

async function signUp(email: string, extra: Record<string, string> = {}) {
  return run(signupAction, formRequest("/inscription", { name: "Aicha Oubella", email, password, consent: "on", ...extra }));
}

// Each call from its own address unless a test says otherwise, so the per-IP limit stays out of the way.
let lastOctet = 0;
async function logIn(email: string, pwd = password, ip = `10.9.${Math.floor(++lastOctet / 250)}.${lastOctet % 250}`) {
  return run(loginAction, formRequest("/connexion", { email, password: pwd }), {}, ip);
}

describe("sign-up", () => {
  it("creates the account, records consent and sends a verification link that works once", async () => {
    const res = await signUp("aicha@example.ma");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/inscription/verifiez");
    const [user] = await db.select().from(users).where(eq(users.email, "aicha@example.ma"));
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.consentedAt).toBeInstanceOf(Date);
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);

    const mail = await lastMailTo("aicha@example.ma");
    expect(mail.subject).toBe("Confirmez votre adresse e-mail");
    const url = new URL(linkIn(mail.text, "/verification-email?token="));
    const token = url.searchParams.get("token")!;

    // Opening the link changes nothing: it shows a button.
    const page = await run(verifyLoader, getRequest(`/verification-email?token=${token}`));
    expect(page.data).toEqual({ token, problem: null });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].emailVerifiedAt).toBeNull();

    const confirmed = await run(verifyAction, formRequest("/verification-email", { intent: "verify", token }));
    expect(confirmed.status).toBe(302);
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0].emailVerifiedAt).toBeInstanceOf(Date);

    const again = await run(verifyLoader, getRequest(`/verification-email?token=${token}`));
    expect(again.data.problem).toBe("errors.tokenUsed");
    const reused = await run(verifyAction, formRequest("/verification-email", { intent: "verify", token }));
    expect(reused.status).toBe(400);
    expect(reused.data.messageKey).toBe("errors.tokenUsed");
  });

  it("an expired or unknown link gets a clear page", async () => {
    await signUp("late@example.ma");
    const token = new URL(linkIn((await lastMailTo("late@example.ma")).text, "token=")).searchParams.get("token")!;
    await db.update(emailTokens).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(emailTokens.id, hashToken(token)));
    expect((await run(verifyLoader, getRequest(`/verification-email?token=${token}`))).data.problem).toBe("errors.tokenExpired");
    expect((await run(verifyLoader, getRequest("/verification-email?token=nope"))).data.problem).toBe("errors.tokenInvalid");
  });

  it("an address already registered gets the same answer, and its owner an e-mail saying so", async () => {
    await createUser(db, { email: "known@example.ma", name: "Known Person" });
    const res = await signUp("known@example.ma");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/inscription/verifiez");
    const mail = await lastMailTo("known@example.ma");
    expect(mail.subject).toBe("Vous avez déjà un compte Tiwizi");
    expect((await db.select().from(users).where(eq(users.email, "known@example.ma"))).length).toBe(1);
  });

  it("refuses bad input field by field, translated, keeping what was typed", async () => {
    const res = await run(signupAction, formRequest("/inscription", { name: "A", email: "pas-une-adresse", password: "12345678" }));
    expect(res.status).toBe(400);
    expect(res.data.errors).toEqual({
      name: ["errors.tooShort"],
      email: ["errors.email"],
      password: ["errors.passwordCommon"],
      consent: ["errors.consentRequired"],
    });
    expect(res.data.values).toEqual({ name: "A", email: "pas-une-adresse" });
    const short = await run(signupAction, formRequest("/inscription", { name: "Amina", email: "a@example.ma", password: "كلمة", consent: "on" }));
    expect(short.data.errors.password).toEqual(["errors.passwordTooShort"]);
    // Arabic characters count as characters, not bytes: 8 of them make a valid password.
    const arabic = await signUp("arabic@example.ma", { password: "كلمةسرطو" });
    expect(arabic.status).toBe(302);
  });

  it("signs the new account's e-mail in the language it signed up in", async () => {
    await run(signupAction, formRequest("/inscription?lang=ar", { name: "أمينة", email: "amina@example.ma", password, consent: "on" }));
    const mail = await lastMailTo("amina@example.ma");
    expect(mail.subject).toMatch(/[\u0600-\u06FF]/);
    expect(mail.html).toContain('dir="rtl"');
    expect(linkIn(mail.text, "/verification-email")).toContain("lang=ar");
  });
});

describe("log in and sessions", () => {
  it("logs in with a hashed session token in an HttpOnly, SameSite=Lax cookie", async () => {
    await createUser(db, { email: "fatima@example.ma", password });
    const res = await logIn("fatima@example.ma");
    expect(res.status).toBe(302);
    const setCookie = res.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^tiwizi_session=[a-z2-7]{32}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+/);
    const token = cookieFrom(res.headers).split("=")[1];
    const stored = await db.select().from(sessions);
    expect(stored.map((s) => s.id)).toContain(hashToken(token));
    expect(stored.map((s) => s.id)).not.toContain(token);
  });

  it("never says whether the address exists", async () => {
    await createUser(db, { email: "exists@example.ma", password });
    const wrong = await logIn("exists@example.ma", "mauvais mot de passe");
    const unknown = await logIn("nobody@example.ma", "mauvais mot de passe");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.data.messageKey).toBe("errors.invalidCredentials");
    expect(unknown.data.messageKey).toBe("errors.invalidCredentials");
  });

  it("rate-limits by IP (10 a minute) with 429 and Retry-After", async () => {
    const ip = "198.51.100.20";
    for (let i = 0; i < 10; i++) expect((await logIn(`x${i}@example.ma`, "wrong-password", ip)).status).toBe(400);
    const blocked = await logIn("x@example.ma", "wrong-password", ip);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(blocked.data.messageKey).toBe("errors.rateLimited");
    // Another address on another IP is not blocked.
    expect((await logIn("x@example.ma", "wrong-password", "198.51.100.21")).status).toBe(400);
  });

  it("rate-limits by account (25 an hour) across IPs", async () => {
    await createUser(db, { email: "target@example.ma", password });
    for (let i = 0; i < 25; i++) await logIn("target@example.ma", "wrong-password", `192.0.2.${i}`);
    const blocked = await logIn("target@example.ma", password, "192.0.2.200");
    expect(blocked.status).toBe(429);
  });

  it("expires idle and old sessions", async () => {
    const user = await createUser(db, { password });
    const cookie = cookieFrom((await logIn(user.email)).headers);
    const token = cookie.split("=")[1];
    expect(await validateSessionToken(token)).not.toBeNull();
    await db.update(sessions).set({ lastSeenAt: sql`now() - interval '11 days'` }).where(eq(sessions.id, hashToken(token)));
    expect(await validateSessionToken(token)).toBeNull();
    const other = cookieFrom((await logIn(user.email)).headers).split("=")[1];
    await db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.id, hashToken(other)));
    expect(await validateSessionToken(other)).toBeNull();
  });

  it("lists sessions; signing out everywhere ends them all", async () => {
    const user = await createUser(db, { password });
    const first = cookieFrom((await logIn(user.email)).headers);
    await logIn(user.email);
    const page = await run(accountLoader, getRequest("/compte", { cookie: first }));
    expect(page.data.sessions).toHaveLength(2);
    expect(page.data.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    const res = await run(accountAction, formRequest("/compte", { intent: "revokeAll" }, { cookie: first }));
    expect(res.status).toBe(302);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });

  it("ends one of one's own sessions from the list, and never someone else's", async () => {
    const user = await createUser(db, { password });
    const here = cookieFrom((await logIn(user.email)).headers);
    const there = cookieFrom((await logIn(user.email)).headers);
    const other = await createUser(db, { password });
    const theirs = cookieFrom((await logIn(other.email)).headers);
    const theirRef = hashToken(theirs.split("=")[1]).slice(0, 12);
    await run(accountAction, formRequest("/compte", { intent: "revoke", session: theirRef }, { cookie: here }));
    expect(await validateSessionToken(theirs.split("=")[1])).not.toBeNull();
    const ref = hashToken(there.split("=")[1]).slice(0, 12);
    const res = await run(accountAction, formRequest("/compte", { intent: "revoke", session: ref }, { cookie: here }));
    expect(res.status).toBe(302);
    expect(await validateSessionToken(there.split("=")[1])).toBeNull();
    expect(await validateSessionToken(here.split("=")[1])).not.toBeNull();
  });

  it("the account page needs a session", async () => {
    const res = await run(accountLoader, getRequest("/compte"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/connexion?redirectTo=%2Fcompte");
  });
});

describe("passwords", () => {
  it("reset: link by e-mail, new password, every session ended, link dead after use", async () => {
    const user = await createUser(db, { email: "reset@example.ma", password });
    const cookie = cookieFrom((await logIn(user.email)).headers);
    const answer = await run(forgotAction, formRequest("/mot-de-passe-oublie", { email: "reset@example.ma" }));
    const unknown = await run(forgotAction, formRequest("/mot-de-passe-oublie", { email: "nobody@example.ma" }));
    expect(answer.data).toEqual({ sent: true });
    expect(unknown.data).toEqual({ sent: true });
    const token = new URL(linkIn((await lastMailTo("reset@example.ma")).text, "/reinitialiser")).searchParams.get("token")!;
    expect((await run(resetLoader, getRequest(`/reinitialiser?token=${token}`))).data.problem).toBeNull();
    const mismatch = await run(resetAction, formRequest("/reinitialiser", { token, password: "Nouvelle phrase 2026", confirm: "autre" }));
    expect(mismatch.data.errors.confirm).toEqual(["errors.passwordMismatch"]);
    const done = await run(resetAction, formRequest("/reinitialiser", { token, password: "Nouvelle phrase 2026", confirm: "Nouvelle phrase 2026" }));
    expect(done.status).toBe(302);
    expect(await validateSessionToken(cookie.split("=")[1])).toBeNull();
    expect((await logIn(user.email)).status).toBe(400);
    expect((await logIn(user.email, "Nouvelle phrase 2026")).status).toBe(302);
    const reused = await run(resetAction, formRequest("/reinitialiser", { token, password: "Encore une autre 2026", confirm: "Encore une autre 2026" }));
    expect(reused.data.messageKey).toBe("errors.tokenUsed");
    expect((await lastMailTo("reset@example.ma")).subject).toBe("Votre mot de passe a été changé");
  });

  it("change: needs the current password, keeps this session, ends the others", async () => {
    const user = await createUser(db, { password });
    const here = cookieFrom((await logIn(user.email)).headers);
    const there = cookieFrom((await logIn(user.email)).headers);
    const wrong = await run(accountAction, formRequest("/compte", { intent: "password", currentPassword: "faux", password: "Autre phrase 2026", confirm: "Autre phrase 2026" }, { cookie: here }));
    expect(wrong.status).toBe(400);
    expect(wrong.data.messageKey).toBe("errors.wrongPassword");
    const ok = await run(accountAction, formRequest("/compte", { intent: "password", currentPassword: password, password: "Autre phrase 2026", confirm: "Autre phrase 2026" }, { cookie: here }));
    expect(ok.status).toBe(302);
    expect(await validateSessionToken(here.split("=")[1])).not.toBeNull();
    expect(await validateSessionToken(there.split("=")[1])).toBeNull();
  });
});

describe("personal data (law 09-08)", () => {
  it("exports the person's data as a JSON download", async () => {
    const user = await createUser(db, { email: "export@example.ma", password });
    const mine = await createOrganization(db, { name: "Coopérative Export", ownerId: user.id });
    const other = await createOrganization(db, { name: "Association Voisine" });
    const [conversation] = await db
      .insert(conversations)
      .values({ fromOrganizationId: mine.id, toOrganizationId: other.id, subject: "Huile pour le marché", startedBy: user.id })
      .returning();
    await db.insert(messages).values([
      { conversationId: conversation.id, senderOrganizationId: mine.id, senderUserId: user.id, body: "Bonjour, 20 litres ?" },
      { conversationId: conversation.id, senderOrganizationId: other.id, body: "Réponse de la voisine" },
    ]);
    const cookie = cookieFrom((await logIn(user.email)).headers);
    const res = await exportLoader({ request: getRequest("/compte/export", { cookie }), params: {}, context: { nonce: "", clientIp: "x" } });
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tiwizi-donnees-/);
    const body = await res.json();
    expect(body.user.email).toBe("export@example.ma");
    expect(body.memberships[0]).toMatchObject({ organization: "Coopérative Export", role: "owner" });
    expect(body.messages).toEqual([
      expect.objectContaining({ conversation: "Huile pour le marché", from: "Coopérative Export", body: "Bonjour, 20 litres ?" }),
    ]);
    expect(JSON.stringify(body)).not.toContain("argon2");
  });

  it("deletion erases personal data and ends sessions; ownership must be handed over first", async () => {
    const user = await createUser(db, { email: "leaving@example.ma", password });
    const colleague = await createUser(db);
    const shared = await createOrganization(db, { name: "Association Partagée", ownerId: user.id });
    await db.insert(memberships).values({ organizationId: shared.id, userId: colleague.id, role: "member" });
    const alone = await createOrganization(db, { name: "Coopérative Solo", ownerId: user.id });
    const cookie = cookieFrom((await logIn(user.email)).headers);

    const blocked = await run(accountAction, formRequest("/compte", { intent: "delete", password, confirm: "on" }, { cookie }));
    expect(blocked.status).toBe(200);
    expect(blocked.data.messageKey).toBe("errors.handOverOwnership");
    expect(blocked.data.organizations).toEqual([{ name: "Association Partagée", slug: shared.slug }]);

    await db.update(memberships).set({ role: "owner" }).where(and(eq(memberships.userId, colleague.id), eq(memberships.organizationId, shared.id)));
    const done = await run(accountAction, formRequest("/compte", { intent: "delete", password, confirm: "on" }, { cookie }));
    expect(done.status).toBe(302);
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row.email).toBeNull();
    expect(row.passwordHash).toBeNull();
    expect(row.deletedAt).toBeInstanceOf(Date);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect(await db.select().from(organizations).where(eq(organizations.id, alone.id))).toHaveLength(0);
    expect(await db.select().from(organizations).where(eq(organizations.id, shared.id))).toHaveLength(1);
    expect((await logIn("leaving@example.ma")).status).toBe(400);
  });
});

describe("redirects after login", () => {
  it("go only to paths on this site", async () => {
    expect(safeRedirect("/compte?x=1#y")).toBe("/compte?x=1#y");
    for (const bad of ["//evil.example", "/\t/evil.example", "/\n/evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", 42]) {
      expect(safeRedirect(bad, "/compte")).toBe("/compte");
    }
    await createUser(db, { email: "redirect@example.ma", password });
    const res = await run(loginAction, formRequest("/connexion", { email: "redirect@example.ma", password, redirectTo: "/\t/evil.example" }), {}, "10.8.0.1");
    expect(res.headers.get("Location")).toBe("/compte");
  });

  it("an older reset link dies once the password changed", async () => {
    const user = await createUser(db, { email: "twolinks@example.ma", password });
    await run(forgotAction, formRequest("/mot-de-passe-oublie", { email: user.email }), {}, "10.8.0.2");
    const first = new URL(linkIn((await lastMailTo(user.email)).text, "/reinitialiser")).searchParams.get("token")!;
    await run(forgotAction, formRequest("/mot-de-passe-oublie", { email: user.email }), {}, "10.8.0.2");
    const second = new URL(linkIn((await lastMailTo(user.email)).text, "/reinitialiser")).searchParams.get("token")!;
    expect(second).not.toBe(first);
    await run(resetAction, formRequest("/reinitialiser", { token: second, password: "Nouvelle phrase 2026", confirm: "Nouvelle phrase 2026" }));
    expect((await run(resetLoader, getRequest(`/reinitialiser?token=${first}`))).data.problem).toBe("errors.tokenUsed");
  });
});
