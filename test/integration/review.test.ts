import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, callEvents, callJurors, reviewAssignments, reviewScores, users, type GridSection } from "../../db/schema";
import type { ApplicationStatus } from "../../db/schema/enums";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall } from "~/modules/calls/calls.server";
import { declareConflict, jurorAssignments, jurorDossier, jurorFor, saveScores, SheetInvalid } from "~/modules/calls/review.server";
import { assign, callResults, callTrail, inviteJuror, jurorLoads, screen, unassign } from "~/modules/calls/screening.server";
import { lastMailTo, linkIn } from "../support/mail";

// Screening and review (issue 6, item 3): operators screen applications and give them to jurors; a juror
// answers the conflict-of-interest question before seeing a dossier, scores within each maximum, and sees the
// others' sheets only once theirs is in; operators see mean, median and spread, the disagreement flag, minimums
// and the ranking; every step is in the call's append-only trail.

let seq = 0;

async function operator() {
  const user = await createUser(db, { platformRole: "operator", name: "Salma Operatrice" });
  return { id: user.id, platformRole: user.platformRole };
}

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
  titleFr: id,
  titleAr: "معيار",
  weight,
  criteria: [
    {
      id: `${id}-1`,
      titleFr: id,
      titleAr: "معيار",
      max: 10,
      minimum,
      guidanceFr: null,
      guidanceAr: null,
      questions: [{ id: `q-${id}`, labelFr: `Question ${id}`, labelAr: "سؤال", maxLength: 2000 }],
    },
  ],
}));

const ANSWER = "Nous accompagnons 120 femmes artisanes à Azilal depuis 2012.";

async function newCall() {
  const actor = await operator();
  const parsed = callSchema.safeParse({
    code: `AMI${++seq}-2026`,
    kind: "selection",
    audience: ["association"],
    titleFr: `Appel à manifestation d’intérêt CAP+ ${seq}`,
    titleAr: "طلب إبداء الاهتمام كاب+",
    descriptionFr: "Sélection de 150 organisations de la société civile accompagnées par le programme.",
    descriptionAr: "انتقاء 150 منظمة من المجتمع المدني يواكبها البرنامج.",
    opensAt: "2026-05-01T09:00",
    closesAt: "2026-06-30T20:00",
    seats: "150",
    labelValidityMonths: "",
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const call = await createCall({ db, actor, input: parsed.data, sections: GRID, requirements: [] });
  return { call, actor };
}

async function application(callId: string, status: ApplicationStatus = "submitted", submittedAt = new Date("2026-06-20T10:00:00Z")) {
  const owner = await createUser(db);
  const org = await createOrganization(db, { kind: "association", name: `Association Tifawt ${++seq}`, ownerId: owner.id });
  const [app] = await db
    .insert(applications)
    .values({ reference: `AMI-2026-${String(seq).padStart(4, "0")}`, callId, organizationId: org.id, status, gridVersion: 1, submittedAt, answers: { "q-relevance": ANSWER } })
    .returning();
  return app;
}

/** A juror invited to the call and signed in with the invited address, verified. */
async function juror(callId: string, actor: { id: string; platformRole: null | string }, name = "Karim Jury") {
  const user = await createUser(db, { name });
  const invited = await inviteJuror({ db, actor: actor as never, callId, email: user.email.toUpperCase(), name });
  const me = { id: user.id, platformRole: null };
  expect(await jurorFor(db, callId, me)).toMatchObject({ id: invited.id, userId: user.id });
  return { user, actor: me, jurorId: invited.id };
}

const events = (callId: string) => db.select().from(callEvents).where(eq(callEvents.callId, callId)).orderBy(callEvents.createdAt);
const statusOf = async (id: string) => (await db.select({ status: applications.status }).from(applications).where(eq(applications.id, id)))[0].status;
const scoresOf = async (assignmentId: string) => (await db.select({ n: count() }).from(reviewScores).where(eq(reviewScores.assignmentId, assignmentId)))[0].n;
const sheet = (relevance: number, capacity: number, potential: number, commitment: number) => ({
  "relevance-1": relevance,
  "capacity-1": capacity,
  "potential-1": potential,
  "commitment-1": commitment,
});

/** A comment on every scored criterion, as a submission needs: "Motif <criterion>." unless given. */
const explained = (scores: Record<string, number>, given: Record<string, string> = {}) => ({
  ...Object.fromEntries(Object.keys(scores).map((id) => [id, `Motif ${id}.`])),
  ...given,
});

/** Assigned, no conflict, scored and submitted. */
async function scored(applicationId: string, j: { jurorId: string; actor: { id: string; platformRole: null } }, op: { id: string; platformRole: string | null }, scores: Record<string, number>) {
  const { assignment } = await assign({ db, actor: op as never, applicationId, jurorId: j.jurorId });
  await declareConflict({ db, actor: j.actor, assignmentId: assignment.id, conflict: "none" });
  await saveScores({ db, actor: j.actor, assignmentId: assignment.id, scores, comments: explained(scores, { "relevance-1": "Ancrage solide." }), submit: true });
  return assignment.id;
}

describe("screening", () => {
  it("marks an application ineligible with a reason (required), then eligible, each step in the trail", async () => {
    const { call, actor } = await newCall();
    const app = await application(call.id);
    await expect(screen({ db, actor, applicationId: app.id, eligible: false })).rejects.toMatchObject({ status: 400, messageKey: "review.errors.reason" });
    await expect(screen({ db, actor, applicationId: app.id, eligible: false, reason: "  Court   " })).rejects.toMatchObject({ status: 400 });
    expect(await statusOf(app.id)).toBe("submitted");

    const reason = "Les statuts fournis ne sont pas ceux de l’association candidate.";
    expect(await screen({ db, actor, applicationId: app.id, eligible: false, reason })).toEqual({ status: "ineligible" });
    const [row] = await db.select().from(applications).where(eq(applications.id, app.id));
    expect(row).toMatchObject({ status: "ineligible", eligibilityReason: reason });
    expect(await screen({ db, actor, applicationId: app.id, eligible: true })).toEqual({ status: "eligible" });
    expect((await db.select().from(applications).where(eq(applications.id, app.id)))[0].eligibilityReason).toBeNull();

    const trail = (await events(call.id)).filter((e) => e.applicationId === app.id);
    expect(trail.map((e) => [e.action, e.fromStatus, e.toStatus, e.reason, e.actorId])).toEqual([
      ["markIneligible", "submitted", "ineligible", reason, actor.id],
      ["markEligible", "ineligible", "eligible", null, actor.id],
    ]);
  });

  it("refuses illegal steps with a translated 409, and anyone but an operator", async () => {
    const { call, actor } = await newCall();
    const draft = await application(call.id, "draft", null as never);
    await expect(screen({ db, actor, applicationId: draft.id, eligible: true })).rejects.toMatchObject({ status: 409, messageKey: "review.errors.notScreenable" });
    const reviewing = await application(call.id, "under_review");
    await expect(screen({ db, actor, applicationId: reviewing.id, eligible: false, reason: "Dossier incomplet sur le plan juridique." })).rejects.toMatchObject({
      status: 409,
      messageKey: "review.errors.notScreenable",
    });
    const owner = await createUser(db);
    await expect(screen({ db, actor: { id: owner.id, platformRole: null }, applicationId: reviewing.id, eligible: true })).rejects.toMatchObject({ status: 403 });
    await expect(screen({ db, actor, applicationId: "not-a-uuid", eligible: true })).rejects.toMatchObject({ status: 404 });
    expect(await statusOf(draft.id)).toBe("draft");
    expect(await statusOf(reviewing.id)).toBe("under_review");
  });
});

describe("jurors", () => {
  it("invites a juror by e-mail, once per call; they are resolved by their verified address only", async () => {
    const { call, actor } = await newCall();
    const user = await createUser(db, { name: "Nadia Berrada", verified: false });
    const invited = await inviteJuror({ db, actor, callId: call.id, email: ` ${user.email.toUpperCase()} `, name: "Nadia Berrada" });
    expect(invited).toMatchObject({ email: user.email, userId: null, acceptedAt: null });
    const mail = await lastMailTo(user.email);
    expect(mail.subject).toContain(call.titleFr);
    expect(mail.text).toContain(user.email);
    expect(linkIn(mail.text, "/jury")).toMatch(/\/jury$/);

    await expect(inviteJuror({ db, actor, callId: call.id, email: user.email, name: "Nadia B." })).rejects.toMatchObject({ status: 409, messageKey: "review.errors.duplicateJuror" });
    await expect(inviteJuror({ db, actor, callId: call.id, email: "pas-une-adresse", name: "Nadia B." })).rejects.toMatchObject({ status: 400, messageKey: "review.errors.email" });
    await expect(inviteJuror({ db, actor: { id: user.id, platformRole: null }, callId: call.id, email: "x@example.ma", name: "Nadia B." })).rejects.toMatchObject({ status: 403 });

    // An address nobody proved is theirs opens nothing; someone else's account neither.
    const me = { id: user.id, platformRole: null };
    expect(await jurorFor(db, call.id, me)).toBeNull();
    const stranger = await createUser(db);
    expect(await jurorFor(db, call.id, { id: stranger.id, platformRole: null })).toBeNull();
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, user.id));
    const resolved = await jurorFor(db, call.id, me);
    expect(resolved).toMatchObject({ id: invited.id, userId: user.id });
    expect(resolved!.acceptedAt).toBeInstanceOf(Date);
    // A juror of one call is not one of another.
    const other = await newCall();
    expect(await jurorFor(db, other.call.id, me)).toBeNull();
  });
});

describe("assignments", () => {
  it("the first assignment starts the review; duplicates, other calls' jurors and unscreened applications are refused; loads per juror", async () => {
    const { call, actor } = await newCall();
    const app = await application(call.id, "eligible");
    const second = await application(call.id, "eligible");
    const a = await juror(call.id, actor, "Amine Jury");
    const b = await juror(call.id, actor, "Btissam Jury");
    const { assignment, status } = await assign({ db, actor, applicationId: app.id, jurorId: a.jurorId });
    expect(status).toBe("under_review");
    expect(await statusOf(app.id)).toBe("under_review");
    const trail = (await events(call.id)).filter((e) => e.applicationId === app.id);
    expect(trail.map((e) => [e.action, e.fromStatus, e.toStatus, e.actorId]).sort()).toEqual(
      [
        ["assign", null, null, actor.id],
        ["startReview", "eligible", "under_review", null],
      ].sort(),
    );
    expect((await assign({ db, actor, applicationId: app.id, jurorId: b.jurorId })).status).toBe("under_review");
    await assign({ db, actor, applicationId: second.id, jurorId: a.jurorId });

    await expect(assign({ db, actor, applicationId: app.id, jurorId: a.jurorId })).rejects.toMatchObject({ status: 409, messageKey: "review.errors.alreadyAssigned" });
    const elsewhere = await newCall();
    const outsider = await juror(elsewhere.call.id, elsewhere.actor);
    await expect(assign({ db, actor, applicationId: app.id, jurorId: outsider.jurorId })).rejects.toMatchObject({ status: 404 });
    const submitted = await application(call.id, "submitted");
    await expect(assign({ db, actor, applicationId: submitted.id, jurorId: a.jurorId })).rejects.toMatchObject({ status: 409, messageKey: "review.errors.notAssignable" });
    expect(await statusOf(submitted.id)).toBe("submitted");

    // A scores the first application; B declares a conflict on it.
    await declareConflict({ db, actor: a.actor, assignmentId: assignment.id, conflict: "none" });
    await saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: sheet(5, 5, 5, 5), comments: explained(sheet(5, 5, 5, 5)), submit: true });
    const [bOnApp] = await db.select().from(reviewAssignments).where(and(eq(reviewAssignments.jurorId, b.jurorId), eq(reviewAssignments.applicationId, app.id)));
    await declareConflict({ db, actor: b.actor, assignmentId: bOnApp.id, conflict: "declared", note: "J’ai présidé cette association jusqu’en 2024." });

    const loads = await jurorLoads({ db, actor, callId: call.id });
    expect(loads.map((l) => [l.name, l.assigned, l.conflicts, l.submitted, l.pending])).toEqual([
      ["Amine Jury", 2, 0, 1, 1],
      ["Btissam Jury", 0, 1, 0, 0],
    ]);

    // Taken back while not submitted; not once submitted, nor a declared conflict (it stays on record).
    const [aOnSecond] = await db.select().from(reviewAssignments).where(and(eq(reviewAssignments.jurorId, a.jurorId), eq(reviewAssignments.applicationId, second.id)));
    await unassign({ db, actor, assignmentId: aOnSecond.id });
    await expect(unassign({ db, actor, assignmentId: assignment.id })).rejects.toMatchObject({ status: 409, messageKey: "review.errors.alreadySubmitted" });
    await expect(unassign({ db, actor, assignmentId: bOnApp.id })).rejects.toMatchObject({ status: 409, messageKey: "review.errors.conflictDeclared" });
    expect((await jurorLoads({ db, actor, callId: call.id }))[0]).toMatchObject({ assigned: 1, submitted: 1, pending: 0 });
  });
});

describe("conflicts of interest", () => {
  it("a juror must declare before seeing the answers; a declared conflict closes the dossier for good", async () => {
    const { call, actor } = await newCall();
    const app = await application(call.id, "eligible");
    const a = await juror(call.id, actor, "Amine Jury");
    const b = await juror(call.id, actor, "Btissam Jury");
    const { assignment: mine } = await assign({ db, actor, applicationId: app.id, jurorId: a.jurorId });
    const { assignment: theirs } = await assign({ db, actor, applicationId: app.id, jurorId: b.jurorId });

    const pending = await jurorDossier({ db, actor: a.actor, assignmentId: mine.id });
    expect(pending.dossier).toBeNull();
    expect(pending.application.reference).toBe(app.reference);
    expect(pending.application.organization.name).toMatch(/Association Tifawt/);
    expect(JSON.stringify(pending)).not.toContain(ANSWER);
    await expect(saveScores({ db, actor: a.actor, assignmentId: mine.id, scores: sheet(5, 5, 5, 5), submit: false })).rejects.toMatchObject({
      status: 409,
      messageKey: "review.errors.declareFirst",
    });
    // Nobody else answers for the juror, an operator included.
    await expect(declareConflict({ db, actor: b.actor, assignmentId: mine.id, conflict: "none" })).rejects.toMatchObject({ status: 404 });
    await expect(declareConflict({ db, actor, assignmentId: mine.id, conflict: "none" })).rejects.toMatchObject({ status: 404 });

    await declareConflict({ db, actor: a.actor, assignmentId: mine.id, conflict: "none" });
    const open = await jurorDossier({ db, actor: a.actor, assignmentId: mine.id });
    expect(open.dossier).toMatchObject({ answers: { "q-relevance": ANSWER }, canScore: true, others: null });
    expect(open.dossier!.grid.map((s) => s.weight)).toEqual([30, 25, 25, 20]);
    await expect(declareConflict({ db, actor: a.actor, assignmentId: mine.id, conflict: "declared", note: "Je connais finalement la présidente." })).rejects.toMatchObject({
      status: 409,
      messageKey: "review.errors.conflictAnswered",
    });

    await expect(declareConflict({ db, actor: b.actor, assignmentId: theirs.id, conflict: "declared", note: "Ma sœur" })).rejects.toMatchObject({ status: 400, messageKey: "review.errors.conflictNote" });
    await declareConflict({ db, actor: b.actor, assignmentId: theirs.id, conflict: "declared", note: "Ma sœur est trésorière de l’association." });
    await expect(jurorDossier({ db, actor: b.actor, assignmentId: theirs.id })).rejects.toMatchObject({ status: 404 });
    await expect(saveScores({ db, actor: b.actor, assignmentId: theirs.id, scores: sheet(5, 5, 5, 5), submit: true })).rejects.toMatchObject({ status: 404 });
    await expect(declareConflict({ db, actor: b.actor, assignmentId: theirs.id, conflict: "none" })).rejects.toMatchObject({ status: 409, messageKey: "review.errors.conflictAnswered" });
    expect(await scoresOf(theirs.id)).toBe(0);

    const list = await jurorAssignments({ db, actor: b.actor });
    expect(list.assignments.map((x) => [x.reference, x.conflict, x.state])).toEqual([[app.reference, "declared", "closed"]]);
    const trail = (await events(call.id)).filter((e) => e.action === "declareConflict");
    expect(trail.map((e) => [e.actorId, e.data?.conflict, e.reason])).toEqual([
      [a.user.id, "none", null],
      [b.user.id, "declared", "Ma sœur est trésorière de l’association."],
    ]);
  });
});

describe("scoring", () => {
  it("refuses a score over the maximum (nothing written) and someone else's application; a draft, then a submission", async () => {
    const { call, actor } = await newCall();
    const app = await application(call.id, "eligible");
    const a = await juror(call.id, actor, "Amine Jury");
    const b = await juror(call.id, actor, "Btissam Jury");
    const { assignment } = await assign({ db, actor, applicationId: app.id, jurorId: a.jurorId });
    await declareConflict({ db, actor: a.actor, assignmentId: assignment.id, conflict: "none" });

    const over = saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: sheet(11, 5, 5, 5), comments: explained(sheet(11, 5, 5, 5)), submit: true });
    await expect(over).rejects.toBeInstanceOf(SheetInvalid);
    await expect(over).rejects.toMatchObject({ status: 400, messageKey: "calls.errors.scoreRange", problems: [{ code: "calls.errors.scoreRange", criterionId: "relevance-1" }] });
    await expect(saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: { "relevance-1": 4.5 }, submit: false })).rejects.toMatchObject({ status: 400 });
    await expect(saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: { "made-up": 4 }, submit: false })).rejects.toMatchObject({ messageKey: "calls.errors.scoreUnknown" });
    expect(await scoresOf(assignment.id)).toBe(0);

    // B is a juror of this call, but this application is not theirs; an outsider neither.
    await expect(saveScores({ db, actor: b.actor, assignmentId: assignment.id, scores: sheet(1, 1, 1, 1), submit: true })).rejects.toMatchObject({ status: 404 });
    await expect(jurorDossier({ db, actor: b.actor, assignmentId: assignment.id })).rejects.toMatchObject({ status: 404 });
    await expect(saveScores({ db, actor, assignmentId: assignment.id, scores: sheet(1, 1, 1, 1), submit: true })).rejects.toMatchObject({ status: 404 });
    expect(await scoresOf(assignment.id)).toBe(0);

    // A partial draft with a comment; submitting it unfinished names what is missing.
    await saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: { "relevance-1": 8, "capacity-1": 6 }, comments: { "relevance-1": "  Ancrage réel à Azilal.  " }, submit: false });
    let view = await jurorDossier({ db, actor: a.actor, assignmentId: assignment.id });
    expect(view.dossier!.own.scores).toEqual({ "relevance-1": { score: 8, comment: "Ancrage réel à Azilal." }, "capacity-1": { score: 6, comment: null } });
    await expect(saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: { "relevance-1": 8 }, comments: { "potential-1": "Prometteur" }, submit: false })).rejects.toMatchObject({
      messageKey: "review.errors.commentWithoutScore",
    });
    await expect(saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: { "relevance-1": 8, "capacity-1": 6 }, comments: { "relevance-1": "Ancrage.", "capacity-1": "Équipe." }, submit: true })).rejects.toMatchObject({
      status: 400,
      problems: [
        { code: "calls.errors.scoreMissing", criterionId: "potential-1" },
        { code: "calls.errors.scoreMissing", criterionId: "commitment-1" },
      ],
    });
    expect((await db.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignment.id)))[0].submittedAt).toBeNull();

    // Every score is explained on submission: a missing comment is named beside its criterion, nothing is written.
    await expect(saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: sheet(8, 6, 7, 9), comments: { "relevance-1": "Ancrage réel à Azilal.", "capacity-1": "  " }, submit: true })).rejects.toMatchObject({
      status: 400,
      problems: [
        { code: "review.errors.commentMissing", criterionId: "capacity-1" },
        { code: "review.errors.commentMissing", criterionId: "potential-1" },
        { code: "review.errors.commentMissing", criterionId: "commitment-1" },
      ],
    });
    expect(await scoresOf(assignment.id)).toBe(2);
    await saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: sheet(8, 6, 7, 9), comments: explained(sheet(8, 6, 7, 9), { "relevance-1": "Ancrage réel à Azilal." }), submit: true });
    view = await jurorDossier({ db, actor: a.actor, assignmentId: assignment.id });
    // 8/10 × 30 + 6/10 × 25 + 7/10 × 25 + 9/10 × 20 = 24 + 15 + 17.5 + 18
    expect(view.dossier).toMatchObject({ canScore: false, own: { total: 74.5 }, others: [] });
    expect(view.assignment.submittedAt).toBeInstanceOf(Date);
    await expect(saveScores({ db, actor: a.actor, assignmentId: assignment.id, scores: sheet(1, 1, 1, 1), submit: true })).rejects.toMatchObject({
      status: 409,
      messageKey: "review.errors.alreadySubmitted",
    });
    const [submitted] = (await events(call.id)).filter((e) => e.action === "submitScores");
    expect(submitted).toMatchObject({ applicationId: app.id, actorId: a.user.id });
    expect(submitted.data).toMatchObject({ scores: sheet(8, 6, 7, 9), comments: explained(sheet(8, 6, 7, 9), { "relevance-1": "Ancrage réel à Azilal." }), total: 74.5 });
    expect((await jurorAssignments({ db, actor: a.actor })).assignments[0]).toMatchObject({ reference: app.reference, state: "submitted" });
  });

  it("other jurors' scores stay hidden until one's own sheet is submitted, then show anonymised", async () => {
    const { call, actor } = await newCall();
    const app = await application(call.id, "eligible");
    const a = await juror(call.id, actor, "Amine Jury");
    const b = await juror(call.id, actor, "Btissam Jury");
    const aId = await scored(app.id, a, actor, sheet(10, 10, 10, 10));
    const { assignment } = await assign({ db, actor, applicationId: app.id, jurorId: b.jurorId });
    await declareConflict({ db, actor: b.actor, assignmentId: assignment.id, conflict: "none" });
    await saveScores({ db, actor: b.actor, assignmentId: assignment.id, scores: { "relevance-1": 8 }, submit: false });

    const before = await jurorDossier({ db, actor: b.actor, assignmentId: assignment.id });
    expect(before.dossier!.others).toBeNull();
    expect(JSON.stringify(before)).not.toContain("Ancrage solide.");
    // A's view: B's draft is not a sheet yet.
    expect((await jurorDossier({ db, actor: a.actor, assignmentId: aId })).dossier!.others).toEqual([]);

    await saveScores({ db, actor: b.actor, assignmentId: assignment.id, scores: sheet(8, 8, 8, 8), comments: explained(sheet(8, 8, 8, 8), { "capacity-1": "Équipe réduite." }), submit: true });
    const after = await jurorDossier({ db, actor: b.actor, assignmentId: assignment.id });
    expect(after.dossier!.others).toEqual([
      {
        n: 1,
        total: 100,
        sections: { relevance: 30, capacity: 25, potential: 25, commitment: 20 },
        scores: {
          "relevance-1": { score: 10, comment: "Ancrage solide." },
          "capacity-1": { score: 10, comment: "Motif capacity-1." },
          "potential-1": { score: 10, comment: "Motif potential-1." },
          "commitment-1": { score: 10, comment: "Motif commitment-1." },
        },
      },
    ]);
    expect(JSON.stringify(after.dossier!.others)).not.toMatch(/Amine|jurorId/);
    expect((await jurorDossier({ db, actor: a.actor, assignmentId: aId })).dossier!.others).toMatchObject([{ n: 1, total: 80 }]);
  });
});

describe("results", () => {
  it("mean, median and spread as by hand, the disagreement flag, minimums, the ranking, and the trail", async () => {
    const { call, actor } = await newCall();
    const x = await application(call.id, "eligible", new Date("2026-06-01T10:00:00Z"));
    const y = await application(call.id, "eligible", new Date("2026-06-02T10:00:00Z"));
    const w = await application(call.id, "eligible", new Date("2026-06-03T10:00:00Z"));
    const z = await application(call.id, "eligible", new Date("2026-06-04T10:00:00Z"));
    await application(call.id, "ineligible");
    const a = await juror(call.id, actor, "Amine Jury");
    const b = await juror(call.id, actor, "Btissam Jury");
    const c = await juror(call.id, actor, "Chaimae Jury");

    // X, three jurors: A 6/8/4/10 → 18 + 20 + 10 + 20 = 68; B 7/6/8/5 → 21 + 15 + 20 + 10 = 66; C 9/8/8/10 → 27 + 20 + 20 + 20 = 87.
    await scored(x.id, a, actor, sheet(6, 8, 4, 10));
    await scored(x.id, b, actor, sheet(7, 6, 8, 5));
    await scored(x.id, c, actor, sheet(9, 8, 8, 10));
    // Y, two jurors exactly 20 apart (100 and 80): not "more than 20".
    await scored(y.id, a, actor, sheet(10, 10, 10, 10));
    await scored(y.id, b, actor, sheet(8, 8, 8, 8));
    // W: A 10/9/8/4 → 30 + 22.5 + 20 + 8 = 80.5; B 6/6/6/3 → 18 + 15 + 15 + 6 = 54; commitment's mean 3.5 is under 6.
    await scored(w.id, a, actor, sheet(10, 9, 8, 4));
    await scored(w.id, b, actor, sheet(6, 6, 6, 3));
    // C's sheet on W is still a draft, and Z has a juror who has not scored: neither moves anything.
    const { assignment } = await assign({ db, actor, applicationId: w.id, jurorId: c.jurorId });
    await declareConflict({ db, actor: c.actor, assignmentId: assignment.id, conflict: "none" });
    await saveScores({ db, actor: c.actor, assignmentId: assignment.id, scores: sheet(0, 0, 0, 0), submit: false });
    await assign({ db, actor, applicationId: z.id, jurorId: c.jurorId });

    const results = await callResults({ db, actor, callId: call.id });
    expect(results.call.disagreementThreshold).toBe(20);
    expect(results.applications.map((r) => [r.reference, r.rank])).toEqual([
      [y.reference, 1], // 90
      [x.reference, 2], // 73.67
      [w.reference, 3], // 67.25
      [z.reference, null],
    ]);
    const [ry, rx, rw, rz] = results.applications;

    // X: totals 68, 66, 87 → mean 221 / 3, median 68, spread 87 − 66 = 21 > 20.
    expect(rx.total!.mean).toBeCloseTo(221 / 3, 9);
    expect(rx.total).toMatchObject({ median: 68, spread: 21 });
    expect(rx.disagreement).toBe(true);
    // Relevance: points 6, 7, 9 → mean 22/3, median 7, spread 3; as a section (×3): 18, 21, 27 → mean 22, median 21, spread 9.
    const relevance = rx.criteria.find((cr) => cr.criterionId === "relevance-1")!;
    expect(relevance.stats!.mean).toBeCloseTo(22 / 3, 9);
    expect(relevance.stats).toMatchObject({ median: 7, spread: 3 });
    expect(rx.sections.find((s) => s.sectionId === "relevance")!.stats).toEqual({ mean: 22, median: 21, spread: 9 });
    expect(rx.reviews).toEqual({ assigned: 3, submitted: 3, conflicts: 0 });
    expect(rx.jurors.map((j) => [j.name, j.total])).toEqual([
      ["Amine Jury", 68],
      ["Btissam Jury", 66],
      ["Chaimae Jury", 87],
    ]);
    expect(rx.belowMinimum).toEqual([]);

    expect(ry.total).toEqual({ mean: 90, median: 90, spread: 20 });
    expect(ry.disagreement).toBe(false);

    expect(rw.total!.mean).toBeCloseTo(67.25, 9);
    expect(rw.total!.median).toBeCloseTo(67.25, 9);
    expect(rw.total!.spread).toBeCloseTo(26.5, 9);
    expect(rw.disagreement).toBe(true);
    expect(rw.belowMinimum).toEqual(["commitment-1"]);
    expect(rw.reviews).toEqual({ assigned: 3, submitted: 2, conflicts: 0 });

    expect(rz).toMatchObject({ total: null, rank: null, reviews: { assigned: 1, submitted: 0, conflicts: 0 } });
    expect(results.applications).toHaveLength(4);

    // The trail, newest first, with who acted: every submitted sheet with its scores.
    const trail = await callTrail({ db, actor, callId: call.id });
    const submissions = trail.events.filter((e) => e.action === "submitScores");
    expect(submissions).toHaveLength(7);
    expect(submissions.find((e) => e.reference === x.reference && e.actorName === "Chaimae Jury")!.data).toMatchObject({ scores: sheet(9, 8, 8, 10), total: 87 });
    expect(trail.events.at(-1)).toMatchObject({ action: "createCall", actorName: "Salma Operatrice" });
    expect(trail.events.some((e) => e.action === "startReview" && e.actorId === null && e.actorName === null)).toBe(true);
    expect(trail.pageCount).toBe(1);
    expect((await callTrail({ db, actor, callId: call.id, page: 2 })).events).toEqual([]);

    // Operators only.
    await expect(callResults({ db, actor: a.actor, callId: call.id })).rejects.toMatchObject({ status: 403 });
    await expect(callTrail({ db, actor: a.actor, callId: call.id })).rejects.toMatchObject({ status: 403 });
    expect(await db.select({ n: count() }).from(callJurors).where(eq(callJurors.callId, call.id))).toEqual([{ n: 3 }]);
  });
});
