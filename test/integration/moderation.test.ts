import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { auditLog, organizations, reports } from "../../db/schema";
import { action as verifyAction, loader as pendingLoader } from "~/routes/admin.organisations";
import { action as resolveAction, loader as reportsLoader } from "~/routes/admin.signalements";
import { loader as auditLoader } from "~/routes/admin.journal";
import { loader as mailboxLoader } from "~/routes/dev.mail";
import { action as reportAction } from "~/routes/signaler";
import { createSession } from "~/modules/accounts/session.server";
import { formRequest, getRequest, run } from "../support/http";
import { deliverAll, lastMailTo } from "../support/mail";

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ userId: user.id, platformRole: user.platformRole });
  return { user, cookie: `tiwizi_session=${token}` };
}

describe("verification by a platform admin", () => {
  it("lists pending organisations; verifying tells the owners and is audited", async () => {
    const owner = await createUser(db, { email: "owner-ar@example.ma", locale: "ar" });
    const org = await createOrganization(db, { name: "Coopérative Attente", ownerId: owner.id });
    const admin = await signedIn({ platformRole: "admin" });
    const pending = await run(pendingLoader, getRequest("/admin/organisations", { cookie: admin.cookie }));
    expect(pending.data.pending.map((p: { slug: string }) => p.slug)).toContain(org.slug);
    const res = await run(verifyAction, formRequest("/admin/organisations", { organizationId: org.id, decision: "verified" }, { cookie: admin.cookie }));
    expect(res.status).toBe(302);
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0].verificationStatus).toBe("verified");
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, org.id));
    expect(entry).toMatchObject({ actorId: admin.user.id, action: "organization.verify", before: { verificationStatus: "pending" } });
    const mail = await lastMailTo("owner-ar@example.ma");
    expect(mail.subject).toContain("Coopérative Attente");
    expect(mail.html).toContain('dir="rtl"');
  });

  it("refusing needs a reason, which reaches the owners", async () => {
    const owner = await createUser(db, { email: "owner-fr@example.ma" });
    const org = await createOrganization(db, { name: "Coopérative Douteuse", ownerId: owner.id });
    const admin = await signedIn({ platformRole: "admin" });
    const noReason = await run(verifyAction, formRequest("/admin/organisations", { organizationId: org.id, decision: "refused", reason: "" }, { cookie: admin.cookie }));
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toEqual(["errors.reasonRequired"]);
    await run(verifyAction, formRequest("/admin/organisations", { organizationId: org.id, decision: "refused", reason: "Le numéro ODCO ne correspond à aucune coopérative." }, { cookie: admin.cookie }));
    const mail = await lastMailTo("owner-fr@example.ma");
    expect(mail.text).toContain("Le numéro ODCO ne correspond à aucune coopérative.");
  });

  it("operators and members get 403 from the back-office", async () => {
    const org = await createOrganization(db);
    for (const who of [await signedIn({ platformRole: "operator" }), await signedIn()]) {
      expect((await run(pendingLoader, getRequest("/admin/organisations", { cookie: who.cookie }))).status).toBe(403);
      expect((await run(verifyAction, formRequest("/admin/organisations", { organizationId: org.id, decision: "verified" }, { cookie: who.cookie }))).status).toBe(403);
      expect((await run(auditLoader, getRequest("/admin/journal", { cookie: who.cookie }))).status).toBe(403);
    }
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0].verificationStatus).toBe("pending");
  });
});

describe("reports", () => {
  it("a signed-in person reports; it lands in the admin queue; resolving is audited", async () => {
    const org = await createOrganization(db, { name: "Coopérative Signalée" });
    const reporter = await signedIn();
    const bad = await run(reportAction, formRequest(`/signaler?organisation=${org.slug}`, { targetType: "organization", targetId: org.id, reason: "spam" }, { cookie: reporter.cookie }));
    expect(bad.data.errors.reason).toEqual(["errors.invalidChoice"]);
    const res = await run(reportAction, formRequest(`/signaler?organisation=${org.slug}`, { targetType: "organization", targetId: org.id, reason: "inaccurate", details: "Le téléphone est faux." }, { cookie: reporter.cookie }));
    expect(res.status).toBe(302);
    const admin = await signedIn({ platformRole: "admin" });
    const queue = await run(reportsLoader, getRequest("/admin/signalements", { cookie: admin.cookie }));
    expect(queue.data.reports).toHaveLength(1);
    expect(queue.data.reports[0]).toMatchObject({ targetName: "Coopérative Signalée", reason: "inaccurate", details: "Le téléphone est faux." });
    await run(resolveAction, formRequest("/admin/signalements", { reportId: queue.data.reports[0].id, status: "resolved" }, { cookie: admin.cookie }));
    expect((await db.select().from(reports))[0].status).toBe("resolved");
    expect((await db.select().from(auditLog).where(eq(auditLog.action, "report.resolved")))).toHaveLength(1);
  });

  it("an anonymous visitor is sent to log in first", async () => {
    const org = await createOrganization(db);
    const res = await run(reportAction, formRequest(`/signaler?organisation=${org.slug}`, { targetType: "organization", targetId: org.id, reason: "fraud" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    expect(await db.select().from(reports).where(eq(reports.targetId, org.id))).toHaveLength(0);
  });
});

describe("audit log", () => {
  it("is append-only in the database itself", async () => {
    await db.insert(auditLog).values({ actorId: null, action: "test.append-only", targetType: "x", targetId: "1" });
    const refusal = (query: Promise<unknown>) => query.then(() => "accepted", (e: Error) => String(e.cause ?? e));
    expect(await refusal(db.execute(sql`update audit_log set action = 'changed'`))).toMatch(/append-only/);
    expect(await refusal(db.execute(sql`delete from audit_log`))).toMatch(/append-only/);
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "test.append-only"))).toHaveLength(1);
  });
});

describe("local mailbox", () => {
  it("is open on this machine (loopback) and to platform admins, closed to others", async () => {
    await createUser(db, { email: "someone@example.ma" });
    await deliverAll();
    expect((await run(mailboxLoader, getRequest("/dev/mail"), {}, "127.0.0.1")).status).toBe(200);
    expect((await run(mailboxLoader, getRequest("/dev/mail"), {}, "203.0.113.9")).status).toBe(403);
    const admin = await signedIn({ platformRole: "admin" });
    expect((await run(mailboxLoader, getRequest("/dev/mail", { cookie: admin.cookie }), {}, "203.0.113.9")).status).toBe(200);
  });
});
