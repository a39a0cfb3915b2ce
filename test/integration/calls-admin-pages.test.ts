import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, callEvents, callGrids, callRequirements, calls } from "../../db/schema";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { createSession } from "~/modules/accounts/session.server";
import { fillGridIds, parseGridForm, readGridDraft, slugId } from "~/modules/calls/call-schemas";
import { loader as listLoader } from "~/routes/programme.appels";
import { action as editAction, loader as editLoader } from "~/routes/programme.appels_.$code_.modifier";
import { action as newAction, loader as newLoader } from "~/routes/programme.appels_.nouveau";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { Outlet } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { fr } from "~/i18n/messages";
import ListPage from "~/routes/programme.appels";
import EditPage from "~/routes/programme.appels_.$code_.modifier";
import NewPage from "~/routes/programme.appels_.nouveau";
import { formRequest, getRequest, run } from "../support/http";

// The operators' pages of calls (issue 6, item 1): /programme/appels lists every call with its applications
// by status; a call is created through a form, then its fields, grid (edited without JavaScript: add/remove
// intents re-render the form, nothing is saved until "save the grid") and required documents are edited, and
// it is published. Operators and admins only.

let seq = 0;
const code = () => `ADM${Date.now().toString(36).toUpperCase().slice(-5)}${++seq}-2026`;

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}` };
}

const DAY = 86_400_000;
function callFields(overrides: Record<string, string | string[]> = {}) {
  return {
    code: code(),
    kind: "selection",
    audience: ["association", "cooperative"],
    titleFr: "Appel de test des opérateurs",
    titleAr: "طلب تجريبي للمشرفين",
    descriptionFr: "Un appel créé par la page des opérateurs, pour les tests.",
    descriptionAr: "طلب أنشئ من صفحة المشرفين، من أجل الاختبارات.",
    opensAt: instantToMoroccoLocal(new Date(Date.now() - DAY)),
    closesAt: instantToMoroccoLocal(new Date(Date.now() + 30 * DAY)),
    seats: "12",
    labelValidityMonths: "",
    disagreementThreshold: "20",
    observationDays: "10",
    ...overrides,
  };
}

/** The grid form as a browser sends it: two sections weighing `a` and `b`. */
function gridFields(a: string, b: string) {
  return {
    editor: "grid",
    "s.0.id": "",
    "s.0.titleFr": "Impact social",
    "s.0.titleAr": "الأثر الاجتماعي",
    "s.0.weight": a,
    "s.0.c.0.id": "",
    "s.0.c.0.titleFr": "Impact social",
    "s.0.c.0.titleAr": "الأثر الاجتماعي",
    "s.0.c.0.max": "10",
    "s.0.c.0.minimum": "",
    "s.0.c.0.guidanceFr": "Des chiffres si possible.",
    "s.0.c.0.guidanceAr": "",
    "s.0.c.0.q.0.id": "",
    "s.0.c.0.q.0.labelFr": "Décrivez votre impact",
    "s.0.c.0.q.0.labelAr": "صفوا أثركم",
    "s.0.c.0.q.0.maxLength": "800",
    "s.1.id": "equipe",
    "s.1.titleFr": "Équipe",
    "s.1.titleAr": "الفريق",
    "s.1.weight": b,
    "s.1.c.0.id": "",
    "s.1.c.0.titleFr": "Équipe & gouvernance",
    "s.1.c.0.titleAr": "الفريق والحكامة",
    "s.1.c.0.max": "5",
    "s.1.c.0.minimum": "2",
    "s.1.c.0.guidanceFr": "",
    "s.1.c.0.guidanceAr": "",
  };
}

async function createdCall(op: { cookie: string }, overrides: Record<string, string | string[]> = {}) {
  const fields = callFields(overrides);
  const res = await run(newAction, formRequest("/programme/appels/nouveau", fields, { cookie: op.cookie }));
  expect(res.status).toBe(302);
  return fields.code as string;
}

/** The pages as the server renders them (French), after a GET or a POST, with the root's catalog. */
async function html(path: string, cookie: string, fields?: Record<string, string | string[]>) {
  const handler = createStaticHandler([
    {
      id: "root",
      path: "/",
      loader: () => ({ locale: "fr", messages: fr }),
      Component: () => createElement(Outlet),
      children: [
        { id: "list", path: "programme/appels", loader: listLoader as never, Component: ListPage },
        { id: "new", path: "programme/appels/nouveau", loader: newLoader as never, action: newAction as never, Component: NewPage },
        { id: "edit", path: "programme/appels/:code/modifier", loader: editLoader as never, action: editAction as never, Component: EditPage },
      ],
    },
  ]);
  const request = fields ? formRequest(path, fields, { cookie }) : getRequest(path, { cookie });
  const context = await handler.query(request);
  if (context instanceof Response) throw new Error(`unexpected ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const out = renderToString(createElement(StaticRouterProvider, { router, context, hydrate: false }));
  // Every string translated: no catalog key shows through.
  expect(out).not.toMatch(/\b(callsAdmin|calls|errors)\.[a-zA-Z]+(\.[a-zA-Z]+)?\b/);
  return out;
}

const editUrl = (c: string) => `/programme/appels/${c}/modifier`;
const post = (c: string, cookie: string, fields: Record<string, string | string[]>) => run(editAction, formRequest(editUrl(c), fields, { cookie }), { code: c });

describe("the grid editor's fields", () => {
  it("reads nested names in index order, makes unique slug ids, and maps errors to field names", () => {
    const draft = readGridDraft({ "s.1.titleFr": "B", "s.0.titleFr": "A", "s.0.c.3.titleFr": "x", "s.0.c.1.titleFr": "y", "junk": "z", "s.99.titleFr": "no" });
    expect(draft.map((s) => s.titleFr)).toEqual(["A", "B"]);
    expect(draft[0].criteria.map((c) => c.titleFr)).toEqual(["y", "x"]);
    expect(slugId("Équipe & gouvernance", "section")).toBe("equipe-gouvernance");
    expect(slugId("الفريق", "section")).toBe("section");
    const filled = fillGridIds(readGridDraft({ "s.0.titleFr": "Impact", "s.1.titleFr": "Impact", "s.1.c.0.titleFr": "Impact", "s.2.id": "impact-2", "s.2.titleFr": "Autre" }));
    expect(filled.map((s) => s.id)).toEqual(["impact", "impact-3", "impact-2"]);
    expect(filled[1].criteria[0].id).toBe("impact-4");
    const parsed = parseGridForm({ ...gridFields("60", "40"), "s.1.titleAr": "", "s.0.c.0.q.0.maxLength": "3" });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors).toMatchObject({ "s.1.titleAr": ["calls.errors.gridTitle"], "s.0.c.0.q.0.maxLength": ["callsAdmin.errors.maxLength"] });
  });
});

describe("operators' calls pages", () => {
  it("an operator creates a call through the page; bad input comes back beside the fields with the values kept", async () => {
    const op = await signedIn({ platformRole: "operator" });
    expect((await run(newLoader, getRequest("/programme/appels/nouveau", { cookie: op.cookie }))).status).toBe(200);
    const fields = callFields({ closesAt: "2026-06-30T20:00", opensAt: "2026-05-01T09:00" });
    const res = await run(newAction, formRequest("/programme/appels/nouveau", fields, { cookie: op.cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(editUrl(fields.code as string));
    const [row] = await db.select().from(calls).where(eq(calls.code, fields.code as string));
    // 20:00 in Morocco on 30 June 2026 (UTC+1) is 19:00 UTC; the call is private, its grid empty.
    expect(row).toMatchObject({ closesAt: new Date("2026-06-30T19:00:00Z"), publishedAt: null, audience: ["association", "cooperative"], seats: 12 });
    const [grid] = await db.select().from(callGrids).where(eq(callGrids.callId, row.id));
    expect(grid.sections).toEqual([]);

    const bad = await run(newAction, formRequest("/programme/appels/nouveau", callFields({ titleFr: "", closesAt: "2026-02-30T10:00", kind: "label" }), { cookie: op.cookie }));
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ titleFr: ["calls.errors.title"], closesAt: ["calls.errors.instant"], labelValidityMonths: ["calls.errors.validity"] });
    expect(bad.data.values).toMatchObject({ titleAr: "طلب تجريبي للمشرفين", audience: ["association", "cooperative"] });

    const taken = await run(newAction, formRequest("/programme/appels/nouveau", callFields({ code: fields.code as string }), { cookie: op.cookie }));
    expect(taken.status).toBe(409);
    expect(taken.data.errors).toEqual({ code: ["calls.errors.codeTaken"] });
  });

  it("a new edition starts from an earlier call: its grid and required documents are copied; an unknown call is refused beside the field", async () => {
    const op = await signedIn({ platformRole: "operator" });
    const source = await createdCall(op);
    const [sourceCall] = await db.select().from(calls).where(eq(calls.code, source));
    expect((await post(source, op.cookie, { ...gridFields("60", "40"), intent: "saveGrid" })).status).toBe(302);
    await db.insert(callRequirements).values({ callId: sourceCall.id, kind: "statutes", labelFr: "Statuts", labelAr: "القانون الأساسي", formats: ["pdf"], maxBytes: 5 * 1024 * 1024, position: 0 });

    const page = await run(newLoader, getRequest("/programme/appels/nouveau", { cookie: op.cookie }));
    expect(page.data.templates.map((t: { code: string }) => t.code)).toContain(source);
    const fields = callFields({ from: source });
    const res = await run(newAction, formRequest("/programme/appels/nouveau", fields, { cookie: op.cookie }));
    expect(res.status).toBe(302);
    const [copy] = await db.select().from(calls).where(eq(calls.code, fields.code as string));
    const [grid] = await db.select().from(callGrids).where(eq(callGrids.callId, copy.id));
    expect(grid.sections.map((x) => [x.id, x.weight])).toEqual([["impact-social", 60], ["equipe", 40]]);
    expect(grid.sections[0].criteria[0].questions[0].labelFr).toBe("Décrivez votre impact");
    const requirements = await db.select().from(callRequirements).where(eq(callRequirements.callId, copy.id));
    expect(requirements.map((r) => [r.kind, r.labelFr, r.formats, r.maxBytes])).toEqual([["statutes", "Statuts", ["pdf"], 5 * 1024 * 1024]]);
    // The source keeps its own; the copy is the new call's to change.
    expect(await db.select().from(callRequirements).where(eq(callRequirements.callId, sourceCall.id))).toHaveLength(1);
    const [created] = await db.select().from(callEvents).where(eq(callEvents.callId, copy.id));
    expect(created.data).toMatchObject({ from: source });

    const unknown = callFields({ from: "NOPE-1999" });
    const refused = await run(newAction, formRequest("/programme/appels/nouveau", unknown, { cookie: op.cookie }));
    expect(refused.status).toBe(400);
    expect(refused.data.errors).toEqual({ from: ["callsAdmin.errors.template"] });
    expect(refused.data.values).toMatchObject({ from: "NOPE-1999", titleFr: "Appel de test des opérateurs" });
    expect(await db.select().from(calls).where(eq(calls.code, unknown.code as string))).toEqual([]);
  });

  it("a grid whose weights make 95 is refused beside the total, typed grid kept; an intent re-renders without saving; a valid grid saves; publishing works", async () => {
    const op = await signedIn({ platformRole: "operator" });
    const c = await createdCall(op);
    const [call] = await db.select().from(calls).where(eq(calls.code, c));
    const stored = async () => (await db.select().from(callGrids).where(eq(callGrids.callId, call.id)))[0].sections;

    const early = await post(c, op.cookie, { editor: "publish" });
    expect(early).toMatchObject({ status: 400, data: { messageKey: "calls.errors.noSections" } });

    const lopsided = await post(c, op.cookie, { ...gridFields("55", "40"), intent: "saveGrid" });
    expect(lopsided.status).toBe(400);
    expect(lopsided.data.errors.grid).toEqual(["calls.errors.weightsSum"]);
    expect(lopsided.data.grid.map((s: { titleFr: string; weight: string }) => [s.titleFr, s.weight])).toEqual([["Impact social", "55"], ["Équipe", "40"]]);
    expect(lopsided.data.grid[0].criteria[0].questions[0].labelFr).toBe("Décrivez votre impact");
    expect(await stored()).toEqual([]);

    const zeroMax = await post(c, op.cookie, { ...gridFields("60", "40"), "s.1.c.0.max": "0", intent: "saveGrid" });
    expect(zeroMax.status).toBe(400);
    expect(zeroMax.data.errors["s.1.c.0"]).toContain("calls.errors.criterionMax");

    const added = await post(c, op.cookie, { ...gridFields("55", "40"), intent: "addSection" });
    expect(added.status).toBe(200);
    expect(added.data).toMatchObject({ editor: "grid", unsaved: true });
    expect(added.data.grid).toHaveLength(3);
    expect(added.data.grid[2]).toMatchObject({ titleFr: "", criteria: [{ titleFr: "", max: "10" }] });
    const criterion = await post(c, op.cookie, { ...gridFields("55", "40"), intent: "addQuestion:1.0" });
    expect(criterion.data.grid[1].criteria[0].questions).toHaveLength(1);
    const removed = await post(c, op.cookie, { ...gridFields("55", "40"), intent: "remove:0" });
    expect(removed.data.grid.map((s: { titleFr: string }) => s.titleFr)).toEqual(["Équipe"]);
    expect(await stored()).toEqual([]);

    const saved = await post(c, op.cookie, { ...gridFields("60", "40"), intent: "saveGrid" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(editUrl(c));
    const grid = await stored();
    expect(grid.map((s) => [s.id, s.weight])).toEqual([["impact-social", 60], ["equipe", 40]]);
    expect(grid[0].criteria[0]).toMatchObject({ id: "impact-social-2", max: 10, minimum: null, guidanceFr: "Des chiffres si possible.", guidanceAr: null, questions: [{ id: "decrivez-votre-impact", maxLength: 800 }] });
    expect(grid[1].criteria[0]).toMatchObject({ id: "equipe-gouvernance", max: 5, minimum: 2 });

    const shown = await html(editUrl(c), op.cookie, { ...gridFields("55", "40"), intent: "saveGrid" });
    expect(shown).toContain("Total : 95 / 100");
    expect(shown).toContain("Les poids des sections doivent faire 100 au total.");
    expect(shown).toContain('name="s.1.c.0.titleFr"');
    expect(shown).toContain("Décrivez votre impact");
    const withSection = await html(editUrl(c), op.cookie, { ...gridFields("55", "40"), intent: "addSection" });
    expect(withSection).toContain('name="s.2.titleFr"');
    expect(withSection).toContain("Modifications non enregistrées");

    const page = await run(editLoader, getRequest(editUrl(c), { cookie: op.cookie }), { code: c });
    expect(page.status).toBe(200);
    expect(page.data.grid[1]).toMatchObject({ id: "equipe", weight: "40" });
    expect(page.data.values).toMatchObject({ code: c, kind: "selection", observationDays: "10" });

    const published = await post(c, op.cookie, { editor: "publish" });
    expect(published.status).toBe(302);
    const [after] = await db.select().from(calls).where(eq(calls.id, call.id));
    expect(after.publishedAt).toBeInstanceOf(Date);
    expect(await post(c, op.cookie, { editor: "publish" })).toMatchObject({ status: 409, data: { messageKey: "calls.errors.alreadyPublished" } });
    const actions = (await db.select().from(callEvents).where(eq(callEvents.callId, call.id))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["createCall", "saveGrid", "publishCall"]));
  });

  it("edits the fields and the required documents; what applicants rely on is frozen once they applied", async () => {
    const op = await signedIn({ platformRole: "admin" });
    const c = await createdCall(op);
    const [call] = await db.select().from(calls).where(eq(calls.code, c));

    const added = await post(c, op.cookie, { editor: "requirements", intent: "addRequirement" });
    expect(added.data.requirements).toHaveLength(1);
    const badDoc = await post(c, op.cookie, { editor: "requirements", intent: "saveRequirements", "r.0.kind": "statutes", "r.0.labelFr": "Statuts", "r.0.labelAr": "القانون الأساسي", "r.0.maxMb": "80", "r.0.required": "on" });
    expect(badDoc.status).toBe(400);
    expect(badDoc.data.errors).toMatchObject({ "r.0.maxMb": ["calls.errors.maxBytes"], "r.0.formats": ["calls.errors.formats"] });
    expect(badDoc.data.requirements[0]).toMatchObject({ labelFr: "Statuts", maxMb: "80" });
    const doc = { "r.0.kind": "statutes", "r.0.labelFr": "Statuts", "r.0.labelAr": "القانون الأساسي", "r.0.formats": ["pdf", "jpeg"], "r.0.maxMb": "2", "r.0.required": "on" };
    expect((await post(c, op.cookie, { editor: "requirements", intent: "saveRequirements", ...doc })).status).toBe(302);
    const [req] = await db.select().from(callRequirements).where(eq(callRequirements.callId, call.id));
    expect(req).toMatchObject({ kind: "statutes", formats: ["pdf", "jpeg"], maxBytes: 2 * 1024 * 1024, required: true });

    const renamed = await post(c, op.cookie, { editor: "call", ...callFields({ code: c, titleFr: "Appel de test renommé", seats: "20" }) });
    expect(renamed.status).toBe(302);
    expect((await db.select().from(calls).where(eq(calls.id, call.id)))[0]).toMatchObject({ titleFr: "Appel de test renommé", seats: 20 });

    // A submitted application: the kind, a closing in the past and the existing documents are now frozen.
    const owner = await createUser(db);
    const org = await createOrganization(db, { kind: "association", name: `Association admin ${seq}`, ownerId: owner.id, verificationStatus: "verified" });
    await db.insert(applications).values({ reference: `${c}-0001`, callId: call.id, organizationId: org.id, status: "submitted", gridVersion: 1, submittedAt: new Date() });
    const past = await post(c, op.cookie, { editor: "call", ...callFields({ code: c, closesAt: instantToMoroccoLocal(new Date(Date.now() - 3_600_000)), opensAt: instantToMoroccoLocal(new Date(Date.now() - 2 * DAY)) }) });
    expect(past.status).toBe(409);
    expect(past.data.errors).toEqual({ closesAt: ["callsAdmin.errors.closesInPast"] });
    expect(past.data.values.titleFr).toBe("Appel de test des opérateurs");
    const kind = await post(c, op.cookie, { editor: "call", ...callFields({ code: c, kind: "label", labelValidityMonths: "24" }) });
    expect(kind.data.errors).toEqual({ kind: ["callsAdmin.errors.kindFrozen"] });
    const later = await post(c, op.cookie, { editor: "call", ...callFields({ code: c, closesAt: instantToMoroccoLocal(new Date(Date.now() + 60 * DAY)) }) });
    expect(later.status).toBe(302);

    const dropped = await post(c, op.cookie, { editor: "requirements", intent: "saveRequirements" });
    expect(dropped).toMatchObject({ status: 409, data: { messageKey: "callsAdmin.errors.requirementsFrozen" } });
    const more = await post(c, op.cookie, {
      editor: "requirements",
      intent: "saveRequirements",
      "r.0.id": req.id,
      ...doc,
      "r.1.kind": "activity_report",
      "r.1.labelFr": "Rapport d’activité",
      "r.1.labelAr": "تقرير النشاط",
      "r.1.formats": "pdf",
      "r.1.maxMb": "5",
    });
    expect(more.status).toBe(302);
    const reqs = await db.select().from(callRequirements).where(eq(callRequirements.callId, call.id)).orderBy(callRequirements.position);
    expect(reqs.map((r) => [r.id === req.id, r.kind, r.required])).toEqual([[true, "statutes", true], [false, "activity_report", false]]);

    // The list shows the call with its applications by status.
    const list = await run(listLoader, getRequest(`/programme/appels?q=${c}`, { cookie: op.cookie }));
    expect(list.status).toBe(200);
    expect(list.data.calls).toHaveLength(1);
    expect(list.data.calls[0]).toMatchObject({ code: c, state: "draft", applications: 1, byStatus: { submitted: 1, draft: 0 } });

    // Once published, the code no longer changes.
    await db.update(calls).set({ publishedAt: new Date() }).where(eq(calls.id, call.id));
    const recoded = await post(c, op.cookie, { editor: "call", ...callFields({ code: code() }) });
    expect(recoded.data.errors).toEqual({ code: ["callsAdmin.errors.codeFrozen"] });
  });

  it("lists drafts too, paginated; a company owner gets 403 and anonymous is sent to sign in", async () => {
    const op = await signedIn({ platformRole: "operator" });
    const c = await createdCall(op);
    const list = await run(listLoader, getRequest("/programme/appels", { cookie: op.cookie }));
    expect(list.status).toBe(200);
    expect(list.data.calls.length).toBeLessThanOrEqual(20);
    expect(list.data.calls.map((x: { code: string }) => x.code)).toContain(c);
    expect(await html("/programme/appels", op.cookie)).toContain(`/programme/appels/${c}/modifier`);
    expect(await html("/programme/appels/nouveau", op.cookie)).toContain('type="datetime-local"');
    const edit = await html(editUrl(c), op.cookie);
    expect(edit).toContain("Publier l’appel");
    expect(edit).toContain("Total : 0 / 100");

    const owner = await signedIn();
    await createOrganization(db, { kind: "company", name: `Entreprise ${seq}`, ownerId: owner.user.id });
    for (const res of [
      await run(listLoader, getRequest("/programme/appels", { cookie: owner.cookie })),
      await run(newLoader, getRequest("/programme/appels/nouveau", { cookie: owner.cookie })),
      await run(newAction, formRequest("/programme/appels/nouveau", callFields(), { cookie: owner.cookie })),
      await run(editLoader, getRequest(editUrl(c), { cookie: owner.cookie }), { code: c }),
      await run(editAction, formRequest(editUrl(c), { editor: "publish" }, { cookie: owner.cookie }), { code: c }),
    ]) {
      expect(res.status).toBe(403);
    }
    for (const res of [
      await run(listLoader, getRequest("/programme/appels")),
      await run(newAction, formRequest("/programme/appels/nouveau", callFields())),
      await run(editAction, formRequest(editUrl(c), { editor: "publish" }), { code: c }),
    ]) {
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toMatch(/^\/connexion/);
    }
    expect((await db.select().from(calls).where(eq(calls.code, c)))[0].publishedAt).toBeNull();
    expect((await run(editLoader, getRequest(editUrl("NOPE-2026"), { cookie: op.cookie }), { code: "NOPE-2026" })).status).toBe(404);
  });
});
