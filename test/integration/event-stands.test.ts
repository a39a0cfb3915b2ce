import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createListedProduct, createOrganization, createUser } from "../../db/factories";
import { eventStands, events, memberships } from "../../db/schema";
import type { EventKind, EventStatus } from "../../db/schema/enums";
import { ar, en, fr } from "~/i18n/messages";
import { createSession } from "~/modules/accounts/session.server";
import {
  applyForStand,
  decideStand,
  listAcceptedStands,
  notifyExhibitorsOfCancellation,
  standSummary,
  withdrawStand,
  type StandInput,
} from "~/modules/events/stands.server";
import { action as standAction, loader as standLoader } from "~/routes/evenements_.$slug_.stand";
import { action as standsAction, loader as standsLoader } from "~/routes/evenements_.$slug_.stands";
import { formRequest, getRequest, run } from "../support/http";
import { mailsTo } from "../support/mail";

// Exhibitors' stands (issue 7): a verified cooperative's or association's managers apply for a stand at a fair or
// a market, its organisers accept within the stand capacity or decline with a reason, accepted exhibitors are
// listed on the event's page — and every refusal is translated and writes nothing.

let seq = 0;
const DAY = 86_400_000;

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

/** An organisation with a signed-in owner (its only organisation, so the active one). */
async function orgWithOwner(opts: { kind?: "cooperative" | "association" | "company"; verified?: boolean; locale?: "fr" | "ar" | "en"; womenLed?: boolean } = {}) {
  const owner = await signedIn({ locale: opts.locale });
  const org = await createOrganization(db, {
    kind: opts.kind ?? "cooperative",
    name: `Coopérative Tifawt ${++seq}`,
    nameAr: `تعاونية تيفاوت ${seq}`,
    womenLed: opts.womenLed ?? false,
    verificationStatus: opts.verified === false ? "pending" : "verified",
    ownerId: owner.user.id,
  });
  return { owner, org };
}

/** A fair run by a verified association, starting in a week. */
async function fair(opts: { kind?: EventKind; status?: EventStatus; standCapacity?: number | null; startsIn?: number; platform?: boolean } = {}) {
  const organiser = await orgWithOwner({ kind: "association" });
  const n = ++seq;
  const startsAt = new Date(Date.now() + (opts.startsIn ?? 7) * DAY);
  const [event] = await db
    .insert(events)
    .values({
      slug: `salon-ess-${n}-${Date.now().toString(36)}`,
      kind: opts.kind ?? "regional_fair",
      titleFr: `Salon régional ESS ${n}`,
      titleAr: `المعرض الجهوي ${n}`,
      descriptionFr: "Le salon régional de l'économie sociale et solidaire.",
      descriptionAr: "المعرض الجهوي للاقتصاد الاجتماعي والتضامني.",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * DAY),
      city: "Agadir",
      regionCode: "09",
      standCapacity: opts.standCapacity === undefined ? 10 : opts.standCapacity,
      organizerId: opts.platform ? null : organiser.org.id,
      status: opts.status ?? "published",
      publishedAt: new Date(),
    })
    .returning();
  return { event, organiser };
}

const input = (overrides: Partial<StandInput> = {}): StandInput => ({ products: "Huile d'argan, amlou et savons artisanaux", needs: "Électricité et deux tables", picked: [], ...overrides });
const standsOf = (eventId: string) => db.select().from(eventStands).where(eq(eventStands.eventId, eventId));
const standPage = (slug: string) => `/evenements/${slug}/stand`;
const standsPage = (slug: string) => `/evenements/${slug}/stands`;

/** An application made straight through the module. */
async function applied(eventId: string, opts: Parameters<typeof orgWithOwner>[0] = {}) {
  const exhibitor = await orgWithOwner(opts);
  const stand = await applyForStand({ db, actor: exhibitor.owner.actor, eventId, slug: exhibitor.org.slug, input: input() });
  return { ...exhibitor, stand };
}

describe("applying for a stand", () => {
  it("a verified cooperative's owner applies with products picked from its catalogue; the organisers are told", async () => {
    const { event, organiser } = await fair();
    const coop = await orgWithOwner();
    const { product } = await createListedProduct(db, { organizationId: coop.org.id, titleFr: "Huile d'argan bio 250 ml" });
    await createListedProduct(db, { organizationId: coop.org.id, titleFr: "Brouillon", status: "draft" });

    const page = await run(standLoader, getRequest(standPage(event.slug), { cookie: coop.owner.cookie }), { slug: event.slug });
    expect(page.status).toBe(200);
    expect(page.data.context).toMatchObject({ canApply: true, refusal: null, stand: null });
    expect(page.data.context.catalogue.map((p: { titleFr: string }) => p.titleFr)).toEqual(["Huile d'argan bio 250 ml"]);

    const sent = await run(
      standAction,
      formRequest(standPage(event.slug), { intent: "apply", products: "Huile d'argan et amlou de la coopérative", needs: "Électricité, une table", picked: [product.id] }, { cookie: coop.owner.cookie }),
      { slug: event.slug },
    );
    expect(sent.status).toBe(302);
    const [stand] = await standsOf(event.id);
    expect(stand).toMatchObject({ organizationId: coop.org.id, status: "pending", needs: "Électricité, une table", createdBy: coop.owner.user.id });
    expect(stand.products).toBe("Huile d'argan et amlou de la coopérative\n• Huile d'argan bio 250 ml");

    const mails = await mailsTo(organiser.owner.user.email, event.titleFr);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("Nouvelle demande de stand");
    expect(mails[0].text).toContain(standsPage(event.slug));

    const after = await run(standLoader, getRequest(standPage(event.slug), { cookie: coop.owner.cookie }), { slug: event.slug });
    expect(after.data.context).toMatchObject({ canApply: false, canWithdraw: true, stand: { status: "pending" } });
    expect(await standSummary(db, event.id)).toEqual({ capacity: 10, accepted: 0, pending: 1 });
  });

  it("refuses whoever may not apply, with a translated error, and writes nothing", async () => {
    const { event } = await fair();
    // Not signed in.
    await expect(applyForStand({ db, actor: null, eventId: event.id, slug: "x", input: input() })).rejects.toMatchObject({ status: 403 });
    // A company.
    const company = await orgWithOwner({ kind: "company" });
    await expect(applyForStand({ db, actor: company.owner.actor, eventId: event.id, slug: company.org.slug, input: input() })).rejects.toMatchObject({ status: 409, messageKey: "eventStands.errors.wrongKind" });
    // Not verified.
    const unverified = await orgWithOwner({ verified: false });
    const viaRoute = await run(standAction, formRequest(standPage(event.slug), { intent: "apply", products: "Huile d'argan et amlou" }, { cookie: unverified.owner.cookie }), { slug: event.slug });
    expect(viaRoute).toMatchObject({ status: 409, data: { messageKey: "eventStands.errors.notVerified" } });
    // A plain member of a verified cooperative.
    const coop = await orgWithOwner();
    const member = await signedIn();
    await db.insert(memberships).values({ organizationId: coop.org.id, userId: member.user.id, role: "member" });
    await expect(applyForStand({ db, actor: member.actor, eventId: event.id, slug: coop.org.slug, input: input() })).rejects.toMatchObject({ status: 403 });
    const memberPage = await run(standLoader, getRequest(standPage(event.slug), { cookie: member.cookie }), { slug: event.slug });
    expect(memberPage.data.context).toMatchObject({ manages: false, canApply: false });
    // Someone of another organisation naming this one.
    await expect(applyForStand({ db, actor: company.owner.actor, eventId: event.id, slug: coop.org.slug, input: input() })).rejects.toMatchObject({ status: 403 });
    // An unknown event id.
    await expect(applyForStand({ db, actor: coop.owner.actor, eventId: "not-a-uuid", slug: coop.org.slug, input: input() })).rejects.toMatchObject({ status: 404 });
    expect(await standsOf(event.id)).toHaveLength(0);
  });

  it("refuses events that take no stands, are not published, or have started", async () => {
    const coop = await orgWithOwner();
    const cases: [Parameters<typeof fair>[0], number, string][] = [
      [{ kind: "workshop", standCapacity: null }, 409, "eventStands.errors.noStands"],
      [{ status: "cancelled" }, 409, "eventStands.errors.closed"],
      [{ status: "pending" }, 404, "errors.notFound"],
      [{ startsIn: -0.5 }, 409, "eventStands.errors.started"],
    ];
    for (const [opts, status, messageKey] of cases) {
      const { event } = await fair(opts);
      await expect(applyForStand({ db, actor: coop.owner.actor, eventId: event.id, slug: coop.org.slug, input: input() })).rejects.toMatchObject({ status, messageKey });
      expect(await standsOf(event.id)).toHaveLength(0);
    }
    const { event: workshop } = await fair({ kind: "workshop", standCapacity: null });
    const page = await run(standLoader, getRequest(standPage(workshop.slug), { cookie: coop.owner.cookie }), { slug: workshop.slug });
    expect(page.data.context).toMatchObject({ canApply: false, refusal: "eventStands.errors.noStands" });
  });

  it("refuses bad texts and products that are not the cooperative's own, beside the field, and writes nothing", async () => {
    const { event } = await fair();
    const coop = await orgWithOwner();
    const other = await orgWithOwner();
    const { product: theirs } = await createListedProduct(db, { organizationId: other.org.id });
    const { product: draft } = await createListedProduct(db, { organizationId: coop.org.id, status: "draft" });
    const mine = await Promise.all(Array.from({ length: 6 }, () => createListedProduct(db, { organizationId: coop.org.id })));
    const send = (fields: Record<string, string | string[]>) => run(standAction, formRequest(standPage(event.slug), { intent: "apply", ...fields }, { cookie: coop.owner.cookie }), { slug: event.slug });
    const fieldCases: [Record<string, string | string[]>, string, string][] = [
      [{ products: "Argan" }, "products", "eventStands.errors.products"],
      [{ products: "x".repeat(1001) }, "products", "eventStands.errors.products"],
      [{}, "products", "eventStands.errors.products"],
      [{ products: "Huile d'argan et amlou", needs: "x".repeat(501) }, "needs", "eventStands.errors.needs"],
      [{ products: "Huile d'argan et amlou", picked: mine.map((m) => m.product.id) }, "picked", "eventStands.errors.picked"],
    ];
    for (const [fields, field, key] of fieldCases) {
      const res = await send(fields);
      expect(res.status).toBe(400);
      expect(res.data.errors[field]).toContain(key);
    }
    for (const picked of [[theirs.id], [draft.id], ["not-a-uuid"]]) {
      const res = await send({ products: "Huile d'argan et amlou", picked });
      expect(res).toMatchObject({ status: 400, data: { messageKey: "eventStands.errors.picked" } });
    }
    // Free text and picked titles together stay within 1,000 characters.
    const long = await send({ products: "x".repeat(995), picked: [mine[0].product.id] });
    expect(long).toMatchObject({ status: 400, data: { messageKey: "eventStands.errors.products" } });
    expect(await standsOf(event.id)).toHaveLength(0);
  });

  it("refuses a second application; a withdrawn one may be sent again", async () => {
    const { event } = await fair();
    const { owner, org } = await applied(event.id);
    const twice = await run(standAction, formRequest(standPage(event.slug), { intent: "apply", products: "Huile d'argan et amlou" }, { cookie: owner.cookie }), { slug: event.slug });
    expect(twice).toMatchObject({ status: 409, data: { messageKey: "eventStands.errors.alreadyApplied" } });
    // Two at once: the unique index settles it.
    const again = await orgWithOwner();
    const results = await Promise.allSettled([0, 1].map(() => applyForStand({ db, actor: again.owner.actor, eventId: event.id, slug: again.org.slug, input: input() })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409, messageKey: "eventStands.errors.alreadyApplied" } });
    expect(await standsOf(event.id)).toHaveLength(2);

    const withdrawn = await run(standAction, formRequest(standPage(event.slug), { intent: "withdraw" }, { cookie: owner.cookie }), { slug: event.slug });
    expect(withdrawn.status).toBe(302);
    const page = await run(standLoader, getRequest(standPage(event.slug), { cookie: owner.cookie }), { slug: event.slug });
    expect(page.data.context).toMatchObject({ canApply: true, canWithdraw: false, stand: { status: "withdrawn" } });
    const back = await applyForStand({ db, actor: owner.actor, eventId: event.id, slug: org.slug, input: input({ products: "Nouvelle sélection d'huiles" }) });
    expect(back).toMatchObject({ status: "pending", products: "Nouvelle sélection d'huiles" });
    expect(await standsOf(event.id)).toHaveLength(2);
  });
});

describe("deciding on applications", () => {
  it("the organisers accept and decline with a reason; the organisation is told; accepted ones are listed", async () => {
    const { event, organiser } = await fair();
    const coop = await applied(event.id, { womenLed: true });
    await createListedProduct(db, { organizationId: coop.org.id });
    const association = await applied(event.id, { kind: "association", locale: "ar" });

    const list = await run(standsLoader, getRequest(standsPage(event.slug), { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(list.status).toBe(200);
    expect(list.data).toMatchObject({ status: "pending", counts: { pending: 2, accepted: 0, declined: 0 }, capacity: 10, page: 1, pageCount: 1 });
    expect(list.data.stands).toHaveLength(2);

    const accepted = await run(standsAction, formRequest(standsPage(event.slug), { intent: "accept", standId: coop.stand.id }, { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(accepted.status).toBe(302);
    const [acceptMail] = await mailsTo(coop.owner.user.email, event.titleFr);
    expect(acceptMail.subject).toContain("Stand accepté");

    const noReason = await run(standsAction, formRequest(standsPage(event.slug), { intent: "decline", standId: association.stand.id, reason: "Non." }, { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(noReason).toMatchObject({ status: 400, data: { messageKey: "eventStands.errors.reason" } });
    await expect(decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: association.stand.id, accept: false, reason: "x".repeat(1001) })).rejects.toMatchObject({ status: 400, messageKey: "eventStands.errors.reason" });
    await expect(decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: association.stand.id, accept: false })).rejects.toMatchObject({ status: 400, messageKey: "eventStands.errors.reason" });
    expect((await db.select().from(eventStands).where(eq(eventStands.id, association.stand.id)))[0]).toMatchObject({ status: "pending", reason: null, decidedAt: null });

    const declined = await run(
      standsAction,
      formRequest(standsPage(event.slug), { intent: "decline", standId: association.stand.id, reason: "Les produits ne correspondent pas au thème du salon." }, { cookie: organiser.owner.cookie }),
      { slug: event.slug },
    );
    expect(declined.status).toBe(302);
    const [declineMail] = await mailsTo(association.owner.user.email, event.titleAr);
    expect(declineMail.subject).toContain("رُفض");
    expect(declineMail.text).toContain("Les produits ne correspondent pas au thème du salon.");

    // Deciding twice.
    await expect(decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: coop.stand.id, accept: false, reason: "Finalement non, désolé." })).rejects.toMatchObject({ status: 409, messageKey: "eventStands.errors.alreadyDecided" });
    const twice = await run(standsAction, formRequest(standsPage(event.slug), { intent: "accept", standId: association.stand.id }, { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(twice).toMatchObject({ status: 409, data: { messageKey: "eventStands.errors.alreadyDecided" } });

    expect(await listAcceptedStands(db, event.id)).toEqual([
      { organization: { slug: coop.org.slug, name: coop.org.name, nameAr: coop.org.nameAr, kind: "cooperative", womenLed: true }, products: coop.stand.products, shopPath: `/cooperatives/${coop.org.slug}` },
    ]);
    expect(await standSummary(db, event.id)).toEqual({ capacity: 10, accepted: 1, pending: 0 });
    const declinedTab = await run(standsLoader, getRequest(`${standsPage(event.slug)}?statut=declined`, { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(declinedTab.data.stands.map((s: { id: string }) => s.id)).toEqual([association.stand.id]);
    // The applicant sees the answer.
    const seen = await run(standLoader, getRequest(standPage(event.slug), { cookie: association.owner.cookie }), { slug: event.slug });
    expect(seen.data.context.stand).toMatchObject({ status: "declined", reason: "Les produits ne correspondent pas au thème du salon." });
  });

  it("a cooperative without products for sale, or an association, has no shop link", async () => {
    const { event, organiser } = await fair();
    const coop = await applied(event.id);
    const association = await applied(event.id, { kind: "association" });
    for (const s of [coop, association]) await decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: s.stand.id, accept: true });
    const listed = await listAcceptedStands(db, event.id);
    expect(listed.map((l) => l.shopPath)).toEqual([null, null]);
    expect(await listAcceptedStands(db, "not-a-uuid")).toEqual([]);
  });

  it("never accepts beyond the stand capacity, even when two organisers click at once", async () => {
    const { event, organiser } = await fair({ standCapacity: 2 });
    const colleague = await signedIn();
    await db.insert(memberships).values({ organizationId: organiser.org.id, userId: colleague.user.id, role: "admin" });
    const [a, b, c, d] = await Promise.all([0, 1, 2, 3].map(() => applied(event.id)));
    await decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: a.stand.id, accept: true });
    // The last stand, two accepts at the same time: one wins, the other is told it is full.
    const results = await Promise.allSettled([
      decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: b.stand.id, accept: true }),
      decideStand({ db, actor: colleague.actor, eventId: event.id, standId: c.stand.id, accept: true }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { status: 409, messageKey: "eventStands.errors.full" } });
    const full = await run(standsAction, formRequest(standsPage(event.slug), { intent: "accept", standId: d.stand.id }, { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(full).toMatchObject({ status: 409, data: { messageKey: "eventStands.errors.full" } });
    expect(await standSummary(db, event.id)).toEqual({ capacity: 2, accepted: 2, pending: 2 });
    // Nothing is decided on a cancelled event.
    await db.update(events).set({ status: "cancelled" }).where(eq(events.id, event.id));
    await expect(decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: d.stand.id, accept: false, reason: "Tous les stands sont attribués." })).rejects.toMatchObject({ status: 409, messageKey: "eventStands.errors.closed" });
    await db.update(events).set({ status: "published" }).where(eq(events.id, event.id));
    // Declining is still possible when full.
    await decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: d.stand.id, accept: false, reason: "Tous les stands sont attribués." });
  });

  it("answers 404 to whoever does not run the event, and to an application of another event", async () => {
    const { event, organiser } = await fair();
    const { event: other } = await fair();
    const exhibitor = await applied(event.id);
    const elsewhere = await applied(other.id);
    const member = await signedIn();
    await db.insert(memberships).values({ organizationId: organiser.org.id, userId: member.user.id, role: "member" });
    const outsider = await signedIn();
    for (const who of [exhibitor.owner, member, outsider]) {
      await expect(decideStand({ db, actor: who.actor, eventId: event.id, standId: exhibitor.stand.id, accept: true })).rejects.toMatchObject({ status: 404 });
      const page = await run(standsLoader, getRequest(standsPage(event.slug), { cookie: who.cookie }), { slug: event.slug });
      expect(page.status).toBe(404);
      const post = await run(standsAction, formRequest(standsPage(event.slug), { intent: "accept", standId: exhibitor.stand.id }, { cookie: who.cookie }), { slug: event.slug });
      expect(post.status).toBe(404);
    }
    await expect(decideStand({ db, actor: null, eventId: event.id, standId: exhibitor.stand.id, accept: true })).rejects.toMatchObject({ status: 404 });
    // The organiser of this event, deciding an application of the other one through this event's page.
    const mismatched = await run(standsAction, formRequest(standsPage(event.slug), { intent: "accept", standId: elsewhere.stand.id }, { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(mismatched.status).toBe(404);
    const badId = await run(standsAction, formRequest(standsPage(event.slug), { intent: "accept", standId: "nope" }, { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(badId.status).toBe(404);
    const [a, b] = await Promise.all([standsOf(event.id), standsOf(other.id)]);
    expect([...a, ...b].map((s) => s.status)).toEqual(["pending", "pending"]);
  });

  it("the programme's operators run the platform's own fairs and are told of applications", async () => {
    const { event } = await fair({ platform: true });
    const operator = await signedIn({ platformRole: "operator" });
    const exhibitor = await applied(event.id);
    const mails = await mailsTo(operator.user.email, event.titleFr);
    expect(mails).toHaveLength(1);
    const page = await run(standsLoader, getRequest(standsPage(event.slug), { cookie: operator.cookie }), { slug: event.slug });
    expect(page.status).toBe(200);
    await decideStand({ db, actor: operator.actor, eventId: event.id, standId: exhibitor.stand.id, accept: true });
  });

  it("pages the applications by 50", async () => {
    const { event, organiser } = await fair({ standCapacity: 100 });
    const orgs = await Promise.all(Array.from({ length: 51 }, (_, i) => createOrganization(db, { name: `Coopérative Page ${seq}-${i}`, verificationStatus: "verified" })));
    await db.insert(eventStands).values(orgs.map((o, i) => ({ eventId: event.id, organizationId: o.id, products: `Produits de la coopérative ${i}`, createdAt: new Date(Date.now() + i) })));
    const first = await run(standsLoader, getRequest(standsPage(event.slug), { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(first.data).toMatchObject({ page: 1, pageCount: 2, counts: { pending: 51 } });
    expect(first.data.stands).toHaveLength(50);
    const second = await run(standsLoader, getRequest(`${standsPage(event.slug)}?statut=pending&page=2`, { cookie: organiser.owner.cookie }), { slug: event.slug });
    expect(second.data.stands).toHaveLength(1);
    expect(second.data.stands[0].products).toBe("Produits de la coopérative 50");
  });
});

describe("withdrawing and cancelling", () => {
  it("withdraws before the start, never after", async () => {
    const { event, organiser } = await fair();
    const exhibitor = await applied(event.id);
    await decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: exhibitor.stand.id, accept: true });
    const late = new Date(event.startsAt.getTime() + 1000);
    await expect(withdrawStand({ db, actor: exhibitor.owner.actor, eventId: event.id, slug: exhibitor.org.slug, now: late })).rejects.toMatchObject({ status: 409, messageKey: "eventStands.errors.started" });
    expect((await standsOf(event.id))[0].status).toBe("accepted");
    const stranger = await orgWithOwner();
    await expect(withdrawStand({ db, actor: stranger.owner.actor, eventId: event.id, slug: stranger.org.slug })).rejects.toMatchObject({ status: 404 });
    await withdrawStand({ db, actor: exhibitor.owner.actor, eventId: event.id, slug: exhibitor.org.slug });
    expect((await standsOf(event.id))[0].status).toBe("withdrawn");
    await expect(withdrawStand({ db, actor: exhibitor.owner.actor, eventId: event.id, slug: exhibitor.org.slug })).rejects.toMatchObject({ status: 409, messageKey: "eventStands.errors.notWithdrawable" });
    expect(await listAcceptedStands(db, event.id)).toEqual([]);

    // Through the page, once the event has started.
    const { event: started } = await fair({ startsIn: 7 });
    const other = await applied(started.id);
    await db.update(events).set({ startsAt: new Date(Date.now() - 1000) }).where(eq(events.id, started.id));
    const res = await run(standAction, formRequest(standPage(started.slug), { intent: "withdraw" }, { cookie: other.owner.cookie }), { slug: started.slug });
    expect(res).toMatchObject({ status: 409, data: { messageKey: "eventStands.errors.started" } });
    expect((await standsOf(started.id))[0].status).toBe("pending");
  });

  it("tells the managers of accepted and pending exhibitors when the event is cancelled", async () => {
    const { event, organiser } = await fair();
    const accepted = await applied(event.id, { locale: "ar" });
    const pending = await applied(event.id);
    const declined = await applied(event.id);
    const withdrawn = await applied(event.id);
    await decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: accepted.stand.id, accept: true });
    await decideStand({ db, actor: organiser.owner.actor, eventId: event.id, standId: declined.stand.id, accept: false, reason: "Le thème ne correspond pas." });
    await withdrawStand({ db, actor: withdrawn.owner.actor, eventId: event.id, slug: withdrawn.org.slug });
    const n = await db.transaction((tx) => notifyExhibitorsOfCancellation(tx, { ...event, statusReason: "Intempéries annoncées sur la région." }));
    expect(n).toBe(2);
    const [arMail] = await mailsTo(accepted.owner.user.email, `أُلغيت الفعالية: ${event.titleAr}`);
    expect(arMail.text).toContain("Intempéries annoncées sur la région.");
    expect(await mailsTo(pending.owner.user.email, "Événement annulé")).toHaveLength(1);
    expect(await mailsTo(declined.owner.user.email, "Événement annulé")).toHaveLength(0);
    expect(await mailsTo(withdrawn.owner.user.email, "Événement annulé")).toHaveLength(0);
    const { event: empty } = await fair();
    expect(await notifyExhibitorsOfCancellation(db, { ...empty, statusReason: null })).toBe(0);
  });
});

describe("the stands catalog", () => {
  it("has the same keys in French, Arabic and English", () => {
    const keys = (o: object, p = ""): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
    const [f, a, e] = [fr, ar, en].map((c) => keys((c as unknown as { eventStands: object }).eventStands).sort());
    expect(f.length).toBeGreaterThan(50);
    expect(a).toEqual(f);
    expect(e).toEqual(f);
  });
});
