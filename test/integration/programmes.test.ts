import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, coachingSessions, memberships, programmeMembers, type GridSection } from "../../db/schema";
import type { ApplicationDecision, ApplicationStatus } from "../../db/schema/enums";
import { DomainError } from "~/lib/errors.server";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall } from "~/modules/calls/calls.server";
import {
  addMilestone,
  admitFromCall,
  admitOrganization,
  assignCoach,
  coachingFigures,
  createProgramme,
  logSession,
  markMilestoneDone,
  organizationRecord,
  programmeCsv,
  progressOf,
} from "~/modules/programmes/programmes.server";
import { milestoneSchema, programmeSchema, sessionSchema } from "~/modules/programmes/schemas";
import { todayInMorocco } from "~/lib/morocco-time";
import { createSession } from "~/modules/accounts/session.server";
import { loader as recordLoader } from "~/routes/organisations.$slug_.accompagnement";
import { action as listAction, loader as listLoader } from "~/routes/programme.incubation";
import { action as pageAction, loader as pageLoader } from "~/routes/programme.incubation_.$slug";
import { formRequest, getRequest, run } from "../support/http";

// Incubation programmes (issue 7, item 3): operators run a cohort, admit organisations directly or from a call,
// assign coaches; coaches and operators log sessions and milestones; each organisation sees only its own record.
// Every refusal is a translated error with nothing written.

let seq = 0;
const NOW = new Date("2026-05-15T10:00:00Z");
const GRID: GridSection[] = [
  { id: "gov", titleFr: "Gouvernance", titleAr: "الحكامة", weight: 100, criteria: [{ id: "gov-1", titleFr: "Éthique", titleAr: "الأخلاقيات", max: 10, minimum: null, guidanceFr: null, guidanceAr: null, questions: [] }] },
];

async function operator() {
  const op = await createUser(db, { platformRole: "operator" });
  return { id: op.id, platformRole: op.platformRole };
}

async function programme(opts: { callCode?: string } = {}) {
  const actor = await operator();
  const input = programmeSchema.parse({
    nameFr: `Cohorte Tamuri ${++seq}`,
    nameAr: "فوج تموري",
    descriptionFr: "Une cohorte d'incubation.",
    startsOn: "2026-03-01",
    endsOn: "2026-12-31",
    callCode: opts.callCode ?? "",
  });
  const p = await createProgramme({ db, actor, input });
  return { p, op: actor };
}

async function org(kind: "cooperative" | "association" = "cooperative") {
  const owner = await createUser(db);
  const o = await createOrganization(db, { kind, name: `Coopérative Incubée ${++seq}`, ownerId: owner.id, verificationStatus: "verified" });
  return { o, owner: { id: owner.id, platformRole: null } };
}

async function coachOf(programmeId: string, op: { id: string; platformRole: "operator" | "admin" | null }) {
  const user = await createUser(db);
  await assignCoach({ db, actor: op, programmeId, email: user.email.toUpperCase() });
  return { id: user.id, platformRole: null };
}

const rawSession = (organizationId: string, over: Record<string, string> = {}) => ({ organizationId, heldOn: "2026-05-10", minutes: "90", topic: "Plan d'affaires", nextSteps: "Chiffrer les charges", ...over });
const session = (organizationId: string, over: Record<string, string> = {}) => sessionSchema.parse(rawSession(organizationId, over));

async function refused(promise: Promise<unknown>, key: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).messageKey).toBe(key);
}

const sessionsOf = async (programmeId: string) => db.select().from(coachingSessions).where(eq(coachingSessions.programmeId, programmeId));

describe("incubation programmes", () => {
  it("only operators create programmes; admitting directly is refused twice and for an unknown organisation", async () => {
    const { o, owner } = await org();
    await expect(createProgramme({ db, actor: owner, input: programmeSchema.parse({ nameFr: "Cohorte", nameAr: "فوج", startsOn: "2026-01-01", endsOn: "2026-06-30" }) })).rejects.toMatchObject({ status: 403 });
    expect(programmeSchema.safeParse({ nameFr: "Cohorte", nameAr: "فوج", startsOn: "2026-06-01", endsOn: "2026-01-01" }).success).toBe(false);
    expect(programmeSchema.safeParse({ nameFr: "Cohorte", nameAr: "فوج", startsOn: "2026-02-31", endsOn: "2026-06-01" }).success).toBe(false);
    await refused(createProgramme({ db, actor: await operator(), input: programmeSchema.parse({ nameFr: "Cohorte", nameAr: "فوج", startsOn: "2026-01-01", endsOn: "2026-06-30", callCode: "NOPE-1" }) }), "incubation.errors.callUnknown");

    const { p, op } = await programme();
    expect(p.kind).toBe("incubation");
    await expect(admitOrganization({ db, actor: owner, programmeId: p.id, organizationSlug: o.slug })).rejects.toMatchObject({ status: 403 });
    await admitOrganization({ db, actor: op, programmeId: p.id, organizationSlug: o.slug, now: NOW });
    await refused(admitOrganization({ db, actor: op, programmeId: p.id, organizationSlug: o.slug, now: NOW }), "incubation.errors.alreadyMember");
    await refused(admitOrganization({ db, actor: op, programmeId: p.id, organizationSlug: "no-such-org" }), "incubation.errors.orgUnknown");
    const members = await db.select().from(programmeMembers).where(eq(programmeMembers.programmeId, p.id));
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({ organizationId: o.id, source: "direct", admittedOn: "2026-05-15", applicationId: null });
  });

  it("admits the selected and laureate applications of the call, once, and only released ones", async () => {
    const op = await operator();
    const code = `INC${Date.now().toString(36).slice(-8)}-2026`.toUpperCase();
    const call = await createCall({
      db,
      actor: op,
      input: callSchema.parse({
        code,
        kind: "label",
        audience: ["cooperative"],
        titleFr: "Appel à incubation de test",
        titleAr: "طلب ترشيح للاحتضان",
        descriptionFr: "Un appel pour tester l'admission.",
        descriptionAr: "طلب لاختبار القبول في البرنامج.",
        opensAt: "2026-01-05T09:00",
        closesAt: "2026-03-01T20:00",
        seats: "4",
        labelValidityMonths: "24",
      }),
      sections: GRID,
      requirements: [],
    });
    const apply = async (status: ApplicationStatus, decision: ApplicationDecision | null) => {
      const { o } = await org();
      await db.insert(applications).values({ reference: `${code}-${String(++seq).padStart(4, "0")}`, callId: call.id, organizationId: o.id, status, decision, gridVersion: 1 });
      return o;
    };
    const laureate = await apply("released", "laureate");
    const selected = await apply("contested", "selected");
    await apply("released", "not_selected");
    await apply("released", "waiting_list");
    await apply("decided", "selected"); // not yet released to the applicant

    const { p } = await programme({ callCode: code });
    expect(p.callId).toBe(call.id);
    const { p: withoutCall } = await programme();
    await refused(admitFromCall({ db, actor: op, programmeId: withoutCall.id }), "incubation.errors.noCall");

    expect(await admitFromCall({ db, actor: op, programmeId: p.id, now: NOW })).toEqual({ admitted: 2 });
    expect(await admitFromCall({ db, actor: op, programmeId: p.id, now: NOW })).toEqual({ admitted: 0 });
    const members = await db.select().from(programmeMembers).where(eq(programmeMembers.programmeId, p.id));
    expect(members.map((m) => m.organizationId).sort()).toEqual([laureate.id, selected.id].sort());
    expect(members.every((m) => m.source === "call" && m.applicationId)).toBe(true);
  });

  it("assigns coaches by verified e-mail only, once", async () => {
    const { p, op } = await programme();
    const unverified = await createUser(db, { verified: false });
    await refused(assignCoach({ db, actor: op, programmeId: p.id, email: unverified.email }), "incubation.errors.coachUnknown");
    await refused(assignCoach({ db, actor: op, programmeId: p.id, email: "nobody@example.ma" }), "incubation.errors.coachUnknown");
    const coach = await createUser(db);
    await assignCoach({ db, actor: op, programmeId: p.id, email: coach.email });
    await refused(assignCoach({ db, actor: op, programmeId: p.id, email: coach.email }), "incubation.errors.alreadyCoach");
    await expect(assignCoach({ db, actor: { id: coach.id, platformRole: null }, programmeId: p.id, email: coach.email })).rejects.toMatchObject({ status: 403 });
  });

  it("refuses a session logged by someone who is not the programme's coach or operator, nothing written", async () => {
    const { p, op } = await programme();
    const { o, owner } = await org();
    await admitOrganization({ db, actor: op, programmeId: p.id, organizationSlug: o.slug, now: NOW });
    const coach = await coachOf(p.id, op);
    const { p: other } = await programme();
    const otherCoach = await coachOf(other.id, op);
    const stranger = await createUser(db);

    // The organisation's own owner, a coach of another programme, anyone signed in, no one: refused.
    for (const actor of [owner, otherCoach, { id: stranger.id, platformRole: null }, null]) {
      await refused(logSession({ db, actor, programmeId: p.id, input: session(o.id), now: NOW }), "incubation.errors.notCoach");
    }
    expect(await sessionsOf(p.id)).toHaveLength(0);

    // A coach cannot log in another coach's name.
    await refused(logSession({ db, actor: coach, programmeId: p.id, input: session(o.id, { coachId: otherCoach.id }), now: NOW }), "incubation.errors.notCoach");
    expect(await sessionsOf(p.id)).toHaveLength(0);

    const logged = await logSession({ db, actor: coach, programmeId: p.id, input: session(o.id), now: NOW });
    expect(logged).toMatchObject({ coachId: coach.id, createdBy: coach.id, minutes: 90, heldOn: "2026-05-10", nextSteps: "Chiffrer les charges" });
    // An operator logs for one of the programme's coaches, not for a coach of another programme.
    const byOp = await logSession({ db, actor: op, programmeId: p.id, input: session(o.id, { coachId: coach.id, minutes: "60" }), now: NOW });
    expect(byOp).toMatchObject({ coachId: coach.id, createdBy: op.id });
    await refused(logSession({ db, actor: op, programmeId: p.id, input: session(o.id, { coachId: otherCoach.id }), now: NOW }), "incubation.errors.coachNotInProgramme");
    expect(await sessionsOf(p.id)).toHaveLength(2);
  });

  it("refuses a session for a non-member, in the future, outside the programme, or of a wrong duration", async () => {
    const { p, op } = await programme();
    const { o } = await org();
    const { o: outsider } = await org();
    await admitOrganization({ db, actor: op, programmeId: p.id, organizationSlug: o.slug, now: NOW });
    const coach = await coachOf(p.id, op);

    await refused(logSession({ db, actor: coach, programmeId: p.id, input: session(outsider.id), now: NOW }), "incubation.errors.notMember");
    await refused(logSession({ db, actor: coach, programmeId: p.id, input: session(o.id, { heldOn: "2026-05-16" }), now: NOW }), "incubation.errors.future");
    await refused(logSession({ db, actor: coach, programmeId: p.id, input: session(o.id, { heldOn: "2026-02-27" }), now: NOW }), "incubation.errors.outsideProgramme");
    await refused(logSession({ db, actor: coach, programmeId: p.id, input: { ...session(o.id), minutes: 601 }, now: NOW }), "incubation.errors.minutes");
    await refused(logSession({ db, actor: coach, programmeId: p.id, input: { ...session(o.id), minutes: 14 }, now: NOW }), "incubation.errors.minutes");
    expect(await sessionsOf(p.id)).toHaveLength(0);

    // The form refuses wrong types and sizes beside their field.
    const bad = sessionSchema.safeParse({ organizationId: o.id, heldOn: "15/05/2026", minutes: "1h", topic: "", nextSteps: "x".repeat(2001) });
    expect(bad.success).toBe(false);
    const fields = bad.error!.issues.map((i) => `${String(i.path[0])}:${i.message}`);
    expect(fields).toEqual(expect.arrayContaining(["heldOn:incubation.errors.date", "minutes:incubation.errors.minutes", "topic:errors.required", "nextSteps:errors.tooLong"]));
    expect(sessionSchema.safeParse({ ...rawSession(o.id), minutes: "14" }).success).toBe(false);
    expect(sessionSchema.safeParse({ ...rawSession(o.id), minutes: "600" }).success).toBe(true);
    expect(sessionSchema.safeParse({ ...rawSession(o.id), organizationId: "not-a-uuid" }).success).toBe(false);

    // The database holds the same rules: a session needs a member organisation and 15–600 minutes.
    await expect(db.insert(coachingSessions).values({ programmeId: p.id, organizationId: outsider.id, heldOn: "2026-05-10", minutes: 60, topic: "x" })).rejects.toThrow();
    await expect(db.insert(coachingSessions).values({ programmeId: p.id, organizationId: o.id, heldOn: "2026-05-10", minutes: 601, topic: "x" })).rejects.toThrow();
  });

  it("tracks milestones and each organisation's progress in bounded aggregates; exports one line per organisation", async () => {
    const { p, op } = await programme();
    const { o: a } = await org();
    const { o: b } = await org();
    const { o: idle } = await org();
    for (const o of [a, b, idle]) await admitOrganization({ db, actor: op, programmeId: p.id, organizationSlug: o.slug, now: NOW });
    const coach = await coachOf(p.id, op);
    await logSession({ db, actor: coach, programmeId: p.id, input: session(a.id, { heldOn: "2026-04-02", minutes: "90" }), now: NOW });
    await logSession({ db, actor: coach, programmeId: p.id, input: session(a.id, { heldOn: "2026-05-12", minutes: "60" }), now: NOW });
    await logSession({ db, actor: coach, programmeId: p.id, input: session(b.id, { heldOn: "2026-03-20", minutes: "120", topic: "=HYPERLINK(\"x\")" }), now: NOW });

    const m1 = await addMilestone({ db, actor: coach, programmeId: p.id, input: milestoneSchema.parse({ organizationId: a.id, title: "Statuts déposés", dueOn: "2026-06-01" }) });
    await addMilestone({ db, actor: op, programmeId: p.id, input: milestoneSchema.parse({ organizationId: a.id, title: "Premier client", dueOn: "2026-09-01" }) });
    await refused(addMilestone({ db, actor: op, programmeId: p.id, input: milestoneSchema.parse({ organizationId: (await org()).o.id, title: "Hors programme", dueOn: "2026-09-01" }) }), "incubation.errors.notMember");
    const { owner: strangerOwner } = await org();
    await expect(addMilestone({ db, actor: strangerOwner, programmeId: p.id, input: milestoneSchema.parse({ organizationId: a.id, title: "X", dueOn: "2026-09-01" }) })).rejects.toMatchObject({ status: 403 });
    await expect(markMilestoneDone({ db, actor: strangerOwner, programmeId: p.id, milestoneId: m1.id, now: NOW })).rejects.toMatchObject({ status: 403 });
    // Posted to another programme's page, even one the operator runs, it is not found there.
    const { p: other } = await programme();
    await expect(markMilestoneDone({ db, actor: op, programmeId: other.id, milestoneId: m1.id, now: NOW })).rejects.toMatchObject({ status: 404 });
    expect((await markMilestoneDone({ db, actor: coach, programmeId: p.id, milestoneId: m1.id, now: NOW })).doneOn).toBe("2026-05-15");
    await refused(markMilestoneDone({ db, actor: op, programmeId: p.id, milestoneId: m1.id, now: NOW }), "incubation.errors.alreadyDone");

    const progress = await progressOf(db, p.id);
    const byId = Object.fromEntries(progress.map((r) => [r.organizationId, r]));
    expect(byId[a.id]).toMatchObject({ sessions: 2, minutes: 150, hours: 2.5, lastSessionOn: "2026-05-12", milestonesDone: 1, milestonesTotal: 2 });
    expect(byId[b.id]).toMatchObject({ sessions: 1, minutes: 120, hours: 2, lastSessionOn: "2026-03-20", milestonesDone: 0, milestonesTotal: 0 });
    expect(byId[idle.id]).toMatchObject({ sessions: 0, minutes: 0, hours: 0, lastSessionOn: null, milestonesDone: 0, milestonesTotal: 0 });

    // Exports: runners only; one line per organisation with its figures; typed text never runs as a formula.
    await expect(programmeCsv(db, strangerOwner, p.slug)).rejects.toMatchObject({ status: 403 });
    const { csv, fileName } = await programmeCsv(db, coach, p.slug);
    expect(fileName).toBe(`programme-${p.slug}.csv`);
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("seances");
    expect(lines.find((l) => l.includes(a.slug))).toContain(";2;150;2,5;2026-05-12;1;2");
    expect(csv).not.toContain("=HYPERLINK");
  });

  it("shows an organisation its own record only; outsiders are refused", async () => {
    const { p, op } = await programme();
    const { o: mine, owner } = await org();
    const { o: theirs } = await org();
    for (const o of [mine, theirs]) await admitOrganization({ db, actor: op, programmeId: p.id, organizationSlug: o.slug, now: NOW });
    const coach = await coachOf(p.id, op);
    await logSession({ db, actor: coach, programmeId: p.id, input: session(mine.id, { topic: "Notre comptabilité" }), now: NOW });
    await logSession({ db, actor: coach, programmeId: p.id, input: session(theirs.id, { topic: "Leur secret" }), now: NOW });
    await addMilestone({ db, actor: coach, programmeId: p.id, input: milestoneSchema.parse({ organizationId: theirs.id, title: "Leur jalon", dueOn: "2026-07-01" }) });

    const record = await organizationRecord(db, owner, mine.id);
    expect(record).toHaveLength(1);
    expect(record[0].programme.slug).toBe(p.slug);
    expect(record[0].sessions.map((s) => s.topic)).toEqual(["Notre comptabilité"]);
    expect(record[0].milestones).toHaveLength(0);
    expect(record[0]).toMatchObject({ minutes: 90, hours: 1.5 });
    expect(JSON.stringify(record)).not.toContain("Leur");

    // A plain member of the organisation sees it too; a member of another organisation does not.
    const member = await createUser(db);
    await db.insert(memberships).values({ organizationId: mine.id, userId: member.id, role: "member" });
    expect(await organizationRecord(db, { id: member.id, platformRole: null }, mine.id)).toHaveLength(1);
    const { owner: otherOwner } = await org();
    await expect(organizationRecord(db, otherOwner, mine.id)).rejects.toMatchObject({ status: 403 });
    await expect(organizationRecord(db, null, mine.id)).rejects.toMatchObject({ status: 404 });
    // Coaches are not members of the organisation: the record is its own.
    await expect(organizationRecord(db, coach, mine.id)).rejects.toMatchObject({ status: 403 });
  });

  it("counts coaching for the impact page, by period and region", async () => {
    const { p, op } = await programme();
    const region = "03";
    const { o: here } = await org();
    const owner2 = await createUser(db);
    const there = await createOrganization(db, { name: `Association Incubée ${++seq}`, ownerId: owner2.id, regionCode: region });
    for (const o of [here, there]) await admitOrganization({ db, actor: op, programmeId: p.id, organizationSlug: o.slug, now: NOW });
    const coach = await coachOf(p.id, op);
    await logSession({ db, actor: coach, programmeId: p.id, input: session(there.id, { heldOn: "2026-04-10", minutes: "90" }), now: NOW });
    await logSession({ db, actor: coach, programmeId: p.id, input: session(there.id, { heldOn: "2026-05-01", minutes: "30" }), now: NOW });
    await logSession({ db, actor: coach, programmeId: p.id, input: session(here.id, { heldOn: "2026-05-02", minutes: "60" }), now: NOW });

    // Region 03 is used by no other test of this file: its figures are exact; the whole platform's include others.
    expect(await coachingFigures(db, { regionCode: region, from: new Date("2026-04-01T00:00:00Z"), to: new Date("2026-05-02T00:00:00Z") })).toEqual({ sessions: 2, hours: 2, organizations: 1 });
    expect(await coachingFigures(db, { regionCode: region, from: new Date("2026-04-11T00:00:00Z") })).toEqual({ sessions: 1, hours: 0.5, organizations: 1 });
    expect(await coachingFigures(db, { regionCode: region, to: new Date("2026-04-11T00:00:00Z") })).toEqual({ sessions: 1, hours: 1.5, organizations: 1 });
    const all = await coachingFigures(db, {});
    expect(all.sessions).toBeGreaterThanOrEqual(3);
    expect(all.organizations).toBeGreaterThanOrEqual(2);
    expect(await coachingFigures(db, { regionCode: null, from: new Date("2030-01-01T00:00:00Z"), to: new Date("2030-02-01T00:00:00Z") })).toEqual({ sessions: 0, hours: 0, organizations: 0 });
  });
});

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

describe("incubation pages", () => {
  it("an operator creates a programme, admits, adds a coach; the coach logs a session; the organisation reads its record; the CSV", async () => {
    const op = await signedIn({ platformRole: "operator" });
    const coach = await signedIn();
    const stranger = await signedIn();
    const { o, owner } = await org();
    const ownerSession = await createSession({ db, userId: owner.id, platformRole: null, userAgent: null, ip: "203.0.113.7" });
    const ownerCookie = `tiwizi_session=${ownerSession.token}`;

    expect((await run(listLoader, getRequest("/programme/incubation", { cookie: stranger.cookie }))).status).toBe(403);
    const bad = await run(listAction, formRequest("/programme/incubation", { nameFr: "", nameAr: "فوج", startsOn: "2026-05-01", endsOn: "2026-01-01" }, { cookie: op.cookie }));
    expect(bad.status).toBe(400);
    expect(bad.data.errors.nameFr).toEqual(["errors.required"]);
    expect(bad.data.errors.endsOn).toEqual(["incubation.errors.period"]);
    const fields = { nameFr: `Cohorte pages ${++seq}`, nameAr: "فوج الصفحات", startsOn: "2020-01-01", endsOn: "2099-12-31" };
    expect((await run(listAction, formRequest("/programme/incubation", fields, { cookie: stranger.cookie }))).status).toBe(403);
    const created = await run(listAction, formRequest("/programme/incubation", fields, { cookie: op.cookie }));
    expect(created.status).toBe(302);
    const slug = created.headers.get("Location")!.split("/").pop()!.split("?")[0];
    const url = `/programme/incubation/${slug}`;

    expect((await run(pageAction, formRequest(url, { intent: "admit", organizationSlug: o.slug }, { cookie: op.cookie }), { slug })).status).toBe(302);
    expect((await run(pageAction, formRequest(url, { intent: "admit", organizationSlug: o.slug }, { cookie: op.cookie }), { slug })).data.messageKey).toBe("incubation.errors.alreadyMember");
    expect((await run(pageAction, formRequest(url, { intent: "coach", email: "pas-un-email" }, { cookie: op.cookie }), { slug })).data.errors.email).toEqual(["errors.email"]);
    expect((await run(pageAction, formRequest(url, { intent: "coach", email: coach.user.email }, { cookie: op.cookie }), { slug })).status).toBe(302);

    const today = todayInMorocco();
    const sessionFields = { intent: "session", organizationId: o.id, heldOn: today, minutes: "75", topic: "Tarification", nextSteps: "Revoir les prix" };
    // The bad input named in the issue: someone who is not the programme's coach or operator logs a session.
    const refusedPost = await run(pageAction, formRequest(url, sessionFields, { cookie: ownerCookie }), { slug });
    expect(refusedPost.status).toBe(403);
    expect(refusedPost.data.messageKey).toBe("incubation.errors.notCoach");
    const programmeId: string = (await run(pageLoader, getRequest(url, { cookie: op.cookie }), { slug })).data.programme.id;
    expect(await sessionsOf(programmeId)).toHaveLength(0);
    expect((await run(pageAction, formRequest(url, { ...sessionFields, minutes: "5" }, { cookie: coach.cookie }), { slug })).data.errors.minutes).toEqual(["incubation.errors.minutes"]);
    expect((await run(pageAction, formRequest(url, sessionFields, { cookie: coach.cookie }), { slug })).status).toBe(302);
    expect(await sessionsOf(programmeId)).toHaveLength(1);

    // The coach's page and list; a stranger's are refused.
    const page = await run(pageLoader, getRequest(url, { cookie: coach.cookie }), { slug });
    expect(page.data.role).toBe("coach");
    expect(page.data.progress[0]).toMatchObject({ organizationId: o.id, sessions: 1, minutes: 75 });
    expect((await run(pageLoader, getRequest(url, { cookie: stranger.cookie }), { slug })).status).toBe(403);
    expect((await run(listLoader, getRequest("/programme/incubation", { cookie: coach.cookie }))).data.programmes.map((p: { slug: string }) => p.slug)).toEqual([slug]);

    // The export, one line per organisation.
    const csvRes = (await pageLoader({ request: getRequest(`${url}.csv`, { cookie: op.cookie }), params: { slug: `${slug}.csv` }, context: {} } as never)) as unknown as Response;
    expect(csvRes.headers.get("Content-Type")).toContain("text/csv");
    const text = await csvRes.text();
    expect(text.trim().split("\r\n")).toHaveLength(2);
    expect(text).toContain(o.slug);
    expect((await run(pageLoader, getRequest(`${url}.csv`, { cookie: stranger.cookie }), { slug: `${slug}.csv` })).status).toBe(403);

    // The organisation's record, for its members only.
    const record = await run(recordLoader, getRequest(`/organisations/${o.slug}/accompagnement`, { cookie: ownerCookie }), { slug: o.slug });
    expect(record.data.record[0].sessions[0]).toMatchObject({ topic: "Tarification", minutes: 75 });
    expect((await run(recordLoader, getRequest(`/organisations/${o.slug}/accompagnement`, { cookie: stranger.cookie }), { slug: o.slug })).status).toBe(403);
  });
});
