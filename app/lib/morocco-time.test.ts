import { describe, expect, it } from "vitest";
import { formatDate } from "~/i18n/i18n";
import { MOROCCO_OFFSET_CHANGES } from "./morocco-offsets";
import { instantToMoroccoLocal, moroccoLocalToInstant, moroccoOffsetMinutes, todayInMorocco } from "./morocco-time";

// Ramadan 2026 in the IANA time-zone data (tz 2025c) for Africa/Casablanca, as the app's table has it:
// - 2026-02-15 at 02:00 UTC clocks go back from 03:00 to 02:00 (UTC+1 → UTC+0): local 02:00–02:59 happens twice;
// - 2026-03-22 at 02:00 UTC clocks go forward from 02:00 to 03:00 (UTC+0 → UTC+1): local 02:00–02:59 never happens.
const iso = (value: string) => moroccoLocalToInstant(value)?.toISOString() ?? null;

describe("Morocco's offset", () => {
  it("is +60 minutes in summer and 0 during Ramadan 2026", () => {
    expect(moroccoOffsetMinutes(new Date("2026-06-30T19:00:00Z"))).toBe(60);
    expect(moroccoOffsetMinutes(new Date("2026-03-01T12:00:00Z"))).toBe(0);
    expect(moroccoOffsetMinutes(new Date("2026-01-15T12:00:00Z"))).toBe(60);
  });

  it("changes at the exact instants of the Ramadan 2026 transitions", () => {
    expect(moroccoOffsetMinutes(new Date("2026-02-15T01:59:59Z"))).toBe(60);
    expect(moroccoOffsetMinutes(new Date("2026-02-15T02:00:00Z"))).toBe(0);
    expect(moroccoOffsetMinutes(new Date("2026-03-22T01:59:59Z"))).toBe(0);
    expect(moroccoOffsetMinutes(new Date("2026-03-22T02:00:00Z"))).toBe(60);
  });
});

/** Morocco's offset by this runtime's own time-zone data (Node's ICU): what the table was generated from. */
function runtimeOffset(ms: number) {
  const parts: Record<string, number> = {};
  const format = new Intl.DateTimeFormat("en-US", { timeZone: "Africa/Casablanca", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
  for (const p of format.formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return (Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute) - ms) / 60_000;
}

describe("the offset table (morocco-offsets.ts)", () => {
  it("agrees with the server's time-zone data at every change and every six hours from 2018 to 2035", () => {
    // A Node upgrade with new rules fails here: regenerate the table (npx tsx scripts/morocco-offsets.ts).
    for (const [at] of MOROCCO_OFFSET_CHANGES) {
      for (const ms of [at * 1000 - 60_000, at * 1000, at * 1000 + 60_000]) expect(moroccoOffsetMinutes(new Date(ms)), new Date(ms).toISOString()).toBe(runtimeOffset(ms));
    }
    for (let ms = Date.UTC(2018, 0, 1); ms < Date.UTC(2035, 0, 1); ms += 6 * 3_600_000) {
      expect(moroccoOffsetMinutes(new Date(ms)), new Date(ms).toISOString()).toBe(runtimeOffset(ms));
    }
  });

  it("gives the dates and times people read the same way whatever the runtime's own data says", () => {
    // 13 November 2026, 08:00 UTC: 09:00 in Morocco (a stale browser says 08:00).
    expect(formatDate("2026-11-13T08:00:00Z", "fr", "datetime")).toMatch(/13 novembre 2026.*09:00/);
    expect(formatDate("2026-02-20T12:00:00Z", "en", "datetime")).toMatch(/20 February 2026.*12:00/);
    // Late on 31 December in UTC is already the new year in Morocco.
    expect(formatDate("2026-12-31T23:30:00Z", "fr")).toBe("1 janvier 2027");
    expect(todayInMorocco(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});

describe("Morocco wall-clock time → instant", () => {
  it("reads the CAP+ deadline, 30/06/2026 at 20:00, as 19:00 UTC", () => {
    expect(iso("2026-06-30T20:00")).toBe("2026-06-30T19:00:00.000Z");
  });

  it("reads a time during Ramadan 2026 with offset 0", () => {
    expect(iso("2026-03-01T12:00")).toBe("2026-03-01T12:00:00.000Z");
  });

  it("accepts seconds, as some browsers send them", () => {
    expect(iso("2026-06-30T19:59:59")).toBe("2026-06-30T18:59:59.000Z");
  });

  it("reads the last minutes before and the first after each change", () => {
    expect(iso("2026-02-15T01:59")).toBe("2026-02-15T00:59:00.000Z");
    expect(iso("2026-02-15T03:00")).toBe("2026-02-15T03:00:00.000Z");
    expect(iso("2026-03-22T01:59")).toBe("2026-03-22T01:59:00.000Z");
    expect(iso("2026-03-22T03:00")).toBe("2026-03-22T02:00:00.000Z");
  });

  it("reads a time that happens twice (clocks go back) as its first occurrence", () => {
    // 02:30 happens at 01:30 UTC (UTC+1) and again at 02:30 UTC (UTC+0): the earlier is taken.
    expect(iso("2026-02-15T02:30")).toBe("2026-02-15T01:30:00.000Z");
    expect(instantToMoroccoLocal(new Date("2026-02-15T02:30:00Z"))).toBe("2026-02-15T02:30");
  });

  it("pushes a time that never happens (clocks go forward) forward by the gap", () => {
    // 02:30 does not exist on 22 March 2026: read with the offset before the jump (0), it is 02:30 UTC = 03:30 local.
    expect(iso("2026-03-22T02:30")).toBe("2026-03-22T02:30:00.000Z");
    expect(instantToMoroccoLocal(moroccoLocalToInstant("2026-03-22T02:30")!)).toBe("2026-03-22T03:30");
    expect(iso("2026-03-22T02:00")).toBe("2026-03-22T02:00:00.000Z");
  });

  it("refuses malformed values and impossible dates", () => {
    const malformed = ["", "2026-06-30", "2026-06-30 20:00", "30/06/2026 20:00", "2026-6-30T20:00", "2026-06-30T20:00Z"];
    for (const value of [...malformed, "2026-06-30T20:00+01:00", "2026-06-30T20:00:00.000"]) {
      expect(moroccoLocalToInstant(value), value).toBeNull();
    }
    const impossibleDays = ["2026-02-30T10:00", "2026-02-29T10:00", "2026-13-01T10:00", "2026-00-10T10:00"];
    for (const value of [...impossibleDays, "2026-04-31T10:00", "2026-06-30T24:00", "2026-06-30T20:60", "2026-06-30T20:00:60"]) {
      expect(moroccoLocalToInstant(value), value).toBeNull();
    }
    expect(iso("2024-02-29T10:00")).toBe("2024-02-29T09:00:00.000Z"); // a leap day, before Ramadan 2024
  });
});

describe("instant → Morocco wall-clock time", () => {
  it("gives the datetime-local value in Morocco's time", () => {
    expect(instantToMoroccoLocal(new Date("2026-06-30T19:00:00Z"))).toBe("2026-06-30T20:00");
    expect(instantToMoroccoLocal(new Date("2026-03-01T12:00:00Z"))).toBe("2026-03-01T12:00");
    // Seconds are dropped, not rounded: 19:59:59 is still before 20:00.
    expect(instantToMoroccoLocal(new Date("2026-06-30T18:59:59Z"))).toBe("2026-06-30T19:59");
    // Crossing midnight and the new year in Morocco before UTC does.
    expect(instantToMoroccoLocal(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01T00:30");
  });

  it("gives an empty value for an invalid date", () => {
    expect(instantToMoroccoLocal(new Date("nonsense"))).toBe("");
  });

  it("round-trips every half hour through both Ramadan 2026 changes, except the hour that never exists", () => {
    for (let t = Date.parse("2026-02-13T00:00:00Z"); t < Date.parse("2026-03-24T00:00:00Z"); t += 30 * 60_000) {
      const instant = new Date(t);
      const local = instantToMoroccoLocal(instant);
      // Local → instant → local gives the same wall clock, every time.
      expect(instantToMoroccoLocal(moroccoLocalToInstant(local)!), local).toBe(local);
      // Instant → local → instant is the same instant, except for the second pass through the repeated hour.
      const repeated = t >= Date.parse("2026-02-15T02:00:00Z") && t < Date.parse("2026-02-15T03:00:00Z");
      if (!repeated) expect(moroccoLocalToInstant(local)!.getTime(), local).toBe(t);
    }
  });

  it("round-trips the CAP+ deadline and a summer and a winter time", () => {
    for (const local of ["2026-06-30T20:00", "2026-08-15T09:45", "2026-12-01T00:00", "2027-01-01T00:00"]) {
      expect(instantToMoroccoLocal(moroccoLocalToInstant(local)!)).toBe(local);
    }
  });
});
