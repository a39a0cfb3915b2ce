import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { auditLog, tandemAgreements, tandemEvents, tandems } from "../../db/schema";
import type { OrganizationKind } from "../../db/schema/enums";
import { parseForm } from "~/lib/forms";
import { DomainError } from "~/lib/errors.server";
import { answerProposal, expireProposals, getTandem, listTandemsFor, proposeTandem } from "~/modules/tandems/proposals.server";
import { proposalSchema, todayInMorocco, type ProposalInput } from "~/modules/tandems/schemas";
import { createSession } from "~/modules/accounts/session.server";
import { action as listAction, loader as listLoader } from "~/routes/organisations.$slug_.tandems";
import { action as proposeAction, loader as proposeLoader } from "~/routes/organisations.$slug_.tandems_.proposer";
import { loader as profileLoader } from "~/routes/organisations.$slug";
import { formRequest, getRequest, run } from "../support/http";
import { lastMailTo, mailsTo } from "../support/mail";

// Tandem proposals (issue 5, item 1) against a real database: propose, answer, withdraw, expire; every
// transition leaves a tandem_events row and an audit entry, and every refusal leaves nothing changed.

async function org(kind: OrganizationKind, opts: { verified?: boolean; locale?: "fr" | "ar" | "en" } = {}) {
  const owner = await createUser(db, { locale: opts.locale ?? "fr" });
  const o = await createOrganization(db, {
    kind,
    name: `${kind} ${Math.random().toString(36).slice(2, 8)}`,
    nameAr: kind === "association" ? "جمعية الأمل" : null,
    ownerId: owner.id,
    verificationStatus: opts.verified === false ? "pending" : "verified",
  });
  return { org: o, owner, actor: { id: owner.id, platformRole: null } };
}

const inDays = (n: number) => {
  const d = new Date(`${todayInMorocco()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const input = (over: Partial<ProposalInput> = {}): ProposalInput => ({
  skills: ["finance", "management"],
  objectives: "Mettre en place une comptabilité simple et un budget annuel.",
  expectedHours: 40,
  periodStart: inDays(7),
  periodEnd: inDays(120),
  format: "hybrid",
  ...over,
});

async function rejects(promise: Promise<unknown>, status: number, key: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(status);
  expect((error as DomainError).messageKey).toBe(key);
}

const eventsOf = (tandemId: string) =>
  db.select().from(tandemEvents).where(eq(tandemEvents.tandemId, tandemId)).orderBy(tandemEvents.createdAt);
const reload = async (id: string) => (await db.select().from(tandems).where(eq(tandems.id, id)))[0];

describe("proposing a tandem", () => {
  it("proposes, tells the other side by e-mail, and the acceptance makes the draft agreement", async () => {
    const company = await org("company");
    const association = await org("association", { locale: "ar" });
    const tandem = await proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input({ skills: ["management", "finance"] }) });
    expect(tandem.number).toMatch(/^TDM-\d{4}-\d{4,}$/);
    expect(tandem.status).toBe("proposed");
    expect(tandem.skills).toEqual(["finance", "management"]);
    expect(tandem.companyId).toBe(company.org.id);
    expect(tandem.partnerId).toBe(association.org.id);
    expect(tandem.answerBy.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);

    const mail = await lastMailTo(association.owner.email);
    expect(mail.text).toContain(tandem.number);
    expect(mail.text).toContain(`/organisations/${association.org.slug}/tandems?lang=ar`);

    const list = await listTandemsFor({ db, actor: association.actor, slug: association.org.slug });
    expect(list.awaiting).toBe(1);
    expect(list.items[0]).toMatchObject({ id: tandem.id, side: "recipient", actions: ["accept", "decline"] });
    const sent = await listTandemsFor({ db, actor: company.actor, slug: company.org.slug });
    expect(sent.items[0]).toMatchObject({ id: tandem.id, side: "proposer", actions: ["withdraw"] });

    const accepted = await answerProposal({ db, actor: association.actor, tandemId: tandem.id, action: "accept" });
    expect(accepted.status).toBe("agreement_draft");
    const [agreement] = await db.select().from(tandemAgreements).where(eq(tandemAgreements.tandemId, tandem.id));
    expect(agreement).toMatchObject({ version: 1, objectives: tandem.objectives, hoursCommitted: 40, startDate: tandem.periodStart, endDate: tandem.periodEnd });
    const answer = await lastMailTo(company.owner.email);
    expect(answer.subject).toContain(tandem.number);

    expect((await eventsOf(tandem.id)).map((e) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ["propose", null, "proposed"],
      ["accept", "proposed", "agreement_draft"],
    ]);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.targetType, "tandem"), eq(auditLog.targetId, tandem.id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["tandem.accept", "tandem.propose"]);

    // Either side's members see it; an outsider gets 404.
    expect((await getTandem({ db, actor: company.actor, number: tandem.number })).events).toHaveLength(2);
    const outsider = await createUser(db);
    await rejects(getTandem({ db, actor: { id: outsider.id, platformRole: null }, number: tandem.number }), 404, "errors.notFound");
    await rejects(answerProposal({ db, actor: association.actor, tandemId: tandem.id, action: "decline", reason: "timing" }), 409, "tandems.errors.answered");
  });

  it("a cooperative may propose to a company too", async () => {
    const cooperative = await org("cooperative");
    const company = await org("company");
    const tandem = await proposeTandem({ db, actor: cooperative.actor, fromSlug: cooperative.org.slug, toSlug: company.org.slug, input: input() });
    expect(tandem).toMatchObject({ companyId: company.org.id, partnerId: cooperative.org.id, proposedById: cooperative.org.id });
  });

  it("refuses oneself, two companies, an association with a cooperative, an unverified proposer and a duplicate", async () => {
    const company = await org("company");
    const other = await org("company");
    const association = await org("association");
    const cooperative = await org("cooperative");
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(tandems))[0].n;
    const before = await count();
    await rejects(proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: company.org.slug, input: input() }), 409, "tandems.errors.self");
    await rejects(proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: other.org.slug, input: input() }), 409, "tandems.errors.kinds");
    await rejects(proposeTandem({ db, actor: association.actor, fromSlug: association.org.slug, toSlug: cooperative.org.slug, input: input() }), 409, "tandems.errors.kinds");
    const pending = await org("company", { verified: false });
    await rejects(proposeTandem({ db, actor: pending.actor, fromSlug: pending.org.slug, toSlug: association.org.slug, input: input() }), 409, "tandems.errors.notVerified");
    expect(await count()).toBe(before);

    await proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input() });
    await rejects(
      proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input({ skills: ["management", "finance"] }) }),
      409,
      "tandems.errors.duplicate",
    );
    // Nor from the other side on the same skills.
    await rejects(proposeTandem({ db, actor: association.actor, fromSlug: association.org.slug, toSlug: company.org.slug, input: input() }), 409, "tandems.errors.duplicate");
    // Other skills are another proposal.
    await proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input({ skills: ["digital"] }) });
    expect(await count()).toBe(before + 2);
  });

  it("a plain member can neither propose nor answer", async () => {
    const company = await org("company");
    const association = await org("association");
    const member = await createUser(db);
    await db.execute(sql`insert into memberships (organization_id, user_id, role) values (${company.org.id}, ${member.id}, 'member'), (${association.org.id}, ${member.id}, 'member')`);
    const actor = { id: member.id, platformRole: null };
    await rejects(proposeTandem({ db, actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input() }), 403, "errors.forbidden");
    const tandem = await proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input() });
    await rejects(answerProposal({ db, actor, tandemId: tandem.id, action: "accept" }), 403, "errors.forbidden");
    await rejects(answerProposal({ db, actor, tandemId: tandem.id, action: "withdraw" }), 403, "errors.forbidden");
    // A platform admin does not commit an organisation either.
    const admin = await createUser(db, { platformRole: "admin" });
    await rejects(answerProposal({ db, actor: { id: admin.id, platformRole: "admin" }, tandemId: tandem.id, action: "accept" }), 403, "errors.forbidden");
    expect((await reload(tandem.id)).status).toBe("proposed");
  });
});

describe("the daily limit", () => {
  it("an organisation makes at most 10 proposals a day", async () => {
    const company = await org("company");
    const association = await org("association");
    const sets = [["finance"], ["digital"], ["legal"], ["management"], ["marketing"], ["finance", "digital"], ["finance", "legal"], ["finance", "management"], ["digital", "legal"], ["digital", "management"], ["legal", "management"]] as ProposalInput["skills"][];
    for (const skills of sets.slice(0, 10)) await proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input({ skills }) });
    await rejects(proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input({ skills: sets[10] }) }), 429, "errors.rateLimited");
  });
});

describe("answering a proposal", () => {
  async function proposed() {
    const company = await org("company");
    const association = await org("association");
    const tandem = await proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input() });
    return { company, association, tandem };
  }

  it("a decline needs a reason, and carries it to the proposer", async () => {
    const { company, association, tandem } = await proposed();
    await rejects(answerProposal({ db, actor: association.actor, tandemId: tandem.id, action: "decline" }), 400, "tandems.errors.reason");
    expect((await reload(tandem.id)).status).toBe("proposed");
    const declined = await answerProposal({ db, actor: association.actor, tandemId: tandem.id, action: "decline", reason: "capacity", text: "Pas avant l'été." });
    expect(declined).toMatchObject({ status: "declined", declineReason: "capacity", declineText: "Pas avant l'été." });
    const mail = await lastMailTo(company.owner.email);
    expect(mail.text).toContain("Pas de disponibilité");
    const events = await eventsOf(tandem.id);
    expect(events.at(-1)).toMatchObject({ action: "decline", fromStatus: "proposed", toStatus: "declined", reason: "capacity", actorId: association.owner.id });
    expect(await db.select().from(tandemAgreements).where(eq(tandemAgreements.tandemId, tandem.id))).toHaveLength(0);
  });

  it("only the proposer withdraws, only before an answer; nothing is done on a withdrawn proposal", async () => {
    const { company, association, tandem } = await proposed();
    await rejects(answerProposal({ db, actor: association.actor, tandemId: tandem.id, action: "withdraw" }), 403, "tandems.errors.wrongSide");
    await rejects(answerProposal({ db, actor: company.actor, tandemId: tandem.id, action: "accept" }), 403, "tandems.errors.wrongSide");
    const withdrawn = await answerProposal({ db, actor: company.actor, tandemId: tandem.id, action: "withdraw" });
    expect(withdrawn.status).toBe("withdrawn");
    // The association's managers no longer have to answer, and are told so.
    const told = await mailsTo(association.owner.email!, tandem.number);
    expect(told.map((m) => m.subject)).toContainEqual(expect.stringContaining("retiré"));
    const eventsBefore = (await eventsOf(tandem.id)).length;
    await rejects(answerProposal({ db, actor: association.actor, tandemId: tandem.id, action: "accept" }), 409, "tandems.errors.withdrawn");
    await rejects(answerProposal({ db, actor: company.actor, tandemId: tandem.id, action: "withdraw" }), 409, "tandems.errors.withdrawn");
    expect((await reload(tandem.id)).status).toBe("withdrawn");
    expect(await eventsOf(tandem.id)).toHaveLength(eventsBefore);
    expect(await db.select().from(tandemAgreements).where(eq(tandemAgreements.tandemId, tandem.id))).toHaveLength(0);
  });

  it("after the deadline nobody answers, and the job expires it with its event and an e-mail", async () => {
    const { company, association, tandem } = await proposed();
    const later = new Date(tandem.answerBy.getTime() + 60_000);
    await rejects(answerProposal({ db, actor: association.actor, tandemId: tandem.id, action: "accept", now: later }), 409, "tandems.errors.expired");
    await rejects(answerProposal({ db, actor: company.actor, tandemId: tandem.id, action: "withdraw", now: later }), 409, "tandems.errors.expired");
    expect((await reload(tandem.id)).status).toBe("proposed");

    // Not yet due: the job leaves it.
    const notDue = await proposed();
    const moved = await expireProposals(db, later);
    expect(moved).toBeGreaterThanOrEqual(1);
    expect((await reload(tandem.id)).status).toBe("expired");
    expect((await reload(notDue.tandem.id)).status).toBe(notDue.tandem.answerBy <= later ? "expired" : "proposed");
    expect((await eventsOf(tandem.id)).at(-1)).toMatchObject({ action: "expire", fromStatus: "proposed", toStatus: "expired", actorId: null });
    const mail = await lastMailTo(company.owner.email);
    expect(mail.subject).toContain(tandem.number);
    await rejects(answerProposal({ db, actor: association.actor, tandemId: tandem.id, action: "accept" }), 409, "tandems.errors.expired");
    // An expired proposal frees the pair to propose again on the same skills.
    await proposeTandem({ db, actor: company.actor, fromSlug: company.org.slug, toSlug: association.org.slug, input: input() });
  });
});

describe("the proposal form", () => {
  const form = (fields: Record<string, string | string[]>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) data.append(k, x);
    return parseForm(proposalSchema, data);
  };
  const good = { skills: ["management", "finance"], objectives: input().objectives, expectedHours: "40", periodStart: inDays(1), periodEnd: inDays(30), format: "remote" };
  const errorsFor = (over: Record<string, string | string[]>) => {
    const result = form({ ...good, ...over });
    return result.ok ? {} : result.errors;
  };

  it("accepts a good proposal, skills sorted, one skill as a single value", () => {
    const result = form(good);
    expect(result.ok && result.data.skills).toEqual(["finance", "management"]);
    expect(form({ ...good, skills: "legal" }).ok).toBe(true);
  });

  it("gives a field error for each bad value", () => {
    expect(errorsFor({ expectedHours: "0" }).expectedHours).toEqual(["tandems.errors.hours"]);
    expect(errorsFor({ expectedHours: "2001" }).expectedHours).toEqual(["tandems.errors.hours"]);
    expect(errorsFor({ expectedHours: "12.5" }).expectedHours).toEqual(["tandems.errors.hours"]);
    expect(errorsFor({ expectedHours: "beaucoup" }).expectedHours).toEqual(["tandems.errors.hours"]);
    expect(errorsFor({ periodEnd: inDays(0) }).periodEnd).toEqual(["tandems.errors.endBeforeStart"]);
    expect(errorsFor({ periodStart: inDays(-1) }).periodStart).toEqual(["tandems.errors.startPast"]);
    expect(errorsFor({ periodEnd: inDays(800) }).periodEnd).toEqual(["tandems.errors.tooLong"]);
    expect(errorsFor({ periodStart: "2026-02-30" }).periodStart).toEqual(["tandems.errors.date"]);
    expect(errorsFor({ skills: ["finance", "astrologie"] }).skills).toEqual(["tandems.errors.skill"]);
    expect(errorsFor({ skills: [] }).skills).toEqual(["tandems.errors.skills"]);
    expect(errorsFor({ objectives: "Aider." }).objectives).toEqual(["tandems.errors.objectives"]);
    expect(errorsFor({ format: "par pigeon" }).format).toEqual(["errors.invalidChoice"]);
  });
});


describe("the pages", () => {
  const cookieOf = async (userId: string) => `tiwizi_session=${(await createSession({ db, userId, platformRole: null, userAgent: null, ip: "203.0.113.7" })).token}`;

  it("a company proposes from the form, prefilled with its offers that meet the partner's needs, and the association declines from its list", async () => {
    const company = await org("company");
    const association = await org("association");
    await db.execute(sql`update organizations set offers = '{finance,digital,legal}' where id = ${company.org.id}`);
    await db.execute(sql`update organizations set needs = '{legal,finance,communication}' where id = ${association.org.id}`);
    const cookie = await cookieOf(company.owner.id);
    const path = `/organisations/${company.org.slug}/tandems/proposer?avec=${association.org.slug}`;

    const page = await run(proposeLoader, getRequest(path, { cookie }), { slug: company.org.slug });
    expect(page.status).toBe(200);
    expect(page.data.prefill).toEqual(["finance", "legal"]);

    const bad = await run(proposeAction, formRequest(path, { skills: [], objectives: "court", expectedHours: "0", periodStart: inDays(10), periodEnd: inDays(2), format: "remote" }, { cookie }), { slug: company.org.slug });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ skills: ["tandems.errors.skills"], objectives: ["tandems.errors.objectives"], expectedHours: ["tandems.errors.hours"], periodEnd: ["tandems.errors.endBeforeStart"] });

    const fields = { skills: ["legal", "finance"], objectives: input().objectives, expectedHours: "30", periodStart: inDays(10), periodEnd: inDays(90), format: "remote", avec: association.org.slug };
    const sent = await run(proposeAction, formRequest(path, fields, { cookie }), { slug: company.org.slug });
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toContain(`/organisations/${company.org.slug}/tandems`);
    const again = await run(proposeAction, formRequest(path, fields, { cookie }), { slug: company.org.slug });
    expect(again.status).toBe(409);
    expect(again.data.messageKey).toBe("tandems.errors.duplicate");

    // The association's managers see the count on their profile and answer from their list.
    const theirs = await cookieOf(association.owner.id);
    const profile = await run(profileLoader, getRequest(`/organisations/${association.org.slug}`, { cookie: theirs }), { slug: association.org.slug });
    expect(profile.data.tandems).toMatchObject({ list: `/organisations/${association.org.slug}/tandems`, awaiting: 1 });
    const listPath = `/organisations/${association.org.slug}/tandems`;
    const list = await run(listLoader, getRequest(listPath, { cookie: theirs }), { slug: association.org.slug });
    const [item] = list.data.items;
    const noReason = await run(listAction, formRequest(listPath, { intent: "decline", tandemId: item.id }, { cookie: theirs }), { slug: association.org.slug });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toEqual(["tandems.errors.reason"]);
    const declined = await run(listAction, formRequest(listPath, { intent: "decline", tandemId: item.id, reason: "timing", text: "" }, { cookie: theirs }), { slug: association.org.slug });
    expect(declined.status).toBe(302);
    expect((await reload(item.id)).status).toBe("declined");
    const late = await run(listAction, formRequest(listPath, { intent: "accept", tandemId: item.id }, { cookie: theirs }), { slug: association.org.slug });
    expect(late.status).toBe(409);
    expect(late.data.messageKey).toBe("tandems.errors.answered");

    // An outsider does not see an organisation's tandems.
    const stranger = await createUser(db);
    expect((await run(listLoader, getRequest(listPath, { cookie: await cookieOf(stranger.id) }), { slug: association.org.slug })).status).toBe(404);
  });
});
