// The calls' browser-safe pieces (decision 017): paths and the small rules that pages and the server share.
import type { LabelStatus } from "../../../db/schema/enums";

/** The applicant's page of an application. */
export const applicationPath = (reference: string) => `/candidatures/${reference}`;

/** The public page of a label: anyone checks it there. */
export const labelPath = (code: string) => `/siraj/${code}`;

/** What a label shows publicly: current, expired (read from its date), suspended or withdrawn. */
export const labelState = (label: { status: LabelStatus; expiresOn: string }, today: string): LabelStatus | "expired" =>
  label.status === "current" && label.expiresOn < today ? "expired" : label.status;

const DAY = 86_400_000;

/** Until when observations may be sent on a released call (its observations window, in days from the release). */
export const observationsUntil = (call: { releasedAt: Date | null; observationDays: number }) =>
  call.releasedAt ? new Date(call.releasedAt.getTime() + call.observationDays * DAY) : null;

/** A juror's conflict-of-interest note, and a comment on a criterion: their lengths. */
export const CONFLICT_NOTE_MIN = 10;
export const CONFLICT_NOTE_MAX = 500;
export const COMMENT_MAX = 2000;

/** "2026-01-31" + 1 month → "2026-02-28": the same calendar day N months later, or that month's last day. */
export function addMonths(day: string, months: number) {
  const [y, m, d] = day.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}
