// Who may make a tandem with whom (issue 5): a company with an association or a cooperative. Browser-safe,
// so pages offer the "propose" link only where the server would accept it.
import type { OrganizationKind } from "../../../db/schema/enums";

export const PARTNER_KINDS: readonly OrganizationKind[] = ["association", "cooperative"];

/** Whether two kinds of organisation pair in a tandem. */
export function kindsPair(a: OrganizationKind, b: OrganizationKind): boolean {
  return (a === "company" && PARTNER_KINDS.includes(b)) || (PARTNER_KINDS.includes(a) && b === "company");
}

/** The proposal form's address, from one organisation to another. */
export const proposeHref = (fromSlug: string, toSlug: string) => `/organisations/${fromSlug}/tandems/proposer?avec=${encodeURIComponent(toSlug)}`;
