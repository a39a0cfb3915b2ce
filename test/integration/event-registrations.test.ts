import { RateLimitedError } from "~/lib/errors.server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { emailMessages, eventRegistrations, events } from "../../db/schema";
import type { EventKind, EventStatus } from "../../db/schema/enums";
import { moroccoLocalToInstant, todayInMorocco } from "~/lib/morocco-time";
import { createSession } from "~/modules/accounts/session.server";
import {
  cancelRegistration,
  checkIn,
  notifyRegistrantsOfCancellation,
  registerForEvent,
  REGISTRATIONS_PER_HOUR,
  registrationSchema,
  registrationSummary,
  sendEventReminders,
} from "~/modules/events/registrations.server";
import { action as ticketAction, loader as ticketLoader } from "~/routes/billets.$token";
import { action as registerAction, loader as registerLoader } from "~/routes/evenements_.$slug_.inscription";
import { action as participantsAction, loader as participantsLoader } from "~/routes/evenements_.$slug_.participants";
import { loader as csvLoader } from "~/routes/evenements_.$slug_.participants_.csv";
import { mailsTo } from "../support/mail";
import { formRequest, getRequest, run } from "../support/http";

// People's registrations for events (issue 7): capacity and waiting list, cancellation that promotes the first
// waitlisted, check-in by those who run the event from the ticket, reminders the day before — each refusal with
// nothing written.

let seq = 0;
const DAY = 86_400_000;

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

/** An event run by an organisation (its owner runs it), starting in `inDays` days. */
async function makeEvent(opts: { kind?: EventKind; status?: EventStatus; capacity?: number | null; startsAt?: Date; inDays?: number } = {}) {
  const owner = await signedIn();
  const org = await createOrganization(db, { kind: "association", name: `Association Atlas ${++seq}`, ownerId: owner.user.id });
  const startsAt = opts.startsAt ?? new Date(Date.now() + (opts.inDays ?? 10) * DAY);
  const [event] = await db
    .insert(events)
    .values({
      slug: `atelier-${seq}-${Date.now()}`,
      kind: opts.kind ?? "workshop",
      titleFr: `Atelier comptabilité ${seq}`,
      titleAr: `ورشة المحاسبة ${seq}`,
      descriptionFr: "Un atelier pratique pour les coopératives.",
      descriptionAr: "ورشة عملية للتعاونيات.",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
      online: true,
      onlineUrl: "https://meet.example.ma/atelier",
      capacity: opts.capacity === undefined ? 2 : opts.capacity,
      organizerId: org.id,
      status: opts.status ?? "published",
      // Published, or cancelled after its publication; a proposal or a refused one never was.
      publishedAt: opts.status === "pending" || opts.status === "rejected" ? null : new Date(),
    })
    .returning();
  return { event, owner, org };
}

const input = (email: string, extra: Partial<Record<string, string>> = {}) => registrationSchema.parse({ name: "Amina Idrissi", email, ...extra });
const register = (slug: string, email: string, extra: Partial<Record<string, string>> = {}) =>
  registerForEvent({ db, actor: null, slug, input: input(email, extra), locale: "fr" });
const regsOf = (eventId: string) => db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, eventId));
const email = () => `p${++seq}-${Date.now()}@example.ma`;
const regPath = (slug: string) => `/evenements/${slug}/inscription`;

describe("registering", () => {
  it("lets a guest register from the page and land on the ticket, with the ticket e-mailed", async () => {
    const { event } = await makeEvent();
    const page = await run(registerLoader, getRequest(regPath(event.slug)), { slug: event.slug });
    expect(page.status).toBe(200);
    expect(page.data.account).toBeNull();
    const to = email();
    const res = await run(registerAction, formRequest(regPath(event.slug), { name: "Amina Idrissi", email: to, gender: "woman", intent: "register" }), { slug: event.slug });
    expect(res.status).toBe(302);
    const [r] = await regsOf(event.id);
    expect(res.headers.get("Location")).toContain(`/billets/${r.token}`);
    expect(r).toMatchObject({ status: "registered", gender: "woman", email: to, userId: null });
    expect(r.token.length).toBeGreaterThanOrEqual(22);
    const mails = await mailsTo(to, event.titleFr);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(`/billets/${r.token}`);
  });

  it("uses the account's address for a signed-in person, and only their own organisations", async () => {
    const { event } = await makeEvent();
    const me = await signedIn();
    const mine = await createOrganization(db, { kind: "cooperative", name: `Coop Argan ${++seq}`, ownerId: me.user.id });
    const other = await makeEvent();
    const refused = await run(registerAction, formRequest(regPath(event.slug), { name: "Omar", email: "other@example.ma", organizationId: other.org.id }, { cookie: me.cookie }), { slug: event.slug });
    expect(refused.status).toBe(400);
    expect(refused.data.messageKey).toBe("eventRegistrations.errors.organization");
    expect(await regsOf(event.id)).toHaveLength(0);
    const ok = await run(registerAction, formRequest(regPath(event.slug), { name: "Omar", email: "other@example.ma", organizationId: mine.id }, { cookie: me.cookie }), { slug: event.slug });
    expect(ok.status).toBe(302);
    const [r] = await regsOf(event.id);
    expect(r).toMatchObject({ email: me.user.email, userId: me.user.id, organizationId: mine.id, gender: null });
  });

  it("refuses a wrong name, address or gender with nothing written", async () => {
    const { event } = await makeEvent();
    for (const fields of <Record<string, string>[]>[{ name: "A", email: email() }, { name: "Amina", email: "not-an-address" }, { name: "Amina", email: email(), gender: "other" }, { name: "x".repeat(121), email: email() }]) {
      const res = await run(registerAction, formRequest(regPath(event.slug), fields), { slug: event.slug });
      expect(res.status).toBe(400);
    }
    expect(await regsOf(event.id)).toHaveLength(0);
  });

  it("refuses registering twice with the same address, whatever its case", async () => {
    const { event } = await makeEvent();
    const to = email();
    await register(event.slug, to);
    await expect(register(event.slug, to.toUpperCase())).rejects.toMatchObject({ messageKey: "eventRegistrations.errors.already" });
    const res = await run(registerAction, formRequest(regPath(event.slug), { name: "Amina", email: to }), { slug: event.slug });
    expect(res.status).toBe(409);
    expect(res.data.messageKey).toBe("eventRegistrations.errors.already");
    expect(await regsOf(event.id)).toHaveLength(1);
    // At the same moment, too: one live registration per address and event.
    const again = email();
    const results = await Promise.allSettled([register(event.slug, again), register(event.slug, again.toUpperCase()), register(event.slug, again)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason.messageKey).toBe("eventRegistrations.errors.already");
  });

  it("refuses cancelled, pending, rejected, started, over and stand events", async () => {
    const cases: [Parameters<typeof makeEvent>[0], string][] = [
      [{ status: "cancelled" }, "cancelled"],
      [{ status: "pending" }, "notOpen"],
      [{ status: "rejected" }, "notOpen"],
      [{ startsAt: new Date(Date.now() - 3_600_000) }, "started"],
      [{ startsAt: new Date(Date.now() - 10 * DAY) }, "started"],
      [{ kind: "regional_fair", capacity: null }, "standKind"],
    ];
    for (const [opts, key] of cases) {
      const { event } = await makeEvent(opts);
      await expect(register(event.slug, email())).rejects.toMatchObject({ messageKey: `eventRegistrations.errors.${key}` });
      expect(await regsOf(event.id)).toHaveLength(0);
    }
    // A guest does not even see a proposed event's page, nor a fair's registration page.
    const pending = await makeEvent({ status: "pending" });
    expect((await run(registerLoader, getRequest(regPath(pending.event.slug)), { slug: pending.event.slug })).status).toBe(404);
    const fair = await makeEvent({ kind: "national_fair", capacity: null });
    expect((await run(registerLoader, getRequest(regPath(fair.event.slug)), { slug: fair.event.slug })).status).toBe(404);
  });

  it("refuses beyond capacity with 'full', and puts on the waiting list when asked", async () => {
    const { event } = await makeEvent({ capacity: 1 });
    await register(event.slug, email());
    const to = email();
    const full = await run(registerAction, formRequest(regPath(event.slug), { name: "Sara", email: to, intent: "register" }), { slug: event.slug });
    expect(full.status).toBe(409);
    expect(full.data.messageKey).toBe("eventRegistrations.errors.full");
    expect(full.data.values.email).toBe(to);
    expect(await regsOf(event.id)).toHaveLength(1);
    const wait = await run(registerAction, formRequest(regPath(event.slug), { name: "Sara", email: to, intent: "waitlist" }), { slug: event.slug });
    expect(wait.status).toBe(302);
    const rows = await regsOf(event.id);
    expect(rows.find((r) => r.email === to)?.status).toBe("waitlisted");
    expect(await registrationSummary(db, event.id)).toEqual({ capacity: 1, registered: 1, waitlisted: 1, checkedIn: 0 });
  });

  it("never exceeds capacity under concurrent registrations for the last place", async () => {
    const { event } = await makeEvent({ capacity: 3 });
    await register(event.slug, email());
    await register(event.slug, email());
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => register(event.slug, email())));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason.messageKey).toBe("eventRegistrations.errors.full");
    expect((await regsOf(event.id)).filter((r) => r.status === "registered")).toHaveLength(3);
  });
});

describe("cancelling", () => {
  it("frees the place and promotes the first waitlisted, in order of arrival", async () => {
    const { event } = await makeEvent({ capacity: 1 });
    const first = await register(event.slug, email());
    const early = email();
    const late = email();
    await registerForEvent({ db, actor: null, slug: event.slug, input: input(early, { intent: "waitlist" }), locale: "fr" });
    await registerForEvent({ db, actor: null, slug: event.slug, input: input(late, { intent: "waitlist" }), locale: "fr" });
    const res = await run(ticketAction, formRequest(`/billets/${first.token}`, { intent: "cancel" }), { token: first.token });
    expect(res.status).toBe(302);
    const rows = await regsOf(event.id);
    expect(rows.find((r) => r.id === first.id)?.status).toBe("cancelled");
    expect(rows.find((r) => r.email === early)?.status).toBe("registered");
    expect(rows.find((r) => r.email === late)?.status).toBe("waitlisted");
    expect(await mailsTo(early, "Une place s’est libérée")).toHaveLength(1);
    // Twice: refused.
    const again = await run(ticketAction, formRequest(`/billets/${first.token}`, { intent: "cancel" }), { token: first.token });
    expect(again.status).toBe(409);
    expect(again.data.messageKey).toBe("eventRegistrations.errors.alreadyCancelled");
    // A cancelled address may register again.
    await expect(registerForEvent({ db, actor: null, slug: event.slug, input: input(first.email, { intent: "waitlist" }), locale: "fr" })).resolves.toMatchObject({ status: "waitlisted" });
  });

  it("an unknown ticket is a 404", async () => {
    expect((await run(ticketLoader, getRequest("/billets/nope"), { token: "nope" })).status).toBe(404);
    const fake = "a".repeat(24);
    expect((await run(ticketAction, formRequest(`/billets/${fake}`, { intent: "cancel" }), { token: fake })).status).toBe(404);
  });
});

describe("the ticket and check-in", () => {
  it("shows the QR code to everyone, and the check-in to those who run the event only", async () => {
    const { event, owner } = await makeEvent();
    const r = await register(event.slug, email());
    const guest = await run(ticketLoader, getRequest(`/billets/${r.token}`), { token: r.token });
    expect(guest.status).toBe(200);
    expect(guest.data.qr).toContain("<svg");
    expect(guest.data.url).toMatch(new RegExp(`^https?://.+/billets/${r.token}$`));
    expect(guest.data.runs).toBe(false);
    const organiser = await run(ticketLoader, getRequest(`/billets/${r.token}`, { cookie: owner.cookie }), { token: r.token });
    expect(organiser.data.runs).toBe(true);
    const operator = await signedIn({ platformRole: "operator" });
    expect((await run(ticketLoader, getRequest(`/billets/${r.token}`, { cookie: operator.cookie }), { token: r.token })).data.runs).toBe(true);
  });

  it("checks in only for those who run the event, only a registered person, and once", async () => {
    const { event, owner } = await makeEvent({ capacity: 1 });
    const r = await register(event.slug, email());
    const w = await registerForEvent({ db, actor: null, slug: event.slug, input: input(email(), { intent: "waitlist" }), locale: "fr" });
    const stranger = await signedIn();
    const denied = await run(ticketAction, formRequest(`/billets/${r.token}`, { intent: "checkin" }, { cookie: stranger.cookie }), { token: r.token });
    expect(denied.status).toBe(403);
    const anonymous = await run(ticketAction, formRequest(`/billets/${r.token}`, { intent: "checkin" }), { token: r.token });
    expect(anonymous.status).toBe(403);
    await expect(checkIn({ db, actor: owner.actor, token: w.token })).rejects.toMatchObject({ messageKey: "eventRegistrations.errors.notRegistered" });
    expect((await regsOf(event.id)).every((x) => x.checkedInAt === null)).toBe(true);

    const ok = await run(ticketAction, formRequest(`/billets/${r.token}`, { intent: "checkin" }, { cookie: owner.cookie }), { token: r.token });
    expect(ok.status).toBe(302);
    const [row] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, r.id));
    expect(row.checkedInAt).not.toBeNull();
    expect(row.checkedInBy).toBe(owner.user.id);
    const twice = await run(ticketAction, formRequest(`/billets/${r.token}`, { intent: "checkin" }, { cookie: owner.cookie }), { token: r.token });
    expect(twice.status).toBe(409);
    expect(twice.data.messageKey).toBe("eventRegistrations.errors.alreadyCheckedIn");
    // A person checked in can no longer cancel.
    await expect(cancelRegistration({ db, token: r.token })).rejects.toMatchObject({ messageKey: "eventRegistrations.errors.checkedIn" });
    const undo = await run(ticketAction, formRequest(`/billets/${r.token}`, { intent: "undo" }, { cookie: owner.cookie }), { token: r.token });
    expect(undo.status).toBe(302);
    const [after] = await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, r.id));
    expect(after.checkedInAt).toBeNull();
    const bad = await run(ticketAction, formRequest(`/billets/${r.token}`, { intent: "explode" }, { cookie: owner.cookie }), { token: r.token });
    expect(bad.status).toBe(400);
  });

  it("the participants page: those who run the event only, counts, search, check-in, another event's ticket refused", async () => {
    const { event, owner } = await makeEvent({ capacity: 5 });
    const other = await makeEvent();
    const a = await registerForEvent({ db, actor: null, slug: event.slug, input: registrationSchema.parse({ name: "Khadija Benali", email: email() }), locale: "fr" });
    await registerForEvent({ db, actor: null, slug: event.slug, input: registrationSchema.parse({ name: "Youssef Alami", email: email() }), locale: "fr" });
    const foreign = await register(other.event.slug, email());
    const path = `/evenements/${event.slug}/participants`;

    const stranger = await signedIn();
    expect((await run(participantsLoader, getRequest(path, { cookie: stranger.cookie }), { slug: event.slug })).status).toBe(404);
    expect((await run(participantsAction, formRequest(path, { intent: "checkin", ticket: a.token }, { cookie: stranger.cookie }), { slug: event.slug })).status).toBe(403);

    const page = await run(participantsLoader, getRequest(path, { cookie: owner.cookie }), { slug: event.slug });
    expect(page.status).toBe(200);
    expect(page.data.rows).toHaveLength(2);
    expect(page.data.summary).toEqual({ capacity: 5, registered: 2, waitlisted: 0, checkedIn: 0 });
    const search = await run(participantsLoader, getRequest(`${path}?q=khadija`, { cookie: owner.cookie }), { slug: event.slug });
    expect(search.data.rows.map((r: { name: string }) => r.name)).toEqual(["Khadija Benali"]);

    const wrong = await run(participantsAction, formRequest(path, { intent: "checkin", ticket: `http://localhost:3000/billets/${foreign.token}` }, { cookie: owner.cookie }), { slug: event.slug });
    expect(wrong.status).toBe(409);
    expect(wrong.data.messageKey).toBe("eventRegistrations.errors.otherEvent");
    expect((await regsOf(other.event.id))[0].checkedInAt).toBeNull();

    // A scanned ticket's whole address works as well as its token.
    const ok = await run(participantsAction, formRequest(path, { intent: "checkin", ticket: `http://localhost:3000/ar/billets/${a.token}` }, { cookie: owner.cookie }), { slug: event.slug });
    expect(ok.status).toBe(302);
    expect((await registrationSummary(db, event.id)).checkedIn).toBe(1);
    expect((await run(participantsAction, formRequest(path, { intent: "checkin", ticket: "" }, { cookie: owner.cookie }), { slug: event.slug })).status).toBe(400);

    expect((await run(csvLoader, getRequest(`${path}/csv`, { cookie: stranger.cookie }), { slug: event.slug })).status).toBe(404);
    const csv = (await csvLoader({ request: getRequest(`${path}/csv`, { cookie: owner.cookie }), params: { slug: event.slug }, context: {} } as never)) as Response;
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("Nom et prénom;Adresse e-mail;État;Votre organisation (facultatif);Inscrit le (heure du Maroc);Arrivé");
    expect(lines.find((l) => l.startsWith("Khadija Benali;"))).toMatch(/;Inscrit;;\d{4}-\d{2}-\d{2} \d{2}:\d{2};\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // The list carries no ticket (a ticket cancels a place) and no declared gender; it checks in by registration.
    expect(JSON.stringify(page.data)).not.toContain(a.token);
    expect(page.data.rows[0]).not.toHaveProperty("gender");
    const b = (await regsOf(event.id)).find((r) => r.name === "Youssef Alami")!;
    expect((await run(participantsAction, formRequest(path, { intent: "checkin", registration: b.id }, { cookie: owner.cookie }), { slug: event.slug })).status).toBe(302);
    expect((await registrationSummary(db, event.id)).checkedIn).toBe(2);
    const foreignRow = (await regsOf(other.event.id))[0];
    const crossed = await run(participantsAction, formRequest(path, { intent: "checkin", registration: foreignRow.id }, { cookie: owner.cookie }), { slug: event.slug });
    expect(crossed.data.messageKey).toBe("eventRegistrations.errors.otherEvent");
  });
});

describe("abuse", () => {
  it("counts registrations per address and per e-mail: the one over the limit is refused, nothing written", async () => {
    const { event } = await makeEvent({ capacity: 100 });
    const ip = `198.51.100.${(seq % 200) + 1}`;
    for (let i = 0; i < REGISTRATIONS_PER_HOUR; i++) await registerForEvent({ db, actor: null, slug: event.slug, input: input(email()), locale: "fr", ip });
    const over = registerForEvent({ db, actor: null, slug: event.slug, input: input(email()), locale: "fr", ip });
    await expect(over).rejects.toBeInstanceOf(RateLimitedError);
    expect(await regsOf(event.id)).toHaveLength(REGISTRATIONS_PER_HOUR);

    // One address typed again and again (a relay for e-mails): ten an hour, whatever the events.
    const victim = email();
    for (let i = 0; i < 10; i++) {
      const { event: other } = await makeEvent();
      await registerForEvent({ db, actor: null, slug: other.slug, input: input(victim), locale: "fr" });
    }
    const { event: eleventh } = await makeEvent();
    await expect(registerForEvent({ db, actor: null, slug: eleventh.slug, input: input(victim), locale: "fr" })).rejects.toBeInstanceOf(RateLimitedError);
    expect(await regsOf(eleventh.id)).toHaveLength(0);
  });
});

describe("reminders and cancellation e-mails", () => {
  it("reminds the registered of events starting the next Morocco day, once", async () => {
    const tomorrow = new Date(Date.parse(`${todayInMorocco()}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    const after = new Date(Date.parse(`${todayInMorocco()}T00:00:00Z`) + 2 * DAY).toISOString().slice(0, 10);
    const soon = await makeEvent({ capacity: 1, startsAt: moroccoLocalToInstant(`${tomorrow}T10:00`)! });
    const later = await makeEvent({ startsAt: moroccoLocalToInstant(`${after}T10:00`)! });
    const r = await register(soon.event.slug, email());
    const w = await registerForEvent({ db, actor: null, slug: soon.event.slug, input: input(email(), { intent: "waitlist" }), locale: "fr" });
    const l = await register(later.event.slug, email());
    await sendEventReminders(db);
    const stamped = async (id: string) => (await db.select().from(eventRegistrations).where(eq(eventRegistrations.id, id)))[0].remindedAt;
    expect(await stamped(r.id)).not.toBeNull();
    expect(await stamped(w.id)).toBeNull();
    expect(await stamped(l.id)).toBeNull();
    await sendEventReminders(db);
    expect(await mailsTo(r.email, "C’est demain")).toHaveLength(1);
  });

  it("writes to a guest in the language they registered in", async () => {
    const tomorrow = new Date(Date.parse(`${todayInMorocco()}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    const { event } = await makeEvent({ startsAt: moroccoLocalToInstant(`${tomorrow}T10:00`)! });
    const guest = await registerForEvent({ db, actor: null, slug: event.slug, input: input(email()), locale: "ar" });
    await sendEventReminders(db);
    expect(await mailsTo(guest.email, "غدًا")).toHaveLength(1);
    await db.transaction((tx) => notifyRegistrantsOfCancellation(tx, { ...event, statusReason: "القاعة غير متاحة." }));
    expect(await mailsTo(guest.email, "أُلغيت الفعالية")).toHaveLength(1);
    expect(await mailsTo(guest.email, "C’est demain")).toHaveLength(0);
  });

  it("queues the cancellation e-mail to every live registration", async () => {
    const { event } = await makeEvent({ capacity: 1 });
    const r = await register(event.slug, email());
    const gone = await register(event.slug, email()).catch(() => null);
    expect(gone).toBeNull();
    const w = await registerForEvent({ db, actor: null, slug: event.slug, input: input(email(), { intent: "waitlist" }), locale: "fr" });
    const c = await registerForEvent({ db, actor: null, slug: event.slug, input: input(email(), { intent: "waitlist" }), locale: "fr" });
    await cancelRegistration({ db, token: c.token });
    const n = await db.transaction((tx) => notifyRegistrantsOfCancellation(tx, { ...event, statusReason: "Salle indisponible ce jour-là." }));
    expect(n).toBe(2);
    expect(await mailsTo(r.email, "Événement annulé")).toHaveLength(1);
    expect(await mailsTo(w.email, "Événement annulé")).toHaveLength(1);
    const queued = await db.select().from(emailMessages).where(and(eq(emailMessages.to, c.email), eq(emailMessages.template, "eventCancelled")));
    expect(queued).toHaveLength(0);
  });
});
