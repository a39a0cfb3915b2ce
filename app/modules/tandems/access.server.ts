// Who may do what on one tandem: members of either side see and run it (sessions, messages), its
// owners and admins ("org.tandems.manage") commit their side (agreement, evaluations, ending it), and
// platform admins and operators read it. Outsiders get a 404, so they learn nothing of it.
import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { memberships, tandems, tandemVolunteers, users } from "../../../db/schema";
import type { MembershipRole } from "../../../db/schema/enums";
import { ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { type Actor, can } from "../organizations/authorize.server";

export type Tandem = typeof tandems.$inferSelect;
export type Side = "company" | "partner";
export type SideOf = { side: Side; orgId: string };

export const SIDES: readonly Side[] = ["company", "partner"];
export const orgOf = (tandem: Pick<Tandem, "companyId" | "partnerId">, side: Side) => (side === "company" ? tandem.companyId : tandem.partnerId);
export const otherSide = (side: Side): Side => (side === "company" ? "partner" : "company");

/** "proposer" or "recipient", as the state machine names the sides. */
export const byOf = (tandem: Pick<Tandem, "proposedById">, orgId: string) => (tandem.proposedById === orgId ? "proposer" : "recipient");

export const seesEverything = (actor: Actor) => actor?.platformRole === "admin" || actor?.platformRole === "operator";

const manager = (actor: Actor, role: MembershipRole | null) => can(actor, "org.tandems.manage", { membershipRole: role });

/** The tandem's id from its number (TDM-2026-0007), or 404. */
export async function tandemIdByNumber(db: DbOrTx, number: string) {
  const [row] = await db.select({ id: tandems.id }).from(tandems).where(eq(tandems.number, number));
  if (!row) throw new NotFoundError();
  return row.id;
}

/**
 * The tandem's id for someone on either side (any role, invited volunteers included), else 404. Actions
 * call it before reading the form, so an outsider learns nothing of the tandem from its validation errors.
 */
export async function participantTandemId(db: DbOrTx, number: string, actor: Actor) {
  const [tandem] = await db.select({ id: tandems.id, companyId: tandems.companyId, partnerId: tandems.partnerId }).from(tandems).where(eq(tandems.number, number));
  if (!tandem || !actor) throw new NotFoundError();
  const roles = await rolesOf(db, tandem, actor);
  if (!roles.company && !roles.partner) throw new NotFoundError();
  return tandem.id;
}

/** The tandem's skill domains (what the partner's final self-assessment covers). */
export async function tandemSkills(db: DbOrTx, tandemId: string) {
  const [row] = await db.select({ skills: tandems.skills }).from(tandems).where(eq(tandems.id, tandemId));
  return row?.skills ?? [];
}

/** The tandem, locked for a change. */
export async function lockTandem(tx: DbOrTx, tandemId: string) {
  if (!isUuid(tandemId)) throw new NotFoundError();
  const [tandem] = await tx.select().from(tandems).where(eq(tandems.id, tandemId)).for("update");
  if (!tandem) throw new NotFoundError();
  return tandem;
}

/**
 * The actor's roles on each side of the tandem (null where they are not a member). A volunteer the company
 * invited counts as one of its members on this tandem once they sign in with the invited address, verified:
 * the company chose them, even when they are not (yet) a member of its organisation on Tiwizi.
 */
export async function rolesOf(db: DbOrTx, tandem: Pick<Tandem, "id" | "companyId" | "partnerId">, actor: Actor) {
  if (!actor) return { company: null, partner: null } as Record<Side, MembershipRole | null>;
  const rows = await db
    .select({ organizationId: memberships.organizationId, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, actor.id), inArray(memberships.organizationId, [tandem.companyId, tandem.partnerId])));
  const role = (orgId: string) => rows.find((r) => r.organizationId === orgId)?.role ?? null;
  let company = role(tandem.companyId);
  if (!company) {
    const [volunteer] = await db
      .select({ email: tandemVolunteers.email })
      .from(tandemVolunteers)
      .innerJoin(users, and(eq(users.id, actor.id), isNotNull(users.emailVerifiedAt), isNull(users.deletedAt)))
      .where(and(eq(tandemVolunteers.tandemId, tandem.id), sql`${tandemVolunteers.email} = lower(${users.email})`))
      .limit(1);
    if (volunteer) company = "member";
  }
  return { company, partner: role(tandem.partnerId) } as Record<Side, MembershipRole | null>;
}

export type Roles = Awaited<ReturnType<typeof rolesOf>>;
export const manages = (actor: Actor, roles: Roles, side: Side) => !!roles[side] && manager(actor, roles[side]);

/** The side the actor manages (owner or admin), or 403 for a plain member, 404 for anyone else. */
export async function managedSide(db: DbOrTx, tandem: Tandem, actor: Actor, only?: Side): Promise<SideOf> {
  const roles = await rolesOf(db, tandem, actor);
  for (const side of only ? [only] : SIDES) {
    if (manages(actor, roles, side)) return { side, orgId: orgOf(tandem, side) };
  }
  if (roles.company || roles.partner) throw new ForbiddenError();
  throw new NotFoundError();
}

/** The side the actor belongs to (any role), or 404. Someone in both organisations acts for `prefer`, else the company. */
export async function memberSide(db: DbOrTx, tandem: Tandem, actor: Actor, prefer?: Side): Promise<SideOf> {
  const roles = await rolesOf(db, tandem, actor);
  const order = prefer ? [prefer, otherSide(prefer)] : SIDES;
  for (const side of order) if (roles[side]) return { side, orgId: orgOf(tandem, side) };
  throw new NotFoundError();
}

/** Owners and admins of these organisations with an address, each in their own language: whom tandem e-mails go to. */
export function managersOf(tx: DbOrTx, organizationIds: string[]) {
  return tx
    .select({ organizationId: memberships.organizationId, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        inArray(memberships.organizationId, organizationIds),
        inArray(memberships.role, ["owner", "admin"]),
        isNull(users.deletedAt),
        isNotNull(users.email),
      ),
    );
}
