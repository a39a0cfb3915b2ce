// The tandem's one state machine (issue 5, decision 016). Browser-safe: pages show the actions it allows,
// the server refuses the others. Every step is written to tandem_events by the module that takes it.
import type { TandemStatus } from "../../../db/schema/enums";

/** Who takes a step: the side that proposed, the side that answers, either side, or the platform's jobs. */
export type Actor = "proposer" | "recipient" | "either" | "system";

export const TANDEM_ACTIONS = ["accept", "decline", "withdraw", "expire", "activate", "complete", "endEarly"] as const;
export type TandemAction = (typeof TANDEM_ACTIONS)[number];

type Rule = { from: readonly TandemStatus[]; to: TandemStatus; by: Actor; needsReason?: boolean };

/**
 * proposed → agreement_draft (accepted) | declined | withdrawn | expired;
 * agreement_draft → active (both sides approved the same version) | ended_early;
 * active → completed (both final evaluations in) | ended_early.
 */
export const RULES: Record<TandemAction, Rule> = {
  accept: { from: ["proposed"], to: "agreement_draft", by: "recipient" },
  decline: { from: ["proposed"], to: "declined", by: "recipient", needsReason: true },
  withdraw: { from: ["proposed"], to: "withdrawn", by: "proposer" },
  expire: { from: ["proposed"], to: "expired", by: "system" },
  activate: { from: ["agreement_draft"], to: "active", by: "system" },
  complete: { from: ["active"], to: "completed", by: "system" },
  endEarly: { from: ["agreement_draft", "active"], to: "ended_early", by: "either", needsReason: true },
};

export class IllegalTransition extends Error {
  constructor(
    readonly from: TandemStatus,
    readonly action: TandemAction,
    readonly by: Actor,
  ) {
    super(`tandem: ${action} by ${by} from ${from} is not allowed`);
  }
}

/** Whether `by` may take `action` from `status` (the proposer or the recipient both count as "either"). */
export function allowed(status: TandemStatus, action: TandemAction, by: Exclude<Actor, "either">): boolean {
  const rule = RULES[action];
  if (!rule.from.includes(status)) return false;
  if (rule.by === "either") return by === "proposer" || by === "recipient";
  return rule.by === by;
}

/** The status after a step, or IllegalTransition. */
export function next(status: TandemStatus, action: TandemAction, by: Exclude<Actor, "either">): TandemStatus {
  if (!allowed(status, action, by)) throw new IllegalTransition(status, action, by);
  return RULES[action].to;
}

/** The actions a side can offer on a page for a tandem in this status. */
export function actionsFor(status: TandemStatus, by: "proposer" | "recipient"): TandemAction[] {
  return TANDEM_ACTIONS.filter((a) => allowed(status, a, by));
}

/** Where nothing more happens. */
export const FINAL_STATUSES: readonly TandemStatus[] = ["declined", "withdrawn", "expired", "completed", "ended_early"];

/** How long the other side has to answer a proposal. */
export const ANSWER_DAYS = 14;
