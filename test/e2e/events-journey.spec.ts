import { expect, type Browser, type Page } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import eventRegistrations from "../../app/i18n/features/eventRegistrations.json" with { type: "json" };
import events from "../../app/i18n/features/events.json" with { type: "json" };
import eventStands from "../../app/i18n/features/eventStands.json" with { type: "json" };
import { instantToMoroccoLocal } from "../../app/lib/morocco-time";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { DEMO_PASSWORD, expectAccessible, logIn, openAs, test, uniqueEmail } from "./support";

// Issue 7's events, on the demo data, in French at desktop size and in Arabic (right to left) on a 360 px phone:
// an operator publishes a regional fair and a pitch day; two cooperatives apply for stands and are accepted, and
// the fair's page lists them; people register for the pitch day until it is full, the next joins the waiting
// list; at the door, the organiser checks people in from a phone — by opening a ticket's QR link, and from the
// list with a search. Each person works in their own browser session.

const seed = (key: string) => SEED_ORGANIZATIONS.find((o) => o.key === key)!;
const TAFOUKT = seed("demo-cooperative");
const TISLIT = seed("coop-safran-taliouine");
const DAY = 86_400_000;

test("an operator runs a regional fair with exhibitors and a pitch day with registrations and check-in", async ({ browser }, info) => {
  test.setTimeout(240_000);
  const lang = info.project.name === "phone-360" ? "ar" : "fr";
  const pick = <C extends Record<"fr" | "ar", unknown>>(c: C) => c[lang] as C["fr"];
  const t = { ...(lang === "ar" ? ar : fr), events: pick(events), eventStands: pick(eventStands), eventRegistrations: pick(eventRegistrations) };
  const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");
  const name = (o: { name: string; nameAr?: string | null }) => (lang === "ar" && o.nameAr ? o.nameAr : o.name);
  const q = (path: string) => `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;
  const run = `${lang}-${Date.now().toString(36)}`;

  const errors: string[] = [];
  const personOn = (b: Browser, email?: string) => openAs(b, info, errors, email ? { email, lang } : undefined);
  const flash = (page: Page, text: string) => expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();

  // 1. The operator publishes a regional fair in Souss-Massa (two stands) and a pitch day in Rabat (two places).
  const operator = await personOn(browser, "operateur@tiwizi.example.ma");
  async function publish(kind: string, title: string, at: number, place: { city: string; region: string }, counts: { capacity?: string; stands?: string }) {
    await operator.goto(q("/programme/evenements/nouveau"));
    await operator.getByLabel(t.events.form.kind).selectOption(kind);
    await operator.getByLabel(t.events.form.titleFr).fill(title);
    await operator.getByLabel(t.events.form.titleAr).fill(`${title} — بالعربية`);
    await operator.getByLabel(t.events.form.descriptionFr).fill("Un rendez-vous de l’économie sociale et solidaire, ouvert à tous.");
    await operator.getByLabel(t.events.form.descriptionAr).fill("موعد للاقتصاد الاجتماعي والتضامني، مفتوح للجميع.");
    await operator.getByLabel(t.events.form.startsAt).fill(instantToMoroccoLocal(new Date(at)).slice(0, 16));
    await operator.getByLabel(t.events.form.endsAt).fill(instantToMoroccoLocal(new Date(at + 8 * 3_600_000)).slice(0, 16));
    await operator.getByLabel(t.events.form.city).fill(place.city);
    await operator.getByLabel(t.events.form.region).selectOption(place.region);
    if (counts.capacity) await operator.getByLabel(t.events.form.capacity).fill(counts.capacity);
    if (counts.stands) await operator.getByLabel(t.events.form.standCapacity).fill(counts.stands);
    await operator.getByRole("button", { name: t.events.form.create }).click();
    await flash(operator, t.events.flash.created);
    return new URL(operator.url()).pathname;
  }
  const fairTitle = `Salon régional Souss-Massa ${run}`;
  const fair = await publish("regional_fair", fairTitle, Date.now() + 10 * DAY, { city: "Agadir", region: "09" }, { stands: "2" });
  await expectAccessible(operator);
  const pitch = await publish("pitch_day", `Pitch Solidaire ${run}`, Date.now() + 6 * DAY, { city: "Rabat", region: "04" }, { capacity: "2" });

  // The agenda lists the fair under its kind and region, with the calendar feed.
  const stranger = await personOn(browser);
  await stranger.goto(q("/evenements?type=regional_fair&region=09"));
  await expect(stranger.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
  await expect(stranger.locator(`main a[href*="${fair}"]`)).toBeVisible();
  await expect(stranger.locator('main a[href*="/evenements.ics"]')).toBeVisible();
  await expectAccessible(stranger);

  // 2. Two cooperatives apply for a stand; the operator accepts both; the fair's page lists them.
  for (const [email, coop] of [["cooperative@tiwizi.example.ma", TAFOUKT], ["safran@tiwizi.example.ma", TISLIT]] as const) {
    const page = await personOn(browser, email);
    await page.goto(q(`${fair}/stand`));
    await page.getByLabel(t.eventStands.apply.products).fill(`${coop.name} : produits du terroir, présentés et vendus sur le stand.`);
    await page.getByLabel(t.eventStands.apply.needs).fill("Une table et l’électricité.");
    await expectAccessible(page);
    await page.getByRole("button", { name: t.eventStands.apply.submit }).click();
    await flash(page, t.eventStands.flash.applied);
  }
  await operator.goto(q(`${fair}/stands`));
  for (let i = 1; i <= 2; i++) {
    await operator.getByRole("button", { name: t.eventStands.manage.accept, exact: true }).first().click();
    // Each decision is in before the next: the count of stands taken says so.
    await expect(operator.getByText(fill(t.eventStands.manage.capacity, { accepted: String(i), capacity: "2" }))).toBeVisible();
  }
  await flash(operator, t.eventStands.flash.accepted);
  await stranger.goto(q(fair));
  const exhibitors = stranger.locator("section", { has: stranger.getByRole("heading", { name: t.events.page.exhibitors }) });
  for (const coop of [TAFOUKT, TISLIT]) await expect(exhibitors.getByRole("link", { name: name(coop), exact: true })).toBeVisible();
  await expect(exhibitors).toContainText(fill(t.events.page.standsTaken, { accepted: "2", capacity: "2" }));

  // 3. People register for the pitch day: two get the places, the third joins the waiting list.
  const tickets: string[] = [];
  const people = [`Khadija ${run}`, `Youssef ${run}`, `Salma ${run}`];
  for (const [i, person] of people.entries()) {
    const page = await personOn(browser);
    await page.goto(q(`${pitch}/inscription`));
    await page.getByLabel(t.eventRegistrations.register.name).fill(person);
    await page.getByLabel(t.eventRegistrations.register.email).fill(uniqueEmail(`pitch${i}`));
    await page.getByRole("radio", { name: i === 1 ? t.eventRegistrations.register.genderMan : t.eventRegistrations.register.genderWoman }).check();
    if (i === 0) await expectAccessible(page);
    await page.getByRole("button", { name: t.eventRegistrations.register.submit }).click();
    if (i < 2) {
      await page.waitForURL(/\/billets\//);
      await expect(page.getByText(t.eventRegistrations.ticket.status.registered, { exact: true })).toBeVisible();
      await expect(page.getByRole("img", { name: t.eventRegistrations.ticket.qr })).toBeVisible();
      tickets.push(new URL(page.url()).pathname);
    } else {
      // The server's answer first (the event is full), then the offer it makes.
      await expect(page.getByRole("status").filter({ hasText: t.eventRegistrations.errors.full })).toBeVisible();
      await expect(page.getByText(t.eventRegistrations.register.fullOffer)).toBeVisible();
      await page.getByRole("button", { name: t.eventRegistrations.register.waitlist }).click();
      await page.waitForURL(/\/billets\//);
      await expect(page.getByText(t.eventRegistrations.ticket.status.waitlisted, { exact: true })).toBeVisible();
    }
  }

  // 4. At the door, on the operator's phone: the first ticket's QR opens its page with the check-in button; the
  // second person is found in the list by name and checked in there.
  const door = await browser.newContext({ viewport: { width: 360, height: 780 }, isMobile: true, hasTouch: true, baseURL: info.project.use.baseURL, locale: info.project.use.locale });
  const phone = await door.newPage();
  await logIn(phone, "operateur@tiwizi.example.ma", DEMO_PASSWORD, lang);
  await phone.goto(q(tickets[0]));
  await phone.getByRole("button", { name: t.eventRegistrations.ticket.checkIn }).click();
  await flash(phone, t.eventRegistrations.flash.checkedIn);
  await phone.goto(q(`${pitch}/participants`));
  await phone.getByLabel(t.eventRegistrations.participants.search).fill("Youssef");
  await phone.getByRole("button", { name: t.eventRegistrations.participants.searchSubmit }).click();
  const row = phone.locator("li", { hasText: people[1] });
  await row.getByRole("button", { name: t.eventRegistrations.participants.checkIn, exact: true }).click();
  await flash(phone, t.eventRegistrations.flash.checkedIn);
  await phone.goto(q(`${pitch}/participants`));
  await expect(phone.locator("main")).toContainText(t.eventRegistrations.participants.checkedIn);
  await expect(phone.locator("li").filter({ hasText: people[0] })).toContainText(t.eventRegistrations.participants.checkedInAt);
  await expect(phone.locator("li").filter({ hasText: people[1] })).toContainText(t.eventRegistrations.participants.checkedInAt);
  await expectAccessible(phone);

  expect(errors, "errors in the browser console").toEqual([]);
});
