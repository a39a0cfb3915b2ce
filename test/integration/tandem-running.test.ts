import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { memberships, tandemAgreements, tandemCertificates, tandemEvents, tandemMessages, tandems, tandemSessionFiles, tandemSessions, tandemVolunteers } from "../../db/schema";
import { createSession } from "~/modules/accounts/session.server";
import { submitEvaluation } from "~/modules/tandems/evaluations.server";
import { sendTandemReminders } from "~/modules/tandems/reminders.server";
import { todayInMorocco } from "~/modules/tandems/schemas";
import { confirmSession, logSession } from "~/modules/tandems/sessions.server";
import { getSpace } from "~/modules/tandems/space.server";
import { postMessage } from "~/modules/tandems/thread.server";
import { loader as certificateLoader } from "~/routes/tandems_.certificat_.$code";
import { action as spaceAction, loader as spaceLoader } from "~/routes/tandems_.$number";
import { loader as fileLoader } from "~/routes/tandems_.$number_.fichiers_.$fileId";
import { action as attachAction } from "~/routes/tandems_.$number_.seances_.$id_.fichiers";
import { mailsTo } from "../support/mail";
import { formRequest, getRequest, run } from "../support/http";

// Running a tandem (issue 5, items 3–5): sessions logged by one side and confirmed by the other, progress
// from confirmed minutes only, attachments private to the two sides, the thread, reminders, evaluations,
// completion with certificates that anyone can verify — and each bad input refused with nothing written.

let seq = 0;
const today = () => todayInMorocco();
const day = (offset: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

/** An active tandem between a company and an association, its period around today. */
async function activeTandem(opts: { start?: string; end?: string; hours?: number; activatedDaysAgo?: number; skills?: string[] } = {}) {
  const companyOwner = await signedIn();
  const partnerOwner = await signedIn({ locale: "ar" });
  const volunteer = await signedIn({ name: "Omar Bennis" });
  const focal = await signedIn({ name: "Naima Ouali" });
  const outsider = await signedIn();
  const company = await createOrganization(db, { kind: "company", name: `Maroc Finance ${++seq}`, ownerId: companyOwner.user.id });
  const partner = await createOrganization(db, { kind: "association", name: `Association Nour ${seq}`, nameAr: `جمعية نور ${seq}`, ownerId: partnerOwner.user.id });
  await db.insert(memberships).values([
    { organizationId: company.id, userId: volunteer.user.id, role: "member" },
    { organizationId: partner.id, userId: focal.user.id, role: "member" },
  ]);
  const start = opts.start ?? day(-60);
  const end = opts.end ?? day(30);
  const number = `TDM-2026-8${String(seq).padStart(3, "0")}`;
  const activatedAt = new Date(Date.now() - (opts.activatedDaysAgo ?? 50) * 86_400_000);
  const [tandem] = await db
    .insert(tandems)
    .values({
      number,
      companyId: company.id,
      partnerId: partner.id,
      proposedById: company.id,
      status: "active",
      skills: opts.skills ?? ["finance", "strategy"],
      objectives: "Structurer les finances de l'association",
      expectedHours: opts.hours ?? 4,
      periodStart: start,
      periodEnd: end,
      format: "hybrid",
      answerBy: new Date(Date.now() + 86_400_000),
      answeredAt: activatedAt,
      activatedAt,
    })
    .returning();
  await db.insert(tandemAgreements).values({ tandemId: tandem.id, objectives: tandem.objectives, hoursCommitted: opts.hours ?? 4, startDate: start, endDate: end, focalPersonId: focal.user.id });
  await db.insert(tandemVolunteers).values([
    { tandemId: tandem.id, email: volunteer.user.email!.toLowerCase(), name: "Omar Bennis" },
    { tandemId: tandem.id, email: `absent${seq}@example.ma`, name: "Salma Absente" },
  ]);
  return { tandem, number, company, partner, companyOwner, partnerOwner, volunteer, focal, outsider };
}

const sessionsOf = (tandemId: string) => db.select().from(tandemSessions).where(eq(tandemSessions.tandemId, tandemId));
const path = (number: string) => `/tandems/${number}`;

function sessionFields(overrides: Record<string, string | string[]> = {}) {
  return { intent: "log", heldOn: day(-3), hours: "2", minutes: "30", topic: "Plan comptable", participants: "La trésorière", notes: "Premier atelier", ...overrides };
}

describe("tandem sessions", () => {
  it("one side logs, the other confirms, and only confirmed minutes count as progress", async () => {
    const t = await activeTandem({ hours: 10 });
    const logged = await run(spaceAction, formRequest(path(t.number), { ...sessionFields(), volunteerEmails: [t.volunteer.user.email!] }, { cookie: t.volunteer.cookie }), { number: t.number });
    expect(logged.status).toBe(302);
    const [session] = await sessionsOf(t.tandem.id);
    expect(session).toMatchObject({ minutes: 150, loggedByOrgId: t.company.id, confirmedAt: null, volunteerEmails: [t.volunteer.user.email!.toLowerCase()] });
    // The association's managers are asked to confirm, in their language (Arabic here).
    const [mail] = await mailsTo(t.partnerOwner.user.email!, t.number);
    expect(mail.subject).toContain("تأكيد");

    let view = await getSpace({ db, actor: t.focal.actor, number: t.number });
    expect(view.progress).toMatchObject({ confirmedMinutes: 0, pendingMinutes: 150, percent: 0 });
    expect(view.sessions[0].canConfirm).toBe(true);

    // The side that logged cannot confirm its own hours.
    await expect(confirmSession({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, sessionId: session.id })).rejects.toMatchObject({ status: 403, messageKey: "running.errors.confirmOwn" });
    const confirmed = await run(spaceAction, formRequest(path(t.number), { intent: "confirm", sessionId: session.id }, { cookie: t.focal.cookie }), { number: t.number });
    expect(confirmed.status).toBe(302);
    view = await getSpace({ db, actor: t.companyOwner.actor, number: t.number });
    expect(view.progress).toMatchObject({ confirmedMinutes: 150, pendingMinutes: 0, percent: 25 });
    expect(view.sessions[0]).toMatchObject({ confirmerName: "Naima Ouali", volunteers: ["Omar Bennis"] });
    // Twice is refused.
    const again = await run(spaceAction, formRequest(path(t.number), { intent: "confirm", sessionId: session.id }, { cookie: t.partnerOwner.cookie }), { number: t.number });
    expect(again).toMatchObject({ status: 409, data: { messageKey: "running.errors.alreadyConfirmed" } });
  });

  it("refuses bad sessions with a translated error beside the field, and writes nothing", async () => {
    const t = await activeTandem({ start: day(-30), end: day(30) });
    const cases: [Record<string, string>, string, string][] = [
      [{ hours: "13", minutes: "0" }, "hours", "running.errors.tooLong"],
      [{ hours: "12", minutes: "30" }, "hours", "running.errors.tooLong"],
      [{ hours: "-1", minutes: "0" }, "hours", "running.errors.duration"],
      [{ hours: "0", minutes: "0" }, "hours", "running.errors.duration"],
      [{ hours: "deux" }, "hours", "running.errors.duration"],
      [{ heldOn: "2026-02-30" }, "heldOn", "running.errors.date"],
      [{ heldOn: day(-31) }, "heldOn", "running.errors.outsidePeriod"],
      [{ heldOn: day(1) }, "heldOn", "running.errors.future"],
      [{ topic: "" }, "topic", "running.errors.topic"],
    ];
    for (const [fields, field, key] of cases) {
      const result = await run(spaceAction, formRequest(path(t.number), sessionFields(fields), { cookie: t.focal.cookie }), { number: t.number });
      expect(result.status, JSON.stringify(fields)).toBe(400);
      expect(result.data.errors[field], JSON.stringify(fields)).toEqual([key]);
      expect(result.data.values.topic).toBe(fields.topic ?? "Plan comptable");
    }
    // A volunteer of another tandem is not one of this one's.
    await expect(
      logSession({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, input: { heldOn: day(-1), totalMinutes: 60, topic: "Budget", participants: null, notes: null, volunteerEmails: ["someone@else.ma"] } }),
    ).rejects.toMatchObject({ messageKey: "running.errors.volunteer" });
    // Someone in neither organisation learns nothing of the tandem.
    const outsider = await run(spaceAction, formRequest(path(t.number), sessionFields(), { cookie: t.outsider.cookie }), { number: t.number });
    expect(outsider.status).toBe(404);
    expect(await sessionsOf(t.tandem.id)).toHaveLength(0);
  });

  it("an outsider learns nothing from invalid input, and platform admins do not act for a side", async () => {
    const t = await activeTandem();
    // The final's self-assessment errors would name the tandem's skills: an outsider gets a plain 404 first.
    const probe = await run(spaceAction, formRequest(path(t.number), { intent: "final", side: "partner" }, { cookie: t.outsider.cookie }), { number: t.number });
    expect(probe.status).toBe(404);
    expect(JSON.stringify(probe.data ?? null)).not.toMatch(/before\.|finance|strategy/);
    const badSession = await run(spaceAction, formRequest(path(t.number), sessionFields({ hours: "99" }), { cookie: t.outsider.cookie }), { number: t.number });
    expect(badSession.status).toBe(404);
    const admin = await signedIn({ platformRole: "admin" });
    const byAdmin = await run(spaceAction, formRequest(path(t.number), sessionFields(), { cookie: admin.cookie }), { number: t.number });
    expect(byAdmin.status).toBe(404);
    // The admin still reads the tandem.
    const read = await run(spaceLoader, getRequest(path(t.number), { cookie: admin.cookie }), { number: t.number });
    expect(read.status).toBe(200);
    expect(read.data.viewer).toMatchObject({ canLog: false, canPost: false, evaluate: [] });
    expect(await sessionsOf(t.tandem.id)).toHaveLength(0);
  });

  it("an invited volunteer who is not a member of the company takes part once signed in with the verified address", async () => {
    const t = await activeTandem();
    const guest = await signedIn({ name: "Yassine Alami" });
    const unverified = await signedIn({ verified: false });
    await db.insert(tandemVolunteers).values([
      { tandemId: t.tandem.id, email: guest.user.email!.toLowerCase(), name: "Yassine Alami" },
      { tandemId: t.tandem.id, email: unverified.user.email!.toLowerCase(), name: "Adresse non vérifiée" },
    ]);
    const page = await run(spaceLoader, getRequest(path(t.number), { cookie: guest.cookie }), { number: t.number });
    expect(page.status).toBe(200);
    expect(page.data.viewer).toMatchObject({ sides: ["company"], canLog: true, manages: [], evaluate: [] });
    const logged = await run(spaceAction, formRequest(path(t.number), { ...sessionFields(), volunteerEmails: guest.user.email! }, { cookie: guest.cookie }), { number: t.number });
    expect(logged.status).toBe(302);
    expect((await sessionsOf(t.tandem.id))[0]).toMatchObject({ loggedByOrgId: t.company.id, loggedBy: guest.user.id });
    // Not a manager: the company's evaluation is not theirs to give.
    await expect(submitEvaluation({ db, actor: guest.actor, tandemId: t.tandem.id, input: { stage: "midterm", answers: { onTrack: true, satisfaction: 4, toChange: null } } })).rejects.toMatchObject({ status: 403 });
    // An address nobody proved is theirs opens nothing.
    const refused = await run(spaceLoader, getRequest(path(t.number), { cookie: unverified.cookie }), { number: t.number });
    expect(refused.status).toBe(404);
  });

  it("the side that logged a session takes it back while unconfirmed, with its files; the other side cannot", async () => {
    const t = await activeTandem();
    const session = await logSession({ db, actor: t.volunteer.actor, tandemId: t.tandem.id, input: { heldOn: day(-1), totalMinutes: 60, topic: "Erreur de saisie", participants: null, notes: null, volunteerEmails: [] } });
    const pdf = new File([new TextEncoder().encode("%PDF-1.4\n%%EOF")], "notes.pdf");
    await run(attachAction, formRequest(`/tandems/${t.number}/seances/${session.id}/fichiers`, { file: pdf }, { cookie: t.volunteer.cookie }), { number: t.number, id: session.id });
    const [file] = await db.select().from(tandemSessionFiles).where(eq(tandemSessionFiles.sessionId, session.id));
    const byOther = await run(spaceAction, formRequest(path(t.number), { intent: "delete", sessionId: session.id }, { cookie: t.partnerOwner.cookie }), { number: t.number });
    expect(byOther.status).toBe(403);
    const mine = await run(spaceAction, formRequest(path(t.number), { intent: "delete", sessionId: session.id }, { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(mine.status).toBe(302);
    expect(await sessionsOf(t.tandem.id)).toHaveLength(0);
    const gone = await run(fileLoader, getRequest(`/tandems/${t.number}/fichiers/${file.id}`, { cookie: t.companyOwner.cookie }), { number: t.number, fileId: file.id });
    expect(gone.status).toBe(404);
  });

  it("a malformed thread cursor is ignored, not a server error", async () => {
    const t = await activeTandem();
    await postMessage({ db, actor: t.focal.actor, tandemId: t.tandem.id, body: "Bonjour" });
    const page = await run(spaceLoader, getRequest(`${path(t.number)}?avant=2026-01-01T00:00:00Z_${"-".repeat(36)}`, { cookie: t.focal.cookie }), { number: t.number });
    expect(page.status).toBe(200);
    expect(page.data.thread.messages).toHaveLength(1);
  });

  it("nothing is logged on a tandem that is not under way", async () => {
    const t = await activeTandem();
    await db.update(tandems).set({ status: "agreement_draft" }).where(eq(tandems.id, t.tandem.id));
    const result = await run(spaceAction, formRequest(path(t.number), sessionFields(), { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(result).toMatchObject({ status: 409, data: { messageKey: "running.errors.notActive" } });
    expect(await sessionsOf(t.tandem.id)).toHaveLength(0);
  });

  it("attachments are checked by content, kept private to the two sides, and downloaded, never shown", async () => {
    const t = await activeTandem();
    const session = await logSession({ db, actor: t.focal.actor, tandemId: t.tandem.id, input: { heldOn: day(-1), totalMinutes: 90, topic: "Budget", participants: null, notes: null, volunteerEmails: [] } });
    const url = `/tandems/${t.number}/seances/${session.id}/fichiers`;
    const pdf = new File([new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF")], "compte-rendu.pdf", { type: "application/pdf" });
    const ok = await run(attachAction, formRequest(url, { file: pdf }, { cookie: t.volunteer.cookie }), { number: t.number, id: session.id });
    expect(ok.status).toBe(302);
    // HTML named .pdf, and an oversized file, are refused.
    const html = new File(["<html><script>alert(1)</script></html>"], "piege.pdf", { type: "application/pdf" });
    const refused = await run(attachAction, formRequest(url, { file: html }, { cookie: t.volunteer.cookie }), { number: t.number, id: session.id });
    expect(refused).toMatchObject({ status: 400, data: { messageKey: "running.errors.fileType" } });
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1).fill(0x25)], "gros.pdf");
    const tooBig = await run(attachAction, formRequest(url, { file: big }, { cookie: t.volunteer.cookie }), { number: t.number, id: session.id });
    expect(tooBig).toMatchObject({ status: 400, data: { messageKey: "running.errors.fileTooLarge" } });
    const byOutsider = await run(attachAction, formRequest(url, { file: pdf }, { cookie: t.outsider.cookie }), { number: t.number, id: session.id });
    expect(byOutsider.status).toBe(404);
    const files = await db.select().from(tandemSessionFiles).where(eq(tandemSessionFiles.sessionId, session.id));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ fileName: "compte-rendu.pdf", contentType: "application/pdf" });

    const download = `/tandems/${t.number}/fichiers/${files[0].id}`;
    const got = await fileLoader({ request: getRequest(download, { cookie: t.partnerOwner.cookie }), params: { number: t.number, fileId: files[0].id }, context: {} as never });
    expect(got.status).toBe(200);
    expect(got.headers.get("Content-Disposition")).toContain("attachment");
    expect(got.headers.get("Content-Type")).toBe("application/pdf");
    expect(new TextDecoder().decode(await got.arrayBuffer())).toMatch(/^%PDF-1\.7/);
    const stranger = await run(fileLoader, getRequest(download, { cookie: t.outsider.cookie }), { number: t.number, fileId: files[0].id });
    expect(stranger.status).toBe(404);
    // The file's id under another tandem's number is not found either.
    const other = await activeTandem();
    const wrongTandem = await run(fileLoader, getRequest(`/tandems/${other.number}/fichiers/${files[0].id}`, { cookie: other.companyOwner.cookie }), { number: other.number, fileId: files[0].id });
    expect(wrongTandem.status).toBe(404);
  });
});

describe("tandem thread", () => {
  it("members of both sides write; the other side's managers get one e-mail per burst", async () => {
    const t = await activeTandem();
    const first = await run(spaceAction, formRequest(path(t.number), { intent: "post", body: "Bonjour, la réunion de jeudi tient toujours ?" }, { cookie: t.volunteer.cookie }), { number: t.number });
    expect(first.status).toBe(302);
    await postMessage({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, body: "Et pensez aux relevés bancaires." });
    const mails = (await mailsTo(t.partnerOwner.user.email!, t.number)).filter((m) => m.text.includes("réunion de jeudi") || m.text.includes("relevés"));
    expect(mails).toHaveLength(1);
    const view = await getSpace({ db, actor: t.focal.actor, number: t.number });
    expect(view.thread.messages.map((m) => m.body)).toEqual(["Et pensez aux relevés bancaires.", "Bonjour, la réunion de jeudi tient toujours ?"]);

    const empty = await run(spaceAction, formRequest(path(t.number), { intent: "post", body: "   " }, { cookie: t.focal.cookie }), { number: t.number });
    expect(empty).toMatchObject({ status: 400, data: { errors: { body: ["running.errors.message"] } } });
    const outsider = await run(spaceAction, formRequest(path(t.number), { intent: "post", body: "Bonjour" }, { cookie: t.outsider.cookie }), { number: t.number });
    expect(outsider.status).toBe(404);
    expect(await db.select().from(tandemMessages).where(eq(tandemMessages.tandemId, t.tandem.id))).toHaveLength(2);
  });
});

describe("tandem evaluations and certificates", () => {
  it("the mid-term opens halfway; only managers answer, once", async () => {
    const t = await activeTandem({ start: day(-10), end: day(30), hours: 100 });
    const answers = { onTrack: true, satisfaction: 4, toChange: null };
    await expect(submitEvaluation({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, input: { stage: "midterm", answers } })).rejects.toMatchObject({ messageKey: "evaluations.errors.notOpen" });
    const later = new Date(Date.now() + 12 * 86_400_000);
    await submitEvaluation({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, input: { stage: "midterm", answers }, now: later });
    await expect(submitEvaluation({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, input: { stage: "midterm", answers }, now: later })).rejects.toMatchObject({ status: 409, messageKey: "evaluations.errors.already" });
    // A plain member (the focal person) does not answer for the association.
    await expect(submitEvaluation({ db, actor: t.focal.actor, tandemId: t.tandem.id, input: { stage: "midterm", answers }, now: later })).rejects.toMatchObject({ status: 403 });
    await expect(submitEvaluation({ db, actor: t.outsider.actor, tandemId: t.tandem.id, input: { stage: "midterm", answers }, now: later })).rejects.toMatchObject({ status: 404 });
    // The final is not open yet: two weeks before the end, or once the hours are given.
    await expect(
      submitEvaluation({ db, actor: t.partnerOwner.actor, tandemId: t.tandem.id, input: { stage: "final", answers: { ...answers, transferred: "Un plan comptable" } }, now: later }),
    ).rejects.toMatchObject({ messageKey: "evaluations.errors.notOpen" });
    const trail = await db.select().from(tandemEvents).where(and(eq(tandemEvents.tandemId, t.tandem.id), eq(tandemEvents.action, "evaluate.midterm")));
    expect(trail).toHaveLength(1);
  });

  it("both finals complete the tandem; certificates carry each one's hours and verify at their URL", async () => {
    const t = await activeTandem({ hours: 3 });
    // 2 h with the volunteer, 1 h without: 3 h confirmed, the hours committed, so the final opens early.
    const s1 = await logSession({ db, actor: t.volunteer.actor, tandemId: t.tandem.id, input: { heldOn: day(-5), totalMinutes: 120, topic: "Budget", participants: null, notes: null, volunteerEmails: [t.volunteer.user.email!] } });
    const s2 = await logSession({ db, actor: t.focal.actor, tandemId: t.tandem.id, input: { heldOn: day(-2), totalMinutes: 60, topic: "Tableau de bord", participants: null, notes: null, volunteerEmails: [] } });
    await confirmSession({ db, actor: t.focal.actor, tandemId: t.tandem.id, sessionId: s1.id });
    await confirmSession({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, sessionId: s2.id });

    const spaceBefore = await run(spaceLoader, getRequest(path(t.number), { cookie: t.partnerOwner.cookie }), { number: t.number });
    expect(spaceBefore.data.viewer.evaluate).toContainEqual({ side: "partner", stage: "final" });

    // The association's final without its self-assessment is refused beside the fields, nothing written.
    const base = { intent: "final", side: "partner", onTrack: "yes", satisfaction: "5", transferred: "Un plan comptable et un tableau de bord mensuel." };
    const incomplete = await run(spaceAction, formRequest(path(t.number), { ...base, "before.finance": "2", "after.finance": "4", "before.strategy": "9" }, { cookie: t.partnerOwner.cookie }), { number: t.number });
    expect(incomplete.status).toBe(400);
    expect(incomplete.data.errors["before.strategy"]).toEqual(["evaluations.errors.selfAssessment"]);
    expect(incomplete.data.errors["after.strategy"]).toEqual(["evaluations.errors.selfAssessment"]);
    const partnerFinal = await run(
      spaceAction,
      formRequest(path(t.number), { ...base, "before.finance": "2", "after.finance": "4", "before.strategy": "1", "after.strategy": "3" }, { cookie: t.partnerOwner.cookie }),
      { number: t.number },
    );
    expect(partnerFinal.status).toBe(302);
    expect((await db.select().from(tandems).where(eq(tandems.id, t.tandem.id)))[0].status).toBe("active");
    const companyFinal = await run(
      spaceAction,
      formRequest(path(t.number), { intent: "final", side: "company", onTrack: "yes", satisfaction: "4", transferred: "Méthodes de budget et de suivi." }, { cookie: t.companyOwner.cookie }),
      { number: t.number },
    );
    expect(companyFinal.status).toBe(302);

    const [row] = await db.select().from(tandems).where(eq(tandems.id, t.tandem.id));
    expect(row.status).toBe("completed");
    expect(row.closedAt).not.toBeNull();
    const certs = await db.select().from(tandemCertificates).where(eq(tandemCertificates.tandemId, t.tandem.id));
    const byHolder = Object.fromEntries(certs.map((c) => [c.holderName, c.minutes]));
    // The invited volunteer who took part in no session gets no certificate.
    expect(byHolder).toEqual({ [t.company.name]: 180, "Omar Bennis": 120 });
    const trail = (await db.select().from(tandemEvents).where(eq(tandemEvents.tandemId, t.tandem.id))).map((e) => e.action);
    expect(trail).toEqual(expect.arrayContaining(["evaluate.final", "complete"]));

    // The volunteer's e-mail links to their certificate; anyone opens it without signing in.
    const omar = certs.find((c) => c.holderName === "Omar Bennis")!;
    const [mail] = await mailsTo(t.volunteer.user.email!, t.number);
    expect(mail.text).toContain(`/tandems/certificat/${omar.code}`);
    const page = await run(certificateLoader, getRequest(`/tandems/certificat/${omar.code}`), { code: omar.code });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ holderName: "Omar Bennis", minutes: 120, volunteer: true, number: t.number, skills: ["finance", "strategy"] });
    expect(page.data.company.name).toBe(t.company.name);
    expect(page.data.verifyUrl).toContain(`/tandems/certificat/${omar.code}`);
    const forged = await run(certificateLoader, getRequest("/tandems/certificat/abcdefghjkmn"), { code: "abcdefghjkmn" });
    expect(forged.status).toBe(404);

    // After completion, nothing more is logged or evaluated.
    await expect(logSession({ db, actor: t.focal.actor, tandemId: t.tandem.id, input: { heldOn: day(-1), totalMinutes: 30, topic: "Encore", participants: null, notes: null, volunteerEmails: [] } })).rejects.toMatchObject({ messageKey: "running.errors.notActive" });
    await expect(submitEvaluation({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, input: { stage: "midterm", answers: { onTrack: true, satisfaction: 3, toChange: null } } })).rejects.toMatchObject({ messageKey: "evaluations.errors.notActive" });
    const spaceAfter = await getSpace({ db, actor: t.volunteer.actor, number: t.number });
    expect(spaceAfter.certificates).toHaveLength(2);
    expect(spaceAfter.viewer).toMatchObject({ canLog: false, canPost: false, evaluate: [] });
  });
});

describe("tandem reminders", () => {
  const subjects = async (to: string, number: string) => (await mailsTo(to, number)).map((m) => m.subject);
  const idleFr = (number: string) => `Tandem ${number} : aucune séance depuis 30 jours`;

  it("reminds both sides after 30 days without a session, once per period, and the sides that owe the mid-term", async () => {
    const idle = await activeTandem({ activatedDaysAgo: 40, start: day(-40), end: day(20) });
    const busy = await activeTandem({ activatedDaysAgo: 40, start: day(-40), end: day(20) });
    await logSession({ db, actor: busy.focal.actor, tandemId: busy.tandem.id, input: { heldOn: day(-1), totalMinutes: 60, topic: "Suivi", participants: null, notes: null, volunteerEmails: [] } });
    await submitEvaluation({ db, actor: idle.partnerOwner.actor, tandemId: idle.tandem.id, input: { stage: "midterm", answers: { onTrack: true, satisfaction: 4, toChange: null } } });
    await sendTandemReminders(db);
    expect(await subjects(idle.companyOwner.user.email!, idle.number)).toContain(idleFr(idle.number));
    expect(await subjects(idle.partnerOwner.user.email!, idle.number)).toContain(`التوأمة ${idle.number}: لا جلسات منذ 30 يومًا`);
    // The mid-term is owed by the company only: the association answered it.
    expect(await subjects(idle.companyOwner.user.email!, idle.number)).toContain(`Tandem ${idle.number} : l’évaluation à mi-parcours est ouverte`);
    expect(await subjects(idle.partnerOwner.user.email!, idle.number)).not.toContain(`التوأمة ${idle.number}: تقييم منتصف المدة مفتوح`);
    // The busy tandem logged a session yesterday: no idle reminder.
    expect(await subjects(busy.companyOwner.user.email!, busy.number)).not.toContain(idleFr(busy.number));

    const before = (await mailsTo(idle.companyOwner.user.email!, idle.number)).length;
    await sendTandemReminders(db);
    expect((await mailsTo(idle.companyOwner.user.email!, idle.number)).length).toBe(before);
  });

  it("counts idleness from the agreed start, stops it after the end, and reminds of the final evaluation", async () => {
    // Active for 35 days, but the agreed period starts in 20: nothing could be logged yet.
    const early = await activeTandem({ activatedDaysAgo: 35, start: day(20), end: day(120) });
    // The period is over, the final evaluations are owed: a final reminder, no idle one.
    const over = await activeTandem({ activatedDaysAgo: 100, start: day(-100), end: day(-2) });
    await sendTandemReminders(db);
    expect(await subjects(early.companyOwner.user.email!, early.number)).toEqual([]);
    const overSubjects = await subjects(over.companyOwner.user.email!, over.number);
    expect(overSubjects).toContain(`Tandem ${over.number} : l’évaluation finale est attendue`);
    expect(overSubjects).not.toContain(idleFr(over.number));
  });

  it("a small batch moves on: tandems already reminded do not hold back the others", async () => {
    const first = await activeTandem({ activatedDaysAgo: 45, start: day(-45), end: day(200) });
    const second = await activeTandem({ activatedDaysAgo: 44, start: day(-44), end: day(200) });
    // Other files' tandems may be due too: run until both of ours are reminded, a batch of one at a time.
    for (let i = 0; i < 50; i++) {
      await sendTandemReminders(db, new Date(), 1);
      const stamps = await db.select({ at: tandems.idleRemindedAt }).from(tandems).where(inArray(tandems.id, [first.tandem.id, second.tandem.id]));
      if (stamps.every((r) => r.at)) break;
    }
    expect(await subjects(first.companyOwner.user.email!, first.number)).toContain(idleFr(first.number));
    expect(await subjects(second.companyOwner.user.email!, second.number)).toContain(idleFr(second.number));
  });
});

describe("tandem space", () => {
  it("members see it, an invited volunteer is linked to their account on opening it, outsiders get a 404", async () => {
    const t = await activeTandem();
    const page = await run(spaceLoader, getRequest(path(t.number), { cookie: t.volunteer.cookie }), { number: t.number });
    expect(page.status).toBe(200);
    const [link] = await db.select().from(tandemVolunteers).where(and(eq(tandemVolunteers.tandemId, t.tandem.id), eq(tandemVolunteers.email, t.volunteer.user.email!.toLowerCase())));
    expect(link.userId).toBe(t.volunteer.user.id);
    expect(link.joinedAt).not.toBeNull();
    const outsider = await run(spaceLoader, getRequest(path(t.number), { cookie: t.outsider.cookie }), { number: t.number });
    expect(outsider.status).toBe(404);
    const anonymous = await run(spaceLoader, getRequest(path(t.number)), { number: t.number });
    expect(anonymous.status).toBe(302);
  });
});
