import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, callRequirements, organizationDocuments, type GridSection } from "../../db/schema";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { createSession } from "~/modules/accounts/session.server";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall, publishCall } from "~/modules/calls/calls.server";
import { action as applicationAction, loader as applicationLoader } from "~/routes/candidatures.$reference";
import { loader as callsLoader } from "~/routes/appels";
import { action as callAction, loader as callLoader } from "~/routes/appels_.$code";
import { formRequest, getRequest, run } from "../support/http";

// The pages of calls (issue 6, items 1–2): /appels lists what is published, a call's page starts the active
// organisation's application, and the application's steps save answers, attach documents and submit.

let seq = 0;
const GRID: GridSection[] = [
  { id: "impact", titleFr: "Impact", titleAr: "الأثر", weight: 60, criteria: [{ id: "impact-1", titleFr: "Impact social", titleAr: "الأثر الاجتماعي", max: 10, minimum: null, guidanceFr: "Des chiffres si possible.", guidanceAr: "أرقام إن أمكن.", questions: [{ id: "q-impact", labelFr: "Votre impact", labelAr: "أثركم", maxLength: 300 }] }] },
  { id: "team", titleFr: "Équipe", titleAr: "الفريق", weight: 40, criteria: [{ id: "team-1", titleFr: "Équipe", titleAr: "الفريق", max: 10, minimum: null, guidanceFr: null, guidanceAr: null, questions: [{ id: "q-team", labelFr: "Votre équipe", labelAr: "فريقكم", maxLength: 100 }] }] },
];

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

async function callOpenNow(publish = true) {
  const op = await signedIn({ platformRole: "operator" });
  const now = Date.now();
  const input = callSchema.parse({
    code: `PAGE${++seq}-2026`,
    kind: "selection",
    audience: ["association"],
    titleFr: "Appel de test ouvert",
    titleAr: "طلب تجريبي مفتوح",
    descriptionFr: "Un appel ouvert maintenant, pour les pages.",
    descriptionAr: "طلب مفتوح الآن، من أجل الصفحات.",
    opensAt: instantToMoroccoLocal(new Date(now - 86_400_000)),
    closesAt: instantToMoroccoLocal(new Date(now + 30 * 86_400_000)),
    seats: "10",
    labelValidityMonths: "",
  });
  const call = await createCall({ db, actor: op.actor, input, sections: GRID, requirements: [{ kind: "statutes", labelFr: "Statuts", labelAr: "القانون الأساسي", formats: ["pdf"], maxBytes: 1_000_000, required: true }] });
  if (publish) await publishCall({ db, actor: op.actor, callId: call.id });
  return { call, op };
}

async function association() {
  const owner = await signedIn();
  const org = await createOrganization(db, { kind: "association", name: `Association ${++seq}`, ownerId: owner.user.id, verificationStatus: "verified" });
  return { ...owner, org };
}

describe("calls pages", () => {
  it("lists published calls only, and a draft call is the operators' alone", async () => {
    const { call } = await callOpenNow();
    const { call: draft, op } = await callOpenNow(false);
    const list = await run(callsLoader, getRequest("/appels"));
    expect(list.data.calls.map((c: { code: string }) => c.code)).toContain(call.code);
    expect(list.data.calls.map((c: { code: string }) => c.code)).not.toContain(draft.code);
    expect((await run(callLoader, getRequest(`/appels/${draft.code}`), { code: draft.code })).status).toBe(404);
    expect((await run(callLoader, getRequest(`/appels/${draft.code}`, { cookie: op.cookie }), { code: draft.code })).status).toBe(200);
    const page = await run(callLoader, getRequest(`/appels/${call.code}`), { code: call.code });
    expect(page.data).toMatchObject({ state: "open", context: null });
  });

  it("an association starts, fills step by step, attaches its statutes and submits; an outsider sees nothing", async () => {
    const { call } = await callOpenNow();
    const who = await association();
    const page = await run(callLoader, getRequest(`/appels/${call.code}`, { cookie: who.cookie }), { code: call.code });
    expect(page.data.context).toMatchObject({ canApply: true, refusal: null, application: null });
    const started = await run(callAction, formRequest(`/appels/${call.code}`, {}, { cookie: who.cookie }), { code: call.code });
    expect(started.status).toBe(302);
    const reference = /\/candidatures\/([A-Z0-9-]+)/.exec(started.headers.get("Location") ?? "")![1];
    const again = await run(callAction, formRequest(`/appels/${call.code}`, {}, { cookie: who.cookie }), { code: call.code });
    expect(again).toMatchObject({ status: 409, data: { messageKey: "calls.errors.alreadyApplied" } });

    const path = `/candidatures/${reference}`;
    const autosave = await run(applicationAction, formRequest(path, { intent: "autosave", step: "1", "a.q-impact": "120 femmes formées" }, { cookie: who.cookie }), { reference });
    expect(autosave.status).toBe(200);
    expect(autosave.data.savedAt).toBeInstanceOf(Date);
    const tooLong = await run(applicationAction, formRequest(path, { intent: "next", step: "2", "a.q-team": "x".repeat(101) }, { cookie: who.cookie }), { reference });
    expect(tooLong.status).toBe(400);
    expect(tooLong.data.errors["a.q-team"]).toEqual(["calls.errors.answerTooLong"]);
    const next = await run(applicationAction, formRequest(path, { intent: "next", step: "2", "a.q-team": "Trois salariées" }, { cookie: who.cookie }), { reference });
    expect(next.headers.get("Location")).toContain(`${path}?etape=3`);

    const view = await run(applicationLoader, getRequest(`${path}?etape=3`, { cookie: who.cookie }), { reference });
    expect(view.data).toMatchObject({ step: 3, missing: { questions: [], documents: [expect.any(String)] } });
    const [doc] = await db
      .insert(organizationDocuments)
      .values({ organizationId: who.org.id, kind: "statutes", title: "Statuts signés", key: `vault/${crypto.randomUUID()}.pdf`, fileName: "statuts.pdf", contentType: "application/pdf", bytes: 50_000 })
      .returning();
    const [req] = await db.select().from(callRequirements).where(eq(callRequirements.callId, call.id));
    const attached = await run(applicationAction, formRequest(path, { intent: "attach", step: "3", requirementId: req.id, documentId: doc.id }, { cookie: who.cookie }), { reference });
    expect(attached.status).toBe(302);
    const submitted = await run(applicationAction, formRequest(path, { intent: "submit" }, { cookie: who.cookie }), { reference });
    expect(submitted.status).toBe(302);
    const [row] = await db.select().from(applications).where(eq(applications.reference, reference));
    expect(row).toMatchObject({ status: "submitted", answers: { "q-impact": "120 femmes formées", "q-team": "Trois salariées" } });

    const outsider = await signedIn();
    expect((await run(applicationLoader, getRequest(path, { cookie: outsider.cookie }), { reference })).status).toBe(404);
    expect((await run(applicationAction, formRequest(path, { intent: "autosave", "a.q-team": "pirate" }, { cookie: outsider.cookie }), { reference })).status).toBe(404);
  });
});
