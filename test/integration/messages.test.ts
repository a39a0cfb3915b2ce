import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { auditLog, conversations, emailMessages, memberships, messages, organizationBlocks, reports } from "../../db/schema";
import { listLocalMail } from "../../emails/transport.server";
import { loader as rootLoader } from "~/root";
import { action as composeAction, loader as composeLoader } from "~/routes/organisations.$slug_.ecrire";
import { action as inboxAction, loader as inboxLoader } from "~/routes/messages._index";
import { action as threadAction, loader as threadLoader } from "~/routes/messages.$id";
import { action as resolveAction, loader as reportsLoader } from "~/routes/admin.signalements";
import { loader as profileLoader } from "~/routes/organisations.$slug";
import { createSession } from "~/modules/accounts/session.server";
import { formRequest, getRequest, run } from "../support/http";
import { lastMailTo, linkIn } from "../support/mail";

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ userId: user.id, platformRole: user.platformRole });
  return { user, cookie: `tiwizi_session=${token}` };
}

async function member(orgId: string, role: "owner" | "admin" | "member", opts: Parameters<typeof createUser>[1] = {}) {
  const person = await signedIn(opts);
  await db.insert(memberships).values({ organizationId: orgId, userId: person.user.id, role });
  return person;
}

/** A company that writes and a cooperative that receives, each with its people. */
async function twoOrganizations() {
  const companyOwner = await signedIn({ name: "Mehdi Tazi", email: `mehdi-${Math.random().toString(36).slice(2)}@atlas.example.ma` });
  const company = await createOrganization(db, { kind: "company", name: "Atlas Conseil", ownerId: companyOwner.user.id });
  const coop = await createOrganization(db, { name: "Coopérative Tighanimine", nameAr: "تعاونية تيغانيمين" });
  const coopOwner = await member(coop.id, "owner", { email: `aicha-${Math.random().toString(36).slice(2)}@coop.example.ma`, locale: "fr" });
  const coopMember = await member(coop.id, "member", { email: `hafsa-${Math.random().toString(36).slice(2)}@coop.example.ma`, locale: "ar" });
  return { company, companyOwner, coop, coopOwner, coopMember };
}

const compose = (slug: string, fields: Record<string, string>, cookie: string) =>
  run(composeAction, formRequest(`/organisations/${slug}/ecrire`, fields, { cookie }), { slug });
const thread = (id: string, cookie: string) => run(threadLoader, getRequest(`/messages/${id}`, { cookie }), { id });
const post = (id: string, fields: Record<string, string>, cookie: string) =>
  run(threadAction, formRequest(`/messages/${id}`, fields, { cookie }), { id });
const idFrom = (location: string | null) => location!.split("/messages/")[1].split("?")[0];
const unreadCount = async (cookie: string) => (await run(rootLoader, getRequest("/", { cookie }))).data.unreadConversations;
// Each test file shares one database: every count below is scoped to the test's own organisations.
const messagesIn = (id: string) => db.select().from(messages).where(eq(messages.conversationId, id));
const conversationsTo = (orgId: string) => db.select().from(conversations).where(eq(conversations.toOrganizationId, orgId));
const conversationsFrom = (orgId: string) => db.select().from(conversations).where(eq(conversations.fromOrganizationId, orgId));
const mailTo = (...people: { user: { email: string } }[]) =>
  db.select().from(emailMessages).where(inArray(emailMessages.to, people.map((p) => p.user.email)));
const blocksBy = (orgId: string) => db.select().from(organizationBlocks).where(eq(organizationBlocks.blockerId, orgId));

describe("writing to another organisation", () => {
  it("a member writes from the chosen organisation; the other side's members are told by e-mail in their language, without the writer's address", async () => {
    const { company, companyOwner, coop, coopOwner, coopMember } = await twoOrganizations();
    const second = await createOrganization(db, { kind: "association", name: "Association Amal", ownerId: companyOwner.user.id });
    const page = await run(composeLoader, getRequest(`/organisations/${coop.slug}/ecrire`, { cookie: companyOwner.cookie }), { slug: coop.slug });
    expect(page.data.to.name).toBe("Coopérative Tighanimine");
    expect(page.data.senders.map((s: { slug: string }) => s.slug).sort()).toEqual([company.slug, second.slug].sort());

    const res = await compose(coop.slug, { from: company.slug, subject: "Coffrets d'argan", body: "Bonjour,\r\nNous cherchons 120 flacons d'huile d'argan." }, companyOwner.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toContain("messages.sent");
    const id = idFrom(res.headers.get("Location"));
    const [conversation] = await db.select().from(conversations).where(eq(conversations.id, id));
    expect(conversation).toMatchObject({ fromOrganizationId: company.id, toOrganizationId: coop.id, subject: "Coffrets d'argan" });
    expect((await messagesIn(id))[0].body).toBe("Bonjour,\nNous cherchons 120 flacons d'huile d'argan.");
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "conversation.start"), eq(auditLog.targetId, id)))).toHaveLength(1);

    const fr = await lastMailTo(coopOwner.user.email);
    expect(fr.subject).toBe("Nouveau message de Atlas Conseil");
    expect(fr.text).toContain("Atlas Conseil a écrit à Coopérative Tighanimine");
    expect(fr.text).toContain("Nous cherchons 120 flacons");
    expect(linkIn(fr.text, `/messages/${id}`)).toBe(`http://localhost:3000/messages/${id}`);
    const ar = await lastMailTo(coopMember.user.email);
    expect(ar.subject).toBe("رسالة جديدة من Atlas Conseil");
    expect(ar.html).toContain('dir="rtl"');
    expect(ar.text).toContain("تعاونية تيغانيمين");
    expect(linkIn(ar.text, `/messages/${id}`)).toContain("?lang=ar");
    for (const mail of [fr, ar]) {
      expect(mail.text).not.toContain(companyOwner.user.email);
      expect(mail.html).not.toContain(companyOwner.user.email);
    }
    // The writer gets no copy of their own message.
    expect((await listLocalMail()).filter((m) => m.to === companyOwner.user.email)).toHaveLength(0);
  });

  it("appears unread in the receivers' inbox and header until opened; replies thread and notify the other side", async () => {
    const { company, companyOwner, coop, coopOwner, coopMember } = await twoOrganizations();
    const colleague = await member(company.id, "member", { email: `colleague-${Math.random().toString(36).slice(2)}@atlas.example.ma` });
    const res = await compose(coop.slug, { from: company.slug, subject: "Partenariat", body: "Pouvons-nous nous rencontrer ?" }, companyOwner.cookie);
    const id = idFrom(res.headers.get("Location"));

    expect(await unreadCount(coopOwner.cookie)).toBe(1);
    expect(await unreadCount(companyOwner.cookie)).toBe(0);
    // A colleague of the writer has nothing new to read: the message came from their own side.
    expect(await unreadCount(colleague.cookie)).toBe(0);
    const inbox = await run(inboxLoader, getRequest("/messages", { cookie: coopOwner.cookie }));
    expect(inbox.data.items).toEqual([
      expect.objectContaining({ id, subject: "Partenariat", unread: true, other: expect.objectContaining({ name: "Atlas Conseil" }), mine: expect.objectContaining({ slug: coop.slug }) }),
    ]);

    const opened = await thread(id, coopOwner.cookie);
    expect(opened.status).toBe(200);
    expect(opened.data.messages).toEqual([expect.objectContaining({ body: "Pouvons-nous nous rencontrer ?", ours: false, senderName: "Mehdi Tazi" })]);
    expect(await unreadCount(coopOwner.cookie)).toBe(0);
    expect(await unreadCount(coopMember.cookie)).toBe(1);

    const reply = await post(id, { intent: "reply", body: "Avec plaisir, mardi à 10 h ?" }, coopOwner.cookie);
    expect(reply.status).toBe(302);
    expect(reply.headers.get("Set-Cookie")).toContain("messages.replySent");
    expect(await conversationsTo(coop.id)).toHaveLength(1);
    expect(await messagesIn(id)).toHaveLength(2);
    const mail = await lastMailTo(companyOwner.user.email);
    expect(mail.subject).toBe("Réponse de Coopérative Tighanimine");
    expect(mail.text).toContain("Avec plaisir, mardi à 10 h ?");
    expect(mail.text).not.toContain(coopOwner.user.email);
    expect(await unreadCount(companyOwner.cookie)).toBe(1);
    expect(await unreadCount(colleague.cookie)).toBe(1);

    // The writer's side answers too: either side's members continue the same conversation.
    await post(id, { intent: "reply", body: "Parfait, à mardi." }, colleague.cookie);
    const seen = await thread(id, coopOwner.cookie);
    expect(seen.data.messages.map((m: { body: string; ours: boolean }) => [m.body, m.ours])).toEqual([
      ["Pouvons-nous nous rencontrer ?", false],
      ["Avec plaisir, mardi à 10 h ?", true],
      ["Parfait, à mardi.", false],
    ]);
    // Nothing the other side sees carries an e-mail address.
    expect(JSON.stringify(seen.data)).not.toMatch(/@/);
  });

  it("profiles link to the compose page for outsiders; anonymous visitors log in first", async () => {
    const { coop, coopOwner, companyOwner } = await twoOrganizations();
    expect((await run(composeLoader, getRequest(`/organisations/${coop.slug}/ecrire`), { slug: coop.slug })).headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    const anonymous = await run(composeAction, formRequest(`/organisations/${coop.slug}/ecrire`, { from: "x", subject: "x", body: "x" }), { slug: coop.slug });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/connexion/);
    const outsider = await run(profileLoader, getRequest(`/organisations/${coop.slug}`, { cookie: companyOwner.cookie }), { slug: coop.slug });
    expect(outsider.data.profile.role).toBeNull();
    const insider = await run(profileLoader, getRequest(`/organisations/${coop.slug}`, { cookie: coopOwner.cookie }), { slug: coop.slug });
    expect(insider.data.profile.role).toBe("owner");
    // Someone without another organisation is offered to create one instead.
    const page = await run(composeLoader, getRequest(`/organisations/${coop.slug}/ecrire`, { cookie: coopOwner.cookie }), { slug: coop.slug });
    expect(page.data.senders).toEqual([]);
    expect((await run(composeLoader, getRequest("/organisations/nope/ecrire", { cookie: coopOwner.cookie }), { slug: "nope" })).status).toBe(404);
  });
});

describe("what a message may be", () => {
  it("refuses a subject over 150 characters and a body over 5,000, keeping what was typed", async () => {
    const { company, companyOwner, coop, coopOwner, coopMember } = await twoOrganizations();
    const long = await compose(coop.slug, { from: company.slug, subject: "s".repeat(151), body: "b".repeat(5001) }, companyOwner.cookie);
    expect(long.status).toBe(400);
    expect(long.data.errors).toEqual({ subject: ["errors.messageSubjectTooLong"], body: ["errors.messageBodyTooLong"] });
    expect(long.data.values).toMatchObject({ from: company.slug, subject: "s".repeat(151), body: "b".repeat(5001) });
    const empty = await compose(coop.slug, { from: company.slug, subject: "   ", body: "" }, companyOwner.cookie);
    expect(empty.data.errors).toEqual({ subject: ["errors.required"], body: ["errors.required"] });
    const missing = await compose(coop.slug, {}, companyOwner.cookie);
    expect(missing.data.errors).toMatchObject({ from: ["errors.required"], subject: ["errors.required"], body: ["errors.required"] });
    expect(await conversationsTo(coop.id)).toHaveLength(0);
    expect(await mailTo(coopOwner, coopMember)).toHaveLength(0);
  });

  it("counts characters as a person does: a line break is one, an Arabic letter is one", async () => {
    const { company, companyOwner, coop } = await twoOrganizations();
    // 2,500 lines sent by the browser with CRLF: 7,500 bytes of form data, 4,999 characters.
    const lines = Array(2500).fill("a").join("\r\n");
    expect((await compose(coop.slug, { from: company.slug, subject: "ع".repeat(150), body: lines }, companyOwner.cookie)).status).toBe(302);
    expect((await compose(coop.slug, { from: company.slug, subject: "ⵜⵉⵡⵉⵣⵉ", body: "ب".repeat(5000) }, companyOwner.cookie)).status).toBe(302);
    expect((await compose(coop.slug, { from: company.slug, subject: "x", body: "ب".repeat(5001) }, companyOwner.cookie)).data.errors.body).toEqual(["errors.messageBodyTooLong"]);
  });

  it("a NUL character gets a clear error, not a server error, and keeps the text", async () => {
    const { company, companyOwner, coop } = await twoOrganizations();
    const res = await compose(coop.slug, { from: company.slug, subject: "Bonjour", body: "avant\u0000après" }, companyOwner.cookie);
    expect(res.status).toBe(400);
    expect(res.data.errors).toEqual({ body: ["errors.invalid"] });
    expect(res.data.values).toMatchObject({ subject: "Bonjour", body: "avant\u0000après" });
    expect(await conversationsTo(coop.id)).toHaveLength(0);
  });

  it("a reply over 5,000 characters is refused and kept in the form", async () => {
    const { company, companyOwner, coop, coopOwner } = await twoOrganizations();
    const id = idFrom((await compose(coop.slug, { from: company.slug, subject: "Bonjour", body: "Premier message" }, companyOwner.cookie)).headers.get("Location"));
    const res = await post(id, { intent: "reply", body: "x".repeat(5001) }, coopOwner.cookie);
    expect(res.status).toBe(400);
    expect(res.data.errors.body).toEqual(["errors.messageBodyTooLong"]);
    expect(res.data.values.body).toBe("x".repeat(5001));
    expect(await messagesIn(id)).toHaveLength(1);
  });

  it("writing for an organisation takes belonging to it; an organisation does not write to itself", async () => {
    const { company, companyOwner, coop, coopOwner } = await twoOrganizations();
    const notMine = await compose(company.slug, { from: coop.slug, subject: "Usurpation", body: "Je ne suis pas membre." }, companyOwner.cookie);
    expect(notMine.status).toBe(403);
    const admin = await signedIn({ platformRole: "admin" });
    expect((await compose(coop.slug, { from: company.slug, subject: "Admin", body: "Au nom de qui ?" }, admin.cookie)).status).toBe(403);
    const self = await compose(coop.slug, { from: coop.slug, subject: "Moi", body: "À moi-même" }, coopOwner.cookie);
    expect(self.status).toBe(409);
    expect(self.data.messageKey).toBe("errors.messageSelf");
    const unknown = await compose(coop.slug, { from: "inconnue", subject: "x", body: "x" }, companyOwner.cookie);
    expect(unknown.status).toBe(404);
    expect([...(await conversationsTo(coop.id)), ...(await conversationsTo(company.id))]).toHaveLength(0);
  });
});

describe("rate limits", () => {
  it("five new conversations an hour per person: the sixth is refused with the text kept, and nothing is sent", async () => {
    const { company, companyOwner } = await twoOrganizations();
    const targets = await Promise.all(Array.from({ length: 6 }, () => createOrganization(db)));
    for (const target of targets.slice(0, 5)) {
      expect((await compose(target.slug, { from: company.slug, subject: "Bonjour", body: "Présentation" }, companyOwner.cookie)).status).toBe(302);
    }
    const sixth = await compose(targets[5].slug, { from: company.slug, subject: "Encore", body: "Un de trop" }, companyOwner.cookie);
    expect(sixth.status).toBe(429);
    expect(sixth.data.messageKey).toBe("errors.rateLimited");
    expect(Number(sixth.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(sixth.data.values).toMatchObject({ subject: "Encore", body: "Un de trop" });
    expect(await db.select().from(conversations).where(eq(conversations.toOrganizationId, targets[5].id))).toHaveLength(0);
  });

  it("ten new conversations an hour per organisation, whoever writes", async () => {
    const { company, companyOwner } = await twoOrganizations();
    const colleague = await member(company.id, "member");
    const third = await member(company.id, "member");
    const targets = await Promise.all(Array.from({ length: 11 }, () => createOrganization(db)));
    for (const [i, target] of targets.slice(0, 10).entries()) {
      const who = i < 5 ? companyOwner : colleague;
      expect((await compose(target.slug, { from: company.slug, subject: "Bonjour", body: "Présentation" }, who.cookie)).status).toBe(302);
    }
    const eleventh = await compose(targets[10].slug, { from: company.slug, subject: "Bonjour", body: "Présentation" }, third.cookie);
    expect(eleventh.status).toBe(429);
    expect(await conversationsFrom(company.id)).toHaveLength(10);
  });

  it("ten messages a minute per person: the next reply is refused and kept, no e-mail goes out", async () => {
    const { company, companyOwner, coop, coopOwner } = await twoOrganizations();
    const id = idFrom((await compose(coop.slug, { from: company.slug, subject: "Fil", body: "1" }, companyOwner.cookie)).headers.get("Location"));
    for (let i = 2; i <= 10; i++) expect((await post(id, { intent: "reply", body: String(i) }, companyOwner.cookie)).status).toBe(302);
    const mailsBefore = (await mailTo(coopOwner)).length;
    const res = await post(id, { intent: "reply", body: "onzième" }, companyOwner.cookie);
    expect(res.status).toBe(429);
    expect(res.data.messageKey).toBe("errors.rateLimited");
    expect(res.data.values.body).toBe("onzième");
    expect(await messagesIn(id)).toHaveLength(10);
    expect(await mailTo(coopOwner)).toHaveLength(mailsBefore);
    // The other side is not held back by the writer's limit.
    expect((await post(id, { intent: "reply", body: "Reçu" }, coopOwner.cookie)).status).toBe(302);
  });
});

describe("blocking", () => {
  it("a manager blocks the other organisation: neither can write any more, the blocker gets no mail; unblocking restores it", async () => {
    const { company, companyOwner, coop, coopOwner } = await twoOrganizations();
    const id = idFrom((await compose(coop.slug, { from: company.slug, subject: "Offre", body: "Achetez nos services" }, companyOwner.cookie)).headers.get("Location"));
    expect((await thread(id, coopOwner.cookie)).data.canBlock).toBe(true);
    const blocked = await post(id, { intent: "block", organization: coop.slug, other: company.slug }, coopOwner.cookie);
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("Set-Cookie")).toContain("messages.blocked");
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "organization.block"), eq(auditLog.targetId, coop.id)))).toEqual([
      expect.objectContaining({ actorId: coopOwner.user.id, targetId: coop.id, after: { blockedId: company.id, blockedName: "Atlas Conseil" } }),
    ]);
    expect((await thread(id, companyOwner.cookie)).data.block).toBe("byThem");
    expect((await thread(id, coopOwner.cookie)).data.block).toBe("byUs");

    const mails = (await mailTo(coopOwner)).length;
    const reply = await post(id, { intent: "reply", body: "Vous êtes sûrs ?" }, companyOwner.cookie);
    expect(reply.status).toBe(409);
    expect(reply.data.messageKey).toBe("errors.messageBlocked");
    expect(reply.data.values.body).toBe("Vous êtes sûrs ?");
    const again = await compose(coop.slug, { from: company.slug, subject: "Nouvelle offre", body: "Et maintenant ?" }, companyOwner.cookie);
    expect(again.status).toBe(409);
    expect(again.data.messageKey).toBe("errors.messageBlocked");
    expect(again.data.values).toMatchObject({ subject: "Nouvelle offre", body: "Et maintenant ?" });
    const back = await post(id, { intent: "reply", body: "Dernier mot" }, coopOwner.cookie);
    expect(back.data.messageKey).toBe("errors.messageYouBlocked");
    expect(await messagesIn(id)).toHaveLength(1);
    expect(await conversationsTo(coop.id)).toHaveLength(1);
    expect(await mailTo(coopOwner)).toHaveLength(mails);

    const inbox = await run(inboxLoader, getRequest("/messages", { cookie: coopOwner.cookie }));
    expect(inbox.data.blocks).toEqual([expect.objectContaining({ blocker: expect.objectContaining({ slug: coop.slug }), blocked: expect.objectContaining({ slug: company.slug }) })]);
    const unblocked = await run(inboxAction, formRequest("/messages", { organization: coop.slug, other: company.slug }, { cookie: coopOwner.cookie }));
    expect(unblocked.status).toBe(302);
    expect(await blocksBy(coop.id)).toHaveLength(0);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "organization.unblock"), eq(auditLog.targetId, coop.id)))).toHaveLength(1);
    expect((await post(id, { intent: "reply", body: "Reprenons." }, companyOwner.cookie)).status).toBe(302);
  });

  it("only the organisation's owners and admins block; plain members and platform admins cannot", async () => {
    const { company, companyOwner, coop, coopMember } = await twoOrganizations();
    const id = idFrom((await compose(coop.slug, { from: company.slug, subject: "Offre", body: "Bonjour" }, companyOwner.cookie)).headers.get("Location"));
    expect((await thread(id, coopMember.cookie)).data.canBlock).toBe(false);
    expect((await post(id, { intent: "block", organization: coop.slug, other: company.slug }, coopMember.cookie)).status).toBe(403);
    const admin = await signedIn({ platformRole: "admin" });
    expect((await run(inboxAction, formRequest("/messages", { organization: coop.slug, other: company.slug }, { cookie: admin.cookie }))).status).toBe(403);
    const coopAdmin = await member(coop.id, "admin");
    expect((await post(id, { intent: "block", organization: coop.slug, other: coop.slug }, coopAdmin.cookie)).data.messageKey).toBe("errors.blockSelf");
    expect(await blocksBy(coop.id)).toHaveLength(0);
    expect((await post(id, { intent: "block", organization: coop.slug, other: company.slug }, coopAdmin.cookie)).status).toBe(302);
  });
});

describe("who can read a conversation", () => {
  it("members of a third organisation, platform admins and strangers get a 404; anonymous visitors log in", async () => {
    const { company, companyOwner, coop } = await twoOrganizations();
    const id = idFrom((await compose(coop.slug, { from: company.slug, subject: "Confidentiel", body: "Nos prix" }, companyOwner.cookie)).headers.get("Location"));
    const thirdOrg = await createOrganization(db);
    const outsider = await member(thirdOrg.id, "owner");
    const admin = await signedIn({ platformRole: "admin" });
    for (const who of [outsider, admin, await signedIn()]) {
      expect((await thread(id, who.cookie)).status).toBe(404);
      expect((await post(id, { intent: "reply", body: "Je m'invite" }, who.cookie)).status).toBe(404);
      expect((await run(inboxLoader, getRequest("/messages", { cookie: who.cookie }))).data.items).toEqual([]);
    }
    expect((await thread("not-a-uuid", outsider.cookie)).status).toBe(404);
    expect((await thread("00000000-0000-4000-8000-000000000000", outsider.cookie)).status).toBe(404);
    const anonymous = await run(threadLoader, getRequest(`/messages/${id}`), { id });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/connexion/);
    expect(await messagesIn(id)).toHaveLength(1);
  });
});

describe("reporting a message", () => {
  it("a receiver reports it; the admins' queue shows the text, subject and both organisations; resolving is audited", async () => {
    const { company, companyOwner, coop, coopMember } = await twoOrganizations();
    const id = idFrom((await compose(coop.slug, { from: company.slug, subject: "Offre douteuse", body: "Envoyez 500 DH pour recevoir le label." }, companyOwner.cookie)).headers.get("Location"));
    const [message] = await messagesIn(id);
    const bad = await post(id, { intent: "report", targetType: "message", targetId: message.id, reason: "spam" }, coopMember.cookie);
    expect(bad.status).toBe(400);
    expect(bad.data.errors.reason).toEqual(["errors.invalidChoice"]);
    const res = await post(id, { intent: "report", targetType: "message", targetId: message.id, reason: "fraud", details: "Demande d'argent." }, coopMember.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Set-Cookie")).toContain("report.thanks");
    const filed = () => db.select().from(reports).where(eq(reports.targetId, message.id));
    expect(await filed()).toEqual([expect.objectContaining({ targetType: "message", reporterId: coopMember.user.id })]);

    const admin = await signedIn({ platformRole: "admin" });
    const queue = await run(reportsLoader, getRequest("/admin/signalements", { cookie: admin.cookie }));
    const queued = queue.data.reports.filter((r: { targetId: string }) => r.targetId === message.id);
    expect(queued).toEqual([
      expect.objectContaining({
        targetType: "message",
        reason: "fraud",
        details: "Demande d'argent.",
        message: expect.objectContaining({
          body: "Envoyez 500 DH pour recevoir le label.",
          subject: "Offre douteuse",
          sender: { name: "Atlas Conseil", slug: company.slug },
          recipient: { name: "Coopérative Tighanimine", slug: coop.slug },
        }),
      }),
    ]);
    await run(resolveAction, formRequest("/admin/signalements", { reportId: queued[0].id, status: "resolved" }, { cookie: admin.cookie }));
    expect((await filed())[0].status).toBe("resolved");
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "report.resolved"), eq(auditLog.targetId, queued[0].id)))).toHaveLength(1);
  });

  it("the writer's side and outsiders cannot report it (404), and nothing is queued", async () => {
    const { company, companyOwner, coop } = await twoOrganizations();
    const id = idFrom((await compose(coop.slug, { from: company.slug, subject: "Bonjour", body: "Bonjour" }, companyOwner.cookie)).headers.get("Location"));
    const [message] = await messagesIn(id);
    expect((await post(id, { intent: "report", targetType: "message", targetId: message.id, reason: "offensive" }, companyOwner.cookie)).status).toBe(404);
    const outsider = await member((await createOrganization(db)).id, "owner");
    expect((await post(id, { intent: "report", targetType: "message", targetId: message.id, reason: "offensive" }, outsider.cookie)).status).toBe(404);
    expect(await db.select().from(reports).where(eq(reports.targetId, message.id))).toHaveLength(0);
  });
});
