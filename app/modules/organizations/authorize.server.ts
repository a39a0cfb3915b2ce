import type { MembershipRole } from "../../../db/schema/enums";
import type { PlatformRole } from "../../../db/schema/accounts";
import { ForbiddenError } from "~/lib/errors.server";

export type OrgAction =
  | "org.edit"
  | "org.identifiers.manage"
  | "org.bank.view"
  | "org.bank.edit"
  | "org.members.view"
  | "org.members.invite"
  | "org.members.manage"
  | "org.network.manage"
  | "org.contacts.block"
  | "org.catalog.manage"
  | "org.orders.manage"
  | "org.ledger.view"
  | "org.tandems.manage"
  | "org.calls.apply"
  | "org.documents.manage"
  | "org.events.manage";

export type PlatformAction = "platform.verify" | "platform.moderate" | "platform.audit" | "platform.mail" | "platform.orders" | "platform.programme" | "platform.calls" | "platform.events";

export type Actor = { id: string; platformRole: PlatformRole | null } | null;

/** Who may do what in an organisation, by their role in it. Platform admins may do everything. */
export const ORG_RULES: Record<OrgAction, readonly MembershipRole[]> = {
  "org.edit": ["owner", "admin"],
  "org.identifiers.manage": ["owner", "admin"],
  "org.bank.view": ["owner"],
  "org.bank.edit": ["owner"],
  "org.members.view": ["owner", "admin", "member"],
  "org.members.invite": ["owner"],
  "org.members.manage": ["owner"],
  "org.network.manage": ["owner", "admin"],
  "org.contacts.block": ["owner", "admin"],
  // Every member of a cooperative may list and edit its products.
  "org.catalog.manage": ["owner", "admin", "member"],
  // Whoever packs the parcels confirms and ships them; what the cooperative is owed is for its managers.
  "org.orders.manage": ["owner", "admin", "member"],
  "org.ledger.view": ["owner", "admin"],
  // Proposing, accepting or declining a tandem commits the organisation: its managers decide.
  "org.tandems.manage": ["owner", "admin"],
  // An application speaks for the organisation before a jury: its managers write and submit it.
  "org.calls.apply": ["owner", "admin"],
  // The document vault holds what the organisation submits to calls: its managers fill and empty it.
  "org.documents.manage": ["owner", "admin"],
  // Proposing an event or asking for a stand commits the organisation before the public: its managers do.
  "org.events.manage": ["owner", "admin"],
};

// Admins can read bank details but never change them: only the organisation's owners do.
// Whom an organisation blocks is its own choice; admins act on messages through reports.
// A network link needs the consent of both organisations: no one proposes, asks or answers for them.
// What a cooperative sells, and at what price, is its own to say; so is moving its orders along (admins
// cancel through platform.orders, with a reason). A tandem binds two organisations: only they commit to it.
// What an organisation keeps in its document vault is its own: platform staff read it, never fill or empty it.
const ADMIN_DENIED: readonly OrgAction[] = [
  "org.bank.edit",
  "org.contacts.block",
  "org.network.manage",
  "org.catalog.manage",
  "org.orders.manage",
  "org.tandems.manage",
  "org.calls.apply",
  "org.documents.manage",
  "org.events.manage",
];

export const PLATFORM_RULES: Record<PlatformAction, readonly PlatformRole[]> = {
  "platform.verify": ["admin"],
  "platform.moderate": ["admin"],
  "platform.audit": ["admin"],
  "platform.mail": ["admin"],
  "platform.orders": ["admin"],
  "platform.programme": ["admin", "operator"],
  // Calls for applications and the label are run by the programme's operators (decision 017).
  "platform.calls": ["admin", "operator"],
  // Events are approved, run and counted by the programme's operators (issue 7).
  "platform.events": ["admin", "operator"],
};

export function can(
  actor: Actor,
  action: OrgAction | PlatformAction,
  resource: { membershipRole?: MembershipRole | null } = {},
): boolean {
  if (!actor) return false;
  if (action.startsWith("platform.")) {
    return actor.platformRole !== null && PLATFORM_RULES[action as PlatformAction].includes(actor.platformRole);
  }
  if (actor.platformRole === "admin" && !ADMIN_DENIED.includes(action as OrgAction)) return true;
  const role = resource.membershipRole;
  return !!role && ORG_RULES[action as OrgAction].includes(role);
}

export function authorize(...args: Parameters<typeof can>): void {
  if (!can(...args)) throw new ForbiddenError();
}
