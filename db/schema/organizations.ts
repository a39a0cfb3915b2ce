import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  char,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";

export const regions = pgTable("regions", {
  code: char({ length: 2 }).primaryKey(),
  iso: text().notNull().unique(),
  nameFr: text().notNull(),
  nameAr: text().notNull(),
});

export const provinces = pgTable(
  "provinces",
  {
    code: text().primaryKey(),
    regionCode: char({ length: 2 })
      .notNull()
      .references(() => regions.code),
    nameFr: text().notNull(),
    nameAr: text().notNull(),
  },
  (t) => [index("provinces_region_idx").on(t.regionCode)],
);

import { IDENTIFIER_TYPES, MEMBERSHIP_ROLES, NETWORK_LINK_STATUSES, NETWORK_REQUESTERS, ORGANIZATION_KINDS, VERIFICATION_STATUSES } from "./enums";
export {
  IDENTIFIER_TYPES,
  MEMBERSHIP_ROLES,
  ORGANIZATION_KINDS,
  VERIFICATION_STATUSES,
  type IdentifierType,
  type MembershipRole,
  type OrganizationKind,
  type VerificationStatus,
} from "./enums";

export const organizations = pgTable(
  "organizations",
  {
    id: id(),
    slug: text().notNull().unique(),
    kind: text({ enum: ORGANIZATION_KINDS }).notNull(),
    name: text().notNull(),
    nameAr: text(),
    regionCode: char({ length: 2 })
      .notNull()
      .references(() => regions.code),
    provinceCode: text().references(() => provinces.code),
    city: text(),
    foundedYear: integer(),
    membersCount: integer(),
    womenLed: boolean().notNull().default(false),
    themes: text().array().notNull().default(sql`'{}'::text[]`),
    sectors: text().array().notNull().default(sql`'{}'::text[]`),
    // Skill domains (app/modules/organizations/vocabulary.ts) with free text beside them.
    needs: text().array().notNull().default(sql`'{}'::text[]`),
    needsText: text(),
    offers: text().array().notNull().default(sql`'{}'::text[]`),
    offersText: text(),
    descriptionFr: text(),
    descriptionAr: text(),
    phone: text(),
    phonePublic: boolean().notNull().default(false),
    whatsapp: text(),
    whatsappPublic: boolean().notNull().default(false),
    email: text(),
    emailPublic: boolean().notNull().default(false),
    website: text(),
    logoKey: text(),
    // Private: shown only to owners and platform admins.
    bankRib: char({ length: 24 }),
    verificationStatus: text({ enum: VERIFICATION_STATUSES }).notNull().default("pending"),
    verificationNote: text(),
    verifiedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("organizations_kind_check", sql`${t.kind} in ('cooperative', 'association', 'company', 'network')`),
    check(
      "organizations_verification_check",
      sql`${t.verificationStatus} in ('pending', 'verified', 'refused')`,
    ),
    check("organizations_founded_year_check", sql`${t.foundedYear} between 1900 and 2100`),
    check("organizations_members_count_check", sql`${t.membersCount} >= 0`),
    check("organizations_slug_check", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("organizations_rib_check", sql`${t.bankRib} ~ '^[0-9]{24}$'`),
    index("organizations_region_idx").on(t.regionCode),
    index("organizations_verification_idx").on(t.verificationStatus),
  ],
);


export const organizationIdentifiers = pgTable(
  "organization_identifiers",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    type: text({ enum: IDENTIFIER_TYPES }).notNull(),
    value: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("identifiers_type_check", sql`${t.type} in ('ice', 'rc', 'if', 'odco', 'association_receipt')`),
    check("identifiers_ice_format", sql`${t.type} <> 'ice' or ${t.value} ~ '^[0-9]{15}$'`),
    uniqueIndex("identifiers_ice_unique").on(t.value).where(sql`${t.type} = 'ice'`),
    uniqueIndex("identifiers_org_type_value_unique").on(t.organizationId, t.type, t.value),
  ],
);


export const memberships = pgTable(
  "memberships",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: MEMBERSHIP_ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    check("memberships_role_check", sql`${t.role} in ('owner', 'admin', 'member')`),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: text({ enum: MEMBERSHIP_ROLES }).notNull(),
    tokenHash: text().notNull().unique(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    check("invitations_role_check", sql`${t.role} in ('owner', 'admin', 'member')`),
    index("invitations_org_idx").on(t.organizationId),
  ],
);

export const networkMembers = pgTable(
  "network_members",
  {
    networkId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    memberId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    // One side asks (the network proposes, or the organisation requests to join), the other accepts.
    // Only accepted links are public.
    status: text({ enum: NETWORK_LINK_STATUSES }).notNull().default("pending"),
    requestedBy: text({ enum: NETWORK_REQUESTERS }).notNull().default("network"),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.networkId, t.memberId] }),
    check("network_members_not_self", sql`${t.networkId} <> ${t.memberId}`),
    check("network_members_status_check", sql`${t.status} in ('pending', 'accepted')`),
    check("network_members_requested_by_check", sql`${t.requestedBy} in ('network', 'member')`),
    index("network_members_member_idx").on(t.memberId),
  ],
);
