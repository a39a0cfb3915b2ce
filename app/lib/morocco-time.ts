// Wall-clock time in Morocco ↔ instants, for every date and time the app shows or reads (calls' deadlines, orders,
// tandems): entered and shown in Africa/Casablanca time, stored as instants. Never a fixed offset: Morocco was UTC+1
// with UTC+0 during Ramadan from 2018, and has been on UTC+0 since 2026-09-20 (IANA tz 2026c); an instant keeps the
// offset of its day. The offsets come from a table generated from current IANA data (morocco-offsets.ts, decision
// 018), not from the runtime's own data, which lags: Node 20 and the embedded PostgreSQL still put Morocco on UTC+1,
// and browsers each carry their own copy. Browser-safe, so the server and the page read and write the same values.

import { MOROCCO_INITIAL_OFFSET, MOROCCO_OFFSET_CHANGES } from "./morocco-offsets";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Morocco's offset from UTC at an instant, in ms (Morocco's wall clock minus UTC), from the table. */
function offsetMsAt(ms: number): number {
  const seconds = Math.floor(ms / 1000);
  // The last change at or before this instant (binary search); before the table, its initial offset.
  let lo = 0;
  let hi = MOROCCO_OFFSET_CHANGES.length - 1;
  let offset = MOROCCO_INITIAL_OFFSET;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (MOROCCO_OFFSET_CHANGES[mid][0] <= seconds) {
      offset = MOROCCO_OFFSET_CHANGES[mid][1];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return offset * MINUTE_MS;
}

/** Morocco's wall clock at an instant: the instant moved by the offset, read as UTC. */
function wallAt(ms: number): Wall {
  const d = new Date(ms + offsetMsAt(ms));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/** The wall-clock fields read as if they were UTC, in ms; setUTCFullYear keeps years 0–99 literal. */
function wallToUtcMs(w: Wall): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, 0);
  return d.getTime();
}

/** Minutes Morocco is ahead of UTC at this instant (60 or 0), from the table. */
export function moroccoOffsetMinutes(date: Date): number {
  return offsetMsAt(date.getTime()) / MINUTE_MS;
}

/**
 * The instant moved to Morocco's wall clock, for Intl to format with timeZone "UTC": the same text on the server and
 * in any browser, whatever its time-zone data.
 */
export function moroccoWallClock(date: Date): Date {
  return new Date(date.getTime() + offsetMsAt(date.getTime()));
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
  return instantToMoroccoLocal(now).slice(0, 10);
}
