// An application's one state machine (issue 6, decision 017). Browser-safe: pages offer the actions it
// allows, the server refuses the others. Every step is written to call_events by the module that takes it.
import type { ApplicationStatus } from "../../../db/schema/enums";

/** Who takes a step: the applicant organisation, the call's operators, or the platform itself. */
export type Actor = "applicant" | "operator" | "system";

export const APPLICATION_ACTIONS = ["submit", "reopen", "markEligible", "markIneligible", "startReview", "decide", "release", "contest", "answer"] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

type Rule = { from: readonly ApplicationStatus[]; to: ApplicationStatus; by: Actor; needsReason?: boolean };

/**
 * draft → submitted (before the closing instant) → eligible | ineligible (screening, either way until review
 * starts) → under_review (the first juror assigned) → decided (the jury, again until release) → released
 * (all together, with ineligible ones) → contested (within the observations window) → answered.
 * An operator reopens a submitted or screened application with a reason; it goes back to draft.
 */
export const RULES: Record<ApplicationAction, Rule> = {
  submit: { from: ["draft"], to: "submitted", by: "applicant" },
  reopen: { from: ["submitted", "eligible", "ineligible"], to: "draft", by: "operator", needsReason: true },
  markEligible: { from: ["submitted", "ineligible"], to: "eligible", by: "operator" },
  markIneligible: { from: ["submitted", "eligible"], to: "ineligible", by: "operator", needsReason: true },
  startReview: { from: ["eligible"], to: "under_review", by: "system" },
  decide: { from: ["under_review", "decided"], to: "decided", by: "operator", needsReason: true },
  release: { from: ["decided", "ineligible"], to: "released", by: "system" },
  contest: { from: ["released"], to: "contested", by: "applicant", needsReason: true },
  answer: { from: ["contested"], to: "answered", by: "operator", needsReason: true },
};

export class IllegalTransition extends Error {
  constructor(
    readonly from: ApplicationStatus,
    readonly action: ApplicationAction,
    readonly by: Actor,
  ) {
    super(`application: ${action} by ${by} from ${from} is not allowed`);
  }
}

export function allowed(status: ApplicationStatus, action: ApplicationAction, by: Actor): boolean {
  const rule = RULES[action];
  return rule.from.includes(status) && rule.by === by;
}

/** The status after a step, or IllegalTransition. */
export function next(status: ApplicationStatus, action: ApplicationAction, by: Actor): ApplicationStatus {
  if (!allowed(status, action, by)) throw new IllegalTransition(status, action, by);
  return RULES[action].to;
}

export function actionsFor(status: ApplicationStatus, by: Actor): ApplicationAction[] {
  return APPLICATION_ACTIONS.filter((a) => allowed(status, a, by));
}

/** What the applicant may no longer change: everything after the draft. */
export const readOnlyForApplicant = (status: ApplicationStatus) => status !== "draft";

/** Coarser words for the applicant until the results are released (the jury's work is not theirs to follow). */
export function applicantStatus(status: ApplicationStatus): "draft" | "submitted" | "in_review" | "released" | "contested" | "answered" {
  if (status === "draft") return "draft";
  if (status === "submitted") return "submitted";
  if (status === "eligible" || status === "ineligible" || status === "under_review" || status === "decided") return "in_review";
  return status;
}
