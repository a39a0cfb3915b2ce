// Wall-clock time in Morocco ↔ instants, for the opening and closing of calls (issue 6): entered and shown in
// Africa/Casablanca time, stored as instants. Never a fixed offset: Morocco is UTC+1 most of the year and UTC+0 during
// Ramadan, on dates the government sets each year; the runtime's time-zone data (ICU, through Intl) knows them.
// Browser-safe, so the form and the server read the same value the same way.

import { TIME_ZONE } from "~/i18n/i18n";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

let wallClock: Intl.DateTimeFormat | undefined;
// en-US with Latin digits and h23, so the parts are plain numbers whatever the user's locale.
const formatter = () =>
  (wallClock ??= new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    calendar: "gregory",
    numberingSystem: "latn",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }));

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallAt(ms: number): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter().formatToParts(new Date(ms))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  // Some engines still write midnight as 24 despite h23.
  const { year, month, day, hour, minute, second } = parts;
  return { year, month, day, hour: hour % 24, minute, second };
}

/** The wall-clock fields read as if they were UTC, in ms; setUTCFullYear keeps years 0–99 literal. */
function wallToUtcMs(w: Wall): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** Morocco's offset from UTC at an instant, in ms (Morocco's wall clock minus UTC). */
function offsetMsAt(ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000; // the wall clock shows whole seconds
  return wallToUtcMs(wallAt(whole)) - whole;
}

/** Minutes Morocco is ahead of UTC at this instant: 60 most of the year, 0 during Ramadan. */
export function moroccoOffsetMinutes(date: Date): number {
  return offsetMsAt(date.getTime()) / MINUTE_MS;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "YYYY-MM-DDTHH:mm" in Morocco, the value an `<input type="datetime-local">` expects; "" for an invalid date. */
export function instantToMoroccoLocal(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const w = wallAt(date.getTime());
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant a Morocco wall-clock time ("YYYY-MM-DDTHH:mm", optionally ":ss": a datetime-local value) stands for;
 * null when malformed or not a real date (2026-02-30, 24:00).
 * Around a change of offset, the same rule as Temporal's "compatible" and most calendars:
 * - a time that happens twice (clocks go back) is its first occurrence, the earlier instant;
 * - a time that never happens (clocks go forward) is pushed forward by the gap: 02:30 on the night clocks jump from
 *   02:00 to 03:00 is read as 03:30. A deadline typed in the gap thus never closes before the time the person typed.
 */
export function moroccoLocalToInstant(value: string): Date | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second = 0] = m.slice(1).map((s) => (s === undefined ? 0 : Number(s)));
  const wall: Wall = { year, month, day, hour, minute, second };
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const wallMs = wallToUtcMs(wall);
  if (new Date(wallMs).getUTCDate() !== day) return null; // 30 February rolls over to March
  // The offsets in force a day either side cover both sides of any change near this time (they are weeks apart).
  const offsets = [...new Set([offsetMsAt(wallMs - DAY_MS), offsetMsAt(wallMs), offsetMsAt(wallMs + DAY_MS)])];
  const matches = offsets.map((o) => wallMs - o).filter((t) => wallToUtcMs(wallAt(t)) === wallMs);
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In a gap the clock jumped forward, so the offset grew: reading with the smaller (earlier) one lands past the jump.
  return new Date(wallMs - Math.min(...offsets));
}

/** Today's date in Morocco, as YYYY-MM-DD (a period, an award or an expiry is a Moroccan calendar day). */
export function todayInMorocco(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
