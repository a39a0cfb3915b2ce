// When a running tandem's evaluations open (issue 5, item 4): browser-safe, so pages and the server agree.
// Dates are Moroccan calendar days, YYYY-MM-DD, compared as strings.

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Halfway through the agreed period: the mid-term evaluation opens that day. */
export function midpoint(start: string, end: string): string {
  return toDay(ms(start) + Math.floor((ms(end) - ms(start)) / DAY_MS / 2) * DAY_MS);
}

/** The final evaluation opens two weeks before the end (never before mid-term), or once the hours committed are given. */
export const FINAL_OPENS_DAYS_BEFORE_END = 14;

export function finalOpensOn(start: string, end: string): string {
  const twoWeeksBefore = toDay(ms(end) - FINAL_OPENS_DAYS_BEFORE_END * DAY_MS);
  const mid = midpoint(start, end);
  return twoWeeksBefore > mid ? twoWeeksBefore : mid;
}

export type EvaluationStage = "midterm" | "final";

/** Whether a side may answer this stage today. */
export function stageOpen(
  stage: EvaluationStage,
  p: { today: string; start: string; end: string; confirmedMinutes: number; hoursCommitted: number },
): boolean {
  if (stage === "midterm") return p.today >= midpoint(p.start, p.end);
  return p.today >= finalOpensOn(p.start, p.end) || p.confirmedMinutes >= p.hoursCommitted * 60;
}

/** Confirmed hours against hours committed, as a percentage for a progress bar (0–100). */
export function progressPercent(confirmedMinutes: number, hoursCommitted: number): number {
  if (hoursCommitted <= 0) return 0;
  return Math.min(100, Math.round((confirmedMinutes / (hoursCommitted * 60)) * 100));
}

/** Days between two calendar days (b − a). */
export const daysBetween = (a: string, b: string) => Math.round((ms(b) - ms(a)) / DAY_MS);
