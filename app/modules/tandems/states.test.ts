import { describe, expect, it } from "vitest";
import { TANDEM_STATUSES, type TandemStatus } from "../../../db/schema/enums";
import { actionsFor, allowed, FINAL_STATUSES, IllegalTransition, next, RULES, TANDEM_ACTIONS, type TandemAction } from "./states";

// Every step of the tandem's life, legal and illegal, for every status and every kind of actor.
const ACTORS = ["proposer", "recipient", "system"] as const;

const LEGAL: [TandemStatus, TandemAction, (typeof ACTORS)[number], TandemStatus][] = [
  ["proposed", "accept", "recipient", "agreement_draft"],
  ["proposed", "decline", "recipient", "declined"],
  ["proposed", "withdraw", "proposer", "withdrawn"],
  ["proposed", "expire", "system", "expired"],
  ["agreement_draft", "activate", "system", "active"],
  ["agreement_draft", "endEarly", "proposer", "ended_early"],
  ["agreement_draft", "endEarly", "recipient", "ended_early"],
  ["active", "complete", "system", "completed"],
  ["active", "endEarly", "proposer", "ended_early"],
  ["active", "endEarly", "recipient", "ended_early"],
];

describe("tandem states", () => {
  it("allows exactly the listed steps, and refuses every other (status, action, actor)", () => {
    for (const status of TANDEM_STATUSES) {
      for (const action of TANDEM_ACTIONS) {
        for (const by of ACTORS) {
          const legal = LEGAL.find(([s, a, b]) => s === status && a === action && b === by);
          expect(allowed(status, action, by), `${action} by ${by} from ${status}`).toBe(Boolean(legal));
          if (legal) expect(next(status, action, by)).toBe(legal[3]);
          else expect(() => next(status, action, by)).toThrow(IllegalTransition);
        }
      }
    }
  });

  it("a proposer cannot accept their own proposal, and the side asked cannot withdraw it", () => {
    expect(() => next("proposed", "accept", "proposer")).toThrow(IllegalTransition);
    expect(() => next("proposed", "withdraw", "recipient")).toThrow(IllegalTransition);
  });

  it("nothing leaves a final status", () => {
    for (const status of FINAL_STATUSES) {
      expect(actionsFor(status, "proposer")).toEqual([]);
      expect(actionsFor(status, "recipient")).toEqual([]);
      for (const action of TANDEM_ACTIONS) expect(allowed(status, action, "system")).toBe(false);
    }
  });

  it("declining and ending early need a reason", () => {
    expect(Object.entries(RULES).filter(([, r]) => r.needsReason).map(([a]) => a).sort()).toEqual(["decline", "endEarly"]);
  });

  it("offers each side the buttons it may press", () => {
    expect(actionsFor("proposed", "recipient")).toEqual(["accept", "decline"]);
    expect(actionsFor("proposed", "proposer")).toEqual(["withdraw"]);
    expect(actionsFor("active", "recipient")).toEqual(["endEarly"]);
  });
});
