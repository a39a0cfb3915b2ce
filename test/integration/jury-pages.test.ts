import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, reviewAssignments, type GridSection } from "../../db/schema";
import { createSession } from "~/modules/accounts/session.server";
import { getViewer } from "~/modules/accounts/viewer.server";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall } from "~/modules/calls/calls.server";
import { assign, inviteJuror } from "~/modules/calls/screening.server";
import { loader as juryLoader } from "~/routes/jury";
import { action as dossierAction, loader as dossierLoader } from "~/routes/jury_.$assignmentId";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { fr } from "~/i18n/messages";
import JuryPage from "~/routes/jury";
import JurorDossierPage from "~/routes/jury_.$assignmentId";
import { formRequest, getRequest, run } from "../support/http";

// The jurors' pages (issue 6, item 3): /jury lists the applications given to the signed-in juror across calls;
// /jury/<assignment> asks the conflict-of-interest question before showing anything of the answers, then shows
// the dossier with the scoring form, and once submitted the juror's own sheet read-only with the others' sheets.

let seq = 0;
const GRID: GridSection[] = [
  { id: "impact", titleFr: "Impact", titleAr: "الأثر", weight: 60, criteria: [{ id: "impact-1", titleFr: "Impact social", titleAr: "الأثر الاجتماعي", max: 10, minimum: null, guidanceFr: "Des chiffres.", guidanceAr: "أرقام.", questions: [{ id: "q-impact", labelFr: "Votre impact", labelAr: "أثركم", maxLength: 500 }] }] },
  { id: "team", titleFr: "Équipe", titleAr: "الفريق", weight: 40, criteria: [{ id: "team-1", titleFr: "Équipe", titleAr: "الفريق", max: 5, minimum: null, guidanceFr: null, guidanceAr: null, questions: [{ id: "q-team", labelFr: "Votre équipe", labelAr: "فريقكم", maxLength: 500 }] }] },
];
const ANSWER = "Nous accompagnons 120 femmes artisanes à Azilal depuis 2012.";

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

/** A call with one application under review, given to a juror invited at their verified address. */
async function setup() {
  const op = await signedIn({ platformRole: "operator" });
  const input = callSchema.parse({
    code: `JURY${++seq}-2026`,
    kind: "selection",
    audience: ["association"],
    titleFr: "Appel pour le jury",
    titleAr: "طلب من أجل اللجنة",
    descriptionFr: "Un appel clos dont les dossiers sont en évaluation.",
    descriptionAr: "طلب مغلق ملفاته قيد التقييم.",
    opensAt: "2026-05-01T09:00",
    closesAt: "2026-06-30T20:00",
    seats: "10",
    labelValidityMonths: "",
  });
  const call = await createCall({ db, actor: op.actor, input, sections: GRID, requirements: [] });
  const owner = await createUser(db);
  const org = await createOrganization(db, { kind: "association", name: `Association Tifawt ${++seq}`, ownerId: owner.id });
  const [app] = await db
    .insert(applications)
    .values({ reference: `JURY-2026-${String(seq).padStart(4, "0")}`, callId: call.id, organizationId: org.id, status: "eligible", gridVersion: 1, submittedAt: new Date("2026-06-20T10:00:00Z"), answers: { "q-impact": ANSWER, "q-team": "Trois salariées" } })
    .returning();
  const juror = async (name: string) => {
    const who = await signedIn({ name });
    const invited = await inviteJuror({ db, actor: op.actor, callId: call.id, email: who.user.email, name });
    const { assignment } = await assign({ db, actor: op.actor, applicationId: app.id, jurorId: invited.id });
    return { ...who, assignmentId: assignment.id, path: `/jury/${assignment.id}` };
  };
  return { call, app, org, juror };
}

const page = (path: string, cookie?: string, id?: string) => run(dossierLoader, getRequest(path, { cookie }), { assignmentId: id ?? path.split("/").pop()! });
const post = (path: string, fields: Record<string, string>, cookie?: string) => run(dossierAction, formRequest(path, fields, { cookie }), { assignmentId: path.split("/").pop()! });

/** The jury's pages as the server renders them (French), after a GET or a POST, with the root's catalog. */
async function html(path: string, cookie: string, fields?: Record<string, string>) {
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      loader: () => ({ locale: "fr", messages: fr }),
      Component: () => createElement(Outlet),
      children: [
        { id: "jury", path: "jury", loader: juryLoader as never, Component: JuryPage },
        { id: "dossier", path: "jury/:assignmentId", loader: dossierLoader as never, action: dossierAction as never, Component: JurorDossierPage },
      ],
    },
  ]);
  const request = fields ? formRequest(path, fields, { cookie }) : getRequest(path, { cookie });
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`unexpected ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const out = renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
  // Every string translated: no catalog key shows through.
  expect(out).not.toMatch(/\b(jury|review|calls|errors)\.[a-zA-Z]+(\.[a-zA-Z]+)?\b/);
  return out;
}

describe("jury pages", () => {
  it("lists a juror's applications by call; a person who is nobody's juror sees an empty list; anonymous is sent to sign in", async () => {
    const { call, app, juror } = await setup();
    const a = await juror("Amine Jury");
    const list = await run(juryLoader, getRequest("/jury", { cookie: a.cookie }));
    expect(list.status).toBe(200);
    // The header offers the jury's page to jurors only.
    expect((await getViewer(getRequest("/", { cookie: a.cookie })))?.juror).toBe(true);
    const stranger = await signedIn();
    expect((await getViewer(getRequest("/", { cookie: stranger.cookie })))?.juror).toBe(false);
    expect(list.data.assignments).toHaveLength(1);
    expect(list.data.assignments[0]).toMatchObject({ assignmentId: a.assignmentId, reference: app.reference, conflict: "pending", state: "declare", call: { code: call.code } });

    const listHtml = await html("/jury", a.cookie);
    expect(listHtml).toContain("Appel pour le jury");
    expect(listHtml).toContain(app.reference);
    expect(listHtml).toContain("Déclaration à faire");
    expect(listHtml).toContain(`href="/jury/${a.assignmentId}"`);

    const nobody = await signedIn();
    expect(await html("/jury", nobody.cookie)).toContain("Aucun dossier ne vous est confié pour l’instant.");
    const empty = await run(juryLoader, getRequest("/jury", { cookie: nobody.cookie }));
    expect(empty.data).toMatchObject({ assignments: [], page: 1, pageCount: 1 });

    const anonymous = await run(juryLoader, getRequest("/jury"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    const anonymousDossier = await page(a.path);
    expect(anonymousDossier.status).toBe(302);
    expect(anonymousDossier.headers.get("Location")).toMatch(/^\/connexion/);
    expect((await post(a.path, { intent: "declare", conflict: "none" })).status).toBe(302);
    expect((await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, a.assignmentId)))[0].conflict).toBe("pending");
  });

  it("shows nothing of the answers before the declaration; declaring none opens the dossier; scores over the maximum are refused beside the criterion, values kept; submitting makes it read-only", async () => {
    const { app, juror } = await setup();
    const a = await juror("Amine Jury");
    const b = await juror("Btissam Jury");

    const before = await page(a.path, a.cookie);
    expect(before.status).toBe(200);
    expect(before.data).toMatchObject({ dossier: null, application: { reference: app.reference } });
    expect(JSON.stringify(before.data)).not.toContain(ANSWER);
    const beforeHtml = await html(a.path, a.cookie);
    expect(beforeHtml).toContain("Je déclare n’avoir aucun conflit d’intérêts avec cette organisation");
    expect(beforeHtml).toContain(app.reference);
    expect(beforeHtml).not.toContain("120 femmes");
    expect(beforeHtml).not.toContain('name="s.impact-1"');
    // Scoring before declaring is refused.
    const early = await post(a.path, { intent: "save", "s.impact-1": "5" }, a.cookie);
    expect(early).toMatchObject({ status: 409, data: { messageKey: "review.errors.declareFirst" } });

    // Bad declarations: no choice; a conflict without a note.
    const noChoice = await post(a.path, { intent: "declare" }, a.cookie);
    expect(noChoice.status).toBe(400);
    expect(noChoice.data.errors.conflict).toEqual(["review.errors.conflictChoice"]);
    const noNote = await post(a.path, { intent: "declare", conflict: "declared", note: "court" }, a.cookie);
    expect(noNote.status).toBe(400);
    expect(noNote.data.errors.note).toEqual(["review.errors.conflictNote"]);
    expect(noNote.data.values).toMatchObject({ conflict: "declared", note: "court" });

    const declared = await post(a.path, { intent: "declare", conflict: "none", note: "" }, a.cookie);
    expect(declared.status).toBe(302);
    expect(declared.headers.get("Location")).toBe(a.path);
    const opened = await page(a.path, a.cookie);
    expect(opened.data.dossier.answers["q-impact"]).toBe(ANSWER);
    expect(opened.data.dossier).toMatchObject({ canScore: true, others: null });
    const openedHtml = await html(a.path, a.cookie);
    expect(openedHtml).toContain("120 femmes artisanes");
    expect(openedHtml).toMatch(/dir="auto" class="whitespace-pre-line[^"]*">Nous accompagnons/);
    expect(openedHtml).toContain('name="s.team-1"');
    expect(openedHtml).toContain("Remettre ma notation");

    // Over the maximum (team is out of 5), and Arabic-Indic digits read as numbers.
    const over = await post(a.path, { intent: "submit", "s.impact-1": "٨", "c.impact-1": "Ancrage solide.", "s.team-1": "7", "c.team-1": "" }, a.cookie);
    expect(over.status).toBe(400);
    expect(over.data.errors).toEqual({ "s.team-1": ["calls.errors.scoreRange"], "c.team-1": ["review.errors.commentMissing"] });
    expect(over.data.values).toMatchObject({ "s.impact-1": "٨", "c.impact-1": "Ancrage solide.", "s.team-1": "7" });
    expect(over.data.messageKey).toBe("jury.score.fix");
    const overHtml = await html(a.path, a.cookie, { intent: "submit", "s.impact-1": "8", "c.impact-1": "Ancrage solide.", "s.team-1": "7" });
    expect(overHtml).toContain("La note est un nombre entier entre 0 et le maximum du critère.");
    expect(overHtml).toMatch(/name="s.team-1"[^>]*value="7"/);
    expect(overHtml).toContain("Ancrage solide.</textarea>");
    // Not a number; a comment on an unscored criterion.
    const junk = await post(a.path, { intent: "save", "s.impact-1": "huit", "s.team-1": "", "c.team-1": "Équipe réduite." }, a.cookie);
    expect(junk.status).toBe(400);
    expect(junk.data.errors).toEqual({ "s.impact-1": ["calls.errors.scoreRange"], "c.team-1": ["review.errors.commentWithoutScore"] });

    // A draft may be partial; a submission may not.
    const draft = await post(a.path, { intent: "save", "s.impact-1": "8", "c.impact-1": "Ancrage solide.", "s.team-1": "" }, a.cookie);
    expect(draft.status).toBe(302);
    const saved = await page(a.path, a.cookie);
    expect(saved.data.dossier.own.scores).toEqual({ "impact-1": { score: 8, comment: "Ancrage solide." } });
    expect(saved.data.dossier.own.total).toBeCloseTo(48, 9);
    const partial = await post(a.path, { intent: "submit", "s.impact-1": "8", "c.impact-1": "Ancrage solide.", "s.team-1": "" }, a.cookie);
    expect(partial.status).toBe(400);
    expect(partial.data.errors).toEqual({ "s.team-1": ["calls.errors.scoreMissing"] });

    const submitted = await post(a.path, { intent: "submit", "s.impact-1": "8", "c.impact-1": "Ancrage solide.", "s.team-1": "5", "c.team-1": "Équipe resserrée mais complète." }, a.cookie);
    expect(submitted.status).toBe(302);
    const readOnly = await page(a.path, a.cookie);
    expect(readOnly.data.dossier).toMatchObject({ canScore: false, others: [] });
    expect(readOnly.data.dossier.own.total).toBeCloseTo(88, 9);
    expect(readOnly.data.assignment.submittedAt).toBeTruthy();
    const readOnlyHtml = await html(a.path, a.cookie);
    expect(readOnlyHtml).toContain("Votre notation remise");
    expect(readOnlyHtml).not.toContain('name="s.impact-1"');
    const again = await post(a.path, { intent: "save", "s.impact-1": "1", "s.team-1": "1" }, a.cookie);
    expect(again).toMatchObject({ status: 409, data: { messageKey: "review.errors.alreadySubmitted" } });

    // B, before submitting, does not see A's sheet; after, sees it as "Juror 1" with its comments.
    await post(b.path, { intent: "declare", conflict: "none" }, b.cookie);
    expect((await page(b.path, b.cookie)).data.dossier.others).toBeNull();
    await post(b.path, { intent: "submit", "s.impact-1": "5", "c.impact-1": "Impact local réel.", "s.team-1": "5", "c.team-1": "Équipe solide." }, b.cookie);
    const others = (await page(b.path, b.cookie)).data.dossier.others;
    expect(others).toHaveLength(1);
    expect(others[0]).toMatchObject({ n: 1, scores: { "impact-1": { score: 8, comment: "Ancrage solide." } } });
    expect(others[0].total).toBeCloseTo(88, 9);
    expect(await html(b.path, b.cookie)).toContain("Juré 1");

    const list = await run(juryLoader, getRequest("/jury", { cookie: a.cookie }));
    expect(list.data.assignments[0]).toMatchObject({ conflict: "none", state: "submitted" });
  });

  it("another person's assignment is not found; a declared conflict sends the juror back to /jury with the explanation", async () => {
    const { juror } = await setup();
    const a = await juror("Amine Jury");
    const b = await juror("Btissam Jury");
    const stranger = await signedIn();
    expect((await page(a.path, stranger.cookie)).status).toBe(404);
    expect((await page(a.path, b.cookie)).status).toBe(404);
    expect((await post(a.path, { intent: "declare", conflict: "none" }, b.cookie)).status).toBe(404);
    expect((await page("/jury/not-a-uuid", a.cookie)).status).toBe(404);

    const declared = await post(a.path, { intent: "declare", conflict: "declared", note: "J’ai présidé cette association jusqu’en 2024." }, a.cookie);
    expect(declared.status).toBe(302);
    expect(declared.headers.get("Location")).toBe("/jury");
    expect(declared.headers.get("Set-Cookie")).toContain(`flash=${encodeURIComponent("jury.flash.declared")}`);
    expect((await page(a.path, a.cookie)).status).toBe(404);
    const list = await run(juryLoader, getRequest("/jury", { cookie: a.cookie }));
    expect(list.data.assignments[0]).toMatchObject({ conflict: "declared", state: "closed" });
  });
});
