// The tandems programme (issue 5, item 6): platform admins and operators follow every tandem — its state,
// hours and evaluations — against the programme's target, filter and export it; the public `/tandems` page
// shows the same programme as aggregates only. Every page runs a fixed number of queries: the per-tandem
// figures come from lateral subqueries over the page's rows, never from a query per row.
import { and, arrayContains, desc, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { alias, type AnyPgColumn, type SelectedFields } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { organizations, regions, tandemAgreements, tandemApprovals, tandemEvaluations, tandemSessions, tandems, tandemVolunteers } from "../../../db/schema";
import { TANDEM_STATUSES, type TandemStatus } from "../../../db/schema/enums";
import type { MessageKey, T } from "~/i18n/i18n";
import { type CsvValue, toCsv } from "~/lib/csv.server";
import { env } from "~/lib/env.server";
import { csvDateTime } from "../orders/admin.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { SKILLS } from "../organizations/vocabulary";
import { EVALUATION_KEYS, type EvaluationKey, type Evaluations } from "./programme";

export const PROGRAMME_PAGE_SIZE = 20;
/** At most this many tandems in one export; beyond, the operator narrows the filters. */
export const PROGRAMME_EXPORT_LIMIT = 10_000;
/** The states that count as the programme's tandems: under way or completed. */
export const COUNTED_STATUSES = ["active", "completed"] as const satisfies readonly TandemStatus[];

const optional = <S extends z.ZodTypeAny>(schema: S) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional().catch(undefined));

/**
 * The programme's filters, from the URL (a GET form, so a filtered view is a link to share). A value that
 * makes no sense (an unknown region, skill or state, a page out of range) is dropped, never a 500: the
 * operator sees the list without that filter.
 */
export const programmeFilters = z.object({
  region: optional(z.string().regex(/^(0[1-9]|1[0-2])$/)),
  skill: optional(z.enum(SKILLS)),
  status: optional(z.enum(TANDEM_STATUSES)),
  q: optional(z.string().max(100)),
  page: optional(z.coerce.number().int().min(1).max(10_000)),
});
export type ProgrammeFilters = z.output<typeof programmeFilters>;

export function parseProgrammeFilters(params: URLSearchParams): ProgrammeFilters {
  return programmeFilters.parse(Object.fromEntries(params));
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

const company = alias(organizations, "company");
const partner = alias(organizations, "partner");

function conditions(f: ProgrammeFilters): SQL | undefined {
  const where: SQL[] = [];
  if (f.region) where.push(eq(partner.regionCode, f.region));
  if (f.skill) where.push(arrayContains(tandems.skills, [f.skill]));
  if (f.status) where.push(eq(tandems.status, f.status));
  if (f.q) {
    const any = `%${likeEscape(f.q)}%`;
    where.push(
      or(
        sql`${tandems.number} ilike ${`${likeEscape(f.q)}%`}`,
        sql`${company.name} ilike ${any}`,
        sql`${company.nameAr} ilike ${any}`,
        sql`${partner.name} ilike ${any}`,
        sql`${partner.nameAr} ilike ${any}`,
      )!,
    );
  }
  return where.length ? and(...where) : undefined;
}

/** Sessions of the outer tandem: how many, and the minutes the other side confirmed (the only ones that count). */
function sessionsLateral(db: DbOrTx) {
  return db
    .select({
      sessions: sql<number>`count(*)::int`.as("sessions"),
      confirmedSessions: sql<number>`(count(*) filter (where ${tandemSessions.confirmedAt} is not null))::int`.as("confirmed_sessions"),
      confirmedMinutes: sql<number>`coalesce(sum(${tandemSessions.minutes}) filter (where ${tandemSessions.confirmedAt} is not null), 0)::int`.as("confirmed_minutes"),
    })
    .from(tandemSessions)
    .where(eq(tandemSessions.tandemId, tandems.id))
    .as("sessions_agg");
}


/** The outer tandem's evaluations as one object keyed by side and stage (at most four rows each). */
function evaluationsLateral(db: DbOrTx) {
  return db
    .select({
      evaluations: sql<Evaluations | null>`jsonb_object_agg(
        (case when ${tandemEvaluations.organizationId} = ${tandems.companyId} then 'company' else 'partner' end) || '_' || ${tandemEvaluations.stage},
        jsonb_build_object('satisfaction', ${tandemEvaluations.satisfaction}, 'onTrack', ${tandemEvaluations.onTrack}))`.as("evaluations"),
    })
    .from(tandemEvaluations)
    .where(eq(tandemEvaluations.tandemId, tandems.id))
    .as("evaluations_agg");
}

/** Confirmed minutes as hours with one decimal (what the programme reports). */
export const hoursOf = (minutes: number) => Math.round(minutes / 6) / 10;

function meanSatisfaction(evaluations: Evaluations): number | null {
  const values = Object.values(evaluations).map((e) => e!.satisfaction);
  return values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null;
}

/** The query every programme view shares: a tandem, its two sides, the partner's region, its figures. */
function programmeQuery<S extends SelectedFields>(db: DbOrTx, extra: S) {
  const s = sessionsLateral(db);
  const ev = evaluationsLateral(db);
  return db
    .select({
      id: tandems.id,
      number: tandems.number,
      status: tandems.status,
      skills: tandems.skills,
      periodStart: sql<string>`coalesce(${tandemAgreements.startDate}, ${tandems.periodStart})`,
      periodEnd: sql<string>`coalesce(${tandemAgreements.endDate}, ${tandems.periodEnd})`,
      createdAt: tandems.createdAt,
      hoursCommitted: sql<number>`coalesce(${tandemAgreements.hoursCommitted}, ${tandems.expectedHours})`,
      company: { slug: company.slug, name: company.name, nameAr: company.nameAr },
      partner: { slug: partner.slug, name: partner.name, nameAr: partner.nameAr, regionCode: partner.regionCode },
      regionFr: regions.nameFr,
      regionAr: regions.nameAr,
      sessions: s.sessions,
      confirmedSessions: s.confirmedSessions,
      confirmedMinutes: s.confirmedMinutes,
      evaluations: ev.evaluations,
      ...extra,
    })
    .from(tandems)
    .innerJoin(company, eq(company.id, tandems.companyId))
    .innerJoin(partner, eq(partner.id, tandems.partnerId))
    .innerJoin(regions, eq(regions.code, partner.regionCode))
    .leftJoin(tandemAgreements, eq(tandemAgreements.tandemId, tandems.id))
    .leftJoinLateral(s, sql`true`)
    .leftJoinLateral(ev, sql`true`);
}

/** The programme's counter: tandems under way and completed, against the target (unfiltered). */
export async function programmeCounter(db: DbOrTx) {
  const [row] = await db
    .select({
      active: sql<number>`(count(*) filter (where ${tandems.status} = 'active'))::int`,
      completed: sql<number>`(count(*) filter (where ${tandems.status} = 'completed'))::int`,
    })
    .from(tandems)
    .where(inArray(tandems.status, [...COUNTED_STATUSES]));
  return { active: row?.active ?? 0, completed: row?.completed ?? 0, target: env().TANDEM_PROGRAMME_TARGET };
}

/** One page of every tandem (newest first) with its figures, the filtered set's totals and the counter. */
export async function listProgramme(opts: { db: DbOrTx; actor: Actor; filters: ProgrammeFilters; page?: number }) {
  const { db, actor, filters } = opts;
  authorize(actor, "platform.programme");
  const page = Math.max(1, Math.min(10_000, Math.floor(opts.page ?? filters.page ?? 1)));
  const where = conditions(filters);
  const s = sessionsLateral(db);
  const [rows, [totals], counter] = await Promise.all([
    programmeQuery(db, {})
      .where(where)
      .orderBy(desc(tandems.createdAt), desc(tandems.id))
      .limit(PROGRAMME_PAGE_SIZE)
      .offset((page - 1) * PROGRAMME_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int`, minutes: sql<number>`coalesce(sum(${s.confirmedMinutes}), 0)::int` })
      .from(tandems)
      .innerJoin(company, eq(company.id, tandems.companyId))
      .innerJoin(partner, eq(partner.id, tandems.partnerId))
      .leftJoinLateral(s, sql`true`)
      .where(where),
    programmeCounter(db),
  ]);
  const items = rows.map((r) => {
    const evaluations = r.evaluations ?? {};
    return {
      ...r,
      hoursGiven: hoursOf(r.confirmedMinutes),
      evaluations: Object.fromEntries(EVALUATION_KEYS.map((k) => [k, !!evaluations[k]])) as Record<EvaluationKey, boolean>,
      meanSatisfaction: meanSatisfaction(evaluations),
    };
  });
  const total = totals?.total ?? 0;
  return {
    items,
    page,
    pageCount: Math.max(1, Math.ceil(total / PROGRAMME_PAGE_SIZE)),
    totals: { tandems: total, hoursGiven: hoursOf(totals?.minutes ?? 0) },
    counter,
  };
}

export type ProgrammeItem = Awaited<ReturnType<typeof listProgramme>>["items"][number];

/** "12,5": a decimal with a comma, which French Excel (the one that reads semicolons) reads as a number. */
const decimal = (n: number | null) => (n === null ? "" : (Math.round(n * 10) / 10).toFixed(1).replace(".", ","));
const yesNo = (v: boolean | null | undefined, t: T) => (v === null || v === undefined ? "" : t(v ? "programme.csv.yes" : "programme.csv.no"));

/**
 * Every tandem of the filters as a CSV file (header first; at most PROGRAMME_EXPORT_LIMIT lines), with
 * the list's columns and the rest: reasons, approval dates, each evaluation, the partner's self-assessment
 * averaged, volunteers. Names go through toCsv, which neutralises formulas an organisation may have typed.
 */
export async function programmeCsv(opts: { db: DbOrTx; actor: Actor; filters: ProgrammeFilters; t: T }): Promise<string> {
  const { db, actor, t } = opts;
  authorize(actor, "platform.programme");
  // Only numbers count: a malformed self-assessment never breaks the export.
  const score = (field: "before" | "after") => {
    const key = sql.raw(`'${field}'`);
    return sql<number | null>`(select avg(case when jsonb_typeof(x.value -> ${key}) = 'number' then (x.value ->> ${key})::numeric end)::float8
      from ${tandemEvaluations} e cross join lateral jsonb_each(case when jsonb_typeof(e.self_assessment) = 'object' then e.self_assessment else '{}'::jsonb end) x
      where e.tandem_id = ${tandems.id} and e.organization_id = ${tandems.partnerId} and e.stage = 'final')`;
  };
  const approvedAt = (side: AnyPgColumn) =>
    sql<Date | null>`(select ${tandemApprovals.approvedAt} from ${tandemApprovals} where ${tandemApprovals.tandemId} = ${tandems.id} and ${tandemApprovals.organizationId} = ${side})`.mapWith(
      tandemApprovals.approvedAt,
    );
  const rows = await programmeQuery(db, {
    format: tandems.format,
    declineReason: tandems.declineReason,
    declineText: tandems.declineText,
    endReason: tandems.endReason,
    answeredAt: tandems.answeredAt,
    activatedAt: tandems.activatedAt,
    closedAt: tandems.closedAt,
    companyApprovedAt: approvedAt(tandems.companyId),
    partnerApprovedAt: approvedAt(tandems.partnerId),
    volunteers: sql<number>`(select count(*)::int from ${tandemVolunteers} where ${tandemVolunteers.tandemId} = ${tandems.id})`,
    selfBefore: score("before"),
    selfAfter: score("after"),
  })
    .where(conditions({ ...opts.filters, page: undefined }))
    .orderBy(tandems.createdAt, tandems.number)
    .limit(PROGRAMME_EXPORT_LIMIT);

  const c = (key: string) => t(`programme.csv.${key}` as MessageKey);
  const evaluationHeaders = EVALUATION_KEYS.flatMap((k) => [c(`${k}_satisfaction`), c(`${k}_onTrack`)]);
  const header = [
    "number", "status", "createdAt", "company", "companySlug", "partner", "partnerSlug", "region", "skills", "format",
    "periodStart", "periodEnd", "hoursCommitted", "hoursGiven", "sessions", "confirmedSessions", "volunteers",
  ].map(c);
  const lines: CsvValue[][] = [
    [...header, ...evaluationHeaders, ...["meanSatisfaction", "selfBefore", "selfAfter", "declineReason", "declineText", "endReason", "answeredAt", "companyApprovedAt", "partnerApprovedAt", "activatedAt", "closedAt"].map(c)],
  ];
  for (const r of rows) {
    const evaluations = r.evaluations ?? {};
    lines.push([
      r.number,
      t(`tandems.status.${r.status}`),
      csvDateTime(r.createdAt),
      r.company.name,
      r.company.slug,
      r.partner.name,
      r.partner.slug,
      r.regionFr,
      r.skills.map((s) => t(`skills.${s}` as MessageKey)).join(", "),
      t(`tandems.format.${r.format}`),
      r.periodStart,
      r.periodEnd,
      r.hoursCommitted,
      decimal(hoursOf(r.confirmedMinutes)),
      r.sessions,
      r.confirmedSessions,
      r.volunteers,
      ...EVALUATION_KEYS.flatMap((k) => [evaluations[k]?.satisfaction ?? "", yesNo(evaluations[k]?.onTrack, t)]),
      decimal(meanSatisfaction(evaluations)),
      decimal(r.selfBefore),
      decimal(r.selfAfter),
      r.declineReason ? t(`tandems.declineReason.${r.declineReason}`) : "",
      r.declineText,
      r.endReason,
      csvDateTime(r.answeredAt),
      csvDateTime(r.companyApprovedAt),
      csvDateTime(r.partnerApprovedAt),
      csvDateTime(r.activatedAt),
      csvDateTime(r.closedAt),
    ]);
  }
  return toCsv(lines);
}

/**
 * The public `/tandems` page's figures, aggregates only (never a tandem's objectives, messages or sides):
 * tandems under way and completed, hours given in confirmed sessions, the skill domains and partner regions
 * of those tandems with their counts, and the counter. Four bounded queries, whatever the number of tandems.
 */
export async function publicFigures(db: DbOrTx) {
  const counted = inArray(tandems.status, [...COUNTED_STATUSES]);
  const skill = sql<string>`skill`;
  const [counter, [hours], skills, byRegion] = await Promise.all([
    programmeCounter(db),
    // Hours are hours given, whatever became of the tandem since (one ended early still gave them).
    db
      .select({ minutes: sql<number>`coalesce(sum(${tandemSessions.minutes}), 0)::int` })
      .from(tandemSessions)
      .where(sql`${tandemSessions.confirmedAt} is not null`),
    db
      .select({ skill, count: sql<number>`count(*)::int` })
      .from(sql`${tandems} cross join lateral unnest(${tandems.skills}) as skill`)
      .where(counted)
      .groupBy(skill)
      .orderBy(sql`count(*) desc`, skill),
    db
      .select({ code: partner.regionCode, nameFr: regions.nameFr, nameAr: regions.nameAr, count: sql<number>`count(*)::int` })
      .from(tandems)
      .innerJoin(partner, eq(partner.id, tandems.partnerId))
      .innerJoin(regions, eq(regions.code, partner.regionCode))
      .where(counted)
      .groupBy(partner.regionCode, regions.nameFr, regions.nameAr)
      .orderBy(sql`count(*) desc`, partner.regionCode),
  ]);
  return {
    ...counter,
    tandems: counter.active + counter.completed,
    hoursGiven: Math.round((hours?.minutes ?? 0) / 60),
    skills: skills.filter((s) => (SKILLS as readonly string[]).includes(s.skill)),
    regions: byRegion.map((r) => ({ code: r.code, nameFr: r.nameFr, nameAr: r.nameAr, count: r.count })),
  };
}
