import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { events } from "../../db/schema";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { createSession } from "~/modules/accounts/session.server";
import { agendaFilters, createEvent, getEvent, listAgenda, listEventsForOperators } from "~/modules/events/events.server";
import { eventSchema } from "~/modules/events/schemas";
import { loader as agendaLoader } from "~/routes/evenements";
import { loader as feedLoader } from "~/routes/evenements[.]ics";
import { action as eventAction, loader as eventLoader } from "~/routes/evenements_.$slug";
import { action as proposeAction, loader as proposeLoader } from "~/routes/organisations.$slug_.evenements.proposer";
import { action as newAction } from "~/routes/programme.evenements_.nouveau";
import { loader as opsLoader } from "~/routes/programme.evenements";
import { formRequest, getRequest, run } from "../support/http";
import { mailsTo } from "../support/mail";

// Events (issue 7, item 1): operators publish at once; a verified organisation's managers propose, an operator
// approves or refuses with a reason; the organiser or an operator cancels with a reason; the public agenda filters
// by kind, region and month, upcoming or past; the iCalendar feed; bad input refused beside its field.

const DAY = 86_400_000;
const HOUR = 3_600_000;
let seq = 0;
const tag = `Evt${Date.now().toString(36)}`;

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

const local = (ms: number) => instantToMoroccoLocal(new Date(ms));
/** The form as a browser sends it: a regional fair in Agadir, a week from now, from 09:00 to 18:00. */
function fields(overrides: Record<string, string> = {}) {
  const start = Date.now() + 7 * DAY;
  return {
    kind: "regional_fair",
    titleFr: `Salon régional de l’ESS ${tag} ${++seq}`,
    titleAr: "المعرض الجهوي للاقتصاد الاجتماعي والتضامني",
    descriptionFr: "Trois jours pour rencontrer les coopératives de la région et acheter leurs produits.",
    descriptionAr: "ثلاثة أيام للقاء تعاونيات الجهة واقتناء منتجاتها.",
    startsAt: local(start),
    endsAt: local(start + 9 * HOUR),
    city: "Agadir",
    regionCode: "09",
    address: "Place Al Amal",
    standCapacity: "40",
    capacity: "",
    onlineUrl: "",
    ...overrides,
  };
}
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};
const parsed = (overrides: Record<string, string> = {}) => {
  const result = eventSchema.safeParse(Object.fromEntries(form(fields(overrides)).entries()));
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data;
};

describe("creating and proposing events", () => {
  it("an operator publishes at once; the page, the agenda and the feed show it", async () => {
    const op = await signedIn({ platformRole: "operator" });
    const values = fields();
    const res = await run(newAction, formRequest("/programme/evenements/nouveau", values, { cookie: op.cookie }));
    expect(res.status).toBe(302);
    const [row] = await db.select().from(events).where(eq(events.titleFr, values.titleFr));
    expect(row).toMatchObject({ status: "published", organizerId: null, city: "Agadir", regionCode: "09", standCapacity: 40, capacity: null });
    expect(res.headers.get("Location")).toBe(`/evenements/${row.slug}`);
    expect(row.slug).toMatch(/^salon-regional-de-l-?ess-/);
    expect(row.slug.endsWith(`-${instantToMoroccoLocal(row.startsAt).slice(0, 7)}`)).toBe(true);

    const page = await run(eventLoader, getRequest(`/evenements/${row.slug}`), { slug: row.slug });
    expect(page.status).toBe(200);
    expect(page.data.event.titleFr).toBe(values.titleFr);

    const agenda = await run(agendaLoader, getRequest(`/evenements?type=regional_fair&region=09`));
    expect(agenda.data.events.map((e: { slug: string }) => e.slug)).toContain(row.slug);
    const elsewhere = await run(agendaLoader, getRequest(`/evenements?region=01`));
    expect(elsewhere.data.events.map((e: { slug: string }) => e.slug)).not.toContain(row.slug);

    const feed = await feedLoader({ request: getRequest("/evenements.ics?region=09"), params: {}, context: {} } as never);
    expect(feed.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const ics = await feed.text();
    expect(ics).toContain(`UID:${row.id}@`);
    expect(ics).toContain(`DTSTART:${row.startsAt.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "")}`);
    expect(ics).toContain("LOCATION:Place Al Amal\\, Agadir");
  });

  it("a verified organisation's manager proposes; only those who run it see it until an operator approves", async () => {
    const owner = await signedIn();
    const org = await createOrganization(db, { kind: "association", verificationStatus: "verified", ownerId: owner.user.id });
    expect((await run(proposeLoader, getRequest(`/organisations/${org.slug}/evenements/proposer`, { cookie: owner.cookie }), { slug: org.slug })).status).toBe(200);
    // The agenda offers its managers the proposal form; not to visitors.
    expect((await run(agendaLoader, getRequest("/evenements", { cookie: owner.cookie }))).data.proposeAs).toBe(org.slug);
    expect((await run(agendaLoader, getRequest("/evenements"))).data.proposeAs).toBeNull();
    const values = fields({ kind: "workshop", capacity: "25", standCapacity: "" });
    const res = await run(proposeAction, formRequest(`/organisations/${org.slug}/evenements/proposer`, values, { cookie: owner.cookie }), { slug: org.slug });
    expect(res.status).toBe(302);
    const [row] = await db.select().from(events).where(eq(events.titleFr, values.titleFr));
    expect(row).toMatchObject({ status: "pending", organizerId: org.id, capacity: 25, standCapacity: null, publishedAt: null });

    // A stranger, anonymous or signed in, gets a 404; the agenda does not list it.
    const stranger = await signedIn();
    expect((await run(eventLoader, getRequest(`/evenements/${row.slug}`), { slug: row.slug })).status).toBe(404);
    expect((await run(eventLoader, getRequest(`/evenements/${row.slug}`, { cookie: stranger.cookie }), { slug: row.slug })).status).toBe(404);
    expect((await listAgenda(db, { kind: "workshop" }, { all: true })).events.map((e) => e.id)).not.toContain(row.id);
    expect((await run(eventLoader, getRequest(`/evenements/${row.slug}`, { cookie: owner.cookie }), { slug: row.slug })).data.runs).toBe(true);

    // The operators' list puts it first; a refusal needs a reason; approval publishes it.
    const op = await signedIn({ platformRole: "operator" });
    const list = await run(opsLoader, getRequest("/programme/evenements", { cookie: op.cookie }));
    expect(list.data.pending).toBeGreaterThanOrEqual(1);
    expect(list.data.events[0].status).toBe("pending");
    const noReason = await run(eventAction, formRequest(`/evenements/${row.slug}`, { intent: "reject", reason: "Non" }, { cookie: op.cookie }), { slug: row.slug });
    expect(noReason.status).toBe(400);
    expect(noReason.data.errors).toEqual({ reason: ["events.errors.reason"] });
    // The organiser cannot approve its own proposal.
    expect((await run(eventAction, formRequest(`/evenements/${row.slug}`, { intent: "approve" }, { cookie: owner.cookie }), { slug: row.slug })).status).toBe(403);
    expect((await run(eventAction, formRequest(`/evenements/${row.slug}`, { intent: "approve" }, { cookie: op.cookie }), { slug: row.slug })).status).toBe(302);
    const [after] = await db.select().from(events).where(eq(events.id, row.id));
    expect(after).toMatchObject({ status: "published", reviewedBy: op.user.id });
    // The proposing organisation's manager is told, with the link to the event.
    const [mail] = await mailsTo(owner.user.email, "Événement publié");
    expect(mail.text).toContain(`/evenements/${row.slug}`);
    expect(after.publishedAt).toBeInstanceOf(Date);
    expect((await run(eventAction, formRequest(`/evenements/${row.slug}`, { intent: "reject", reason: "Trop tard pour refuser." }, { cookie: op.cookie }), { slug: row.slug })).data.messageKey).toBe("events.errors.notPending");
    expect((await run(eventLoader, getRequest(`/evenements/${row.slug}`), { slug: row.slug })).status).toBe(200);
  });

  it("a proposal its organiser withdraws stays private: never in the agenda, a 404 for others", async () => {
    const owner = await signedIn();
    const org = await createOrganization(db, { kind: "association", verificationStatus: "verified", ownerId: owner.user.id });
    const event = await createEvent({ db, actor: owner.actor, input: parsed({ kind: "networking", capacity: "30", standCapacity: "" }), organizerSlug: org.slug });
    const res = await run(eventAction, formRequest(`/evenements/${event.slug}`, { intent: "cancel", reason: "Nous reportons la rencontre à l’an prochain." }, { cookie: owner.cookie }), { slug: event.slug });
    expect(res.status).toBe(302);
    const [row] = await db.select().from(events).where(eq(events.id, event.id));
    expect(row).toMatchObject({ status: "cancelled", publishedAt: null });
    expect((await run(eventLoader, getRequest(`/evenements/${event.slug}`), { slug: event.slug })).status).toBe(404);
    expect((await listAgenda(db, { kind: "networking" }, { all: true })).events.map((e) => e.id)).not.toContain(event.id);
    const ics = await (await feedLoader({ request: getRequest("/evenements.ics?type=networking"), params: {}, context: {} } as never)).text();
    expect(ics).not.toContain(event.id);
    expect((await run(eventLoader, getRequest(`/evenements/${event.slug}`, { cookie: owner.cookie }), { slug: event.slug })).status).toBe(200);
  });

  it("refuses proposals from an unverified organisation, a plain member, and anyone for another organisation", async () => {
    const owner = await signedIn();
    const pending = await createOrganization(db, { kind: "cooperative", verificationStatus: "pending", ownerId: owner.user.id });
    const res = await run(proposeAction, formRequest(`/organisations/${pending.slug}/evenements/proposer`, fields(), { cookie: owner.cookie }), { slug: pending.slug });
    expect(res).toMatchObject({ status: 409, data: { messageKey: "events.errors.notVerified" } });

    const member = await signedIn();
    const verified = await createOrganization(db, { kind: "cooperative", verificationStatus: "verified", ownerId: member.user.id, role: "member" });
    expect((await run(proposeAction, formRequest(`/organisations/${verified.slug}/evenements/proposer`, fields(), { cookie: member.cookie }), { slug: verified.slug })).status).toBe(403);
    expect((await run(proposeLoader, getRequest(`/organisations/${verified.slug}/evenements/proposer`, { cookie: member.cookie }), { slug: verified.slug })).status).toBe(403);
    // Not an operator: the platform's own form is closed.
    expect((await run(newAction, formRequest("/programme/evenements/nouveau", fields(), { cookie: owner.cookie }))).status).toBe(403);
    expect(await db.select().from(events).where(eq(events.organizerId, verified.id))).toEqual([]);
  });

  it("bad input comes back beside its field, the values kept, nothing written", async () => {
    const op = await signedIn({ platformRole: "operator" });
    const post = (values: Record<string, string>) => run(newAction, formRequest("/programme/evenements/nouveau", values, { cookie: op.cookie }));
    const start = Date.now() + 3 * DAY;
    const backwards = await post(fields({ startsAt: local(start), endsAt: local(start - HOUR) }));
    expect(backwards.status).toBe(400);
    expect(backwards.data.errors).toEqual({ endsAt: ["events.errors.endsBeforeStarts"] });
    expect(backwards.data.values.city).toBe("Agadir");
    const nowhere = await post(fields({ city: "", regionCode: "" }));
    expect(nowhere.data.errors).toEqual({ city: ["events.errors.city"], regionCode: ["events.errors.region"] });
    const fairWithoutStands = await post(fields({ standCapacity: "" }));
    expect(fairWithoutStands.data.errors).toEqual({ standCapacity: ["events.errors.standCapacity"] });
    const workshopWithoutSeats = await post(fields({ kind: "workshop", standCapacity: "" }));
    expect(workshopWithoutSeats.data.errors).toEqual({ capacity: ["events.errors.capacity"] });
    const onlineWithoutUrl = await post(fields({ kind: "masterclass", capacity: "100", online: "on", onlineUrl: "http://insecure.example" }));
    expect(onlineWithoutUrl.data.errors).toEqual({ onlineUrl: ["events.errors.onlineUrl"] });
    const junk = await post(fields({ kind: "party", startsAt: "2026-02-30T10:00", standCapacity: "-3", titleFr: "x" }));
    expect(junk.data.errors).toEqual({ kind: ["events.errors.kind"], startsAt: ["events.errors.instant"], standCapacity: ["events.errors.standCapacity"], titleFr: ["events.errors.title"] });
    expect(await db.select().from(events).where(eq(events.createdBy, op.user.id))).toEqual([]);
  });
});

describe("cancelling and the agenda", () => {
  it("the organiser cancels with a reason; the event stays listed, marked; an event that is over cannot be cancelled", async () => {
    const owner = await signedIn();
    const org = await createOrganization(db, { kind: "association", verificationStatus: "verified", ownerId: owner.user.id });
    const op = await signedIn({ platformRole: "operator" });
    const event = await createEvent({ db, actor: op.actor, input: parsed({ kind: "pitch_day", capacity: "60", standCapacity: "" }), organizerSlug: null });
    // Not the organiser's: the platform's event; a stranger gets a 404 for the cancellation.
    const stranger = await signedIn();
    expect((await run(eventAction, formRequest(`/evenements/${event.slug}`, { intent: "cancel", reason: "Je veux annuler ceci." }, { cookie: stranger.cookie }), { slug: event.slug })).status).toBe(404);
    expect((await run(eventAction, formRequest(`/evenements/${event.slug}`, { intent: "cancel", reason: "Court" }, { cookie: op.cookie }), { slug: event.slug })).data.errors).toEqual({ reason: ["events.errors.reason"] });
    expect((await run(eventAction, formRequest(`/evenements/${event.slug}`, { intent: "cancel", reason: "La salle n’est plus disponible ce jour-là." }, { cookie: op.cookie }), { slug: event.slug })).status).toBe(302);
    const [cancelled] = await db.select().from(events).where(eq(events.id, event.id));
    expect(cancelled).toMatchObject({ status: "cancelled", statusReason: "La salle n’est plus disponible ce jour-là." });
    const agenda = await listAgenda(db, { kind: "pitch_day" }, { all: true });
    expect(agenda.events.find((e) => e.id === event.id)?.status).toBe("cancelled");
    const ics = (await (await feedLoader({ request: getRequest("/evenements.ics?type=pitch_day"), params: {}, context: {} } as never)).text()).split("BEGIN:VEVENT");
    expect(ics.find((v) => v.includes(event.id))).toContain("STATUS:CANCELLED");

    // The organisation's own event, over: no cancellation.
    const past = await createEvent({ db, actor: owner.actor, input: parsed({ kind: "workshop", capacity: "10", standCapacity: "", startsAt: local(Date.now() - 3 * DAY), endsAt: local(Date.now() - 3 * DAY + 2 * HOUR) }), organizerSlug: org.slug });
    await db.update(events).set({ status: "published" }).where(eq(events.id, past.id));
    const late = await run(eventAction, formRequest(`/evenements/${past.slug}`, { intent: "cancel", reason: "Annulation bien trop tardive." }, { cookie: owner.cookie }), { slug: past.slug });
    expect(late).toMatchObject({ status: 409, data: { messageKey: "events.errors.over" } });
  });

  it("lists upcoming soonest first, past ones latest first, and a month's events in Morocco time; pages of 20", async () => {
    const op = await signedIn({ platformRole: "operator" });
    const kind = "hackathon";
    const at = (days: number) => parsed({ kind, capacity: "30", standCapacity: "", startsAt: local(Date.now() + days * DAY), endsAt: local(Date.now() + days * DAY + 8 * HOUR) });
    const soon = await createEvent({ db, actor: op.actor, input: at(2) });
    const later = await createEvent({ db, actor: op.actor, input: at(40) });
    const done = await createEvent({ db, actor: op.actor, input: at(-10) });
    const ids = (list: { id: string }[]) => list.map((e) => e.id).filter((id) => [soon.id, later.id, done.id].includes(id));
    expect(ids((await listAgenda(db, { kind }, {})).events)).toEqual([soon.id, later.id]);
    expect(ids((await listAgenda(db, { kind, past: true }, {})).events)).toEqual([done.id]);
    const month = instantToMoroccoLocal(later.startsAt).slice(0, 7);
    expect(ids((await listAgenda(db, agendaFilters(new URLSearchParams(`type=${kind}&mois=${month}`)), {})).events)).toContain(later.id);
    // Nonsense in the URL is dropped, not an error.
    expect(agendaFilters(new URLSearchParams("type=party&region=99&mois=2026-13&page=-2"))).toEqual({ kind: null, region: null, month: null, past: false, page: 1 });
    const ops = await listEventsForOperators({ db, actor: op.actor, status: "published" });
    expect(ops.events.every((e) => e.status === "published")).toBe(true);
    await expect(getEvent(db, "no-such-event", null)).rejects.toMatchObject({ status: 404 });
  });
});
