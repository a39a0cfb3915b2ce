import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applicationDocuments, applications, callEvents, calls, memberships, organizationDocuments, type GridSection } from "../../db/schema";
import type { OrganizationKind } from "../../db/schema/enums";
import { AnswersInvalid, attachDocument, getApplication, reopenApplication, saveAnswers, startApplication, submitApplication } from "~/modules/calls/applications.server";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall, publishCall } from "~/modules/calls/calls.server";
import { mailsTo } from "../support/mail";

// Applying (issue 6, item 2): one application per organisation and call, saved as the person types, documents
// from the vault, submitted strictly before the closing instant and complete, then read-only until an
// operator reopens it with a reason. Each refusal is a translated error with nothing written.

let seq = 0;
const CLOSES = new Date("2026-06-30T19:00:00Z"); // 30/06/2026 20:00 in Morocco
const DURING = new Date("2026-06-10T10:00:00Z");

const GRID: GridSection[] = [
  { id: "relevance", titleFr: "Pertinence", titleAr: "الملاءمة", weight: 55, criteria: [{ id: "relevance-1", titleFr: "Ancrage", titleAr: "التجذر", max: 10, minimum: null, guidanceFr: null, guidanceAr: null, questions: [{ id: "q-territory", labelFr: "Votre territoire", labelAr: "مجالكم", maxLength: 200 }] }] },
  { id: "capacity", titleFr: "Capacité", titleAr: "القدرة", weight: 45, criteria: [{ id: "capacity-1", titleFr: "Équipe", titleAr: "الفريق", max: 10, minimum: null, guidanceFr: null, guidanceAr: null, questions: [{ id: "q-team", labelFr: "Votre équipe", labelAr: "فريقكم", maxLength: 200 }] }] },
];

async function operator() {
  const user = await createUser(db, { platformRole: "operator" });
  return { id: user.id, platformRole: user.platformRole };
}

async function openCall(kind: "selection" | "label" = "selection", audience: OrganizationKind[] = ["association"]) {
  const actor = await operator();
  const input = callSchema.parse({
    code: `AMI${++seq}-2026`,
    kind,
    audience,
    titleFr: "Appel à manifestation d’intérêt",
    titleAr: "طلب إبداء الاهتمام",
    descriptionFr: "Une description suffisamment longue de l’appel.",
    descriptionAr: "وصف طويل بما يكفي لهذا الطلب.",
    opensAt: "2026-05-01T09:00",
    closesAt: "2026-06-30T20:00",
    seats: "150",
    labelValidityMonths: kind === "label" ? "24" : "",
  });
  const call = await createCall({
    db,
    actor,
    input,
    sections: GRID,
    requirements: [{ kind: "statutes", labelFr: "Statuts", labelAr: "القانون الأساسي", formats: ["pdf"], maxBytes: 2 * 1024 * 1024, required: true }],
  });
  await publishCall({ db, actor, callId: call.id, now: new Date("2026-04-01T00:00:00Z") });
  return { call, operator: actor };
}

async function applicant(kind: OrganizationKind = "association", verified = true) {
  const owner = await createUser(db, { locale: "fr" });
  const org = await createOrganization(db, { kind, name: `Organisation ${++seq}`, ownerId: owner.id, verificationStatus: verified ? "verified" : "pending" });
  return { owner, org, actor: { id: owner.id, platformRole: null } };
}

async function statutes(organizationId: string, overrides: Partial<typeof organizationDocuments.$inferInsert> = {}) {
  const [doc] = await db
    .insert(organizationDocuments)
    .values({ organizationId, kind: "statutes", title: "Statuts 2024", key: `vault/${crypto.randomUUID()}.pdf`, fileName: "statuts.pdf", contentType: "application/pdf", bytes: 120_000, ...overrides })
    .returning();
  return doc;
}

async function complete(app: { id: string; callId: string }, who: Awaited<ReturnType<typeof applicant>>) {
  await saveAnswers({ db, actor: who.actor, applicationId: app.id, answers: { "q-territory": "Marrakech-Safi", "q-team": "Douze bénévoles" }, now: DURING });
  const doc = await statutes(who.org.id);
  const [req] = await db.query.callRequirements.findMany({ where: (r, { eq }) => eq(r.callId, app.callId) });
  await attachDocument({ db, actor: who.actor, applicationId: app.id, requirementId: req.id, documentId: doc.id });
}

describe("applying to a call", () => {
  it("an eligible organisation starts once, its answers are saved as it types, and bad answers change nothing", async () => {
    const { call } = await openCall();
    const who = await applicant();
    const app = await startApplication({ db, actor: who.actor, callCode: call.code, slug: who.org.slug, now: DURING });
    expect(app.reference).toMatch(new RegExp(`^${call.code}-\\d{4}$`));
    const saved = await saveAnswers({ db, actor: who.actor, applicationId: app.id, answers: { "q-territory": "  Marrakech-Safi  " }, step: 1, now: DURING });
    expect(saved.savedAt).toEqual(DURING);
    await expect(saveAnswers({ db, actor: who.actor, applicationId: app.id, answers: { "q-team": "x".repeat(201) }, now: DURING })).rejects.toSatisfy(
      (e) => e instanceof AnswersInvalid && e.errors["q-team"][0] === "calls.errors.answerTooLong",
    );
    await expect(saveAnswers({ db, actor: who.actor, applicationId: app.id, answers: { "q-unknown": "?" }, now: DURING })).rejects.toMatchObject({ messageKey: "calls.errors.unknownQuestion" });
    const [row] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(row.answers).toEqual({ "q-territory": "Marrakech-Safi" });
    expect(row.step).toBe(1);
    await expect(startApplication({ db, actor: who.actor, callCode: call.code, slug: who.org.slug, now: DURING })).rejects.toMatchObject({ status: 409, messageKey: "calls.errors.alreadyApplied" });
  });

  it("refuses the wrong kind, an unverified organisation, a plain member, and before the opening", async () => {
    const { call } = await openCall();
    const company = await applicant("company");
    await expect(startApplication({ db, actor: company.actor, callCode: call.code, slug: company.org.slug, now: DURING })).rejects.toMatchObject({ messageKey: "calls.errors.wrongKind" });
    const pending = await applicant("association", false);
    await expect(startApplication({ db, actor: pending.actor, callCode: call.code, slug: pending.org.slug, now: DURING })).rejects.toMatchObject({ messageKey: "calls.errors.notVerified" });
    const early = await applicant();
    await expect(startApplication({ db, actor: early.actor, callCode: call.code, slug: early.org.slug, now: new Date("2026-04-30T12:00:00Z") })).rejects.toMatchObject({ messageKey: "calls.errors.notOpenYet" });
    const member = await createUser(db);
    await db.insert(memberships).values({ organizationId: early.org.id, userId: member.id, role: "member" });
    await expect(startApplication({ db, actor: { id: member.id, platformRole: null }, callCode: call.code, slug: early.org.slug, now: DURING })).rejects.toMatchObject({ status: 403 });
    expect(await db.select().from(applications).where(eq(applications.callId, call.id))).toHaveLength(0);
  });

  it("documents come from the organisation's own vault, in a format and size the call accepts", async () => {
    const { call } = await openCall();
    const who = await applicant();
    const other = await applicant();
    const app = await startApplication({ db, actor: who.actor, callCode: call.code, slug: who.org.slug, now: DURING });
    const [req] = await db.query.callRequirements.findMany({ where: (r, { eq }) => eq(r.callId, call.id) });
    const theirs = await statutes(other.org.id);
    await expect(attachDocument({ db, actor: who.actor, applicationId: app.id, requirementId: req.id, documentId: theirs.id })).rejects.toMatchObject({ status: 404 });
    const image = await statutes(who.org.id, { contentType: "image/png", fileName: "statuts.png" });
    await expect(attachDocument({ db, actor: who.actor, applicationId: app.id, requirementId: req.id, documentId: image.id })).rejects.toMatchObject({ messageKey: "calls.errors.documentFormat" });
    const huge = await statutes(who.org.id, { bytes: 3 * 1024 * 1024 });
    await expect(attachDocument({ db, actor: who.actor, applicationId: app.id, requirementId: req.id, documentId: huge.id })).rejects.toMatchObject({ messageKey: "calls.errors.documentTooLarge" });
    expect(await db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, app.id))).toHaveLength(0);
    const good = await statutes(who.org.id);
    await attachDocument({ db, actor: who.actor, applicationId: app.id, requirementId: req.id, documentId: good.id });
    const view = await getApplication({ db, actor: who.actor, reference: app.reference, now: DURING });
    expect(view.requirements[0].attached?.documentId).toBe(good.id);
    // Only what fits is offered.
    expect(view.requirements[0].choices.map((c) => c.id).sort()).toEqual([good.id].sort());
  });

  it("submits only when complete, strictly before the closing instant — by one second — then is read-only, with a receipt", async () => {
    const { call } = await openCall();
    const late = await applicant();
    const lateApp = await startApplication({ db, actor: late.actor, callCode: call.code, slug: late.org.slug, now: DURING });
    await expect(submitApplication({ db, actor: late.actor, applicationId: lateApp.id, now: DURING })).rejects.toMatchObject({ messageKey: "calls.errors.incomplete" });
    await complete({ id: lateApp.id, callId: call.id }, late);
    // 20:00:00 in Morocco is too late.
    await expect(submitApplication({ db, actor: late.actor, applicationId: lateApp.id, now: CLOSES })).rejects.toMatchObject({ status: 409, messageKey: "calls.errors.deadline" });
    expect((await db.select().from(applications).where(eq(applications.id, lateApp.id)))[0].status).toBe("draft");

    const onTime = await applicant();
    const app = await startApplication({ db, actor: onTime.actor, callCode: call.code, slug: onTime.org.slug, now: DURING });
    await complete({ id: app.id, callId: call.id }, onTime);
    // 19:59:59 in Morocco is in time.
    const result = await submitApplication({ db, actor: onTime.actor, applicationId: app.id, now: new Date(CLOSES.getTime() - 1000) });
    expect(result.status).toBe("submitted");
    const [receipt] = await mailsTo(onTime.owner.email!, app.reference);
    expect(receipt.subject).toBe(`Candidature ${app.reference} reçue`);
    await expect(saveAnswers({ db, actor: onTime.actor, applicationId: app.id, answers: { "q-team": "Autre" }, now: DURING })).rejects.toMatchObject({ messageKey: "calls.errors.readOnly" });
    const trail = await db.select().from(callEvents).where(eq(callEvents.applicationId, app.id));
    expect(trail.map((e) => [e.action, e.toStatus])).toEqual([
      ["startApplication", "draft"],
      ["submit", "submitted"],
    ]);
  });

  it("an operator reopens a submitted application with a reason; the applicant is told why", async () => {
    const { call, operator: op } = await openCall();
    const who = await applicant();
    const app = await startApplication({ db, actor: who.actor, callCode: call.code, slug: who.org.slug, now: DURING });
    await complete({ id: app.id, callId: call.id }, who);
    await submitApplication({ db, actor: who.actor, applicationId: app.id, now: DURING });
    await expect(reopenApplication({ db, actor: op, applicationId: app.id, reason: "court", now: DURING })).rejects.toMatchObject({ messageKey: "calls.errors.reason" });
    await expect(reopenApplication({ db, actor: who.actor, applicationId: app.id, reason: "Je veux corriger une réponse.", now: DURING })).rejects.toMatchObject({ status: 403 });
    // After the closing, a reopened application could never be submitted again: refused.
    await expect(reopenApplication({ db, actor: op, applicationId: app.id, reason: "Les statuts joints ne sont pas signés.", now: CLOSES })).rejects.toMatchObject({ status: 409, messageKey: "calls.errors.reopenClosed" });
    await reopenApplication({ db, actor: op, applicationId: app.id, reason: "Les statuts joints ne sont pas signés.", now: DURING });
    const [row] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(row).toMatchObject({ status: "draft", reopenReason: "Les statuts joints ne sont pas signés.", submittedAt: null });
    const told = await mailsTo(who.owner.email!, app.reference);
    expect(told.find((m) => m.subject.includes("rouverte"))?.text).toContain("Les statuts joints ne sont pas signés.");
    // A draft is not "reopened".
    await expect(reopenApplication({ db, actor: op, applicationId: app.id, reason: "Encore une fois, pour voir.", now: DURING })).rejects.toMatchObject({ messageKey: "calls.errors.notReopenable" });
    // The applicant's page carries the coarse word only, never the jury's internal states.
    await submitApplication({ db, actor: who.actor, applicationId: app.id, now: DURING });
    await db.update(applications).set({ status: "ineligible", eligibilityReason: "Statuts non signés" }).where(eq(applications.id, app.id));
    const view = await getApplication({ db, actor: who.actor, reference: app.reference, now: DURING });
    expect(view.application.status).toBe("in_review");
    expect(JSON.stringify(view)).not.toMatch(/ineligible|Statuts non signés/);
  });

  it("a renewal of the label starts from the application that earned it", async () => {
    const past = await openCall("label", ["company"]);
    const who = await applicant("company");
    const earned = await startApplication({ db, actor: who.actor, callCode: past.call.code, slug: who.org.slug, now: DURING });
    await saveAnswers({ db, actor: who.actor, applicationId: earned.id, answers: { "q-territory": "Casablanca-Settat", "q-team": "Comité RSE de 5 personnes" }, now: DURING });
    await db.update(applications).set({ status: "released", decision: "laureate" }).where(eq(applications.id, earned.id));
    await db.update(calls).set({ releasedAt: new Date("2026-07-20T10:00:00Z") }).where(eq(calls.id, past.call.id));

    const next = await openCall("label", ["company"]);
    const renewal = await startApplication({ db, actor: who.actor, callCode: next.call.code, slug: who.org.slug, now: DURING });
    expect(renewal.renewalOf).toBe(earned.id);
    expect(renewal.answers).toEqual({ "q-territory": "Casablanca-Settat", "q-team": "Comité RSE de 5 personnes" });
  });
});
