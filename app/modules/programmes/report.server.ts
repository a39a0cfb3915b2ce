// The funders' report (issue 7, item 5): for one programme and a period, the impact figures narrowed to its member
// organisations, its coaching, and a line per organisation — what a funder asks for, printed or saved as PDF by the
// browser in French or Arabic. Operators only: coaches see the programme, funders receive the document.
import type { DbOrTx } from "../../../db/client";
import { ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { todayInMorocco } from "~/lib/morocco-time";
import { impactFigures, impactFilters } from "../impact/impact.server";
import { type Actor, can } from "../organizations/authorize.server";
import { coachesOf, programmeBySlug, progressOf } from "./programmes.server";

/**
 * The report's period from `du` and `au` (Morocco days; reversed ones swapped, nonsense dropped), by default the
 * programme's own period up to today (its first day, for a programme not started yet).
 */
function reportPeriod(params: URLSearchParams, programme: { startsOn: string; endsOn: string }, today: string) {
  const asked = impactFilters(params);
  const lastDay = programme.endsOn < today ? programme.endsOn : today;
  const to = asked.to ?? (lastDay < programme.startsOn ? programme.startsOn : lastDay);
  const from = asked.from ?? programme.startsOn;
  return from <= to ? { from, to } : { from: to, to: from };
}

export async function funderReport(opts: { db: DbOrTx; actor: Actor; slug: string; params: URLSearchParams; now?: Date }) {
  const { db, actor } = opts;
  if (!actor || !can(actor, "platform.programme")) throw new ForbiddenError();
  const programme = await programmeBySlug(db, opts.slug);
  if (!programme) throw new NotFoundError();
  const now = opts.now ?? new Date();
  const period = reportPeriod(opts.params, programme, todayInMorocco(now));
  const [figures, progress, coaches] = await Promise.all([
    impactFigures(db, { ...period, region: null }, now, { programmeId: programme.id }),
    progressOf(db, programme.id, period),
    coachesOf(db, programme.id),
  ]);
  const totals = {
    members: progress.length,
    admittedInPeriod: progress.filter((p) => p.admittedOn >= period.from && p.admittedOn <= period.to).length,
    milestonesDone: progress.reduce((sum, p) => sum + p.milestonesDone, 0),
    milestonesTotal: progress.reduce((sum, p) => sum + p.milestonesTotal, 0),
  };
  return { programme, period, figures, progress, coaches: coaches.map((c) => c.name), totals, computedAt: now };
}
