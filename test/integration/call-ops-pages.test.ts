import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, calls, type GridSection } from "../../db/schema";
import type { ApplicationStatus } from "../../db/schema/enums";
import { ar, fr } from "~/i18n/messages";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { createSession } from "~/modules/accounts/session.server";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall } from "~/modules/calls/calls.server";
import { contest } from "~/modules/calls/decisions.server";
import { declareConflict, jurorFor, saveScores } from "~/modules/calls/review.server";
import CallOpsPage, { action as opsAction, loader as opsLoader } from "~/routes/programme.appels_.$code";
import { loader as applicationsCsvLoader } from "~/routes/programme.appels_.$code_.candidatures[.]csv";
import { loader as scoresCsvLoader } from "~/routes/programme.appels_.$code_.notes[.]csv";
import MinutesPage, { loader as minutesLoader } from "~/routes/programme.appels_.$code_.proces-verbal";
import { formRequest, getRequest, run } from "../support/http";

// Running a call, for operators (issue 6, items 3, 4 and 6): screening, the jury, the ranking with spread and
// disagreement, the deliberation and the release, the observations, the exports and the minutes.

let seq = 0;
const DAY = 86_400_000;

// The AMI's 30/25/25/20 grid, one criterion out of 10 per section; commitment needs 6 on average.
const GRID: GridSection[] = (
  [
    ["relevance", 30, null],
    ["capacity", 25, null],
    ["potential", 25, null],
    ["commitment", 20, 6],
  ] as const
).map(([id, weight, minimum]) => ({
  id,
  titleFr: `Critère ${id}`,
  titleAr: "معيار",
  weight,
  criteria: [{ id: `${id}-1`, titleFr: `Critère ${id}`, titleAr: "معيار", max: 10, minimum, guidanceFr: null, guidanceAr: null, questions: [{ id: `q-${id}`, labelFr: `Question ${id}`, labelAr: "سؤال", maxLength: 2000 }] }],
}));

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

/** A selection call closed yesterday, with applications submitted before the closing. */
async function closedCall() {
  const op = await signedIn({ platformRole: "operator", name: "Salma Opératrice" });
  const now = Date.now();
  const input = callSchema.parse({
    code: `OPS${++seq}${Math.floor(Math.random() * 1e4)}-2026`,
    kind: "selection",
    audience: ["association"],
    titleFr: "Appel à manifestation d’intérêt de test",
    titleAr: "طلب إبداء الاهتمام التجريبي",
    descriptionFr: "Sélection d’associations accompagnées par le programme.",
    descriptionAr: "انتقاء جمعيات يواكبها البرنامج.",
    opensAt: instantToMoroccoLocal(new Date(now - 60 * DAY)),
    closesAt: instantToMoroccoLocal(new Date(now - DAY)),
    seats: "2",
    labelValidityMonths: "",
  });
  const call = await createCall({ db, actor: op.actor, input, sections: GRID, requirements: [] });
  await db.update(calls).set({ publishedAt: new Date(now - 60 * DAY) }).where(eq(calls.id, call.id));
  const path = `/programme/appels/${call.code}`;
  return { call, op, path, params: { code: call.code } };
}

async function application(callId: string, name: string, status: ApplicationStatus = "submitted") {
  const owner = await signedIn();
  const org = await createOrganization(db, { kind: "association", name, ownerId: owner.user.id, verificationStatus: "verified" });
  const [app] = await db
    .insert(applications)
    .values({
      reference: `OPS-2026-${String(++seq).padStart(4, "0")}${Math.floor(Math.random() * 1e4)}`,
      callId,
      organizationId: org.id,
      status,
      gridVersion: 1,
      submittedAt: new Date(Date.now() - 5 * DAY),
      answers: { "q-relevance": "Nous accompagnons 120 femmes artisanes à Azilal depuis 2012." },
    })
    .returning();
  return { app, owner, org };
}

const statusOf = async (id: string) => (await db.select({ status: applications.status }).from(applications).where(eq(applications.id, id)))[0].status;

/** The page as the server renders it, with the root's catalog in the given language. */
async function html(path: string, cookie: string, locale: "fr" | "ar" = "fr") {
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      loader: () => ({ locale, messages: locale === "ar" ? ar : fr }),
      Component: () => createElement(Outlet),
      children: [
        { id: "ops", path: "programme/appels/:code", loader: opsLoader as never, action: opsAction as never, Component: CallOpsPage },
        { id: "minutes", path: "programme/appels/:code/proces-verbal", loader: minutesLoader as never, Component: MinutesPage },
      ],
    },
  ]);
  const context = await handler.query(getRequest(path, { cookie }));
  if (context instanceof Response) throw new Error(`unexpected ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const out = renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
  // Every string translated: no catalog key shows through.
  expect(out).not.toMatch(/\b(callOps|review|calls|errors)\.[a-zA-Z]+(\.[a-zA-Z]+)?\b/);
  return out;
}

/** A juror invited through the page and signed in with the invited address. */
async function invitedJuror(path: string, params: { code: string }, op: { cookie: string }, callId: string, name: string) {
  const who = await signedIn({ name });
  const invited = await run(opsAction, formRequest(`${path}?vue=jury`, { intent: "invite", name, email: who.user.email }, { cookie: op.cookie }), params);
  expect(invited.status).toBe(302);
  const juror = await jurorFor(db, callId, who.actor as never);
  return { ...who, jurorId: juror!.id };
}

describe("call operations page", () => {
  it("screens one eligible and one ineligible (a reason required), invites a juror and assigns", async () => {
    const { call, op, path, params } = await closedCall();
    const a = await application(call.id, "Association Tifawt");
    const b = await application(call.id, "Association Amal");

    const list = await run(opsLoader, getRequest(`${path}?vue=candidatures`, { cookie: op.cookie }), params);
    expect(list.status).toBe(200);
    expect(list.data.list.total).toBe(2);
    expect(list.data.list.applications[0]).toMatchObject({ status: "submitted", assigned: 0, submitted: 0 });

    const listHtml = await html(`${path}?vue=candidatures`, op.cookie);
    expect(listHtml).toContain("Association Tifawt");
    expect(listHtml).toContain("Évaluations remises : 0 sur 0");
    // The forms post back to the same tab, which the action returns to.
    expect(listHtml).toContain(`<form method="post" action="${path}?vue=candidatures"`);

    const ok = await run(opsAction, formRequest(`${path}?vue=candidatures`, { intent: "screen", applicationId: a.app.id, eligible: "yes", reason: "" }, { cookie: op.cookie }), params);
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`${path}?vue=candidatures`);
    expect(await statusOf(a.app.id)).toBe("eligible");

    const noReason = await run(opsAction, formRequest(path, { intent: "screen", applicationId: b.app.id, eligible: "no", reason: "court" }, { cookie: op.cookie }), params);
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors.reason).toEqual(["review.errors.reason"]);
    expect(noReason.data.values).toMatchObject({ applicationId: b.app.id, reason: "court" });
    expect(await statusOf(b.app.id)).toBe("submitted");
    const reason = "Les statuts fournis ne sont pas ceux de l’association candidate.";
    expect((await run(opsAction, formRequest(path, { intent: "screen", applicationId: b.app.id, eligible: "no", reason }, { cookie: op.cookie }), params)).status).toBe(302);
    expect(await statusOf(b.app.id)).toBe("ineligible");

    // Reopening needs a reason too; on this closed call it is refused (nothing could be submitted again), and
    // the page does not offer it.
    const c = await application(call.id, "Association Nour");
    const shortReopen = await run(opsAction, formRequest(path, { intent: "reopen", applicationId: c.app.id, reason: "Non" }, { cookie: op.cookie }), params);
    expect(shortReopen.status).toBe(400);
    expect(shortReopen.data.errors.reason).toEqual(["calls.errors.reason"]);
    const reopened = await run(opsAction, formRequest(path, { intent: "reopen", applicationId: c.app.id, reason: "Le budget prévisionnel manque : merci de le joindre." }, { cookie: op.cookie }), params);
    expect(reopened).toMatchObject({ status: 409, data: { messageKey: "calls.errors.reopenClosed" } });
    expect(await statusOf(c.app.id)).toBe("submitted");
    expect((await run(opsLoader, getRequest(`${path}?vue=candidatures`, { cookie: op.cookie }), params)).data.open).toBe(false);

    // Filters and search.
    const ineligible = await run(opsLoader, getRequest(`${path}?vue=candidatures&status=ineligible`, { cookie: op.cookie }), params);
    expect(ineligible.data.list.applications.map((x: { id: string }) => x.id)).toEqual([b.app.id]);
    expect(ineligible.data.list.applications[0].eligibilityReason).toBe(reason);
    const searched = await run(opsLoader, getRequest(`${path}?vue=candidatures&q=tifawt`, { cookie: op.cookie }), params);
    expect(searched.data.list.applications.map((x: { id: string }) => x.id)).toEqual([a.app.id]);
    const dossier = await run(opsLoader, getRequest(`${path}?vue=candidatures&dossier=${a.app.reference}`, { cookie: op.cookie }), params);
    expect(dossier.data.dossier.application.answers["q-relevance"]).toContain("120 femmes");
    expect(await html(`${path}?vue=candidatures&dossier=${a.app.reference}`, op.cookie)).toContain("120 femmes artisanes");

    // A juror: a bad address comes back beside the field, then the invitation; then the assignment.
    const bad = await run(opsAction, formRequest(`${path}?vue=jury`, { intent: "invite", name: "Karim Jury", email: "pas-une-adresse" }, { cookie: op.cookie }), params);
    expect(bad.status).toBe(400);
    expect(bad.data.errors.email).toEqual(["review.errors.email"]);
    expect(bad.data.values.name).toBe("Karim Jury");
    const j = await invitedJuror(path, params, op, call.id, "Karim Jury");
    const noJuror = await run(opsAction, formRequest(`${path}?vue=jury`, { intent: "assign", applicationId: a.app.id, jurorId: "" }, { cookie: op.cookie }), params);
    expect(noJuror.status).toBe(400);
    expect(noJuror.data.errors.jurorId).toEqual(["callOps.errors.juror"]);
    const assigned = await run(opsAction, formRequest(`${path}?vue=jury`, { intent: "assign", applicationId: a.app.id, jurorId: j.jurorId }, { cookie: op.cookie }), params);
    expect(assigned.status).toBe(302);
    expect(await statusOf(a.app.id)).toBe("under_review");
    const notEligible = await run(opsAction, formRequest(`${path}?vue=jury`, { intent: "assign", applicationId: b.app.id, jurorId: j.jurorId }, { cookie: op.cookie }), params);
    expect(notEligible).toMatchObject({ status: 409, data: { messageKey: "review.errors.notAssignable" } });

    const jury = await run(opsLoader, getRequest(`${path}?vue=jury`, { cookie: op.cookie }), params);
    expect(jury.data.jurors).toEqual([expect.objectContaining({ name: "Karim Jury", assigned: 1, pending: 1, conflicts: 0 })]);
    expect(jury.data.board.applications).toEqual([expect.objectContaining({ id: a.app.id, assignments: [expect.objectContaining({ jurorId: j.jurorId, conflict: "pending" })] })]);
    const juryHtml = await html(`${path}?vue=jury`, op.cookie);
    expect(juryHtml).toContain("Karim Jury");
    expect(juryHtml).toContain(a.app.reference);

    // The trail, translated.
    const journal = await run(opsLoader, getRequest(`${path}?vue=journal`, { cookie: op.cookie }), params);
    expect(journal.data.trail.events.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["markEligible", "markIneligible", "inviteJuror", "assign", "startReview"]));
    const journalHtml = await html(`${path}?vue=journal`, op.cookie);
    expect(journalHtml).toContain("Déclarée non recevable");
    expect(journalHtml).toContain(reason);
  });

  it("ranks with spread and the disagreement flag, decides, releases, answers observations, exports and prints", async () => {
    const { call, op, path, params } = await closedCall();
    const a = await application(call.id, "=HYPERLINK(\"http://evil\")", "eligible");
    const b = await application(call.id, "Association Amal", "ineligible");
    const j1 = await invitedJuror(path, params, op, call.id, "Karim Jury");
    const j2 = await invitedJuror(path, params, op, call.id, "Nadia Jury");
    for (const j of [j1, j2]) {
      expect((await run(opsAction, formRequest(`${path}?vue=jury`, { intent: "assign", applicationId: a.app.id, jurorId: j.jurorId }, { cookie: op.cookie }), params)).status).toBe(302);
    }
    const board = await run(opsLoader, getRequest(`${path}?vue=jury`, { cookie: op.cookie }), params);
    const assignments = board.data.board.applications[0].assignments as { id: string; jurorId: string }[];
    const sheets = [
      [j1, { "relevance-1": 10, "capacity-1": 10, "potential-1": 10, "commitment-1": 10 }], // 100
      [j2, { "relevance-1": 5, "capacity-1": 10, "potential-1": 10, "commitment-1": 5 }], // 15 + 25 + 25 + 10 = 75
    ] as const;
    for (const [j, scores] of sheets) {
      const assignmentId = assignments.find((x) => x.jurorId === j.jurorId)!.id;
      await declareConflict({ db, actor: j.actor as never, assignmentId, conflict: "none" });
      await saveScores({ db, actor: j.actor as never, assignmentId, scores, comments: { "relevance-1": "=cmd|' /C calc'!A0", "capacity-1": "Solide.", "potential-1": "Réel.", "commitment-1": "Engagé." }, submit: true });
    }

    const results = await run(opsLoader, getRequest(`${path}?vue=classement`, { cookie: op.cookie }), params);
    expect(results.status).toBe(200);
    const [row] = results.data.results.applications;
    expect(row).toMatchObject({ applicationId: a.app.id, rank: 1, disagreement: true, total: { mean: 87.5, median: 87.5, spread: 25 }, reviews: { submitted: 2, assigned: 2 } });
    const resultsHtml = await html(`${path}?vue=classement`, op.cookie);
    expect(resultsHtml).toContain("Désaccord fort entre jurés");
    expect(resultsHtml).toContain("87,5");
    expect(resultsHtml).toContain("25");
    expect(await html(`${path}?vue=classement`, op.cookie, "ar")).toContain("خلاف قوي بين الأعضاء");
    const exportsHtml = await html(`${path}?vue=exports`, op.cookie);
    expect(exportsHtml).toContain(`href="${path}/candidatures.csv"`);
    expect(exportsHtml).toContain(`href="${path}/notes.csv"`);
    expect(exportsHtml).toContain(`href="${path}/proces-verbal"`);

    // Not yet decided: the release is refused, translated; without the confirmation, beside the box.
    const unconfirmed = await run(opsAction, formRequest(`${path}?vue=deliberation`, { intent: "release" }, { cookie: op.cookie }), params);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.data.errors.confirm).toEqual(["callOps.errors.confirm"]);
    const undecided = await run(opsAction, formRequest(`${path}?vue=deliberation`, { intent: "release", confirm: "yes" }, { cookie: op.cookie }), params);
    expect(undecided).toMatchObject({ status: 409, data: { messageKey: "calls.errors.undecided" } });

    const decision = { intent: "decide", applicationId: a.app.id, decision: "selected", reason: "Projet solide, ancrage local réel.", feedback: "Le jury salue la qualité de votre accompagnement des artisanes." };
    const short = await run(opsAction, formRequest(`${path}?vue=deliberation`, { ...decision, reason: "Bien" }, { cookie: op.cookie }), params);
    expect(short.status).toBe(400);
    expect(short.data.errors.reason).toEqual(["callOps.errors.text"]);
    expect(short.data.values.feedback).toBe(decision.feedback);
    const wrongKind = await run(opsAction, formRequest(`${path}?vue=deliberation`, { ...decision, decision: "laureate" }, { cookie: op.cookie }), params);
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.data.errors.reason).toEqual(["calls.errors.decisionKind"]);
    expect((await run(opsAction, formRequest(`${path}?vue=deliberation`, decision, { cookie: op.cookie }), params)).status).toBe(302);
    const delib = await run(opsLoader, getRequest(`${path}?vue=deliberation`, { cookie: op.cookie }), params);
    expect(delib.data.chosen).toBe(1);
    expect(delib.data.decided).toEqual([expect.objectContaining({ id: a.app.id, decision: "selected", decisionReason: decision.reason })]);
    expect(await html(`${path}?vue=deliberation`, op.cookie)).toContain("1 sur 2");

    const released = await run(opsAction, formRequest(`${path}?vue=deliberation`, { intent: "release", confirm: "yes" }, { cookie: op.cookie }), params);
    expect(released.status).toBe(302);
    expect(await statusOf(a.app.id)).toBe("released");
    expect(await statusOf(b.app.id)).toBe("released");
    const again = await run(opsAction, formRequest(`${path}?vue=deliberation`, { intent: "release", confirm: "yes" }, { cookie: op.cookie }), params);
    expect(again).toMatchObject({ status: 409, data: { messageKey: "calls.errors.released" } });

    // Observations, then the operator's answer.
    const text = "Nous contestons la note de capacité : nos comptes 2025 étaient joints.";
    await contest({ db, actor: b.owner.actor as never, applicationId: b.app.id, text });
    const obs = await run(opsLoader, getRequest(`${path}?vue=deliberation`, { cookie: op.cookie }), params);
    expect(obs.data.observations.applications).toEqual([expect.objectContaining({ id: b.app.id, status: "contested", contestText: text })]);
    expect(await html(`${path}?vue=deliberation`, op.cookie)).toContain("nos comptes 2025");
    const tooShort = await run(opsAction, formRequest(`${path}?vue=deliberation`, { intent: "answer", applicationId: b.app.id, text: "Non." }, { cookie: op.cookie }), params);
    expect(tooShort.status).toBe(400);
    expect(tooShort.data.errors.text).toEqual(["callOps.errors.answer"]);
    const answer = "Le jury a relu vos comptes : la note de capacité est maintenue.";
    expect((await run(opsAction, formRequest(`${path}?vue=deliberation`, { intent: "answer", applicationId: b.app.id, text: answer }, { cookie: op.cookie }), params)).status).toBe(302);
    expect(await statusOf(b.app.id)).toBe("answered");

    // The exports: every application, every score; a name or a comment starting with "=" never runs.
    const csv = await run(applicationsCsvLoader, getRequest(`${path}/candidatures.csv`, { cookie: op.cookie }), params);
    const appsCsv = await (await applicationsCsvLoader({ request: getRequest(`${path}/candidatures.csv`, { cookie: op.cookie }), params, context: {} } as never)).text();
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const appLines = appsCsv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(appLines[0]).toBe("Référence;Organisation;État;Déposée le (heure du Maroc);Motif de recevabilité;Décision;Motifs;Avis du jury;Score moyen;Médiane;Écart;Rang");
    expect(appLines).toHaveLength(3);
    const aLine = appLines.find((l) => l.startsWith(a.app.reference))!;
    expect(aLine).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(aLine).toContain("Retenue");
    expect(aLine).toMatch(/;87,5;87,5;25;1$/);
    const scores = await (await scoresCsvLoader({ request: getRequest(`${path}/notes.csv`, { cookie: op.cookie }), params, context: {} } as never)).text();
    const scoreLines = scores.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(scoreLines).toHaveLength(1 + 2 * 4);
    expect(scoreLines).toContain(`${a.app.reference};Karim Jury;Critère relevance;10;'=cmd|' /C calc'!A0;${scoreLines[1].split(";").pop()}`);
    expect(scoreLines.filter((l) => l.includes("Nadia Jury"))).toHaveLength(4);

    // The minutes, in French and in Arabic.
    const minutes = await run(minutesLoader, getRequest(`${path}/proces-verbal`, { cookie: op.cookie }), params);
    expect(minutes.status).toBe(200);
    expect(minutes.data.jurors).toEqual(["Karim Jury", "Nadia Jury"]);
    expect(minutes.data.applications).toEqual([expect.objectContaining({ reference: a.app.reference, rank: 1, mean: 87.5, decision: "selected" })]);
    const minutesFr = await html(`${path}/proces-verbal`, op.cookie);
    expect(minutesFr).toContain("Procès-verbal de délibération du jury");
    expect(minutesFr).toContain(decision.reason);
    expect(minutesFr).toContain("Président(e) du jury");
    const minutesAr = await html(`${path}/proces-verbal`, op.cookie, "ar");
    expect(minutesAr).toContain("محضر مداولة لجنة التحكيم");
    expect(minutesAr).toContain("طلب إبداء الاهتمام التجريبي");
  });

  it("pages the applications by 20, newest submissions first", async () => {
    const { call, op, path, params } = await closedCall();
    for (let i = 0; i < 21; i++) await application(call.id, `Association Page ${i}`);
    const first = await run(opsLoader, getRequest(`${path}?vue=candidatures`, { cookie: op.cookie }), params);
    expect(first.data.list).toMatchObject({ total: 21, page: 1, pageCount: 2 });
    expect(first.data.list.applications).toHaveLength(20);
    const second = await run(opsLoader, getRequest(`${path}?vue=candidatures&page=2`, { cookie: op.cookie }), params);
    expect(second.data.list.applications).toHaveLength(1);
    expect(await html(`${path}?vue=candidatures`, op.cookie)).toContain("page=2");
  });

  it("is the operators' alone: a company owner gets 403, anonymous is sent to sign in, an unknown call is 404", async () => {
    const { call, path, params, op } = await closedCall();
    const owner = await signedIn();
    await createOrganization(db, { kind: "company", name: "Société Atlas", ownerId: owner.user.id, verificationStatus: "verified" });
    const a = await application(call.id, "Association Tifawt");
    for (const [fn, request] of [
      [opsLoader, getRequest(path, { cookie: owner.cookie })],
      [opsAction, formRequest(path, { intent: "screen", applicationId: a.app.id, eligible: "yes" }, { cookie: owner.cookie })],
      [minutesLoader, getRequest(`${path}/proces-verbal`, { cookie: owner.cookie })],
      [applicationsCsvLoader, getRequest(`${path}/candidatures.csv`, { cookie: owner.cookie })],
      [scoresCsvLoader, getRequest(`${path}/notes.csv`, { cookie: owner.cookie })],
    ] as const) {
      expect((await run(fn as never, request, params)).status).toBe(403);
    }
    expect(await statusOf(a.app.id)).toBe("submitted");
    // Another call's application is not this page's to act on.
    const other = await closedCall();
    expect((await run(opsAction, formRequest(other.path, { intent: "screen", applicationId: a.app.id, eligible: "yes" }, { cookie: other.op.cookie }), other.params)).status).toBe(404);
    expect(await statusOf(a.app.id)).toBe("submitted");
    const anonymous = await run(opsLoader, getRequest(path), params);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toContain("/connexion");
    expect((await run(applicationsCsvLoader, getRequest(`${path}/candidatures.csv`), params)).status).toBe(302);
    expect((await run(opsLoader, getRequest("/programme/appels/NOPE-2026", { cookie: op.cookie }), { code: "NOPE-2026" })).status).toBe(404);
    expect((await run(opsLoader, getRequest(`${path}?vue=candidatures&dossier=NOPE-1`, { cookie: op.cookie }), params)).status).toBe(404);
  });
});
