import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { addIdentifier, createOrganization, createUser } from "../../db/factories";
import { auditLog, memberships, tandemAgreements, tandemApprovals, tandemEvents, tandems, tandemVolunteers } from "../../db/schema";
import { createSession } from "~/modules/accounts/session.server";
import { approveAgreement, endTandemEarly, getAgreement, inviteVolunteer, removeVolunteer, updateAgreement } from "~/modules/tandems/agreements.server";
import { action as accordAction, loader as accordLoader } from "~/routes/tandems_.$number_.accord";
import { loader as printLoader } from "~/routes/tandems_.$number_.accord_.imprimer";
import { lastMailTo, linkIn, mailsTo } from "../support/mail";
import { formRequest, getRequest, run } from "../support/http";

// The tandem agreement (issue 5, item 2): edits make versions, both sides approve the same version, then the
// tandem is active; volunteers, ending early, and the bad input each refused with a translated error.
// Tandems are written here in agreement_draft directly, as the acceptance of a proposal leaves them.

let seq = 0;

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

async function draftTandem() {
  const companyOwner = await signedIn();
  const partnerAdmin = await signedIn({ locale: "ar" });
  const companyMember = await signedIn();
  const focal = await signedIn({ name: "Naima Ouali" });
  const company = await createOrganization(db, { kind: "company", name: `Atlas Conseil ${++seq}`, ownerId: companyOwner.user.id });
  const partner = await createOrganization(db, { kind: "association", name: `Association Amal ${seq}`, nameAr: `جمعية أمل ${seq}`, ownerId: partnerAdmin.user.id, role: "admin" });
  await db.insert(memberships).values([
    { organizationId: company.id, userId: companyMember.user.id, role: "member" },
    { organizationId: partner.id, userId: focal.user.id, role: "member" },
  ]);
  await addIdentifier(db, company.id, "ice", `00123456700${String(seq).padStart(4, "0")}`);
  const number = `TDM-2026-9${String(seq).padStart(3, "0")}`;
  const [tandem] = await db
    .insert(tandems)
    .values({
      number,
      companyId: company.id,
      partnerId: partner.id,
      proposedById: company.id,
      status: "agreement_draft",
      skills: ["finance"],
      objectives: "Structurer la comptabilité de l'association",
      expectedHours: 40,
      periodStart: "2026-12-01",
      periodEnd: "2027-05-31",
      format: "hybrid",
      answerBy: new Date(Date.now() + 14 * 86_400_000),
      answeredAt: new Date(),
    })
    .returning();
  await db.insert(tandemAgreements).values({
    tandemId: tandem.id,
    objectives: "Structurer la comptabilité de l'association",
    hoursCommitted: 40,
    startDate: "2026-12-01",
    endDate: "2027-05-31",
  });
  return { tandem, number, company, partner, companyOwner, partnerAdmin, companyMember, focal };
}

function validInput(focalId: string) {
  return {
    objectives: "Mettre en place une comptabilité analytique et former deux personnes.",
    deliverables: "Un plan comptable, un tableau de bord mensuel.",
    hoursCommitted: 60,
    startDate: "2026-12-01",
    endDate: "2027-06-30",
    focalPersonId: focalId,
    confidentialityNote: null,
  };
}

const version = async (tandemId: string) => (await db.select().from(tandemAgreements).where(eq(tandemAgreements.tandemId, tandemId)))[0].version;
const status = async (tandemId: string) => (await db.select({ s: tandems.status }).from(tandems).where(eq(tandems.id, tandemId)))[0].s;
const events = (tandemId: string) => db.select().from(tandemEvents).where(eq(tandemEvents.tandemId, tandemId)).orderBy(asc(tandemEvents.createdAt));

describe("tandem agreement", () => {
  it("an edit bumps the version and an approval of the old version no longer counts", async () => {
    const t = await draftTandem();
    await approveAgreement({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, version: 1 });
    const { version: v2 } = await updateAgreement({ db, actor: t.partnerAdmin.actor, tandemId: t.tandem.id, input: validInput(t.focal.user.id) });
    expect(v2).toBe(2);
    const [edit] = (await events(t.tandem.id)).filter((e) => e.action === "editAgreement");
    expect(edit).toMatchObject({ fromStatus: "agreement_draft", toStatus: "agreement_draft", actorId: t.partnerAdmin.user.id });
    // The partner approves v2: the company's approval was for v1, so the tandem is still a draft.
    await approveAgreement({ db, actor: t.partnerAdmin.actor, tandemId: t.tandem.id, version: 2 });
    expect(await status(t.tandem.id)).toBe("agreement_draft");
    const view = await getAgreement({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id });
    expect(view.company.approval).toMatchObject({ agreementVersion: 1, current: false });
    expect(view.partner.approval).toMatchObject({ agreementVersion: 2, current: true });
    expect(view.viewer.approveAs).toEqual(["company"]);
  });

  it("both sides approve the same version through the page: the tandem is active, with events", async () => {
    const t = await draftTandem();
    const path = `/tandems/${t.number}/accord`;
    const page = await run(accordLoader, getRequest(path, { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(page.status).toBe(200);
    expect(page.data.agreement.version).toBe(1);
    const first = await run(accordAction, formRequest(path, { intent: "approve", version: "1" }, { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(first.status).toBe(302);
    // The association's admin is asked for the same approval, in Arabic.
    const [ask] = await mailsTo(t.partnerAdmin.user.email!, t.number);
    expect(ask.subject).toContain("وافقت");
    expect(ask.text).toContain(`/tandems/${t.number}/accord`);
    const second = await run(accordAction, formRequest(path, { intent: "approve", version: "1" }, { cookie: t.partnerAdmin.cookie }), { number: t.number });
    expect(second.status).toBe(302);
    const [row] = await db.select().from(tandems).where(eq(tandems.id, t.tandem.id));
    expect(row.status).toBe("active");
    expect(row.activatedAt).toBeInstanceOf(Date);
    // Both sides learn that the tandem has started, with the way to its space.
    const started = (await mailsTo(t.companyOwner.user.email!, t.number)).find((m) => m.subject.includes("lancé"));
    expect(started?.text).toContain(`/tandems/${t.number}`);
    expect((await mailsTo(t.partnerAdmin.user.email!, t.number)).some((m) => m.subject.includes("انطلقت"))).toBe(true);
    const approvals = await db.select().from(tandemApprovals).where(eq(tandemApprovals.tandemId, t.tandem.id));
    expect(approvals.map((a) => a.approvedBy).sort()).toEqual([t.companyOwner.user.id, t.partnerAdmin.user.id].sort());
    const trail = await events(t.tandem.id);
    expect(trail.map((e) => e.action)).toEqual(["approveAgreement", "approveAgreement", "activate"]);
    expect(trail[2]).toMatchObject({ fromStatus: "agreement_draft", toStatus: "active", actorId: null });
    const audited = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, t.tandem.id));
    expect(audited.map((a) => a.action).sort()).toEqual(["tandem.activate", "tandem.approveAgreement", "tandem.approveAgreement"]);

    // The printable page: both organisations, the company's ICE, who approved.
    const print = await run(printLoader, getRequest(`${path}/imprimer`, { cookie: t.partnerAdmin.cookie }), { number: t.number });
    expect(print.status).toBe(200);
    expect(print.data.company.identifiers).toEqual([{ type: "ice", value: expect.stringMatching(/^00123456700/) }]);
    expect(print.data.partner.approval).toMatchObject({ current: true, approverName: t.partnerAdmin.user.name });

    // Editing an active agreement: 409, nothing changed.
    const late = await run(accordAction, formRequest(path, { intent: "save", ...strings(validInput(t.focal.user.id)) }, { cookie: t.partnerAdmin.cookie }), { number: t.number });
    expect(late.status).toBe(409);
    expect(late.data.messageKey).toBe("agreements.errors.notDraft");
    expect(await version(t.tandem.id)).toBe(1);
  });

  it("approving twice or a stale version is a 409; a plain member is a 403; a stranger gets a 404", async () => {
    const t = await draftTandem();
    const path = `/tandems/${t.number}/accord`;
    await approveAgreement({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, version: 1 });
    await expect(approveAgreement({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, version: 1 })).rejects.toMatchObject({ status: 409, messageKey: "agreements.errors.alreadyApproved" });
    const twice = await run(accordAction, formRequest(path, { intent: "approve", version: "1" }, { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(twice.status).toBe(409);
    expect(twice.data.messageKey).toBe("agreements.errors.alreadyApproved");

    const stale = await run(accordAction, formRequest(path, { intent: "approve", version: "0" }, { cookie: t.partnerAdmin.cookie }), { number: t.number });
    expect(stale.status).toBe(400);
    await updateAgreement({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, input: validInput(t.focal.user.id) });
    const old = await run(accordAction, formRequest(path, { intent: "approve", version: "1" }, { cookie: t.partnerAdmin.cookie }), { number: t.number });
    expect(old.status).toBe(409);
    expect(old.data.messageKey).toBe("agreements.errors.stale");

    const member = await run(accordAction, formRequest(path, { intent: "approve", version: "2" }, { cookie: t.companyMember.cookie }), { number: t.number });
    expect(member.status).toBe(403);
    // A plain member still reads the agreement.
    expect((await run(accordLoader, getRequest(path, { cookie: t.companyMember.cookie }), { number: t.number })).status).toBe(200);

    const stranger = await signedIn();
    expect((await run(accordLoader, getRequest(path, { cookie: stranger.cookie }), { number: t.number })).status).toBe(404);
    expect((await run(printLoader, getRequest(`${path}/imprimer`, { cookie: stranger.cookie }), { number: t.number })).status).toBe(404);
    expect((await run(accordAction, formRequest(path, { intent: "approve", version: "2" }, { cookie: stranger.cookie }), { number: t.number })).status).toBe(404);
    // A platform operator reads it; nobody approves on a side's behalf.
    const operator = await signedIn({ platformRole: "operator" });
    expect((await run(accordLoader, getRequest(path, { cookie: operator.cookie }), { number: t.number })).status).toBe(200);
    const approvals = await db.select().from(tandemApprovals).where(eq(tandemApprovals.tandemId, t.tandem.id));
    expect(approvals).toHaveLength(1);
    expect(await status(t.tandem.id)).toBe("agreement_draft");
  });

  it("refuses bad input with field errors and changes nothing", async () => {
    const t = await draftTandem();
    const path = `/tandems/${t.number}/accord`;
    const outsider = await createUser(db);
    const good = strings(validInput(t.focal.user.id));
    const cases: [Record<string, string>, string, string][] = [
      [{ hoursCommitted: "0" }, "hoursCommitted", "agreements.errors.hours"],
      [{ hoursCommitted: "2001" }, "hoursCommitted", "agreements.errors.hours"],
      [{ hoursCommitted: "1.5" }, "hoursCommitted", "agreements.errors.hours"],
      [{ startDate: "2027-02-01", endDate: "2027-01-01" }, "endDate", "agreements.errors.endBeforeStart"],
      [{ startDate: "2027-01-01", endDate: "2029-06-01" }, "endDate", "agreements.errors.tooLongPeriod"],
      [{ objectives: "Trop court" }, "objectives", "agreements.errors.objectivesLength"],
      [{ focalPersonId: outsider.id }, "focalPersonId", "agreements.errors.focalPerson"],
      // Someone of the company is not the partner's focal person.
      [{ focalPersonId: t.companyMember.user.id }, "focalPersonId", "agreements.errors.focalPerson"],
      [{ focalPersonId: "not-a-uuid" }, "focalPersonId", "agreements.errors.focalPerson"],
    ];
    for (const [change, field, key] of cases) {
      const res = await run(accordAction, formRequest(path, { intent: "save", ...good, ...change }, { cookie: t.companyOwner.cookie }), { number: t.number });
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(res.data.errors[field], JSON.stringify(change)).toEqual([key]);
    }
    expect(await version(t.tandem.id)).toBe(1);
    expect(await events(t.tandem.id)).toHaveLength(0);
    const ok = await run(accordAction, formRequest(path, { intent: "save", ...good }, { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(ok.status).toBe(302);
    expect(await version(t.tandem.id)).toBe(2);
    const [a] = await db.select().from(tandemAgreements).where(eq(tandemAgreements.tandemId, t.tandem.id));
    expect(a).toMatchObject({ hoursCommitted: 60, focalPersonId: t.focal.user.id, endDate: "2027-06-30" });
  });

  it("the company invites volunteers by e-mail, once each; the partner cannot", async () => {
    const t = await draftTandem();
    const path = `/tandems/${t.number}/accord`;
    const email = `salma-${seq}@example.ma`;
    const res = await run(accordAction, formRequest(path, { intent: "invite", name: "Salma Idrissi", email: email.toUpperCase() }, { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(res.status).toBe(302);
    const mail = await lastMailTo(email);
    expect(mail.subject).toContain(t.number);
    expect(linkIn(mail.text, `/tandems/${t.number}/accord`)).toMatch(/^http:\/\/localhost:3000\/tandems\//);

    const again = await run(accordAction, formRequest(path, { intent: "invite", name: "Salma", email }, { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(again.status).toBe(409);
    expect(again.data.messageKey).toBe("agreements.errors.duplicateVolunteer");
    const bad = await run(accordAction, formRequest(path, { intent: "invite", name: "Salma", email: "pas-une-adresse" }, { cookie: t.companyOwner.cookie }), { number: t.number });
    expect(bad.data.errors.email).toEqual(["agreements.errors.email"]);
    await expect(inviteVolunteer({ db, actor: t.partnerAdmin.actor, tandemId: t.tandem.id, email: "x@example.ma", name: "Xavier" })).rejects.toMatchObject({ status: 403 });
    await expect(inviteVolunteer({ db, actor: t.companyMember.actor, tandemId: t.tandem.id, email: "x@example.ma", name: "Xavier" })).rejects.toMatchObject({ status: 403 });

    for (let i = 0; i < 19; i++) await inviteVolunteer({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, email: `v${i}-${seq}@example.ma`, name: `Volontaire ${i}` });
    await expect(inviteVolunteer({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, email: `v21-${seq}@example.ma`, name: "Un de trop" })).rejects.toMatchObject({ status: 409, messageKey: "agreements.errors.tooManyVolunteers" });

    await removeVolunteer({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, email });
    const left = await db.select().from(tandemVolunteers).where(and(eq(tandemVolunteers.tandemId, t.tandem.id), eq(tandemVolunteers.email, email)));
    expect(left).toHaveLength(0);
  });

  it("ending early needs a reason, writes the event, and closes the agreement", async () => {
    const t = await draftTandem();
    const path = `/tandems/${t.number}/accord`;
    const none = await run(accordAction, formRequest(path, { intent: "end", reason: "" }, { cookie: t.partnerAdmin.cookie }), { number: t.number });
    expect(none.status).toBe(400);
    expect(none.data.errors.reason).toBeTruthy();
    const short = await run(accordAction, formRequest(path, { intent: "end", reason: "Trop tôt" }, { cookie: t.partnerAdmin.cookie }), { number: t.number });
    expect(short.data.errors.reason).toEqual(["agreements.errors.reason"]);
    await expect(endTandemEarly({ db, actor: t.partnerAdmin.actor, tandemId: t.tandem.id, reason: "court" })).rejects.toMatchObject({ status: 400 });
    await expect(endTandemEarly({ db, actor: t.companyMember.actor, tandemId: t.tandem.id, reason: "Une raison suffisante" })).rejects.toMatchObject({ status: 403 });
    expect(await status(t.tandem.id)).toBe("agreement_draft");

    const ok = await run(accordAction, formRequest(path, { intent: "end", reason: "L'association a changé de priorités." }, { cookie: t.partnerAdmin.cookie }), { number: t.number });
    expect(ok.status).toBe(302);
    const [row] = await db.select().from(tandems).where(eq(tandems.id, t.tandem.id));
    expect(row).toMatchObject({ status: "ended_early", endReason: "L'association a changé de priorités." });
    expect(row.closedAt).toBeInstanceOf(Date);
    const [ev] = await events(t.tandem.id);
    expect(ev).toMatchObject({ action: "endEarly", fromStatus: "agreement_draft", toStatus: "ended_early", reason: "L'association a changé de priorités.", actorId: t.partnerAdmin.user.id });
    // Nothing more: no second end, no approval.
    await expect(endTandemEarly({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, reason: "Une autre raison ici" })).rejects.toMatchObject({ status: 409 });
    await expect(approveAgreement({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, version: 1 })).rejects.toMatchObject({ status: 409 });
  });

  it("an active tandem can be ended early by the company", async () => {
    const t = await draftTandem();
    await approveAgreement({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, version: 1 });
    await approveAgreement({ db, actor: t.partnerAdmin.actor, tandemId: t.tandem.id, version: 1 });
    expect(await status(t.tandem.id)).toBe("active");
    await expect(updateAgreement({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, input: validInput(t.focal.user.id) })).rejects.toMatchObject({ status: 409, messageKey: "agreements.errors.notDraft" });
    const res = await endTandemEarly({ db, actor: t.companyOwner.actor, tandemId: t.tandem.id, reason: "Le bénévole principal a quitté l'entreprise." });
    expect(res.status).toBe("ended_early");
  });
});

function strings(input: ReturnType<typeof validInput>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v === null ? "" : String(v)]));
}
