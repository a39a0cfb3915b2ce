import { describe, expect, it } from "vitest";
import { finalOpensOn, midpoint, progressPercent, stageOpen } from "./calendar";

describe("tandem calendar", () => {
  it("puts the mid-term halfway through the period", () => {
    expect(midpoint("2026-01-01", "2026-03-02")).toBe("2026-01-31");
    expect(midpoint("2026-05-10", "2026-05-10")).toBe("2026-05-10");
  });

  it("opens the final evaluation two weeks before the end, never before the mid-term", () => {
    expect(finalOpensOn("2026-01-01", "2026-06-30")).toBe("2026-06-16");
    expect(finalOpensOn("2026-06-01", "2026-06-11")).toBe("2026-06-06");
  });

  it("opens the final once the hours committed are given, even early", () => {
    const p = { today: "2026-02-01", start: "2026-01-01", end: "2026-12-31", hoursCommitted: 10 };
    expect(stageOpen("final", { ...p, confirmedMinutes: 599 })).toBe(false);
    expect(stageOpen("final", { ...p, confirmedMinutes: 600 })).toBe(true);
    expect(stageOpen("midterm", { ...p, confirmedMinutes: 600 })).toBe(false);
    expect(stageOpen("midterm", { ...p, today: "2026-07-02", confirmedMinutes: 0 })).toBe(true);
  });

  it("caps progress at 100 %", () => {
    expect(progressPercent(90, 3)).toBe(50);
    expect(progressPercent(600, 3)).toBe(100);
    expect(progressPercent(0, 0)).toBe(0);
  });
});
