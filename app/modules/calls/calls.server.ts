// Calls for applications (issue 6, item 1; decision 017): operators create a call, give it a grid and its
// required documents, and publish it; anyone lists the published ones at /appels, open ones first. Every
// change is written to the call's append-only trail in its transaction.
import { and, asc, count, desc, eq, gt, ilike, isNotNull, lte, ne, notInArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { applications, callEvents, callGrids, callRequirements, calls, type GridSection } from "../../../db/schema";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../../db/schema/enums";
import type { CallInput, RequirementInput, RequirementRow } from "./call-schemas";
import { validateGrid, type GridProblem } from "./scoring";

export const CALLS_PAGE = 20;

type Call = typeof calls.$inferSelect;

/** A grid that cannot be saved: its problems, each with where it is, for the editor to show. */
export class GridInvalid extends DomainError {
  constructor(readonly problems: GridProblem[]) {
    super(400, problems[0]?.code ?? "calls.errors.weightsSum");
  }
}

/** Appends to the call's trail (call_events); every module of the engine writes through it. */
export async function trail(
  tx: DbOrTx,
  entry: { callId: string; applicationId?: string | null; action: string; from?: string | null; to?: string | null; actorId: string | null; reason?: string | null; data?: Record<string, unknown>; at?: Date },
) {
  await tx.insert(callEvents).values({
    callId: entry.callId,
    applicationId: entry.applicationId ?? null,
    action: entry.action,
    fromStatus: entry.from ?? null,
    toStatus: entry.to ?? null,
    actorId: entry.actorId,
    reason: entry.reason ?? null,
    data: entry.data ?? null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
}

function checkGrid(sections: GridSection[]) {
  const problems = validateGrid({ sections });
  if (problems.length) throw new GridInvalid(problems);
}

function isCodeTaken(error: unknown) {
  const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause;
  return cause?.code === "23505" && cause.constraint_name === "calls_code_unique";
}

/**
 * An operator creates a call with its grid (version 1) and required documents; it stays private until published.
 * With `gridPending`, an empty grid is accepted (the page creates the call first, the grid is edited after);
 * publishing still requires a valid grid. With `from` (another call's code), the new call starts with a copy of
 * that call's current grid and required documents — a new edition of a label is mostly last year's.
 */
export async function createCall(opts: {
  db: DbOrTx;
  actor: Actor;
  input: CallInput;
  sections: GridSection[];
  requirements: RequirementInput[];
  gridPending?: boolean;
  from?: string | null;
}) {
  const { db, actor, input } = opts;
  authorize(actor, "platform.calls");
  if (!opts.from && !(opts.gridPending && opts.sections.length === 0)) checkGrid(opts.sections);
  try {
    return await db.transaction(async (tx) => {
      let { sections, requirements } = opts;
      let template: string | null = null;
      if (opts.from) {
        const [source] = await tx.select({ id: calls.id, code: calls.code, gridVersion: calls.gridVersion }).from(calls).where(eq(calls.code, opts.from.trim().toUpperCase()));
        if (!source) throw new DomainError(400, "callsAdmin.errors.template");
        sections = await gridOf(tx, source.id, source.gridVersion);
        // A source still without a grid gives an empty one, as a new call has; any other is checked like a typed one.
        if (sections.length) checkGrid(sections);
        const rows = await tx
          .select({ kind: callRequirements.kind, labelFr: callRequirements.labelFr, labelAr: callRequirements.labelAr, formats: callRequirements.formats, maxBytes: callRequirements.maxBytes, required: callRequirements.required })
          .from(callRequirements)
          .where(eq(callRequirements.callId, source.id))
          .orderBy(asc(callRequirements.position));
        requirements = rows.map((r) => ({ ...r, formats: r.formats as RequirementInput["formats"] }));
        template = source.code;
      }
      const [call] = await tx
        .insert(calls)
        .values({
          ...input,
          disagreementThreshold: String(input.disagreementThreshold),
          labelValidityMonths: input.kind === "label" ? input.labelValidityMonths : null,
          gridVersion: 1,
          createdBy: actor!.id,
        })
        .returning();
      await tx.insert(callGrids).values({ callId: call.id, version: 1, sections, createdBy: actor!.id });
      if (requirements.length) {
        await tx.insert(callRequirements).values(requirements.map((r, position) => ({ ...r, callId: call.id, position })));
      }
      await trail(tx, { callId: call.id, action: "createCall", actorId: actor!.id, data: { code: call.code, kind: call.kind, ...(template ? { from: template } : {}) } });
      return call;
    });
  } catch (error) {
    if (isCodeTaken(error)) throw new ConflictError("calls.errors.codeTaken");
    throw error;
  }
}

/** The calls a new one may start from (its grid and documents copied), latest first. */
export async function callTemplates(db: DbOrTx, actor: Actor) {
  authorize(actor, "platform.calls");
  return db
    .select({ code: calls.code, titleFr: calls.titleFr, titleAr: calls.titleAr, kind: calls.kind })
    .from(calls)
    .orderBy(desc(calls.createdAt), asc(calls.code))
    .limit(50);
}

/**
 * An operator changes the grid. Until an application was submitted against the current version, the version
 * is edited in place; after that, the change is a new version (submitted applications keep theirs).
 */
export async function saveGrid(opts: { db: DbOrTx; actor: Actor; callId: string; sections: GridSection[] }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  checkGrid(opts.sections);
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, opts.callId);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(applications)
      .where(and(eq(applications.callId, call.id), eq(applications.gridVersion, call.gridVersion), ne(applications.status, "draft")));
    let version = call.gridVersion;
    if (n > 0) {
      version += 1;
      await tx.insert(callGrids).values({ callId: call.id, version, sections: opts.sections, createdBy: actor!.id });
      await tx.update(calls).set({ gridVersion: version }).where(eq(calls.id, call.id));
    } else {
      await tx
        .update(callGrids)
        .set({ sections: opts.sections })
        .where(and(eq(callGrids.callId, call.id), eq(callGrids.version, version)));
    }
    // Drafts follow the current grid: nothing of theirs was judged yet.
    await tx.update(applications).set({ gridVersion: version }).where(and(eq(applications.callId, call.id), eq(applications.status, "draft")));
    await trail(tx, { callId: call.id, action: "saveGrid", actorId: actor!.id, data: { version, sections: opts.sections.length } });
    return { version };
  });
}

/** An operator publishes a call: from then on it is listed at /appels and open between its two instants. */
export async function publishCall(opts: { db: DbOrTx; actor: Actor; callId: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  authorize(actor, "platform.calls");
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, opts.callId);
    if (call.publishedAt) throw new ConflictError("calls.errors.alreadyPublished");
    const grid = await gridOf(tx, call.id, call.gridVersion);
    checkGrid(grid);
    await tx.update(calls).set({ publishedAt: now }).where(eq(calls.id, call.id));
    await trail(tx, { callId: call.id, action: "publishCall", actorId: actor!.id, at: now });
  });
}

export async function lockCall(tx: DbOrTx, callId: string): Promise<Call> {
  const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for("update");
  if (!call) throw new NotFoundError();
  return call;
}

export async function gridOf(db: DbOrTx, callId: string, version: number): Promise<GridSection[]> {
  const [grid] = await db.select({ sections: callGrids.sections }).from(callGrids).where(and(eq(callGrids.callId, callId), eq(callGrids.version, version)));
  if (!grid) throw new NotFoundError();
  return grid.sections;
}

/** Whether a submission at `now` is in time: strictly before the closing instant, and not before the opening. */
export const isOpen = (call: Pick<Call, "opensAt" | "closesAt" | "publishedAt">, now: Date) =>
  !!call.publishedAt && call.opensAt.getTime() <= now.getTime() && now.getTime() < call.closesAt.getTime();

/** Published calls for /appels: open ones first (closing soonest first), then upcoming, then closed (latest first). */
export async function listPublicCalls(db: DbOrTx, opts: { page?: number; now?: Date } = {}) {
  const now = opts.now ?? new Date();
  const page = Math.max(1, Math.min(1000, Math.floor(opts.page ?? 1)));
  const phase = sql<number>`case when ${calls.opensAt} <= ${now.toISOString()}::timestamptz and ${calls.closesAt} > ${now.toISOString()}::timestamptz then 0
    when ${calls.opensAt} > ${now.toISOString()}::timestamptz then 1 else 2 end`;
  const rows = await db
    .select({
      id: calls.id,
      code: calls.code,
      kind: calls.kind,
      audience: calls.audience,
      titleFr: calls.titleFr,
      titleAr: calls.titleAr,
      descriptionFr: calls.descriptionFr,
      descriptionAr: calls.descriptionAr,
      opensAt: calls.opensAt,
      closesAt: calls.closesAt,
      seats: calls.seats,
      phase,
    })
    .from(calls)
    .where(isNotNull(calls.publishedAt))
    .orderBy(phase, sql`case when ${phase} = 2 then null else ${calls.closesAt} end asc nulls last`, desc(calls.closesAt), asc(calls.code))
    .limit(CALLS_PAGE)
    .offset((page - 1) * CALLS_PAGE);
  const [{ total }] = await db.select({ total: count() }).from(calls).where(isNotNull(calls.publishedAt));
  const [{ open }] = await db
    .select({ open: count() })
    .from(calls)
    .where(and(isNotNull(calls.publishedAt), lte(calls.opensAt, now), gt(calls.closesAt, now)));
  return {
    calls: rows.map((r) => ({ ...r, state: (["open", "upcoming", "closed"] as const)[r.phase] })),
    open,
    page,
    pageCount: Math.max(1, Math.ceil(total / CALLS_PAGE)),
  };
}

/** A call's public page: published calls for everyone, drafts for operators only (404 for the rest). */
export async function getPublicCall(db: DbOrTx, opts: { actor: Actor; code: string; now?: Date }) {
  const now = opts.now ?? new Date();
  const [call] = await db.select().from(calls).where(eq(calls.code, opts.code.toUpperCase()));
  if (!call) throw new NotFoundError();
  const operator = !!opts.actor && (opts.actor.platformRole === "admin" || opts.actor.platformRole === "operator");
  if (!call.publishedAt && !operator) throw new NotFoundError();
  const grid = await gridOf(db, call.id, call.gridVersion);
  const requirements = await db.select().from(callRequirements).where(eq(callRequirements.callId, call.id)).orderBy(asc(callRequirements.position));
  const state = !call.publishedAt ? "draft" : isOpen(call, now) ? "open" : now < call.opensAt ? "upcoming" : "closed";
  // What the public page needs, not the row: who created it and internal settings stay on the server.
  const shown = {
    id: call.id,
    code: call.code,
    kind: call.kind,
    audience: call.audience,
    titleFr: call.titleFr,
    titleAr: call.titleAr,
    descriptionFr: call.descriptionFr,
    descriptionAr: call.descriptionAr,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    publishedAt: call.publishedAt,
    seats: call.seats,
    labelValidityMonths: call.labelValidityMonths,
  };
  return { call: shown, grid, requirements, state: state as "draft" | "open" | "upcoming" | "closed" };
}

// ---------------------------------------------------------------------------------------------------------
// The operators' pages (/programme/appels): every call with its applications by status, and the edition of
// a call's fields, grid and required documents.

export type CallState = "draft" | "open" | "upcoming" | "closed";
export const callState = (call: Pick<Call, "opensAt" | "closesAt" | "publishedAt">, now: Date): CallState =>
  !call.publishedAt ? "draft" : isOpen(call, now) ? "open" : now < call.opensAt ? "upcoming" : "closed";

/** Applications of one call that are no longer drafts: from the first of them, what applicants relied on is frozen. */
async function applicationCounts(db: DbOrTx, callId: string) {
  const [row] = await db
    .select({
      total: count(),
      submitted: sql<number>`count(*) filter (where ${applications.status} <> 'draft')`.mapWith(Number),
      // Screened or further: beyond draft and a plain submission.
      judged: sql<number>`count(*) filter (where ${applications.status} not in ('draft', 'submitted'))`.mapWith(Number),
    })
    .from(applications)
    .where(eq(applications.callId, callId));
  return { total: row?.total ?? 0, submitted: row?.submitted ?? 0, judged: row?.judged ?? 0 };
}

/**
 * Every call for operators, drafts included (unpublished first, then the latest closing first), 20 a page,
 * each with its applications counted by status — one aggregate query for the page, one for the total.
 * `q` searches the code and both titles.
 */
export async function listCallsForOperators(opts: { db: DbOrTx; actor: Actor; page?: number; q?: string | null; now?: Date }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  const now = opts.now ?? new Date();
  const page = Math.max(1, Math.min(1000, Math.floor(Number.isFinite(opts.page) ? opts.page! : 1)));
  const q = (opts.q ?? "").trim().slice(0, 100);
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = q ? or(ilike(calls.code, pattern), ilike(calls.titleFr, pattern), ilike(calls.titleAr, pattern)) : undefined;
  const byStatus = Object.fromEntries(
    APPLICATION_STATUSES.map((status) => [status, sql<number>`count(${applications.id}) filter (where ${applications.status} = ${status})`.mapWith(Number)]),
  ) as Record<ApplicationStatus, ReturnType<typeof sql<number>>>;
  const rows = await db
    .select({
      id: calls.id,
      code: calls.code,
      kind: calls.kind,
      titleFr: calls.titleFr,
      titleAr: calls.titleAr,
      opensAt: calls.opensAt,
      closesAt: calls.closesAt,
      publishedAt: calls.publishedAt,
      releasedAt: calls.releasedAt,
      seats: calls.seats,
      total: count(applications.id),
      ...byStatus,
    })
    .from(calls)
    .leftJoin(applications, eq(applications.callId, calls.id))
    .where(where)
    .groupBy(calls.id)
    .orderBy(sql`${calls.publishedAt} is not null`, desc(calls.closesAt), asc(calls.code))
    .limit(CALLS_PAGE)
    .offset((page - 1) * CALLS_PAGE);
  const [{ total }] = await db.select({ total: count() }).from(calls).where(where);
  return {
    calls: rows.map(({ total: applicationsTotal, ...r }) => ({
      id: r.id,
      code: r.code,
      kind: r.kind,
      titleFr: r.titleFr,
      titleAr: r.titleAr,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      publishedAt: r.publishedAt,
      releasedAt: r.releasedAt,
      seats: r.seats,
      state: callState(r, now),
      applications: applicationsTotal,
      byStatus: Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, r[s]])) as Record<ApplicationStatus, number>,
    })),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / CALLS_PAGE)),
  };
}

/** A call as its edit page needs it: its fields, current grid, required documents and how many applied. */
export async function getCallForEdit(opts: { db: DbOrTx; actor: Actor; code: string; now?: Date }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  const [call] = await db.select().from(calls).where(eq(calls.code, opts.code.trim().toUpperCase()));
  if (!call) throw new NotFoundError("calls.errors.notFound");
  const [grid, requirements, counts] = await Promise.all([
    gridOf(db, call.id, call.gridVersion),
    db.select().from(callRequirements).where(eq(callRequirements.callId, call.id)).orderBy(asc(callRequirements.position)).limit(50),
    applicationCounts(db, call.id),
  ]);
  return {
    call: { ...call, disagreementThreshold: Number(call.disagreementThreshold) },
    grid,
    requirements,
    applications: counts,
    state: callState(call, opts.now ?? new Date()),
  };
}

const EDITABLE = ["code", "kind", "audience", "titleFr", "titleAr", "descriptionFr", "descriptionAr", "opensAt", "closesAt", "seats", "labelValidityMonths", "disagreementThreshold", "observationDays"] as const;

/**
 * An operator changes a call's fields. What applicants and references rely on is frozen:
 * - the code, once the call is published (it is in URLs and application references);
 * - the kind, once any application exists (label validity and decisions depend on it);
 * - the closing instant may still move (extend a deadline, or shorten it), but not to now or earlier once any
 *   application exists: that would close the call under the applicants' feet. Before any application, dates
 *   are free (the form keeps opening < closing);
 * - after the release, the dates, the audience, the seats, the validity and the observations window are frozen,
 *   and a closed call whose applications are already screened or judged cannot be reopened.
 */
export async function updateCall(opts: { db: DbOrTx; actor: Actor; callId: string; input: CallInput; now?: Date }) {
  const { db, actor, input } = opts;
  const now = opts.now ?? new Date();
  authorize(actor, "platform.calls");
  try {
    return await db.transaction(async (tx) => {
      const call = await lockCall(tx, opts.callId);
      if (call.publishedAt && input.code !== call.code) throw new ConflictError("callsAdmin.errors.codeFrozen");
      const counts = await applicationCounts(tx, call.id);
      if (counts.total > 0 && input.kind !== call.kind) throw new ConflictError("callsAdmin.errors.kindFrozen");
      if (counts.total > 0 && input.closesAt.getTime() !== call.closesAt.getTime() && input.closesAt.getTime() <= now.getTime()) {
        throw new ConflictError("callsAdmin.errors.closesInPast");
      }
      const values = {
        ...input,
        disagreementThreshold: String(input.disagreementThreshold),
        labelValidityMonths: input.kind === "label" ? input.labelValidityMonths : null,
      };
      const before: Record<string, unknown> = { ...call, disagreementThreshold: Number(call.disagreementThreshold) };
      const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : JSON.stringify(a) === JSON.stringify(b));
      const changed = EDITABLE.filter((k) => !same(before[k], k === "disagreementThreshold" ? input.disagreementThreshold : k === "labelValidityMonths" ? values.labelValidityMonths : input[k]));
      if (changed.length === 0) return call;
      // After the release, the dates, the audience and the observations window are history: frozen. A closed call
      // whose applications are being judged is not reopened either (new ones could never be decided with them).
      const RULES_OF_THE_GAME = ["opensAt", "closesAt", "audience", "observationDays", "seats", "labelValidityMonths"];
      if (call.releasedAt && changed.some((k) => RULES_OF_THE_GAME.includes(k))) throw new ConflictError("callsAdmin.errors.releasedFrozen");
      if (call.closesAt <= now && input.closesAt > now && counts.judged > 0) throw new ConflictError("callsAdmin.errors.noReopening");
      const [updated] = await tx.update(calls).set(values).where(eq(calls.id, call.id)).returning();
      await trail(tx, { callId: call.id, action: "updateCall", actorId: actor!.id, data: { changed } });
      return updated;
    });
  } catch (error) {
    if (isCodeTaken(error)) throw new ConflictError("calls.errors.codeTaken");
    throw error;
  }
}

/**
 * An operator sets the call's required documents (the whole list, in order; a row with an id is an existing
 * one). While no application is submitted, the list is replaced (a removed requirement drops what drafts had
 * attached to it). After the first submission, only additions: every existing requirement must come back
 * unchanged, new ones are appended.
 */
export async function setRequirements(opts: { db: DbOrTx; actor: Actor; callId: string; requirements: RequirementRow[] }) {
  const { db, actor } = opts;
  authorize(actor, "platform.calls");
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, opts.callId);
    const existing = await tx.select().from(callRequirements).where(eq(callRequirements.callId, call.id)).orderBy(asc(callRequirements.position));
    const byId = new Map(existing.map((r) => [r.id, r]));
    const kept = opts.requirements.filter((r) => r.id !== null);
    if (kept.some((r) => !byId.has(r.id!)) || new Set(kept.map((r) => r.id)).size !== kept.length) throw new DomainError(400, "errors.invalid");
    const { submitted } = await applicationCounts(tx, call.id);
    if (submitted > 0) {
      const unchanged = (r: RequirementRow) => {
        const old = byId.get(r.id!)!;
        return old.kind === r.kind && old.labelFr === r.labelFr && old.labelAr === r.labelAr && old.maxBytes === r.maxBytes && old.required === r.required && [...old.formats].sort().join() === [...r.formats].sort().join();
      };
      if (kept.length !== existing.length || !kept.every(unchanged)) throw new ConflictError("callsAdmin.errors.requirementsFrozen");
    }
    const keptIds = kept.map((r) => r.id!);
    if (existing.length > keptIds.length) {
      await tx
        .delete(callRequirements)
        .where(and(eq(callRequirements.callId, call.id), keptIds.length ? notInArray(callRequirements.id, keptIds) : undefined));
    }
    let added = 0;
    for (const [position, r] of opts.requirements.entries()) {
      const { id, ...fields } = r;
      if (id) await tx.update(callRequirements).set({ ...fields, position }).where(and(eq(callRequirements.id, id), eq(callRequirements.callId, call.id)));
      else {
        await tx.insert(callRequirements).values({ ...fields, callId: call.id, position });
        added++;
      }
    }
    await trail(tx, { callId: call.id, action: "setRequirements", actorId: actor!.id, data: { count: opts.requirements.length, added, removed: existing.length - keptIds.length } });
    return { count: opts.requirements.length };
  });
}

