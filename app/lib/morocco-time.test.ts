import { describe, expect, it } from "vitest";
import { formatDate } from "~/i18n/i18n";
import { MOROCCO_INITIAL_OFFSET, MOROCCO_OFFSET_CHANGES } from "./morocco-offsets";
import { instantToMoroccoLocal, moroccoLocalToInstant, moroccoOffsetMinutes, todayInMorocco } from "./morocco-time";

// Africa/Casablanca in the IANA time-zone data (tz 2026c and later), as the app's table has it:
// - 2026-02-15 at 02:00 UTC clocks go back from 03:00 to 02:00 (UTC+1 → UTC+0): local 02:00–02:59 happens twice;
// - 2026-03-22 at 02:00 UTC clocks go forward from 02:00 to 03:00 (UTC+0 → UTC+1): local 02:00–02:59 never happens;
// - 2026-09-20 at 01:00 UTC clocks go back from 02:00 to 01:00 for good (UTC+1 → UTC+0, no more Ramadan changes).
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

describe("the offset table (morocco-offsets.ts)", () => {
  it("holds Morocco's move to permanent UTC+0 on 2026-09-20, which Node 20's own data misses", () => {
    expect(moroccoOffsetMinutes(new Date("2026-09-20T00:59:59Z"))).toBe(60);
    expect(moroccoOffsetMinutes(new Date("2026-09-20T01:00:00Z"))).toBe(0);
    // No Ramadan change any more: the 2027 and 2030 Ramadans are on UTC+0 like the rest of the year.
    for (const at of ["2026-11-13T08:00:00Z", "2027-01-15T12:00:00Z", "2027-02-20T12:00:00Z", "2027-06-30T12:00:00Z", "2030-06-01T12:00:00Z", "2090-01-01T00:00:00Z"]) {
      expect(moroccoOffsetMinutes(new Date(at)), at).toBe(0);
    }
  });

  it("keeps the offsets of the past: Ramadan 2025, permanent UTC+1 from 2018, the summers before", () => {
    expect(moroccoOffsetMinutes(new Date("2025-02-23T01:59:59Z"))).toBe(60);
    expect(moroccoOffsetMinutes(new Date("2025-02-23T02:00:00Z"))).toBe(0);
    expect(moroccoOffsetMinutes(new Date("2025-04-06T02:00:00Z"))).toBe(60);
    expect(moroccoOffsetMinutes(new Date("2019-01-15T12:00:00Z"))).toBe(60);
    expect(moroccoOffsetMinutes(new Date("2017-01-15T12:00:00Z"))).toBe(0);
    expect(moroccoOffsetMinutes(new Date("2017-07-15T12:00:00Z"))).toBe(60);
    expect(moroccoOffsetMinutes(new Date("1969-07-01T00:00:00Z"))).toBe(MOROCCO_INITIAL_OFFSET);
  });

  it("is a sorted list of real changes", () => {
    let previous = { at: -Infinity, offset: MOROCCO_INITIAL_OFFSET };
    for (const [at, offset] of MOROCCO_OFFSET_CHANGES) {
      expect(at).toBeGreaterThan(previous.at);
      expect(offset).not.toBe(previous.offset);
      expect([0, 60]).toContain(offset);
      previous = { at, offset };
    }
  });

  it("gives the dates and times people read the same way on the server and in any browser", () => {
    // 13 November 2026, 08:00 UTC: 08:00 in Morocco (Node 20's own data would say 09:00).
    expect(formatDate("2026-11-13T08:00:00Z", "fr", "datetime")).toMatch(/13 novembre 2026.*08:00/);
    expect(formatDate("2026-06-30T19:00:00Z", "en", "datetime")).toMatch(/30 June 2026.*20:00/);
    // Late on 31 December 2025 in UTC was already the new year in Morocco (UTC+1); in 2026 it is not (UTC+0).
    expect(formatDate("2025-12-31T23:30:00Z", "fr")).toBe("1 janvier 2026");
    expect(todayInMorocco(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01");
    expect(todayInMorocco(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
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
    // The move to UTC+0: 00:59 is still UTC+1; 02:00 comes only once, on UTC+0.
    expect(iso("2026-09-20T00:59")).toBe("2026-09-19T23:59:00.000Z");
    expect(iso("2026-09-20T02:00")).toBe("2026-09-20T02:00:00.000Z");
    // 01:30 happens twice (00:30 UTC, then 01:30 UTC): the earlier is taken.
    expect(iso("2026-09-20T01:30")).toBe("2026-09-20T00:30:00.000Z");
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
    // Crossing midnight and the new year in Morocco before UTC did (UTC+1, 2025); no longer since 2026-09-20.
    expect(instantToMoroccoLocal(new Date("2025-12-31T23:30:00Z"))).toBe("2026-01-01T00:30");
    expect(instantToMoroccoLocal(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31T23:30");
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

  it("round-trips the CAP+ deadline, times either side of the move to UTC+0 and a winter time", () => {
    for (const local of ["2026-06-30T20:00", "2026-08-15T09:45", "2026-09-20T00:59", "2026-09-20T02:00", "2026-12-01T00:00", "2027-01-01T00:00"]) {
      expect(instantToMoroccoLocal(moroccoLocalToInstant(local)!)).toBe(local);
    }
  });
});
