import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../../db/schema/enums";
import { actionsFor, allowed, APPLICATION_ACTIONS, applicantStatus, IllegalTransition, next, RULES, type ApplicationAction, type Actor } from "./states";

// Every step of an application's life, legal and illegal, for every status and every kind of actor.
const ACTORS: Actor[] = ["applicant", "operator", "system"];

const LEGAL: [ApplicationStatus, ApplicationAction, Actor, ApplicationStatus][] = [
  ["draft", "submit", "applicant", "submitted"],
  ["submitted", "reopen", "operator", "draft"],
  ["eligible", "reopen", "operator", "draft"],
  ["ineligible", "reopen", "operator", "draft"],
  ["submitted", "markEligible", "operator", "eligible"],
  ["ineligible", "markEligible", "operator", "eligible"],
  ["submitted", "markIneligible", "operator", "ineligible"],
  ["eligible", "markIneligible", "operator", "ineligible"],
  ["eligible", "startReview", "system", "under_review"],
  ["under_review", "decide", "operator", "decided"],
  ["decided", "decide", "operator", "decided"],
  ["decided", "release", "system", "released"],
  ["ineligible", "release", "system", "released"],
  ["released", "contest", "applicant", "contested"],
  ["contested", "answer", "operator", "answered"],
];

describe("application states", () => {
  it("allows exactly the listed steps, and refuses every other (status, action, actor)", () => {
    for (const status of APPLICATION_STATUSES) {
      for (const action of APPLICATION_ACTIONS) {
        for (const by of ACTORS) {
          const legal = LEGAL.find(([s, a, b]) => s === status && a === action && b === by);
          expect(allowed(status, action, by), `${action} by ${by} from ${status}`).toBe(Boolean(legal));
          if (legal) expect(next(status, action, by)).toBe(legal[3]);
          else expect(() => next(status, action, by)).toThrow(IllegalTransition);
        }
      }
    }
  });

  it("an applicant cannot screen, decide or answer; an operator cannot submit or contest for them", () => {
    expect(() => next("submitted", "markEligible", "applicant")).toThrow(IllegalTransition);
    expect(() => next("under_review", "decide", "applicant")).toThrow(IllegalTransition);
    expect(() => next("draft", "submit", "operator")).toThrow(IllegalTransition);
    expect(() => next("released", "contest", "operator")).toThrow(IllegalTransition);
  });

  it("nothing changes after the answer, and a decision under review cannot be reopened", () => {
    for (const by of ACTORS) expect(actionsFor("answered", by)).toEqual([]);
    expect(allowed("under_review", "reopen", "operator")).toBe(false);
    expect(allowed("released", "decide", "operator")).toBe(false);
  });

  it("the steps that need a reason", () => {
    expect(Object.entries(RULES).filter(([, r]) => r.needsReason).map(([a]) => a).sort()).toEqual(["answer", "contest", "decide", "markIneligible", "reopen"]);
  });

  it("shows the applicant coarser words until the release", () => {
    expect(["eligible", "ineligible", "under_review", "decided"].map((s) => applicantStatus(s as ApplicationStatus))).toEqual(["in_review", "in_review", "in_review", "in_review"]);
    expect(applicantStatus("released")).toBe("released");
  });
});
