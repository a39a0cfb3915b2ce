// The funders' report (issue 7, item 5) on the demo programme: its figures match a recount in SQL narrowed to the
// programme's members and period, the period defaults to the programme's own and is put right when reversed, the
// page speaks the language asked for, and only operators open it. Also the demo programme itself, the coach's menu
// link and the organisation's link to its record.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { DEMO_ACCOUNTS, seedDemo } from "../../db/seed";
import { createSession } from "~/modules/accounts/session.server";
import { getViewer } from "~/modules/accounts/viewer.server";
import { funderReport } from "~/modules/programmes/report.server";
import { moroccoLocalToInstant, todayInMorocco } from "~/lib/morocco-time";
import { loader as profileLoader } from "~/routes/organisations.$slug";
import { loader as reportLoader } from "~/routes/programme.incubation_.$slug_.rapport";
import { getRequest, run } from "../support/http";

const SLUG = "incubation-tamuri-2026";
const one = async (query: ReturnType<typeof sql>) => Number(((await db.execute<{ n: string | number }>(query)) as unknown as { n: string | number }[])[0].n);
const people = new Map<string, { id: string; platformRole: "admin" | "operator" | null; cookie: string }>();

beforeAll(async () => {
  await seedDemo(db);
  const rows = (await db.execute<{ id: string; email: string; platform_role: "admin" | "operator" | null }>(sql`select id, email, platform_role from users`)) as unknown as { id: string; email: string; platform_role: "admin" | "operator" | null }[];
  for (const account of DEMO_ACCOUNTS) {
    const user = rows.find((r) => r.email === account.email)!;
    const { token } = await createSession({ userId: user.id, platformRole: user.platform_role });
    people.set(account.role, { id: user.id, platformRole: user.platform_role, cookie: `tiwizi_session=${token}` });
  }
});

describe("the funders' report", () => {
  it("matches a recount in SQL of the programme's members over the period", async () => {
    const operator = people.get("operator")!;
    const params = new URLSearchParams();
    const report = await funderReport({ db, actor: operator, slug: SLUG, params });
    const programmeId = report.programme.id;
    // By default, the programme's own period up to today.
    expect(report.period).toEqual({ from: report.programme.startsOn, to: todayInMorocco() });
    const members = sql`(select organization_id from programme_members where programme_id = ${programmeId})`;
    const { from, to } = report.period;

    expect(report.totals.members).toBe(await one(sql`select count(*) as n from programme_members where programme_id = ${programmeId}`));
    expect(report.totals.members).toBe(6);
    expect(report.figures.organizations.total).toBe(report.totals.members);
    expect(report.figures.organizations.byKind.cooperative).toBe(await one(sql`select count(*) as n from organizations where kind = 'cooperative' and id in ${members}`));
    expect(report.figures.organizations.womenLed).toBe(await one(sql`select count(*) as n from organizations where women_led and id in ${members}`));
    expect(report.figures.coaching.sessions).toBe(await one(sql`select count(*) as n from coaching_sessions where programme_id = ${programmeId} and held_on between ${from}::date and ${to}::date`));
    expect(report.figures.coaching.sessions).toBeGreaterThan(10);
    const minutes = await one(sql`select coalesce(sum(minutes), 0) as n from coaching_sessions where programme_id = ${programmeId} and held_on between ${from}::date and ${to}::date`);
    expect(report.figures.coaching.hours).toBe(Math.round((minutes / 60) * 10) / 10);
    expect(report.totals.milestonesDone).toBe(await one(sql`select count(*) as n from programme_milestones where programme_id = ${programmeId} and done_on <= ${to}::date`));
    expect(report.figures.marketplace.productsOnSale).toBe(await one(sql`select count(*) as n from products where status = 'published' and organization_id in ${members}`));
    expect(report.figures.marketplace.productsOnSale).toBeGreaterThan(0);
    // The national fair's stands held by members (the demo cooperative and three others exhibited there).
    const start = moroccoLocalToInstant(`${from}T00:00`)!.toISOString();
    expect(report.figures.events.exhibitors).toBe(
      await one(sql`select count(*) as n from event_stands s join events e on e.id = s.event_id where s.status = 'accepted' and e.status = 'published' and e.starts_at < now() and e.starts_at >= ${start}::timestamptz and s.organization_id in ${members}`),
    );
    expect(report.figures.events.exhibitors).toBeGreaterThan(0);
    expect(report.figures.events.attended).toBe(
      await one(sql`select count(*) as n from event_registrations r join events e on e.id = r.event_id where r.status = 'registered' and r.checked_in_at is not null and e.status = 'published' and e.starts_at < now() and e.starts_at >= ${start}::timestamptz and r.organization_id in ${members}`),
    );
    expect(report.figures.events.attended).toBeGreaterThan(0);
    // Coached organisations are the members, and the per-organisation lines add up to the totals.
    expect(report.progress.reduce((sum, p) => sum + p.sessions, 0)).toBe(report.figures.coaching.sessions);
    expect(report.coaches).toEqual(["Rachid Amrani"]);

    // A narrower period counts fewer sessions; one given backwards is put right.
    const recent = await funderReport({ db, actor: operator, slug: SLUG, params: new URLSearchParams({ du: todayInMorocco(), au: report.period.from }) });
    expect(recent.period).toEqual({ from: report.period.from, to: todayInMorocco() });
    const lastMonth = new Date(Date.now() - 30 * 86_400_000);
    const narrow = await funderReport({ db, actor: operator, slug: SLUG, params: new URLSearchParams({ du: todayInMorocco(lastMonth) }) });
    expect(narrow.figures.coaching.sessions).toBe(await one(sql`select count(*) as n from coaching_sessions where programme_id = ${programmeId} and held_on between ${todayInMorocco(lastMonth)}::date and ${todayInMorocco()}::date`));
    expect(narrow.figures.coaching.sessions).toBeLessThan(report.figures.coaching.sessions);
    // A period that ended before anyone was admitted: no member, nothing counted for them.
    const first = report.programme.startsOn;
    const before = await funderReport({ db, actor: operator, slug: SLUG, params: new URLSearchParams({ du: first, au: first }) });
    expect(before.totals.members).toBe(0);
    expect(before.figures.organizations.total).toBe(0);
    expect(before.figures.marketplace.productsOnSale).toBe(0);
  });

  it("is served to operators in the language asked for, and refused to others", async () => {
    const url = `/programme/incubation/${SLUG}/rapport`;
    const ar = await run(reportLoader, getRequest(`${url}?lang=ar&du=2026-01-01&au=nonsense`, { cookie: people.get("operator")!.cookie }), { slug: SLUG });
    expect(ar.status).toBe(200);
    expect(ar.data.programme.nameAr).toContain("تموري");
    expect(ar.data.period.from).toBe("2026-01-01");
    // The coach runs the programme but does not send reports; members and strangers neither.
    for (const role of ["coach", "cooperative", "company"]) {
      expect((await run(reportLoader, getRequest(url, { cookie: people.get(role)!.cookie }), { slug: SLUG })).status, role).toBe(403);
    }
    expect((await run(reportLoader, getRequest(url), { slug: SLUG })).status).toBe(302);
    expect((await run(reportLoader, getRequest("/programme/incubation/nope/rapport", { cookie: people.get("operator")!.cookie }), { slug: "nope" })).status).toBe(404);
  });

  it("the coach finds the programmes in the menu; the member organisation, its record on its page", async () => {
    const viewerOf = (role: string) => getViewer(getRequest("/", { cookie: people.get(role)!.cookie }));
    expect((await viewerOf("coach"))!.coach).toBe(true);
    expect((await viewerOf("juror"))!.coach).toBe(false);
    const [{ slug }] = (await db.execute<{ slug: string }>(sql`select o.slug from organizations o join memberships m on m.organization_id = o.id where m.user_id = ${people.get("cooperative")!.id}`)) as unknown as { slug: string }[];
    const path = `/organisations/${slug}`;
    const page = await run(profileLoader, getRequest(path, { cookie: people.get("cooperative")!.cookie }), { slug });
    expect(page.status).toBe(200);
    expect(page.data.inProgramme).toBe(true);
    const stranger = await run(profileLoader, getRequest(path, { cookie: people.get("company")!.cookie }), { slug });
    expect(stranger.data.inProgramme).toBe(false);
  });
});
