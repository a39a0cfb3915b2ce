import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, callEvents, labels, memberships, type GridSection } from "../../db/schema";
import type { ApplicationStatus } from "../../db/schema/enums";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall, publishCall } from "~/modules/calls/calls.server";
import { answerContest, contest, currentLabel, decide, releaseCall, setLabelStatus, verifyLabel } from "~/modules/calls/decisions.server";
import { labelState } from "~/modules/calls/rules";
import { createSession } from "~/modules/accounts/session.server";
import { action as labelAction, loader as labelLoader } from "~/routes/siraj_.$code";
import { formRequest, getRequest, run } from "../support/http";
import { mailsTo } from "../support/mail";

// Decisions, release, observations and the label (issue 6, items 4–5): each refusal a translated error with
// nothing changed; laureates of a label call get their label at the release.

let seq = 0;
const GRID: GridSection[] = [
  { id: "gov", titleFr: "Gouvernance", titleAr: "الحكامة", weight: 100, criteria: [{ id: "gov-1", titleFr: "Éthique", titleAr: "الأخلاقيات", max: 10, minimum: null, guidanceFr: null, guidanceAr: null, questions: [] }] },
];
const AFTER_CLOSE = new Date("2026-03-10T10:00:00Z");

async function labelCall() {
  const op = await createUser(db, { platformRole: "operator" });
  const operator = { id: op.id, platformRole: op.platformRole };
  const input = callSchema.parse({
    code: `SIRAJ${++seq}-2026`,
    kind: "label",
    audience: ["company"],
    titleFr: "Label Siraj, édition de test",
    titleAr: "علامة سراج، دورة تجريبية",
    descriptionFr: "Une édition pour tester les décisions.",
    descriptionAr: "دورة لاختبار القرارات والنتائج.",
    opensAt: "2026-01-05T09:00",
    closesAt: "2026-03-01T20:00",
    seats: "4",
    labelValidityMonths: "24",
  });
  const call = await createCall({ db, actor: operator, input, sections: GRID, requirements: [] });
  await publishCall({ db, actor: operator, callId: call.id, now: new Date("2026-01-01T00:00:00Z") });
  return { call, operator };
}

async function company(status: ApplicationStatus, callId: string, code: string) {
  const owner = await createUser(db);
  const org = await createOrganization(db, { kind: "company", name: `Entreprise ${++seq}`, ownerId: owner.id, verificationStatus: "verified" });
  const [application] = await db
    .insert(applications)
    .values({ reference: `${code}-${String(seq).padStart(4, "0")}`, callId, organizationId: org.id, status, gridVersion: 1, submittedAt: new Date("2026-02-01T10:00:00Z") })
    .returning();
  return { owner, org, application, actor: { id: owner.id, platformRole: null } };
}

const statusOf = async (id: string) => (await db.select({ s: applications.status }).from(applications).where(eq(applications.id, id)))[0].s;

describe("decisions and the label", () => {
  it("records decisions until the release; releases them together with the ineligible; laureates get the label", async () => {
    const { call, operator } = await labelCall();
    const winner = await company("under_review", call.id, call.code);
    const other = await company("under_review", call.id, call.code);
    const refused = await company("ineligible", call.id, call.code);
    const early = await company("submitted", call.id, call.code);
    const why = { reason: "Politique RSE complète et mesurée.", feedback: "Une démarche exemplaire sur la gouvernance." };

    await expect(decide({ db, actor: operator, applicationId: winner.application.id, decision: "selected", ...why })).rejects.toMatchObject({ messageKey: "calls.errors.decisionKind" });
    await expect(decide({ db, actor: operator, applicationId: early.application.id, decision: "laureate", ...why })).rejects.toMatchObject({ status: 409, messageKey: "calls.errors.notDecidable" });
    await expect(decide({ db, actor: winner.actor, applicationId: winner.application.id, decision: "laureate", ...why })).rejects.toMatchObject({ status: 403 });
    await decide({ db, actor: operator, applicationId: winner.application.id, decision: "not_selected", ...why });
    // Changed before the release: the jury may revise.
    await decide({ db, actor: operator, applicationId: winner.application.id, decision: "laureate", ...why });
    await decide({ db, actor: operator, applicationId: other.application.id, decision: "not_selected", reason: "Engagements peu mesurés.", feedback: "Mesurez vos engagements sociaux." });

    await expect(releaseCall({ db, actor: operator, callId: call.id, now: new Date("2026-02-20T10:00:00Z") })).rejects.toMatchObject({ messageKey: "calls.errors.stillOpen" });
    await expect(releaseCall({ db, actor: operator, callId: call.id, now: AFTER_CLOSE })).rejects.toMatchObject({ messageKey: "calls.errors.undecided" });
    // The one still submitted is withdrawn from the count by screening it out.
    await db.update(applications).set({ status: "ineligible", eligibilityReason: "Dossier incomplet" }).where(eq(applications.id, early.application.id));
    const result = await releaseCall({ db, actor: operator, callId: call.id, now: AFTER_CLOSE });
    expect(result).toEqual({ released: 4, labels: 1 });
    for (const a of [winner, other, refused, early]) expect(await statusOf(a.application.id)).toBe("released");

    const [label] = await db.select().from(labels).where(eq(labels.applicationId, winner.application.id));
    expect(label).toMatchObject({ organizationId: winner.org.id, awardedOn: "2026-03-10", expiresOn: "2028-03-10", status: "current" });
    expect(await currentLabel(db, winner.org.id, "2026-06-01")).toMatchObject({ code: label.code });
    expect(await currentLabel(db, other.org.id, "2026-06-01")).toBeNull();
    const [mail] = await mailsTo(refused.owner.email!, refused.application.reference);
    expect(mail.subject).toBe(`Résultat de la candidature ${refused.application.reference}`);
    // An ineligible application has no scores to read: its e-mail says it was not found eligible.
    expect(mail.text).toContain("n’a pas été jugée recevable");
    const [won] = await mailsTo(winner.owner.email!, winner.application.reference);
    expect(won.text).toContain("les notes par section");
    await expect(decide({ db, actor: operator, applicationId: other.application.id, decision: "laureate", ...why })).rejects.toMatchObject({ messageKey: "calls.errors.released" });
    const trail = await db.select().from(callEvents).where(eq(callEvents.applicationId, winner.application.id));
    expect(trail.map((e) => e.action)).toEqual(expect.arrayContaining(["decide", "release"]));
  });

  it("observations within the window, once, by the applicant's managers; an operator answers", async () => {
    const { call, operator } = await labelCall();
    const a = await company("under_review", call.id, call.code);
    const b = await company("under_review", call.id, call.code);
    for (const x of [a, b]) await decide({ db, actor: operator, applicationId: x.application.id, decision: "not_selected", reason: "Sous le seuil du jury.", feedback: "Des indicateurs manquent." });
    await releaseCall({ db, actor: operator, callId: call.id, now: AFTER_CLOSE });
    const text = "Nos indicateurs sont dans le rapport joint, page 12.";
    const member = await createUser(db);
    await db.insert(memberships).values({ organizationId: a.org.id, userId: member.id, role: "member" });
    await expect(contest({ db, actor: { id: member.id, platformRole: null }, applicationId: a.application.id, text, now: AFTER_CLOSE })).rejects.toMatchObject({ status: 403 });
    await contest({ db, actor: a.actor, applicationId: a.application.id, text, now: new Date(AFTER_CLOSE.getTime() + 9 * 86_400_000) });
    expect(await statusOf(a.application.id)).toBe("contested");
    await expect(contest({ db, actor: a.actor, applicationId: a.application.id, text, now: AFTER_CLOSE })).rejects.toMatchObject({ messageKey: "calls.errors.notContestable" });
    // Ten days after the release, the window is closed.
    await expect(contest({ db, actor: b.actor, applicationId: b.application.id, text, now: new Date(AFTER_CLOSE.getTime() + 10 * 86_400_000) })).rejects.toMatchObject({ messageKey: "calls.errors.observationsClosed" });
    expect(await statusOf(b.application.id)).toBe("released");
    await expect(answerContest({ db, actor: operator, applicationId: b.application.id, text: "Rien à traiter ici, pour voir." })).rejects.toMatchObject({ messageKey: "calls.errors.notAnswerable" });
    await answerContest({ db, actor: operator, applicationId: a.application.id, text: "Le jury a relu la page 12 ; la décision est maintenue." });
    expect(await statusOf(a.application.id)).toBe("answered");
    const answered = await mailsTo(a.owner.email!, a.application.reference);
    expect(answered.map((m) => m.subject)).toContain(`Réponse à vos observations sur la candidature ${a.application.reference}`);
  });

  it("a label is suspended or withdrawn with a reason, verifiable by its code; expiry is read from its date", async () => {
    const { call, operator } = await labelCall();
    const a = await company("under_review", call.id, call.code);
    await decide({ db, actor: operator, applicationId: a.application.id, decision: "laureate", reason: "Démarche complète et mesurée.", feedback: "Bravo pour la démarche." });
    await releaseCall({ db, actor: operator, callId: call.id, now: AFTER_CLOSE });
    const [label] = await db.select().from(labels).where(eq(labels.applicationId, a.application.id));
    expect(await verifyLabel(db, label.code)).toMatchObject({ status: "current", organization: { name: a.org.name }, call: { code: call.code } });
    await expect(verifyLabel(db, "zzzzzzzzzzzz")).rejects.toMatchObject({ status: 404 });
    await expect(setLabelStatus({ db, actor: operator, labelId: label.id, status: "suspended", reason: "court" })).rejects.toMatchObject({ messageKey: "calls.errors.reason" });
    await setLabelStatus({ db, actor: operator, labelId: label.id, status: "suspended", reason: "Plainte en cours d’instruction." });
    expect((await verifyLabel(db, label.code)).status).toBe("suspended");
    expect(await currentLabel(db, a.org.id, "2026-06-01")).toBeNull();
    await setLabelStatus({ db, actor: operator, labelId: label.id, status: "withdrawn", reason: "Plainte fondée, label retiré." });
    await expect(setLabelStatus({ db, actor: operator, labelId: label.id, status: "current", reason: "Retour en arrière impossible ?" })).rejects.toMatchObject({ messageKey: "calls.errors.labelStatus" });
    expect(labelState({ status: "current", expiresOn: "2028-03-10" }, "2028-03-11")).toBe("expired");
    expect(labelState({ status: "current", expiresOn: "2028-03-10" }, "2028-03-10")).toBe("current");
  });

  it("operators manage a label from its page; nobody else sees or uses the form", async () => {
    const { call, operator } = await labelCall();
    const a = await company("under_review", call.id, call.code);
    await decide({ db, actor: operator, applicationId: a.application.id, decision: "laureate", reason: "Démarche complète et mesurée.", feedback: "Bravo pour la démarche." });
    await releaseCall({ db, actor: operator, callId: call.id, now: AFTER_CLOSE });
    const [label] = await db.select().from(labels).where(eq(labels.applicationId, a.application.id));
    const path = `/siraj/${label.code}`;
    const { token } = await createSession({ db, userId: operator.id, platformRole: "operator", userAgent: null, ip: "203.0.113.7" });
    const opCookie = `tiwizi_session=${token}`;
    expect((await run(labelLoader, getRequest(path, { cookie: opCookie }), { code: label.code })).data.manageId).toBe(label.id);
    const publicView = await run(labelLoader, getRequest(path), { code: label.code });
    expect(publicView.data.manageId).toBeNull();
    expect(JSON.stringify(publicView.data)).not.toContain(label.id);

    const noReason = await run(labelAction, formRequest(path, { labelId: label.id, status: "suspended", reason: "" }, { cookie: opCookie }), { code: label.code });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toEqual(["calls.errors.reason"]);
    const bogus = await run(labelAction, formRequest(path, { labelId: label.id, status: "revoked", reason: "Une raison assez longue." }, { cookie: opCookie }), { code: label.code });
    expect(bogus.data.errors.status).toEqual(["errors.invalidChoice"]);
    const { token: ownerToken } = await createSession({ db, userId: a.owner.id, platformRole: null, userAgent: null, ip: "203.0.113.7" });
    const byOwner = await run(labelAction, formRequest(path, { labelId: label.id, status: "current", reason: "Je rétablis mon label." }, { cookie: `tiwizi_session=${ownerToken}` }), { code: label.code });
    expect(byOwner.status).toBe(403);
    const done = await run(labelAction, formRequest(path, { labelId: label.id, status: "suspended", reason: "Plainte en cours d’instruction." }, { cookie: opCookie }), { code: label.code });
    expect(done.status).toBe(302);
    expect((await verifyLabel(db, label.code)).status).toBe("suspended");
  });
});
