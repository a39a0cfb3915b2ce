import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, callJurors, labels, memberships, reviewAssignments, reviewScores, searchDocuments, type GridSection } from "../../db/schema";
import type { ApplicationStatus, LabelStatus } from "../../db/schema/enums";
import { indexOrganization } from "../../search/documents.server";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { createSession } from "~/modules/accounts/session.server";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall, publishCall } from "~/modules/calls/calls.server";
import { verificationCode } from "~/lib/codes.server";
import { decide, releaseCall } from "~/modules/calls/decisions.server";
import { listRegistry, sendLabelReminders, syncLabelFacets } from "~/modules/calls/registry.server";
import { loader as directoryLoader } from "~/routes/annuaire";
import { action as applicationAction, loader as applicationLoader } from "~/routes/candidatures.$reference";
import { loader as profileLoader } from "~/routes/organisations.$slug";
import { loader as sirajLoader } from "~/routes/siraj";
import { loader as checkLoader } from "~/routes/siraj_.$code";
import { formRequest, getRequest, run } from "../support/http";
import { mailsTo } from "../support/mail";

// The Siraj registry, the label's verification page, the profile badge, the directory facet, the reminders
// before expiry (issue 6, item 5) and the applicant's released result with its observations (item 4).

let seq = 0;
const tag = `Reg${Date.now().toString(36)}`;
const DAY = 86_400_000;
const GRID: GridSection[] = [
  { id: "gov", titleFr: "Gouvernance", titleAr: "الحكامة", weight: 60, criteria: [{ id: "gov-1", titleFr: "Éthique", titleAr: "الأخلاقيات", max: 10, minimum: null, guidanceFr: null, guidanceAr: null, questions: [] }] },
  { id: "soc", titleFr: "Social", titleAr: "الاجتماعي", weight: 40, criteria: [{ id: "soc-1", titleFr: "Emploi", titleAr: "التشغيل", max: 20, minimum: null, guidanceFr: null, guidanceAr: null, questions: [] }] },
];

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

/** A label call that closed `closedDaysAgo` days ago. */
async function labelCall(closedDaysAgo = 40) {
  const op = await signedIn({ platformRole: "operator" });
  const closes = new Date(Date.now() - closedDaysAgo * DAY);
  const input = callSchema.parse({
    code: `${tag.toUpperCase()}${++seq}-2026`,
    kind: "label",
    audience: ["company"],
    titleFr: `Label Siraj ${tag} ${seq}`,
    titleAr: "علامة سراج، دورة تجريبية",
    descriptionFr: "Une édition pour tester le registre.",
    descriptionAr: "دورة لاختبار السجل والتحقق.",
    opensAt: instantToMoroccoLocal(new Date(closes.getTime() - 30 * DAY)),
    closesAt: instantToMoroccoLocal(closes),
    seats: "4",
    labelValidityMonths: "24",
  });
  const call = await createCall({ db, actor: op.actor, input, sections: GRID, requirements: [] });
  await publishCall({ db, actor: op.actor, callId: call.id, now: new Date(closes.getTime() - 40 * DAY) });
  return { call, op };
}

async function company(callId: string, status: ApplicationStatus = "under_review") {
  const owner = await signedIn();
  const org = await createOrganization(db, { kind: "company", name: `${tag} Entreprise ${++seq}`, ownerId: owner.user.id, verificationStatus: "verified" });
  const [application] = await db
    .insert(applications)
    .values({ reference: `${tag.toUpperCase()}-${String(seq).padStart(4, "0")}`, callId, organizationId: org.id, status, gridVersion: 1, submittedAt: new Date(Date.now() - 50 * DAY) })
    .returning();
  return { ...owner, org, application };
}

/** A label straight in the table: the registry reads what is there. */
async function labelFor(who: Awaited<ReturnType<typeof company>>, callId: string, opts: { awardedOn: string; expiresOn: string; status?: LabelStatus; reason?: string }) {
  const [label] = await db
    .insert(labels)
    .values({ code: verificationCode(), organizationId: who.org.id, callId, applicationId: who.application.id, awardedOn: opts.awardedOn, expiresOn: opts.expiresOn, status: opts.status ?? "current", statusReason: opts.reason ?? null })
    .returning();
  return label;
}

const TODAY = "2027-06-01";

describe("the Siraj registry", () => {
  it("lists current, expired, suspended and withdrawn labels with their state, filters by state and searches", async () => {
    const { call } = await labelCall();
    const [a, b, c, d] = [await company(call.id), await company(call.id), await company(call.id), await company(call.id)];
    await labelFor(a, call.id, { awardedOn: "2026-03-10", expiresOn: "2028-03-10" });
    await labelFor(b, call.id, { awardedOn: "2025-03-10", expiresOn: "2027-03-10" });
    await labelFor(c, call.id, { awardedOn: "2026-03-10", expiresOn: "2028-03-10", status: "suspended", reason: "Plainte en cours d’instruction." });
    await labelFor(d, call.id, { awardedOn: "2026-03-10", expiresOn: "2028-03-10", status: "withdrawn", reason: "Engagements non tenus." });

    const all = await listRegistry({ db, q: tag, today: TODAY });
    const stateOf = (list: typeof all, name: string) => list.items.find((i) => i.organization.name === name)?.state;
    expect(stateOf(all, a.org.name)).toBe("current");
    expect(stateOf(all, b.org.name)).toBe("expired");
    expect(stateOf(all, c.org.name)).toBe("suspended");
    expect(stateOf(all, d.org.name)).toBe("withdrawn");
    const expired = await listRegistry({ db, q: tag, status: "expired", today: TODAY });
    expect(expired.items.map((i) => i.organization.name)).toEqual([b.org.name]);
    const current = await listRegistry({ db, q: a.org.name, status: "current", today: TODAY });
    expect(current).toMatchObject({ total: 1, items: [{ organization: { slug: a.org.slug }, call: { code: call.code }, path: expect.stringMatching(/^\/siraj\/[a-z2-9]{12}$/) }] });
    // A LIKE wildcard is a character, not "anything".
    expect((await listRegistry({ db, q: "%_%", today: TODAY })).total).toBe(0);

    // The page: public, filtered from its URL, unknown filters dropped rather than refused.
    const page = await run(sirajLoader, getRequest(`/siraj?q=${encodeURIComponent(tag)}&status=suspended`));
    expect(page.status).toBe(200);
    expect(page.data.items.map((i: { organization: { name: string } }) => i.organization.name)).toEqual([c.org.name]);
    expect(page.data.seo.title).toContain("Siraj");
    const odd = await run(sirajLoader, getRequest(`/siraj?status=nonsense&page=-4`));
    expect(odd).toMatchObject({ status: 200, data: { filters: { status: null }, page: 1 } });
  });

  it("the verification page: 404 for an unknown code, suspended with its reason, current for a good one", async () => {
    const { call } = await labelCall();
    const a = await company(call.id);
    const b = await company(call.id);
    const good = await labelFor(a, call.id, { awardedOn: "2026-03-10", expiresOn: "2099-03-10" });
    const suspended = await labelFor(b, call.id, { awardedOn: "2026-03-10", expiresOn: "2099-03-10", status: "suspended", reason: "Plainte en cours d’instruction." });
    expect((await run(checkLoader, getRequest("/siraj/zzzzzzzzzzzz"), { code: "zzzzzzzzzzzz" })).status).toBe(404);
    expect((await run(checkLoader, getRequest("/siraj/..%2Fetc"), { code: "../etc" })).status).toBe(404);
    const ok = await run(checkLoader, getRequest(`/siraj/${good.code}`), { code: good.code });
    expect(ok).toMatchObject({ status: 200, data: { state: "current", organization: { name: a.org.name }, call: { code: call.code } } });
    expect(ok.data.verifyUrl).toMatch(new RegExp(`/siraj/${good.code}$`));
    const off = await run(checkLoader, getRequest(`/siraj/${suspended.code}`), { code: suspended.code });
    expect(off.data).toMatchObject({ state: "suspended", statusReason: "Plainte en cours d’instruction." });
  });

  it("the profile shows the badge only for a current label", async () => {
    const { call } = await labelCall();
    const [a, b, c] = [await company(call.id), await company(call.id), await company(call.id)];
    const label = await labelFor(a, call.id, { awardedOn: "2026-03-10", expiresOn: "2099-03-10" });
    await labelFor(b, call.id, { awardedOn: "2020-03-10", expiresOn: "2022-03-10" });
    await labelFor(c, call.id, { awardedOn: "2026-03-10", expiresOn: "2099-03-10", status: "suspended", reason: "Plainte en cours d’instruction." });
    const profile = async (slug: string) => (await run(profileLoader, getRequest(`/organisations/${slug}`), { slug })).data.label;
    expect(await profile(a.org.slug)).toEqual({ expiresOn: "2099-03-10", path: `/siraj/${label.code}` });
    expect(await profile(b.org.slug)).toBeNull();
    expect(await profile(c.org.slug)).toBeNull();
  });

  it("the directory's Siraj facet follows the label: awarded, then suspended", async () => {
    const { call } = await labelCall();
    const a = await company(call.id);
    const label = await labelFor(a, call.id, { awardedOn: "2026-03-10", expiresOn: "2099-03-10" });
    const docLabels = async () => (await db.select({ labels: searchDocuments.labels }).from(searchDocuments).where(eq(searchDocuments.id, `organization:${a.org.id}`)))[0]?.labels;
    // The organisation was indexed before its label: the daily job brings the facet in step.
    await indexOrganization(db, a.org.id);
    await db.update(searchDocuments).set({ labels: [] }).where(eq(searchDocuments.id, `organization:${a.org.id}`));
    expect(await syncLabelFacets(db)).toBeGreaterThanOrEqual(1);
    expect(await docLabels()).toEqual(["siraj"]);
    const directory = await run(directoryLoader, getRequest(`/annuaire?label=siraj&q=${encodeURIComponent(a.org.name)}`));
    expect(directory.status).toBe(200);
    const card = directory.data.cards.find((x: { slug: string }) => x.slug === a.org.slug);
    expect(card).toMatchObject({ labels: ["siraj"] });

    await db.update(labels).set({ status: "suspended", statusReason: "Plainte en cours d’instruction." }).where(eq(labels.id, label.id));
    await syncLabelFacets(db);
    expect(await docLabels()).toEqual([]);
    const after = await run(directoryLoader, getRequest(`/annuaire?label=siraj&q=${encodeURIComponent(a.org.name)}`));
    expect(after.data.cards.map((x: { slug: string }) => x.slug)).not.toContain(a.org.slug);
    // Nothing left to do: a second run touches nothing of this organisation.
    await syncLabelFacets(db);
    expect(await docLabels()).toEqual([]);
  });

  it("reminds the managers once 90 days and once 30 days before expiry", async () => {
    const { call } = await labelCall();
    const a = await company(call.id);
    const admin = await createUser(db);
    const member = await createUser(db);
    await db.insert(memberships).values([
      { organizationId: a.org.id, userId: admin.id, role: "admin" },
      { organizationId: a.org.id, userId: member.id, role: "member" },
    ]);
    const label = await labelFor(a, call.id, { awardedOn: "2029-08-01", expiresOn: "2031-08-01" });
    const at = (day: string) => new Date(`${day}T09:00:00Z`);
    const mails = async (to: string) => ({
      d90: (await mailsTo(to, "expire dans 90 jours")).length,
      d30: (await mailsTo(to, "expire dans 30 jours")).length,
    });

    await sendLabelReminders(db, at("2031-04-30")); // 93 days before: too early
    expect(await mails(a.user.email!)).toEqual({ d90: 0, d30: 0 });
    await sendLabelReminders(db, at("2031-05-04")); // 89 days before
    await sendLabelReminders(db, at("2031-05-05"));
    await sendLabelReminders(db, at("2031-06-20"));
    expect(await mails(a.user.email!)).toEqual({ d90: 1, d30: 0 });
    expect(await mails(admin.email!)).toEqual({ d90: 1, d30: 0 });
    expect(await mails(member.email!)).toEqual({ d90: 0, d30: 0 });
    await sendLabelReminders(db, at("2031-07-02")); // 30 days before
    await sendLabelReminders(db, at("2031-07-03"));
    await sendLabelReminders(db, at("2031-07-31"));
    expect(await mails(a.user.email!)).toEqual({ d90: 1, d30: 1 });
    const [stamped] = await db.select({ remindedAt: labels.remindedAt }).from(labels).where(eq(labels.id, label.id));
    expect(stamped.remindedAt).toEqual(at("2031-07-02"));
    const [mail] = await mailsTo(a.user.email!, "expire dans 30 jours");
    expect(mail.text).toContain(`/siraj/${label.code}`);

    // A suspended label, and one already followed by a later label, are left alone.
    const b = await company(call.id);
    await labelFor(b, call.id, { awardedOn: "2029-09-01", expiresOn: "2031-09-01", status: "suspended", reason: "Plainte en cours d’instruction." });
    const c = await company(call.id);
    await labelFor(c, call.id, { awardedOn: "2029-09-01", expiresOn: "2031-09-01" });
    const [renewal] = await db
      .insert(applications)
      .values({ reference: `${tag.toUpperCase()}-R${++seq}`, callId: (await labelCall()).call.id, organizationId: c.org.id, status: "released", gridVersion: 1 })
      .returning();
    await db.insert(labels).values({ code: verificationCode(), organizationId: c.org.id, callId: renewal.callId, applicationId: renewal.id, awardedOn: "2031-07-01", expiresOn: "2033-07-01" });
    await sendLabelReminders(db, at("2031-08-10"));
    expect(await mails(b.user.email!)).toEqual({ d90: 0, d30: 0 });
    expect(await mails(c.user.email!)).toEqual({ d90: 0, d30: 0 });
  });
});

/** Two jurors' submitted sheets on an application (their names must never reach the applicant). */
async function scored(callId: string, applicationId: string, sheets: Record<string, number>[]) {
  for (const [i, scores] of sheets.entries()) {
    const [juror] = await db.insert(callJurors).values({ callId, email: `juror-${tag}-${++seq}@example.org`, name: `Juré Secret ${seq}` }).returning();
    const [assignment] = await db
      .insert(reviewAssignments)
      .values({ applicationId, jurorId: juror.id, conflict: "none", conflictAt: new Date(), submittedAt: new Date(Date.now() - (60 - i) * DAY) })
      .returning();
    await db.insert(reviewScores).values(Object.entries(scores).map(([criterionId, score]) => ({ assignmentId: assignment.id, criterionId, score })));
  }
}

describe("the applicant's result", () => {
  it("shows the decision, the feedback and the section means, never the jurors; observations within the window", async () => {
    const { call, op } = await labelCall();
    const a = await company(call.id);
    // gov: 8/10 and 6/10 of 60 → 48 and 36, mean 42; soc: 10/20 and 20/20 of 40 → 20 and 40, mean 30.
    await scored(call.id, a.application.id, [{ "gov-1": 8, "soc-1": 10 }, { "gov-1": 6, "soc-1": 20 }]);
    const path = `/candidatures/${a.application.reference}`;
    const params = { reference: a.application.reference };
    expect((await run(applicationLoader, getRequest(path, { cookie: a.cookie }), params)).data.result).toBeNull();

    await decide({ db, actor: op.actor, applicationId: a.application.id, decision: "laureate", reason: "Démarche complète et mesurée.", feedback: "Une gouvernance exemplaire ; l’emploi reste à mesurer." });
    await releaseCall({ db, actor: op.actor, callId: call.id });
    const view = await run(applicationLoader, getRequest(path, { cookie: a.cookie }), params);
    expect(view.status).toBe(200);
    expect(view.data.result).toMatchObject({
      decision: "laureate",
      feedback: "Une gouvernance exemplaire ; l’emploi reste à mesurer.",
      total: 72,
      sections: [
        { id: "gov", weight: 60, mean: 42 },
        { id: "soc", weight: 40, mean: 30 },
      ],
      canContest: true,
    });
    const json = JSON.stringify(view.data);
    expect(json).not.toContain("Juré Secret");
    expect(json).not.toContain(`juror-${tag}`);

    // A plain member reads the result but does not send observations.
    const member = await signedIn();
    await db.insert(memberships).values({ organizationId: a.org.id, userId: member.user.id, role: "member" });
    const asMember = await run(applicationLoader, getRequest(path, { cookie: member.cookie }), params);
    expect(asMember.data.result).toMatchObject({ decision: "laureate", canContest: false, observationsOpen: true });
    expect((await run(applicationAction, formRequest(path, { intent: "contest", observations: "Nous contestons ce résultat, voici pourquoi." }, { cookie: member.cookie }), params)).status).toBe(403);
    // An outsider sees nothing.
    const outsider = await signedIn();
    expect((await run(applicationAction, formRequest(path, { intent: "contest", observations: "Nous contestons ce résultat, voici pourquoi." }, { cookie: outsider.cookie }), params)).status).toBe(404);

    const short = await run(applicationAction, formRequest(path, { intent: "contest", observations: "Trop court" }, { cookie: a.cookie }), params);
    expect(short).toMatchObject({ status: 400, data: { errors: { observations: ["registry.errors.observations"] }, values: { observations: "Trop court" } } });
    const text = "L’emploi est mesuré dans notre rapport annuel, page 12.";
    const sent = await run(applicationAction, formRequest(path, { intent: "contest", observations: text }, { cookie: a.cookie }), params);
    expect(sent.status).toBe(302);
    const after = await run(applicationLoader, getRequest(path, { cookie: a.cookie }), params);
    expect(after.data.result).toMatchObject({ status: "contested", contest: { text }, canContest: false, answer: null });
    const again = await run(applicationAction, formRequest(path, { intent: "contest", observations: text }, { cookie: a.cookie }), params);
    expect(again).toMatchObject({ status: 409, data: { messageKey: "calls.errors.notContestable" } });
  });

  it("refuses observations once the window has closed, and shows an ineligible application's reason", async () => {
    const { call, op } = await labelCall(40);
    const a = await company(call.id);
    const refused = await company(call.id, "ineligible");
    await db.update(applications).set({ eligibilityReason: "Dossier incomplet : statuts manquants." }).where(eq(applications.id, refused.application.id));
    await decide({ db, actor: op.actor, applicationId: a.application.id, decision: "not_selected", reason: "Sous le seuil du jury.", feedback: "Des indicateurs manquent." });
    // Released 11 days ago: the 10-day window is over.
    await releaseCall({ db, actor: op.actor, callId: call.id, now: new Date(Date.now() - 11 * DAY) });
    const path = `/candidatures/${a.application.reference}`;
    const view = await run(applicationLoader, getRequest(path, { cookie: a.cookie }), { reference: a.application.reference });
    expect(view.data.result).toMatchObject({ decision: "not_selected", sections: [], total: null, canContest: false, observationsOpen: false });
    const late = await run(applicationAction, formRequest(path, { intent: "contest", observations: "L’emploi est mesuré dans notre rapport annuel." }, { cookie: a.cookie }), { reference: a.application.reference });
    expect(late).toMatchObject({ status: 409, data: { messageKey: "calls.errors.observationsClosed" } });
    const [row] = await db.select({ status: applications.status }).from(applications).where(eq(applications.id, a.application.id));
    expect(row.status).toBe("released");

    const other = await run(applicationLoader, getRequest(`/candidatures/${refused.application.reference}`, { cookie: refused.cookie }), { reference: refused.application.reference });
    expect(other.data.result).toMatchObject({ decision: null, eligibilityReason: "Dossier incomplet : statuts manquants.", sections: [] });
  });
});
