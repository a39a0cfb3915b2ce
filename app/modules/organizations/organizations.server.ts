import { and, asc, count, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import {
  memberships,
  networkMembers,
  organizationIdentifiers,
  organizations,
  type MembershipRole,
} from "../../../db/schema";
import { uniqueSlug } from "~/lib/ids.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { indexOrganization } from "../../../search/documents.server";
import { audit } from "../moderation/audit.server";
import { type Actor, authorize, can } from "./authorize.server";
import { iceChecksumOk } from "./identifiers";
import type { bankSchema, identifierSchema, organizationCreateSchema, organizationProfileSchema } from "./schemas";
import { slugify } from "./slug";

export type OrgRow = typeof organizations.$inferSelect;

export async function getMembershipRole(db: DbOrTx, organizationId: string, userId: string | undefined) {
  if (!userId) return null;
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return row?.role ?? null;
}

/** Loads an organisation by slug with the actor's role in it; unknown slug → 404. */
export async function loadOrganization(db: DbOrTx, slug: string, actor: Actor) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!org) throw new NotFoundError();
  const role = await getMembershipRole(db, org.id, actor?.id);
  return { org, role };
}


export class EmailNotVerifiedError extends DomainError {
  constructor() {
    super(403, "errors.emailNotVerified");
  }
}

/** Creates an organisation owned by the actor; it starts "not yet verified". A company brings its ICE. */
export async function createOrganization(opts: {
  db: DbOrTx;
  actor: { id: string; emailVerified: boolean };
  input: z.output<typeof organizationCreateSchema>;
}) {
  const { db, actor, input } = opts;
  if (!actor.emailVerified) throw new EmailNotVerifiedError();
  for (let attempt = 0; ; attempt++) {
    try {
      return await insertOrganization(db, actor, input);
    } catch (error) {
      // Two organisations with the same name created at the same instant: the loser takes the next slug.
      if (!isSlugConflict(error) || attempt >= 3) throw error;
    }
  }
}

function isSlugConflict(error: unknown) {
  const cause = (error as { cause?: { code?: string; constraint_name?: string } }).cause;
  return cause?.code === "23505" && cause.constraint_name === "organizations_slug_unique";
}

function insertOrganization(db: DbOrTx, actor: { id: string }, input: z.output<typeof organizationCreateSchema>) {
  return db.transaction(async (tx) => {
    const slug = await uniqueSlug(tx, organizations.slug, slugify(input.name));
    const [org] = await tx
      .insert(organizations)
      .values({ slug, kind: input.kind, name: input.name, regionCode: input.regionCode, createdBy: actor.id })
      .returning({ id: organizations.id, slug: organizations.slug });
    await tx.insert(memberships).values({ organizationId: org.id, userId: actor.id, role: "owner" });
    if (input.ice) await insertIdentifier(tx, org.id, { type: "ice", value: input.ice });
    await indexOrganization(tx, org.id);
    return { ...org, iceWarning: input.ice ? !iceChecksumOk(input.ice) : false };
  });
}

/**
 * A verified organisation that changes its name or legal identifiers goes back to "not yet verified":
 * the badge vouches for the identity an admin checked. Platform admins' own edits keep it.
 */
async function reverifyAfterIdentityChange(tx: DbOrTx, org: OrgRow, actor: Actor, before: unknown, after: unknown) {
  if (org.verificationStatus !== "verified" || actor?.platformRole === "admin") return;
  await tx
    .update(organizations)
    .set({ verificationStatus: "pending", verifiedAt: null })
    .where(eq(organizations.id, org.id));
  await audit(tx, {
    actorId: actor?.id ?? null,
    action: "organization.reverification",
    targetType: "organization",
    targetId: org.id,
    before: { verificationStatus: "verified", ...(before as object) },
    after: { verificationStatus: "pending", ...(after as object) },
  });
}

export async function updateProfile(opts: {
  db: DbOrTx;
  actor: Actor;
  slug: string;
  input: z.output<typeof organizationProfileSchema>;
}) {
  const { db, actor, input } = opts;
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  authorize(actor, "org.edit", { membershipRole: role });
  await db.transaction(async (tx) => {
    await tx.update(organizations).set(input).where(eq(organizations.id, org.id));
    if (input.name !== org.name) await reverifyAfterIdentityChange(tx, org, actor, { name: org.name }, { name: input.name });
    await indexOrganization(tx, org.id);
    if (actor && !role) {
      // A platform admin editing someone else's organisation leaves a trace.
      await audit(tx, {
        actorId: actor.id,
        action: "organization.edit",
        targetType: "organization",
        targetId: org.id,
        before: pick(org, Object.keys(input)),
        after: input,
      });
    }
  });
  return { slug: org.slug };
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

export async function setLogoKey(opts: { db: DbOrTx; actor: Actor; slug: string; logoKey: string }) {
  const { org, role } = await loadOrganization(opts.db, opts.slug, opts.actor);
  authorize(opts.actor, "org.edit", { membershipRole: role });
  await opts.db.update(organizations).set({ logoKey: opts.logoKey }).where(eq(organizations.id, org.id));
  return { previous: org.logoKey };
}

async function insertIdentifier(tx: DbOrTx, organizationId: string, input: { type: string; value: string }) {
  const inserted = await tx
    .insert(organizationIdentifiers)
    .values({ organizationId, type: input.type as never, value: input.value })
    .onConflictDoNothing()
    .returning({ id: organizationIdentifiers.id });
  if (inserted.length === 0) {
    throw new ConflictError(input.type === "ice" ? "errors.iceTaken" : "errors.identifierDuplicate");
  }
}

/** Adds a legal identifier. An ICE whose control digits fail is kept, with a warning for the person. */
export async function addIdentifier(opts: {
  db: DbOrTx;
  actor: Actor;
  slug: string;
  input: z.output<typeof identifierSchema>;
}) {
  const { org, role } = await loadOrganization(opts.db, opts.slug, opts.actor);
  authorize(opts.actor, "org.identifiers.manage", { membershipRole: role });
  await opts.db.transaction(async (tx) => {
    await insertIdentifier(tx, org.id, opts.input);
    await reverifyAfterIdentityChange(tx, org, opts.actor, null, { identifier: opts.input });
    await indexOrganization(tx, org.id);
  });
  return { iceWarning: opts.input.type === "ice" && !iceChecksumOk(opts.input.value) };
}

export async function removeIdentifier(opts: { db: DbOrTx; actor: Actor; slug: string; identifierId: string }) {
  const { org, role } = await loadOrganization(opts.db, opts.slug, opts.actor);
  authorize(opts.actor, "org.identifiers.manage", { membershipRole: role });
  await opts.db.transaction(async (tx) => {
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, org.id)).for("update");
    const [removed] = await tx
      .delete(organizationIdentifiers)
      .where(and(eq(organizationIdentifiers.id, opts.identifierId), eq(organizationIdentifiers.organizationId, org.id)))
      .returning();
    if (!removed) throw new NotFoundError();
    if (org.kind === "company" && removed.type === "ice") {
      const [{ left }] = await tx
        .select({ left: sql<number>`count(*)::int` })
        .from(organizationIdentifiers)
        .where(and(eq(organizationIdentifiers.organizationId, org.id), eq(organizationIdentifiers.type, "ice")));
      if (left === 0) throw new ConflictError("errors.companyNeedsIce");
    }
    await reverifyAfterIdentityChange(tx, org, opts.actor, { identifier: { type: removed.type, value: removed.value } }, null);
    await indexOrganization(tx, org.id);
  });
}

export async function listIdentifiers(db: DbOrTx, organizationId: string) {
  const rows = await db
    .select({ id: organizationIdentifiers.id, type: organizationIdentifiers.type, value: organizationIdentifiers.value })
    .from(organizationIdentifiers)
    .where(eq(organizationIdentifiers.organizationId, organizationId))
    .orderBy(asc(organizationIdentifiers.createdAt));
  return rows.map((r) => ({ ...r, checksumWarning: r.type === "ice" && !iceChecksumOk(r.value) }));
}

export async function setBankDetails(opts: {
  db: DbOrTx;
  actor: Actor;
  slug: string;
  input: z.output<typeof bankSchema>;
}) {
  const { org, role } = await loadOrganization(opts.db, opts.slug, opts.actor);
  authorize(opts.actor, "org.bank.edit", { membershipRole: role });
  await opts.db.transaction(async (tx) => {
    await tx.update(organizations).set({ bankRib: opts.input.bankRib }).where(eq(organizations.id, org.id));
    // Bank details decide where money goes: every change is recorded (masked).
    await audit(tx, {
      actorId: opts.actor?.id ?? null,
      action: "organization.bank.change",
      targetType: "organization",
      targetId: org.id,
      before: { bankRib: maskRib(org.bankRib) },
      after: { bankRib: maskRib(opts.input.bankRib) },
    });
  });
}

export function maskRib(rib: string | null) {
  return rib ? `${"•".repeat(20)}${rib.slice(-4)}` : null;
}

/** The profile's fields, as the edit form and the public page use them (no bank details, no audit data). */
function profileFields(org: OrgRow) {
  return {
    slug: org.slug,
    kind: org.kind,
    name: org.name,
    nameAr: org.nameAr,
    regionCode: org.regionCode,
    provinceCode: org.provinceCode,
    city: org.city,
    foundedYear: org.foundedYear,
    membersCount: org.membersCount,
    womenLed: org.womenLed,
    themes: org.themes,
    sectors: org.sectors,
    needs: org.needs,
    needsText: org.needsText,
    offers: org.offers,
    offersText: org.offersText,
    descriptionFr: org.descriptionFr,
    descriptionAr: org.descriptionAr,
    phone: org.phone,
    phonePublic: org.phonePublic,
    whatsapp: org.whatsapp,
    whatsappPublic: org.whatsappPublic,
    email: org.email,
    emailPublic: org.emailPublic,
    website: org.website,
    logoKey: org.logoKey,
    verificationStatus: org.verificationStatus,
  };
}

/** The public profile: contact details only where the organisation chose to show them; never bank details. */
export async function getProfile(opts: { db: DbOrTx; slug: string; actor: Actor }) {
  const { db, actor } = opts;
  const { org, role } = await loadOrganization(db, opts.slug, actor);
  const insider = can(actor, "org.edit", { membershipRole: role }) || role !== null;
  const [identifiers, networks, members] = await Promise.all([
    listIdentifiers(db, org.id),
    db
      .select({ slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr })
      .from(networkMembers)
      .innerJoin(organizations, eq(organizations.id, networkMembers.networkId))
      .where(and(eq(networkMembers.memberId, org.id), eq(networkMembers.status, "accepted")))
      .orderBy(asc(organizations.name)),
    org.kind === "network"
      ? db
          .select({
            slug: organizations.slug,
            name: organizations.name,
            nameAr: organizations.nameAr,
            kind: organizations.kind,
            pending: sql<boolean>`${networkMembers.status} = 'pending'`,
          })
          .from(networkMembers)
          .innerJoin(organizations, eq(organizations.id, networkMembers.memberId))
          .where(
            and(
              eq(networkMembers.networkId, org.id),
              // Proposals not yet accepted are visible to the network's own people only.
              role ? undefined : eq(networkMembers.status, "accepted"),
            ),
          )
          .orderBy(asc(organizations.name))
      : Promise.resolve([]),
  ]);
  const show = <T,>(value: T, isPublic: boolean) => (isPublic || insider ? value : null);
  const { phone, phonePublic, whatsapp, whatsappPublic, email, emailPublic, ...rest } = profileFields(org);
  return {
    role,
    canEdit: can(actor, "org.edit", { membershipRole: role }),
    organization: {
      ...rest,
      id: org.id,
      phone: show(phone, phonePublic),
      whatsapp: show(whatsapp, whatsappPublic),
      email: show(email, emailPublic),
      bankRib: can(actor, "org.bank.view", { membershipRole: role }) ? org.bankRib : null,
    },
    identifiers: identifiers.filter((i) => insider || i.type !== "association_receipt"),
    networks,
    members,
  };
}

/** The edit form's data: every field, for those allowed to edit. */
export async function getForEdit(opts: { db: DbOrTx; slug: string; actor: Actor }) {
  const { org, role } = await loadOrganization(opts.db, opts.slug, opts.actor);
  authorize(opts.actor, "org.edit", { membershipRole: role });
  const identifiers = await listIdentifiers(opts.db, org.id);
  const canBank = can(opts.actor, "org.bank.view", { membershipRole: role });
  return {
    org: { ...profileFields(org), bankRibMasked: canBank ? maskRib(org.bankRib) : null },
    role,
    identifiers,
    canEditBank: can(opts.actor, "org.bank.edit", { membershipRole: role }),
    canViewBank: canBank,
  };
}

export async function listUserOrganizations(db: DbOrTx, userId: string) {
  return db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      kind: organizations.kind,
      role: memberships.role,
      verificationStatus: organizations.verificationStatus,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}


export type { MembershipRole };

/** Verified profiles, the ones search engines are told about; in slug order, a part at a time. */
export async function listPublicSlugs(db: DbOrTx, page: { offset: number; limit: number }) {
  const rows = await db
    .select({ slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.verificationStatus, "verified"))
    .orderBy(asc(organizations.slug))
    .offset(page.offset)
    .limit(page.limit);
  return rows.map((r) => r.slug);
}

export async function countPublicProfiles(db: DbOrTx) {
  const [{ n }] = await db.select({ n: count() }).from(organizations).where(eq(organizations.verificationStatus, "verified"));
  return n;
}
