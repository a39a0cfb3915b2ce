// The impact figures (issue 7, item 4) on the demo data, each checked against a recount written here in plain SQL,
// for the whole country and for one region and period; the page, its CSV and its JSON; filters that make no sense
// are dropped.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { seedDemo } from "../../db/seed";
import { impactFigures, impactFilters, impactRows } from "~/modules/impact/impact.server";
import { loader as csvLoader } from "~/routes/impact[.]csv";
import { loader as jsonLoader } from "~/routes/impact[.]json";
import { loader as pageLoader } from "~/routes/impact";
import { getRequest, run } from "../support/http";

const one = async (query: ReturnType<typeof sql>) => Number(((await db.execute<{ n: string | number }>(query)) as unknown as { n: string | number }[])[0].n);

beforeAll(async () => {
  await seedDemo(db);
});

describe("impact figures", () => {
  it("match a recount in SQL, for Morocco since the start", async () => {
    const f = await impactFigures(db, { from: null, to: null, region: null });
    expect(f.organizations.total).toBe(await one(sql`select count(*) as n from organizations`));
    expect(f.organizations.total).toBeGreaterThan(40);
    expect(f.organizations.byKind.cooperative).toBe(await one(sql`select count(*) as n from organizations where kind = 'cooperative'`));
    expect(f.organizations.byRegion["09"]).toBe(await one(sql`select count(*) as n from organizations where region_code = '09'`));
    expect(f.organizations.womenLed).toBe(await one(sql`select count(*) as n from organizations where women_led`));
    expect(f.organizations.womenLedShare).toBe(Math.round((f.organizations.womenLed / f.organizations.total) * 1000) / 10);
    expect(f.marketplace.productsOnSale).toBe(await one(sql`select count(*) as n from products where status = 'published'`));
    expect(f.marketplace.salesCentimes).toBe(await one(sql`select coalesce(sum(items_total_centimes), 0) as n from vendor_orders where status in ('delivered', 'remitted', 'settled') and delivered_at is not null`));
    expect(f.tandems.active).toBe(await one(sql`select count(*) as n from tandems where status = 'active'`));
    expect(f.tandems.completed).toBe(await one(sql`select count(*) as n from tandems where status = 'completed'`));
    const minutes = await one(sql`select coalesce(sum(minutes), 0) as n from tandem_sessions where confirmed_at is not null`);
    expect(f.tandems.hoursGiven).toBe(Math.round((minutes / 60) * 10) / 10);
    expect(f.tandems.hoursGiven).toBeGreaterThan(0);
    expect(f.labels.awarded).toBe(await one(sql`select count(*) as n from labels`));
    expect(f.labels.current).toBe(await one(sql`select count(*) as n from labels where status = 'current' and expires_on >= current_date`));
    expect(f.events.held).toBe(await one(sql`select count(*) as n from events where status = 'published' and published_at is not null and starts_at < now()`));
    expect(f.events.exhibitors).toBe(await one(sql`select count(*) as n from event_stands s join events e on e.id = s.event_id where s.status = 'accepted' and e.status = 'published' and e.starts_at < now()`));
    expect(f.events.attended).toBe(await one(sql`select count(*) as n from event_registrations r join events e on e.id = r.event_id where r.checked_in_at is not null and e.status = 'published' and e.starts_at < now()`));
    expect(f.events.womenAttendingShare).toBe(
      Math.round(((await one(sql`select count(*) as n from event_registrations where checked_in_at is not null and gender = 'woman'`)) / (await one(sql`select count(*) as n from event_registrations where checked_in_at is not null and gender is not null`))) * 1000) / 10,
    );
    expect(f.coaching.sessions).toBe(await one(sql`select count(*) as n from coaching_sessions`));
    // The demo has something in each: a fresh start shows no empty section.
    for (const figure of [f.events.exhibitors, f.events.attended, f.coaching.sessions, f.coaching.hours]) expect(figure).toBeGreaterThan(0);
  });

  it("narrow to a region and a period, in Morocco days", async () => {
    const filters = impactFilters(new URLSearchParams("region=06&du=2025-01-01&au=2025-12-31"));
    expect(filters).toEqual({ from: "2025-01-01", to: "2025-12-31", region: "06" });
    const f = await impactFigures(db, filters);
    expect(f.organizations.total).toBe(await one(sql`select count(*) as n from organizations where region_code = '06'`));
    expect(f.labels.awarded).toBe(
      await one(sql`select count(*) as n from labels l join organizations o on o.id = l.organization_id where o.region_code = '06' and l.awarded_on between '2025-01-01' and '2025-12-31'`),
    );
    const minutes = await one(
      sql`select coalesce(sum(s.minutes), 0) as n from tandem_sessions s join tandems t on t.id = s.tandem_id join organizations o on o.id = t.partner_id where s.confirmed_at is not null and o.region_code = '06' and s.held_on between '2025-01-01' and '2025-12-31'`,
    );
    expect(f.tandems.hoursGiven).toBe(Math.round((minutes / 60) * 10) / 10);
    // Nonsense is dropped; a period given backwards is put right.
    expect(impactFilters(new URLSearchParams("region=99&du=2026-02-30&au=nope"))).toEqual({ from: null, to: null, region: null });
    expect(impactFilters(new URLSearchParams("du=2026-12-31&au=2026-01-01"))).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
  });

  it("serve the page, the CSV and the JSON with the licence, the period and when they were computed", async () => {
    const page = await run(pageLoader, getRequest("/impact?region=09"));
    expect(page.status).toBe(200);
    expect(page.data.figures.filters.region).toBe("09");
    const csv = (await csvLoader({ request: getRequest("/impact.csv?region=09"), params: {}, context: {} } as never)) as Response;
    const lines = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("figure;value;unit;from;to;region;computed_at;licence");
    const total = lines.find((l) => l.startsWith("organizations.total;"))!.split(";");
    expect(Number(total[1])).toBe(await one(sql`select count(*) as n from organizations where region_code = '09'`));
    expect(total[5]).toBe("09");
    expect(total[7]).toBe("CC BY 4.0");
    const json = await ((await jsonLoader({ request: getRequest("/impact.json?du=2026-01-01"), params: {}, context: {} } as never)) as Response).json();
    expect(json).toMatchObject({ licence: { name: "CC BY 4.0" }, period: { from: "2026-01-01", to: null, timeZone: "Africa/Casablanca" }, region: null });
    expect(json.figures.map((r: { key: string }) => r.key)).toEqual(impactRows(await impactFigures(db, { from: "2026-01-01", to: null, region: null })).map((r) => r.key));
    expect(Date.parse(json.computedAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});
