// The demo calls (db/seed-calls.ts): the past Siraj edition with its 4 laureates, the edition open now, and CAP+'s
// AMI as in the source documents, each scored and decided by the engine's own rules and on its trail.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import {
  applicationDocuments,
  applications,
  callEvents,
  callGrids,
  callJurors,
  callRequirements,
  calls,
  labels,
  memberships,
  organizationDocuments,
  organizations,
  reviewAssignments,
  reviewScores,
  users,
  type GridSection,
} from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { getFile } from "~/lib/storage.server";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { rankApplications, validateGrid, validateScores } from "~/modules/calls/scoring";

const DAY = 86_400_000;

/** Every application of a call with its submitted sheets, as the engine reads them. */
async function sheetsOf(callId: string) {
  const rows = await db
    .select({ applicationId: applications.id, submittedAt: applications.submittedAt, jurorId: reviewAssignments.jurorId, criterionId: reviewScores.criterionId, score: reviewScores.score })
    .from(applications)
    .innerJoin(reviewAssignments, and(eq(reviewAssignments.applicationId, applications.id), isNotNull(reviewAssignments.submittedAt), eq(reviewAssignments.conflict, "none")))
    .innerJoin(reviewScores, eq(reviewScores.assignmentId, reviewAssignments.id))
    .where(eq(applications.callId, callId));
  const apps = new Map<string, { applicationId: string; submittedAt: Date | null; jurors: Map<string, Record<string, number>> }>();
  for (const r of rows) {
    const app = apps.get(r.applicationId) ?? { applicationId: r.applicationId, submittedAt: r.submittedAt, jurors: new Map() };
    const sheet = app.jurors.get(r.jurorId) ?? {};
    sheet[r.criterionId] = r.score;
    app.jurors.set(r.jurorId, sheet);
    apps.set(r.applicationId, app);
  }
  return [...apps.values()].map((a) => ({ ...a, jurors: [...a.jurors].map(([jurorId, scores]) => ({ jurorId, scores })) }));
}

const gridOf = async (callId: string) => (await db.select({ sections: callGrids.sections }).from(callGrids).where(and(eq(callGrids.callId, callId), eq(callGrids.version, 1))))[0].sections as GridSection[];

describe("the demo calls", () => {
  it("hold a past Siraj edition with its laureates, an open edition with drafts, and the CAP+ AMI under review", async () => {
    const before = Date.now();
    await seedDemo(db);
    const all = await db.select().from(calls);
    const byCode = new Map(all.map((c) => [c.code, c]));
    const past = byCode.get("SIRAJ-2025")!;
    const ami = byCode.get("AMI-2026")!;
    const open = all.find((c) => c.kind === "label" && c.code !== "SIRAJ-2025")!;
    expect(past).toMatchObject({ kind: "label", audience: ["company"], seats: 4, labelValidityMonths: 24 });
    expect(open).toMatchObject({ kind: "label", audience: ["company"], releasedAt: null });
    expect(ami).toMatchObject({ kind: "selection", audience: ["association"], seats: 150, labelValidityMonths: null, releasedAt: null });
    for (const c of all) expect(c.publishedAt, c.code).not.toBeNull();
    for (const c of all) expect(validateGrid({ sections: await gridOf(c.id) }), c.code).toEqual([]);

    // The AMI as in the seeds: 30/25/25/20, closed on 30/06/2026 at 20:00 Morocco time (UTC+1 then).
    expect(ami.closesAt.toISOString()).toBe("2026-06-30T19:00:00.000Z");
    expect(instantToMoroccoLocal(ami.opensAt)).toBe("2026-05-01T09:00");
    const amiGrid = await gridOf(ami.id);
    expect(amiGrid.map((s) => s.weight)).toEqual([30, 25, 25, 20]);
    expect(amiGrid.map((s) => s.titleFr)).toEqual(["Pertinence et ancrage territorial", "Capacité organisationnelle", "Potentiel de développement", "Engagement"]);
    const amiRequirements = await db.select({ kind: callRequirements.kind }).from(callRequirements).where(eq(callRequirements.callId, ami.id)).orderBy(callRequirements.position);
    expect(amiRequirements.map((r) => r.kind)).toEqual(["letter_of_intent", "legal_registration", "project_list", "supporting"]);

    // The past edition opened and closed in 2025, Morocco time, and was released.
    expect(instantToMoroccoLocal(past.opensAt)).toMatch(/^2025-/);
    expect(instantToMoroccoLocal(past.closesAt)).toMatch(/^2025-.*T20:00$/);
    expect(past.releasedAt!.getTime()).toBeGreaterThan(past.closesAt.getTime());

    // The open edition: open now, closing in 30 days at 20:00 Morocco time.
    const now = Date.now();
    expect(open.opensAt.getTime()).toBeLessThanOrEqual(now);
    expect(open.closesAt.getTime()).toBeGreaterThan(now);
    expect(instantToMoroccoLocal(open.closesAt).slice(11)).toBe("20:00");
    expect(Math.abs((open.closesAt.getTime() - before) / DAY - 30)).toBeLessThanOrEqual(1);
    expect(open.code).toBe(`SIRAJ-${instantToMoroccoLocal(open.opensAt).slice(0, 4)}`);

    const apps = await db.select().from(applications);
    const of = (callId: string) => apps.filter((a) => a.callId === callId);
    const [demoCompany, demoAssociation] = await Promise.all(
      ["entreprise@tiwizi.example.ma", "association@tiwizi.example.ma"].map(async (email) =>
        (await db.select({ id: memberships.organizationId }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.email, email)))[0].id,
      ),
    );
    // The browser tests apply with the demo company and association: never here.
    expect(apps.filter((a) => a.organizationId === demoCompany || a.organizationId === demoAssociation)).toEqual([]);
    for (const a of apps) {
      const call = all.find((c) => c.id === a.callId)!;
      expect(a.reference).toMatch(new RegExp(`^${call.code}-\\d{4}$`));
      expect(a.gridVersion).toBe(1);
      if (a.status === "draft") expect(a.submittedAt).toBeNull();
      else expect(a.submittedAt!.getTime(), a.reference).toBeLessThan(call.closesAt.getTime());
    }
    const kinds = new Map((await db.select({ id: organizations.id, kind: organizations.kind }).from(organizations)).map((o) => [o.id, o.kind]));
    for (const a of [...of(past.id), ...of(open.id)]) expect(kinds.get(a.organizationId)).toBe("company");
    for (const a of of(ami.id)) expect(kinds.get(a.organizationId)).toBe("association");

    // Open edition: drafts, partly answered, saved.
    const drafts = of(open.id);
    expect(drafts.length).toBe(3);
    for (const d of drafts) {
      expect(d.status).toBe("draft");
      expect(d.savedAt).not.toBeNull();
    }
    expect(drafts.some((d) => Object.keys(d.answers).length < 11)).toBe(true);

    // AMI: every stage of the review, none released.
    const amiStatuses = new Set(of(ami.id).map((a) => a.status));
    for (const status of ["submitted", "ineligible", "under_review", "decided"]) expect(amiStatuses, status).toContain(status);
    expect(amiStatuses).not.toContain("released");
    expect(of(ami.id).find((a) => a.status === "ineligible")!.eligibilityReason).toBeTruthy();
    const amiDecisions = of(ami.id).filter((a) => a.status === "decided");
    expect(new Set(amiDecisions.map((a) => a.decision))).toEqual(new Set(["selected", "not_selected", "waiting_list"]));
    for (const a of amiDecisions) expect(a.decisionReason && a.feedback && a.decidedAt, a.reference).toBeTruthy();

    // Every submitted sheet is complete and within its criteria's maxima.
    for (const call of [past, ami]) {
      const grid = await gridOf(call.id);
      for (const app of await sheetsOf(call.id)) {
        for (const sheet of app.jurors) expect(validateScores({ sections: grid }, sheet.scores)).toEqual([]);
      }
    }
    // Every score, submitted or not, is one the grid allows.
    const maxima = new Map([...(await gridOf(past.id)), ...amiGrid].flatMap((s) => s.criteria.map((c) => [c.id, c.max] as const)));
    for (const s of await db.select().from(reviewScores)) expect(s.score).toBeLessThanOrEqual(maxima.get(s.criterionId)!);

    // AMI: decided dossiers have both sheets, under-review ones one of two; a pair of jurors disagrees strongly.
    const amiRanked = rankApplications({ sections: amiGrid }, await sheetsOf(ami.id));
    for (const a of amiDecisions) expect(amiRanked.find((r) => r.applicationId === a.id)!.jurors).toHaveLength(2);
    for (const a of of(ami.id).filter((x) => x.status === "under_review")) expect(amiRanked.find((r) => r.applicationId === a.id)!.jurors).toHaveLength(1);
    expect(amiRanked.some((r) => r.disagreement)).toBe(true);
    const assignments = await db.select().from(reviewAssignments).where(inArray(reviewAssignments.applicationId, of(ami.id).map((a) => a.id)));
    expect(assignments.some((a) => a.submittedAt === null)).toBe(true);

    // SIRAJ-2025: six or seven companies, all released, exactly 4 laureates, the 4 best ranked, each labelled.
    const pastApps = of(past.id);
    expect(pastApps.length).toBeGreaterThanOrEqual(6);
    for (const a of pastApps) expect(a.status).toBe("released");
    const laureates = pastApps.filter((a) => a.decision === "laureate");
    expect(laureates).toHaveLength(4);
    expect(pastApps.filter((a) => a.decision === "not_selected").length).toBeGreaterThanOrEqual(2);
    const ranked = rankApplications({ sections: await gridOf(past.id) }, await sheetsOf(past.id));
    expect(ranked).toHaveLength(pastApps.length);
    for (const r of ranked) expect(r.jurors).toHaveLength(2);
    expect(new Set(ranked.slice(0, 4).map((r) => r.applicationId))).toEqual(new Set(laureates.map((a) => a.id)));
    const labelRows = await db.select().from(labels);
    expect(labelRows).toHaveLength(4);
    expect(new Set(labelRows.map((l) => l.applicationId))).toEqual(new Set(laureates.map((a) => a.id)));
    const releasedOn = instantToMoroccoLocal(past.releasedAt!).slice(0, 10);
    for (const l of labelRows) {
      expect(l.code).toMatch(/^[a-km-np-z2-9]{12}$/);
      expect(l.awardedOn).toBe(releasedOn);
      expect(l.expiresOn).toBe(`${Number(releasedOn.slice(0, 4)) + 2}${releasedOn.slice(4)}`);
    }
    expect(labelRows.map((l) => l.status).sort()).toEqual(["current", "current", "current", "suspended"]);
    expect(labelRows.find((l) => l.status === "suspended")!.statusReason).toBeTruthy();

    // Jurors: the two demo juror accounts, linked and accepted.
    const jurors = await db.select().from(callJurors);
    expect(new Set(jurors.map((j) => j.email))).toEqual(new Set(["jury@tiwizi.example.ma", "jury2@tiwizi.example.ma"]));
    for (const j of jurors) expect(j.userId && j.acceptedAt).toBeTruthy();
    // Every submitted score is explained, as the engine asks of a submission.
    const submittedScores = await db
      .select({ comment: reviewScores.comment })
      .from(reviewScores)
      .innerJoin(reviewAssignments, and(eq(reviewAssignments.id, reviewScores.assignmentId), isNotNull(reviewAssignments.submittedAt)));
    expect(submittedScores.length).toBeGreaterThan(100);
    for (const s of submittedScores) expect(s.comment?.trim()).toBeTruthy();

    // Submitted applications carry every required document, from their own organisation's vault, with bytes behind.
    const attached = await db
      .select({ applicationId: applicationDocuments.applicationId, requirementId: applicationDocuments.requirementId, owner: organizationDocuments.organizationId, key: organizationDocuments.key, bytes: organizationDocuments.bytes })
      .from(applicationDocuments)
      .innerJoin(organizationDocuments, eq(organizationDocuments.id, applicationDocuments.documentId));
    const required = await db.select().from(callRequirements).where(eq(callRequirements.required, true));
    for (const a of apps.filter((x) => x.status !== "draft")) {
      for (const r of required.filter((x) => x.callId === a.callId)) expect(attached.some((d) => d.applicationId === a.id && d.requirementId === r.id), a.reference).toBe(true);
    }
    for (const d of attached) expect(d.owner).toBe(apps.find((a) => a.id === d.applicationId)!.organizationId);
    const file = await getFile(attached[0].key);
    expect(file?.subarray(0, 5).toString()).toBe("%PDF-");
    expect(file?.length).toBe(attached[0].bytes);

    // The trail: each call's story, in order, each application from its start.
    const events = await db.select().from(callEvents).orderBy(callEvents.createdAt);
    for (const c of all) {
      const actions = events.filter((e) => e.callId === c.id).map((e) => e.action);
      expect(actions.slice(0, 2), c.code).toEqual(["createCall", "publishCall"]);
    }
    for (const a of apps) {
      const own = events.filter((e) => e.applicationId === a.id);
      expect(own[0].action, a.reference).toBe("startApplication");
      const last = own.filter((e) => e.toStatus && !e.action.startsWith("label.")).at(-1)!;
      expect(last.toStatus, a.reference).toBe(a.status);
    }
    const pastActions = events.filter((e) => e.callId === past.id).map((e) => e.action);
    for (const action of ["inviteJuror", "submit", "markEligible", "assign", "startReview", "declareConflict", "submitScores", "decide", "release", "releaseCall", "label.suspended"]) {
      expect(pastActions, action).toContain(action);
    }
    expect(events.filter((e) => e.callId === ami.id).map((e) => e.action)).toContain("markIneligible");
    for (const e of events.filter((x) => x.action === "submitScores")) expect(jurors.map((j) => j.userId)).toContain(e.actorId);
  });
});
