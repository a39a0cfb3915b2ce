// The public impact figures (issue 7, item 4): every figure computed from the data by a bounded SQL aggregate (a
// handful of queries whatever the size of the platform), never typed in, with the instant it was computed. A period
// (Morocco days) and a region narrow what happened — sales, hours, labels, events, coaching; organisations are counted as
// they stand. The same figures feed the page, its CSV and JSON (open data) and, narrowed to one programme's member
// organisations, the funders' report.
import { and, count, eq, gte, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { eventRegistrations, events, eventStands, labels, organizations, products, programmeMembers, tandemSessions, tandems, vendorOrders } from "../../../db/schema";
import { ORGANIZATION_KINDS } from "../../../db/schema/enums";
import { moroccoLocalToInstant, todayInMorocco } from "~/lib/morocco-time";
import { REGION_CODES } from "../events/schemas";
import { coachingFigures } from "../programmes/programmes.server";

/** The licence the open data is published under, named in the files and on the page. */
export const IMPACT_LICENCE = { name: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/" };

/** Sales count once the parcel reached the buyer. */
const SOLD = ["delivered", "remitted", "settled"] as const;

export interface ImpactFilters {
  /** Morocco days, "YYYY-MM-DD", both included. */
  from: string | null;
  to: string | null;
  region: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (v: string | null) => (v && DAY.test(v) && moroccoLocalToInstant(`${v}T00:00`) ? v : null);

/** Reads the filters from a query string: `du`, `au`, `region`; what makes no sense is dropped. */
export function impactFilters(params: URLSearchParams): ImpactFilters {
  let from = validDay(params.get("du"));
  let to = validDay(params.get("au"));
  if (from && to && from > to) [from, to] = [to, from];
  const region = params.get("region");
  return { from, to, region: region && (REGION_CODES as readonly string[]).includes(region) ? region : null };
}

/** The period's bounds as instants: from the start of `from` to the end of `to` (Morocco days). */
function bounds(f: ImpactFilters) {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { start: f.from ? moroccoLocalToInstant(`${f.from}T00:00`)! : null, end: f.to ? moroccoLocalToInstant(`${next(f.to)}T00:00`)! : null };
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

/**
 * The figures for the whole platform, or — with a programme — for its member organisations only: their products, sales,
 * tandems (as partner), labels, the events they exhibited at or attended, and that programme's coaching.
 */
export async function impactFigures(db: DbOrTx, filters: ImpactFilters, now: Date = new Date(), scope: { programmeId?: string } = {}) {
  const { start, end } = bounds(filters);
  // A programme's members as of the period's end: one admitted later did nothing in the programme yet.
  const admittedBy = filters.to ? sql` and ${programmeMembers.admittedOn} <= ${filters.to}::date` : sql``;
  const members = scope.programmeId ? sql`(select ${programmeMembers.organizationId} from ${programmeMembers} where ${programmeMembers.programmeId} = ${scope.programmeId}${admittedBy})` : null;
  const ofMembers = (column: Parameters<typeof eq>[0]) => (members ? [sql`${column} in ${members}`] : []);
  const within = (column: Parameters<typeof gte>[0]) => [...(start ? [gte(column, start)] : []), ...(end ? [lt(column, end)] : [])];
  const inRegion = (column: Parameters<typeof eq>[0]) => (filters.region ? [eq(column, filters.region)] : []);
  const dayWithin = (column: SQL | Parameters<typeof gte>[0]) => [
    ...(filters.from ? [sql`${column} >= ${filters.from}::date`] : []),
    ...(filters.to ? [sql`${column} <= ${filters.to}::date`] : []),
  ];

  // Organisations, as they stand: by kind and region, women-led, verified. One grouped query.
  const orgRows = await db
    .select({ kind: organizations.kind, region: organizations.regionCode, n: count(), womenLed: sql<number>`count(*) filter (where ${organizations.womenLed})`.mapWith(Number), verified: sql<number>`count(*) filter (where ${organizations.verificationStatus} = 'verified')`.mapWith(Number) })
    .from(organizations)
    .where(and(...inRegion(organizations.regionCode), ...ofMembers(organizations.id)))
    .groupBy(organizations.kind, organizations.regionCode);
  const byKind = Object.fromEntries(ORGANIZATION_KINDS.map((k) => [k, 0])) as Record<(typeof ORGANIZATION_KINDS)[number], number>;
  const byRegion: Record<string, number> = {};
  let total = 0;
  let womenLed = 0;
  let verified = 0;
  for (const r of orgRows) {
    byKind[r.kind as keyof typeof byKind] += r.n;
    if (r.region) byRegion[r.region] = (byRegion[r.region] ?? 0) + r.n;
    total += r.n;
    womenLed += r.womenLed;
    verified += r.verified;
  }

  // The marketplace: products on sale now; orders delivered in the period and what they sold, by the seller's region.
  const [{ onSale }] = await db
    .select({ onSale: count() })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .where(and(eq(products.status, "published"), ...inRegion(organizations.regionCode), ...ofMembers(organizations.id)));
  const [sales] = await db
    .select({ orders: count(), centimes: sql<number>`coalesce(sum(${vendorOrders.itemsTotalCentimes}), 0)`.mapWith(Number), sellers: sql<number>`count(distinct ${vendorOrders.organizationId})`.mapWith(Number) })
    .from(vendorOrders)
    .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
    .where(and(inArray(vendorOrders.status, [...SOLD]), isNotNull(vendorOrders.deliveredAt), ...within(vendorOrders.deliveredAt), ...inRegion(organizations.regionCode), ...ofMembers(organizations.id)));

  // Tandems: under way and completed (by the partner's region); hours given, confirmed sessions held in the period.
  const [tandemCounts] = await db
    .select({ active: sql<number>`count(*) filter (where ${tandems.status} = 'active')`.mapWith(Number), completed: sql<number>`count(*) filter (where ${tandems.status} = 'completed')`.mapWith(Number) })
    .from(tandems)
    .innerJoin(organizations, eq(organizations.id, tandems.partnerId))
    .where(and(inArray(tandems.status, ["active", "completed"]), ...inRegion(organizations.regionCode), ...ofMembers(organizations.id)));
  const [hours] = await db
    .select({ minutes: sql<number>`coalesce(sum(${tandemSessions.minutes}), 0)`.mapWith(Number) })
    .from(tandemSessions)
    .innerJoin(tandems, eq(tandems.id, tandemSessions.tandemId))
    .innerJoin(organizations, eq(organizations.id, tandems.partnerId))
    .where(and(isNotNull(tandemSessions.confirmedAt), ...dayWithin(tandemSessions.heldOn), ...inRegion(organizations.regionCode), ...ofMembers(organizations.id)));

  // Siraj labels awarded in the period (by the company's region), and those valid today.
  const [labelCounts] = await db
    .select({ awarded: count(), current: sql<number>`count(*) filter (where ${labels.status} = 'current' and ${labels.expiresOn} >= ${todayInMorocco(now)}::date)`.mapWith(Number) })
    .from(labels)
    .innerJoin(organizations, eq(organizations.id, labels.organizationId))
    .where(and(...dayWithin(labels.awardedOn), ...inRegion(organizations.regionCode), ...ofMembers(organizations.id)));

  // Events held (published, started in the period, not cancelled), their exhibitors and attendance. For a programme:
  // the events its members exhibited at or attended, their stands, and the people who registered for them.
  const heldEvents = and(eq(events.status, "published"), isNotNull(events.publishedAt), lt(events.startsAt, now), ...within(events.startsAt), ...inRegion(events.regionCode));
  const tookPart = members
    ? [sql`(exists (select 1 from ${eventStands} where ${eventStands.eventId} = ${events.id} and ${eventStands.status} = 'accepted' and ${eventStands.organizationId} in ${members})
        or exists (select 1 from ${eventRegistrations} where ${eventRegistrations.eventId} = ${events.id} and ${eventRegistrations.status} = 'registered' and ${eventRegistrations.organizationId} in ${members}))`]
    : [];
  const [eventCounts] = await db.select({ held: count() }).from(events).where(and(heldEvents, ...tookPart));
  const [stands] = await db
    .select({ exhibitors: count(), womenLed: sql<number>`count(*) filter (where ${organizations.womenLed})`.mapWith(Number) })
    .from(eventStands)
    .innerJoin(events, eq(events.id, eventStands.eventId))
    .innerJoin(organizations, eq(organizations.id, eventStands.organizationId))
    .where(and(heldEvents, eq(eventStands.status, "accepted"), ...ofMembers(eventStands.organizationId)));
  const [people] = await db
    .select({
      registered: count(),
      attended: sql<number>`count(*) filter (where ${eventRegistrations.checkedInAt} is not null)`.mapWith(Number),
      declared: sql<number>`count(*) filter (where ${eventRegistrations.checkedInAt} is not null and ${eventRegistrations.gender} is not null)`.mapWith(Number),
      women: sql<number>`count(*) filter (where ${eventRegistrations.checkedInAt} is not null and ${eventRegistrations.gender} = 'woman')`.mapWith(Number),
    })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(and(heldEvents, eq(eventRegistrations.status, "registered"), ...ofMembers(eventRegistrations.organizationId)));

  // Coaching in the incubation programmes (or in this one), sessions held in the period, by the organisation's region.
  const coaching = await coachingFigures(db, { from: start ?? undefined, to: end ?? undefined, regionCode: filters.region, programmeId: scope.programmeId });

  return {
    computedAt: now,
    coaching,
    filters,
    organizations: { total, byKind, byRegion, womenLed, womenLedShare: share(womenLed, total), verified },
    marketplace: { productsOnSale: onSale, ordersDelivered: sales.orders, salesCentimes: sales.centimes, cooperativesSelling: sales.sellers },
    tandems: { active: tandemCounts.active, completed: tandemCounts.completed, hoursGiven: Math.round((hours.minutes / 60) * 10) / 10 },
    labels: { awarded: labelCounts.awarded, current: labelCounts.current },
    events: {
      held: eventCounts.held,
      exhibitors: stands.exhibitors,
      womenLedExhibitorsShare: share(stands.womenLed, stands.exhibitors),
      registered: people.registered,
      attended: people.attended,
      womenAttendingShare: share(people.women, people.declared),
      genderDeclared: people.declared,
    },
  };
}
export type ImpactFigures = Awaited<ReturnType<typeof impactFigures>>;

/** The figures as rows of a table (figure, value), for the CSV and the JSON, with their unit. */
export function impactRows(f: ImpactFigures) {
  const rows: { key: string; value: number | null; unit: "count" | "percent" | "hours" | "mad" }[] = [
    { key: "organizations.total", value: f.organizations.total, unit: "count" },
    ...Object.entries(f.organizations.byKind).map(([k, v]) => ({ key: `organizations.kind.${k}`, value: v, unit: "count" as const })),
    ...REGION_CODES.map((code) => ({ key: `organizations.region.${code}`, value: f.organizations.byRegion[code] ?? 0, unit: "count" as const })),
    { key: "organizations.womenLed", value: f.organizations.womenLed, unit: "count" },
    { key: "organizations.womenLedShare", value: f.organizations.womenLedShare, unit: "percent" },
    { key: "organizations.verified", value: f.organizations.verified, unit: "count" },
    { key: "marketplace.productsOnSale", value: f.marketplace.productsOnSale, unit: "count" },
    { key: "marketplace.ordersDelivered", value: f.marketplace.ordersDelivered, unit: "count" },
    { key: "marketplace.sales", value: f.marketplace.salesCentimes / 100, unit: "mad" },
    { key: "marketplace.cooperativesSelling", value: f.marketplace.cooperativesSelling, unit: "count" },
    { key: "tandems.active", value: f.tandems.active, unit: "count" },
    { key: "tandems.completed", value: f.tandems.completed, unit: "count" },
    { key: "tandems.hoursGiven", value: f.tandems.hoursGiven, unit: "hours" },
    { key: "labels.awarded", value: f.labels.awarded, unit: "count" },
    { key: "labels.current", value: f.labels.current, unit: "count" },
    { key: "events.held", value: f.events.held, unit: "count" },
    { key: "events.exhibitors", value: f.events.exhibitors, unit: "count" },
    { key: "events.womenLedExhibitorsShare", value: f.events.womenLedExhibitorsShare, unit: "percent" },
    { key: "events.registered", value: f.events.registered, unit: "count" },
    { key: "events.attended", value: f.events.attended, unit: "count" },
    { key: "events.womenAttendingShare", value: f.events.womenAttendingShare, unit: "percent" },
    { key: "coaching.sessions", value: f.coaching.sessions, unit: "count" },
    { key: "coaching.hours", value: f.coaching.hours, unit: "hours" },
    { key: "coaching.organizations", value: f.coaching.organizations, unit: "count" },
  ];
  return rows;
}
