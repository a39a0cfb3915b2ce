import { describe, expect, it } from "vitest";
import { addMonths, labelState, observationsUntil } from "./rules";

describe("calls rules", () => {
  it("a label's expiry is the same day N months later, or the month's last day", () => {
    expect(addMonths("2026-03-10", 24)).toBe("2028-03-10");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2027-01-31", 13)).toBe("2028-02-29");
    expect(addMonths("2026-12-15", 1)).toBe("2027-01-15");
  });

  it("a label past its expiry day reads as expired; suspension and withdrawal stay as they are", () => {
    expect(labelState({ status: "current", expiresOn: "2028-03-10" }, "2028-03-10")).toBe("current");
    expect(labelState({ status: "current", expiresOn: "2028-03-10" }, "2028-03-11")).toBe("expired");
    expect(labelState({ status: "suspended", expiresOn: "2028-03-10" }, "2029-01-01")).toBe("suspended");
  });

  it("the observations window runs the call's days from the release", () => {
    expect(observationsUntil({ releasedAt: new Date("2026-07-10T10:00:00Z"), observationDays: 10 })?.toISOString()).toBe("2026-07-20T10:00:00.000Z");
    expect(observationsUntil({ releasedAt: null, observationDays: 10 })).toBeNull();
  });
});
