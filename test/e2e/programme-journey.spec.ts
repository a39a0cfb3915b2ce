import { expect, type Browser, type Page } from "@playwright/test";
import ar from "../../app/i18n/ar.json" with { type: "json" };
import fr from "../../app/i18n/fr.json" with { type: "json" };
import impact from "../../app/i18n/features/impact.json" with { type: "json" };
import incubation from "../../app/i18n/features/incubation.json" with { type: "json" };
import { formatNumber } from "../../app/i18n/i18n";
import { SEED_ORGANIZATIONS } from "../../db/seed-data";
import { expectAccessible, openAs, serverDatabase, test } from "./support";

// Issue 7's cohort and figures, on the demo data, in French at desktop size and in Arabic (right to left) on a
// 360 px phone: the demo coach finds the programme from the account menu and logs a coaching session; the coached
// cooperative reads it in its own record; the operator opens the funders' report for the programme in the page's
// language; /impact shows the coaching, attendance and organisation figures — each checked against a recount in SQL
// of the server's own database.

const TAFOUKT = SEED_ORGANIZATIONS.find((o) => o.key === "demo-cooperative")!;
const PROGRAMME = "incubation-tamuri-2026";

test("a cohort logs coaching; the funders' report and /impact count it as SQL does", async ({ browser }, info) => {
  test.setTimeout(180_000);
  const lang = info.project.name === "phone-360" ? "ar" : "fr";
  const t = { ...(lang === "ar" ? ar : fr), impact: impact[lang], incubation: incubation[lang] };
  const q = (path: string) => `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;
  const n = (value: number) => formatNumber(value, lang);
  const topic = `${lang === "ar" ? "تحضير المعرض الجهوي" : "Préparer le salon régional"} ${Date.now().toString(36)}`;
  const sql = serverDatabase(info.project.use.baseURL!);
  const count = async (query: Promise<{ n: string | number }[]>) => Number((await query)[0].n);

  const errors: string[] = [];
  const personOn = (b: Browser, email?: string) => openAs(b, info, errors, email ? { email, lang } : undefined);
  const flash = (page: Page, text: string) => expect(page.getByRole("status").filter({ hasText: text })).toBeVisible();

  // 1. The coach: the account menu leads to the programme; a session for the demo cooperative, logged today.
  const coach = await personOn(browser, "coach@tiwizi.example.ma");
  await coach.locator("header details summary").last().click();
  await coach.getByRole("link", { name: t.incubation.nav }).click();
  await coach.getByRole("link", { name: lang === "ar" ? "احتضان تموري 2026 — سوس ماسة ودرعة تافيلالت" : "Incubation TAMURI 2026 — Souss-Massa et Drâa-Tafilalet" }).click();
  await expect(coach.getByRole("heading", { level: 1 })).toBeVisible();
  const form = coach.locator("form", { has: coach.getByRole("button", { name: t.incubation.session.submit }) });
  await form.getByLabel(t.incubation.session.organization).selectOption({ label: lang === "ar" ? TAFOUKT.nameAr! : TAFOUKT.name });
  await form.getByLabel(t.incubation.session.minutes).fill("90");
  await form.getByLabel(t.incubation.session.topic).fill(topic);
  await form.getByLabel(t.incubation.session.nextSteps).fill(lang === "ar" ? "حجز الرواق وتحضير العينات" : "Réserver le stand, préparer les échantillons");
  await expectAccessible(coach);
  await form.getByRole("button", { name: t.incubation.session.submit }).click();
  await flash(coach, t.incubation.session.done);
  await expect(coach.locator("section", { has: coach.getByRole("heading", { name: t.incubation.session.title }) })).toContainText(topic);

  // 2. The cooperative reads the session in its record, linked from its page.
  const [{ slug }] = await sql<{ slug: string }[]>`select slug from organizations where name = ${TAFOUKT.name}`;
  const member = await personOn(browser, "cooperative@tiwizi.example.ma");
  await member.goto(q(`/organisations/${slug}`));
  await member.getByRole("link", { name: t.incubation.record.title, exact: true }).click();
  await expect(member.getByText(topic)).toBeVisible();
  await expectAccessible(member);

  // 3. The operator opens the funders' report from the programme's page, in the page's language, for the programme's
  // period up to today; its figures are the database's.
  const operator = await personOn(browser, "operateur@tiwizi.example.ma");
  await operator.goto(q(`/programme/incubation/${PROGRAMME}`));
  const reportForm = operator.locator("form", { has: operator.getByRole("button", { name: t.incubation.report.open }) });
  await expect(reportForm.getByLabel(t.incubation.report.language)).toHaveValue(lang);
  await reportForm.getByRole("button", { name: t.incubation.report.open }).click();
  await operator.waitForURL(/\/rapport\?/);
  await expect(operator.getByRole("heading", { level: 1 })).toHaveText(t.incubation.report.heading);
  await expect(operator.locator("html")).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
  const from = new URL(operator.url()).searchParams.get("du")!;
  const to = new URL(operator.url()).searchParams.get("au")!;
  const figure = (label: string) => operator.locator("dl > div", { has: operator.locator("dt", { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }) }).locator("dd");
  const [programme] = await sql<{ id: string }[]>`select id from programmes where slug = ${PROGRAMME}`;
  const sessions = await count(sql`select count(*) as n from coaching_sessions where programme_id = ${programme.id} and held_on between ${from}::date and ${to}::date`);
  const minutes = await count(sql`select coalesce(sum(minutes), 0) as n from coaching_sessions where programme_id = ${programme.id} and held_on between ${from}::date and ${to}::date`);
  await expect(figure(t.impact.coaching.sessions)).toHaveText(n(sessions));
  await expect(figure(t.impact.coaching.hours)).toHaveText(n(Math.round((minutes / 60) * 10) / 10));
  await expect(figure(t.incubation.report.members)).toHaveText(n(await count(sql`select count(*) as n from programme_members where programme_id = ${programme.id}`)));
  await expect(operator.locator("table")).toContainText(lang === "ar" ? TAFOUKT.nameAr! : TAFOUKT.name);
  await expectAccessible(operator);

  // 4. /impact, for anyone: coaching, attendance and organisations, as SQL counts them now.
  const stat = (label: string) => member.locator(".card", { has: member.getByText(label, { exact: true }) }).locator("p.text-2xl");
  await member.goto(q("/impact"));
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(t.impact.title);
  await expect(stat(t.impact.coaching.sessions)).toHaveText(n(await count(sql`select count(*) as n from coaching_sessions`)));
  await expect(stat(t.impact.events.attended)).toHaveText(
    n(await count(sql`select count(*) as n from event_registrations r join events e on e.id = r.event_id where r.status = 'registered' and r.checked_in_at is not null and e.status = 'published' and e.starts_at < now()`)),
  );
  await expect(stat(t.impact.organizations.total)).toHaveText(n(await count(sql`select count(*) as n from organizations`)));
  await expect(stat(t.impact.labels.awarded)).toHaveText(n(await count(sql`select count(*) as n from labels`)));

  await sql.end();
  expect(errors, "errors in the browser console").toEqual([]);
});
