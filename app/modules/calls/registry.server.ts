// The Siraj registry and what follows a label (issue 6, item 5; decision 017): the public list of labelled
// organisations with each label's state (current, expired — read from its date —, suspended, withdrawn), the
// daily reminders before expiry, the directory's "Siraj label" facet kept in step with the labels, and the
// applicant's released result (section means only, never who scored what).
import { and, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { applications, calls, labels, organizations, reviewAssignments, reviewScores, searchDocuments } from "../../../db/schema";
import type { MembershipRole } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import { indexOrganizations } from "../../../search/documents.server";
import type { Locale } from "~/i18n/i18n";
import { absolute } from "../orders/notify.server";
import { type Actor, can } from "../organizations/authorize.server";
import { managersOf } from "../tandems/access.server";
import { moroccoOffsetMinutes, todayInMorocco } from "~/lib/morocco-time";
import { gridOf } from "./calls.server";
import { labelPath, labelState, observationsUntil } from "./rules";
import { round1, scoreApplication } from "./scoring";

export const REGISTRY_PAGE = 20;
export const REGISTRY_STATES = ["current", "expired", "suspended", "withdrawn"] as const;
export type RegistryState = (typeof REGISTRY_STATES)[number];
/** The directory's facet value for an organisation with a current label (search documents' `labels`). */
export const SIRAJ_FACET = "siraj";

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The registry's filters from its URL; anything unknown is dropped, never an error. */
export function parseRegistryParams(search: URLSearchParams) {
  const status = search.get("status") ?? "";
  const page = Number.parseInt(search.get("page") ?? "1", 10);
  return {
    status: (REGISTRY_STATES as readonly string[]).includes(status) ? (status as RegistryState) : null,
    q: (search.get("q") ?? "").trim().slice(0, 100),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 1000) : 1,
  };
}

function stateWhere(state: RegistryState | null, today: string): SQL | undefined {
  switch (state) {
    case "current":
      return and(eq(labels.status, "current"), sql`${labels.expiresOn} >= ${today}::date`);
    case "expired":
      return and(eq(labels.status, "current"), sql`${labels.expiresOn} < ${today}::date`);
    case "suspended":
    case "withdrawn":
      return eq(labels.status, state);
    default:
      return undefined;
  }
}

/**
 * One page of the public registry: every label ever awarded, newest first, with its organisation, its edition,
 * its dates and its state as of `today` (Morocco's date). One query: the total comes with the rows.
 */
export async function listRegistry(opts: { db: DbOrTx; page?: number; status?: RegistryState | null; q?: string; today?: string }) {
  const { db } = opts;
  const today = opts.today ?? todayInMorocco();
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const q = (opts.q ?? "").trim().slice(0, 100);
  const any = `%${likeEscape(q)}%`;
  const rows = await db
    .select({
      code: labels.code,
      status: labels.status,
      statusReason: labels.statusReason,
      awardedOn: labels.awardedOn,
      expiresOn: labels.expiresOn,
      organization: { slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr, city: organizations.city },
      call: { code: calls.code, titleFr: calls.titleFr, titleAr: calls.titleAr },
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(labels)
    .innerJoin(organizations, eq(organizations.id, labels.organizationId))
    .innerJoin(calls, eq(calls.id, labels.callId))
    .where(
      and(
        stateWhere(opts.status ?? null, today),
        q ? sql`(${organizations.name} ilike ${any} or ${organizations.nameAr} ilike ${any} or ${organizations.city} ilike ${any} or ${calls.code} ilike ${any})` : undefined,
      ),
    )
    .orderBy(desc(labels.awardedOn), organizations.name, labels.code)
    .limit(REGISTRY_PAGE)
    .offset((page - 1) * REGISTRY_PAGE);
  const total = rows[0]?.total ?? 0;
  return {
    page,
    pageCount: Math.max(1, Math.ceil(total / REGISTRY_PAGE)),
    total,
    today,
    items: rows.map(({ total: _total, ...r }) => ({ ...r, state: labelState(r, today) as RegistryState, path: labelPath(r.code) })),
  };
}

export const REMINDER_DAYS = [90, 30] as const;

/**
 * The daily reminders before a label expires: its organisation's owners and admins hear 90 days before, then
 * 30 days before. One stamp (`labels.reminded_at`) serves both: the 90-day reminder goes while the label was
 * never reminded; the 30-day one while it was last reminded before its 30-day window opened (so once, and
 * even when the 90-day one went late). A job that first runs inside the last 30 days sends the 30-day one only.
 * Suspended, withdrawn and expired labels, and a label already followed by a later current one, are left alone.
 */
export async function sendLabelReminders(db: DbOrTx, now: Date = new Date(), batch = 200) {
  const today = todayInMorocco(now);
  const sent = { 90: 0, 30: 0 };
  await db.transaction(async (tx) => {
    // Midnight in Morocco on the day the window opens, with the offset in force now (from the app's table:
    // PostgreSQL's own time-zone data lags behind Morocco's changes); the window opened within the last 30 days.
    const offset = moroccoOffsetMinutes(now);
    const windowOpens = (days: number) => sql`(((${labels.expiresOn} - ${days}::int)::timestamp - make_interval(mins => ${offset}::int)) at time zone 'UTC')`;
    const d30 = sql<boolean>`(${labels.expiresOn} - 30 <= ${today}::date and (${labels.remindedAt} is null or ${labels.remindedAt} < ${windowOpens(30)}))`;
    const d90 = sql<boolean>`(${labels.expiresOn} - 90 <= ${today}::date and ${labels.remindedAt} is null)`;
    const due = await tx
      .select({
        id: labels.id,
        code: labels.code,
        organizationId: labels.organizationId,
        expiresOn: labels.expiresOn,
        d30,
        name: organizations.name,
        nameAr: organizations.nameAr,
      })
      .from(labels)
      .innerJoin(organizations, eq(organizations.id, labels.organizationId))
      .where(
        and(
          eq(labels.status, "current"),
          sql`${labels.expiresOn} >= ${today}::date`,
          sql`(${d30} or ${d90})`,
          sql`not exists (select 1 from labels l2 where l2.organization_id = ${labels.organizationId} and l2.status = 'current' and l2.expires_on > ${labels.expiresOn})`,
        ),
      )
      .orderBy(labels.expiresOn)
      .limit(batch)
      .for("update", { of: labels, skipLocked: true });
    if (due.length === 0) return;
    const managers = await managersOf(tx, [...new Set(due.map((r) => r.organizationId))]);
    for (const r of due) {
      const days = r.d30 ? 30 : 90;
      for (const reader of managers.filter((m) => m.organizationId === r.organizationId)) {
        const locale = reader.locale as Locale;
        await queueEmail(tx, {
          to: reader.email!,
          locale,
          template: "labelExpiry",
          props: {
            organization: locale === "ar" && r.nameAr ? r.nameAr : r.name,
            days,
            expiresOn: r.expiresOn,
            url: absolute(labelPath(r.code), locale),
            renewUrl: absolute("/appels", locale),
          },
        });
      }
      sent[days]++;
    }
    await tx.update(labels).set({ remindedAt: now }).where(inArray(labels.id, due.map((r) => r.id)));
  });
  return sent;
}

/**
 * Keeps the directory's "Siraj label" facet true: the organisations whose search document says "siraj" while
 * they hold no current label (expired, suspended, withdrawn), or the reverse (just awarded), are re-indexed.
 * Bounded: only organisations that ever held a label or carry the facet are looked at.
 */
export async function syncLabelFacets(db: DbOrTx, now: Date = new Date(), batch = 500) {
  const today = todayInMorocco(now);
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
      with candidates as (
        select organization_id as id from ${labels}
        union
        select ref_id as id from ${searchDocuments} where type = 'organization' and ${SIRAJ_FACET} = any(labels)
      )
      select c.id from candidates c
      left join ${searchDocuments} d on d.id = 'organization:' || c.id::text
      where d.id is not null
        and (exists (select 1 from ${labels} l where l.organization_id = c.id and l.status = 'current' and l.expires_on >= ${today}::date))
            is distinct from (${SIRAJ_FACET} = any(d.labels))
      limit ${batch}`);
    const ids = (rows as unknown as { id: string }[]).map((r) => r.id);
    if (ids.length) await indexOrganizations(tx, ids);
    return ids.length;
  });
}

/** The daily job: the reminders, then the directory's facet (labels expire at midnight, Morocco time). */
export async function runLabelJob(db: DbOrTx, now: Date = new Date()) {
  const reminded = await sendLabelReminders(db, now);
  const reindexed = await syncLabelFacets(db, now);
  return { reminded, reindexed };
}

const RESULT_STATUSES = ["released", "contested", "answered"];

/**
 * What the applicant reads once the results are released: the decision and the jury's feedback, the mean of
 * the submitted jurors' scores per section and in total (never a juror's sheet, name or count of points per
 * criterion), the observations window, what they sent and the operator's answer. Null before the release.
 * The caller has already checked that the actor manages or belongs to the applicant (getApplication).
 */
export async function applicantResult(db: DbOrTx, applicationId: string, opts: { actor?: Actor; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const actorId = opts.actor?.id ?? null;
  const [row] = await db
    .select({
      role: sql<MembershipRole | null>`(select m.role from memberships m where m.organization_id = ${applications.organizationId} and m.user_id = ${actorId}::uuid)`,
      status: applications.status,
      gridVersion: applications.gridVersion,
      decision: applications.decision,
      feedback: applications.feedback,
      eligibilityReason: applications.eligibilityReason,
      contestText: applications.contestText,
      contestedAt: applications.contestedAt,
      answerText: applications.answerText,
      answeredAt: applications.answeredAt,
      call: { id: calls.id, kind: calls.kind, releasedAt: calls.releasedAt, observationDays: calls.observationDays },
    })
    .from(applications)
    .innerJoin(calls, eq(calls.id, applications.callId))
    .where(eq(applications.id, applicationId));
  if (!row || !RESULT_STATUSES.includes(row.status) || !row.call.releasedAt) return null;
  // Every submitted sheet of this application, in one query; juror ids stay here, only means leave.
  const sheets = row.decision
    ? await db
        .select({ assignmentId: reviewScores.assignmentId, criterionId: reviewScores.criterionId, score: reviewScores.score })
        .from(reviewScores)
        .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviewScores.assignmentId))
        .where(and(eq(reviewAssignments.applicationId, applicationId), eq(reviewAssignments.conflict, "none"), isNotNull(reviewAssignments.submittedAt)))
    : [];
  const grid = await gridOf(db, row.call.id, row.gridVersion);
  const byJuror = new Map<string, Record<string, number>>();
  for (const s of sheets) byJuror.set(s.assignmentId, { ...(byJuror.get(s.assignmentId) ?? {}), [s.criterionId]: s.score });
  const scored = scoreApplication({ sections: grid }, { applicationId, submittedAt: null, jurors: [...byJuror].map(([jurorId, scores]) => ({ jurorId, scores })) });
  const until = observationsUntil(row.call);
  const open = row.status === "released" && !!until && now < until;
  return {
    status: row.status,
    decision: row.decision,
    feedback: row.feedback,
    // An application screened out is released too, with the screening's reason instead of a decision.
    eligibilityReason: row.decision ? null : row.eligibilityReason,
    sections: scored.total
      ? grid.map((s) => ({ id: s.id, titleFr: s.titleFr, titleAr: s.titleAr, weight: s.weight, mean: round1(scored.sections.find((x) => x.sectionId === s.id)?.stats?.mean ?? 0) }))
      : [],
    total: scored.total ? round1(scored.total.mean) : null,
    observationsUntil: until,
    // Observations are the applicant's managers' to send (owners and admins), once, within the window.
    observationsOpen: open,
    canContest: open && can(opts.actor ?? null, "org.calls.apply", { membershipRole: row.role }),
    contest: row.contestText ? { text: row.contestText, at: row.contestedAt } : null,
    answer: row.answerText ? { text: row.answerText, at: row.answeredAt } : null,
  };
}
export type ApplicantResult = NonNullable<Awaited<ReturnType<typeof applicantResult>>>;
