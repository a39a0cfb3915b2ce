// The jury's arithmetic for a call (issue 6, item 3), written once: browser-safe, so the scoring form, the operator's
// table, the released results and the CSV export all show the same numbers.
// Full precision is kept throughout; callers round for display only (round1). Comparisons between computed numbers
// (ties, the disagreement threshold, minimums) go through `same6`, so that 33.333333… reached by two summation orders
// is one value, not two.

export interface Criterion {
  id: string;
  /** The most a juror may give: a positive integer. */
  max: number;
  /** Below this mean across jurors, the criterion is flagged as not met. */
  minimum?: number | null;
}

export interface Section {
  id: string;
  /** Points the section is worth out of 100; a grid's weights sum to 100. */
  weight: number;
  criteria: Criterion[];
}

export interface Grid {
  sections: Section[];
}

/** One juror's submitted sheet: criterion id → points given. */
export interface JurorScores {
  jurorId: string;
  scores: Record<string, number>;
}

export interface ApplicationScores {
  applicationId: string;
  /** Earlier submission wins the last tie-break; null (never submitted) comes after any date. */
  submittedAt: Date | string | null;
  /** Only submitted sheets: a sheet still being filled must not move the ranking. */
  jurors: JurorScores[];
}

export interface Stats {
  mean: number;
  median: number;
  /** Highest minus lowest. */
  spread: number;
}

export interface JurorResult {
  jurorId: string;
  /** Section id → weighted section score (out of the section's weight). */
  sections: Record<string, number>;
  /** Out of 100. */
  total: number;
}

export interface SectionResult {
  sectionId: string;
  weight: number;
  /** Across jurors, of their weighted section scores; null without jurors. */
  stats: Stats | null;
}

export interface CriterionResult {
  criterionId: string;
  sectionId: string;
  max: number;
  minimum: number | null;
  /** Across jurors, of the points given; null without jurors. */
  stats: Stats | null;
  /** True when a minimum is set and the jurors' mean falls below it. */
  belowMinimum: boolean;
}

export interface ApplicationResult {
  applicationId: string;
  submittedAt: Date | null;
  jurors: JurorResult[];
  /** The application's score is `total.mean` (median beside it); null when no juror has submitted. */
  total: Stats | null;
  sections: SectionResult[];
  criteria: CriterionResult[];
  /** Jurors' totals strictly more than the threshold apart. */
  disagreement: boolean;
  /** Ids of the criteria whose minimum is not met, in grid order. */
  belowMinimum: string[];
}

export interface RankedApplication extends ApplicationResult {
  /** 1-based position; null for applications nobody has scored yet. */
  rank: number | null;
}

export const DEFAULT_DISAGREEMENT_THRESHOLD = 20;

export interface ScoringOptions {
  /** Points apart beyond which jurors "disagree strongly"; configurable per call. */
  disagreementThreshold?: number;
}

/** Rounds to 6 decimals: the precision at which two computed scores are the same score. */
export const to6 = (x: number) => Math.round(x * 1e6) / 1e6;
const same6 = (a: number, b: number) => to6(a) === to6(b);

/** One decimal, for display. Goes through 6 decimals first so 1.45 (stored as 1.4499999…) shows as 1.5. */
export const round1 = (x: number) => Math.round(Math.round(x * 1e6) / 1e5) / 10;

function stats(values: number[]): Stats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return { mean, median, spread: sorted[sorted.length - 1] - sorted[0] };
}

const sectionMax = (section: Section) => section.criteria.reduce((sum, c) => sum + c.max, 0);

/**
 * One juror's section scores and total. A criterion missing from the sheet counts as 0, so an incomplete sheet can
 * never score higher; sheets are checked with validateScores before they are submitted.
 */
export function jurorResult(grid: Grid, sheet: JurorScores): JurorResult {
  const sections: Record<string, number> = {};
  let total = 0;
  for (const section of grid.sections) {
    const max = sectionMax(section);
    const points = section.criteria.reduce((sum, c) => sum + (sheet.scores[c.id] ?? 0), 0);
    const score = max > 0 ? (points / max) * section.weight : 0;
    sections[section.id] = score;
    total += score;
  }
  return { jurorId: sheet.jurorId, sections, total };
}

function parseDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function scoreApplication(grid: Grid, app: ApplicationScores, options: ScoringOptions = {}): ApplicationResult {
  const threshold = options.disagreementThreshold ?? DEFAULT_DISAGREEMENT_THRESHOLD;
  const jurors = app.jurors.map((sheet) => jurorResult(grid, sheet));
  const total = stats(jurors.map((j) => j.total));
  const sections = grid.sections.map((section) => ({
    sectionId: section.id,
    weight: section.weight,
    stats: stats(jurors.map((j) => j.sections[section.id])),
  }));
  const criteria = grid.sections.flatMap((section) =>
    section.criteria.map((criterion): CriterionResult => {
      const s = stats(app.jurors.map((sheet) => sheet.scores[criterion.id] ?? 0));
      const minimum = criterion.minimum ?? null;
      return {
        criterionId: criterion.id,
        sectionId: section.id,
        max: criterion.max,
        minimum,
        stats: s,
        belowMinimum: s !== null && minimum !== null && to6(s.mean) < to6(minimum),
      };
    }),
  );
  return {
    applicationId: app.applicationId,
    submittedAt: parseDate(app.submittedAt),
    jurors,
    total,
    sections,
    criteria,
    disagreement: total !== null && to6(total.spread) > to6(threshold),
    belowMinimum: criteria.filter((c) => c.belowMinimum).map((c) => c.criterionId),
  };
}

/** The sections that break a tie: those with the greatest weight, in grid order. */
export function heaviestSections(grid: Grid): string[] {
  const top = Math.max(...grid.sections.map((s) => s.weight));
  return grid.sections.filter((s) => same6(s.weight, top)).map((s) => s.id);
}

const time = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY);

/**
 * Orders applications by score, best first. Ties go to the higher mean on the heaviest section (several equally
 * heavy sections are compared in grid order), then to the earlier submission; anything still tied keeps its input
 * order. Applications no juror has scored yet have no score to compare: they go last, unranked (rank null), earlier
 * submissions first.
 */
export function rankApplications(
  grid: Grid,
  apps: ApplicationScores[],
  options: ScoringOptions = {},
): RankedApplication[] {
  const heaviest = heaviestSections(grid);
  const results = apps.map((app) => scoreApplication(grid, app, options));
  const sectionMean = (r: ApplicationResult, id: string) =>
    to6(r.sections.find((s) => s.sectionId === id)?.stats?.mean ?? 0);
  const sorted = [...results].sort((a, b) => {
    if (a.total === null || b.total === null) {
      if (a.total !== b.total) return a.total === null ? 1 : -1;
      return time(a.submittedAt) - time(b.submittedAt) || 0;
    }
    const byScore = to6(b.total.mean) - to6(a.total.mean);
    if (byScore !== 0) return byScore;
    for (const id of heaviest) {
      const bySection = sectionMean(b, id) - sectionMean(a, id);
      if (bySection !== 0) return bySection;
    }
    return time(a.submittedAt) - time(b.submittedAt) || 0;
  });
  let position = 0;
  return sorted.map((r) => ({ ...r, rank: r.total === null ? null : ++position }));
}

export type GridProblemCode =
  | "calls.errors.noSections"
  | "calls.errors.noCriteria"
  | "calls.errors.sectionWeight"
  | "calls.errors.weightsSum"
  | "calls.errors.criterionMax"
  | "calls.errors.criterionMinimum"
  | "calls.errors.duplicateId";

/** A problem in a grid, with where it is: `section` and `criterion` are indexes (absent for the whole grid). */
export interface GridProblem {
  code: GridProblemCode;
  section?: number;
  criterion?: number;
}

/** Everything wrong with a grid, in grid order; an empty list means it can be published. */
export function validateGrid(grid: Grid): GridProblem[] {
  const problems: GridProblem[] = [];
  if (grid.sections.length === 0) return [{ code: "calls.errors.noSections" }];
  // Scores are keyed by criterion id across the whole grid, so ids must be unique grid-wide, not per section.
  const sectionIds = new Set<string>();
  const criterionIds = new Set<string>();
  grid.sections.forEach((section, s) => {
    if (sectionIds.has(section.id)) problems.push({ code: "calls.errors.duplicateId", section: s });
    sectionIds.add(section.id);
    if (!(Number.isFinite(section.weight) && section.weight > 0)) {
      problems.push({ code: "calls.errors.sectionWeight", section: s });
    }
    if (section.criteria.length === 0) problems.push({ code: "calls.errors.noCriteria", section: s });
    section.criteria.forEach((criterion, c) => {
      if (criterionIds.has(criterion.id)) problems.push({ code: "calls.errors.duplicateId", section: s, criterion: c });
      criterionIds.add(criterion.id);
      const maxOk = Number.isInteger(criterion.max) && criterion.max > 0;
      if (!maxOk) problems.push({ code: "calls.errors.criterionMax", section: s, criterion: c });
      const min = criterion.minimum;
      if (min !== null && min !== undefined && !(Number.isFinite(min) && min >= 0 && (!maxOk || min <= criterion.max))) {
        problems.push({ code: "calls.errors.criterionMinimum", section: s, criterion: c });
      }
    });
  });
  const sum = grid.sections.reduce((total, section) => total + section.weight, 0);
  if (!(to6(sum) === 100)) problems.push({ code: "calls.errors.weightsSum" });
  return problems;
}

export type ScoreProblemCode = "calls.errors.scoreMissing" | "calls.errors.scoreRange" | "calls.errors.scoreUnknown";

export interface ScoreProblem {
  code: ScoreProblemCode;
  criterionId: string;
}

/**
 * Checks one juror's sheet before it is submitted. Scores are whole points from 0 to the criterion's maximum: the
 * maxima are integers and the form's inputs step by 1, so halves are refused rather than silently rounded.
 * Criteria not in the grid are refused too, so a stale form cannot slip in a score the grid no longer has.
 */
export function validateScores(grid: Grid, scores: Readonly<Record<string, number | null | undefined>>): ScoreProblem[] {
  const problems: ScoreProblem[] = [];
  const known = new Set<string>();
  for (const section of grid.sections) {
    for (const criterion of section.criteria) {
      known.add(criterion.id);
      const value = scores[criterion.id];
      if (value === null || value === undefined) {
        problems.push({ code: "calls.errors.scoreMissing", criterionId: criterion.id });
      } else if (!(Number.isInteger(value) && value >= 0 && value <= criterion.max)) {
        problems.push({ code: "calls.errors.scoreRange", criterionId: criterion.id });
      }
    }
  }
  for (const id of Object.keys(scores)) {
    if (!known.has(id)) problems.push({ code: "calls.errors.scoreUnknown", criterionId: id });
  }
  return problems;
}
