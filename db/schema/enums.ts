// Enumerations shared by the database schema, zod schemas and the UI. No imports: safe for the browser bundle.
export const LOCALES = ["fr", "ar", "en"] as const;
export const PLATFORM_ROLES = ["admin", "operator"] as const;
export const ORGANIZATION_KINDS = ["cooperative", "association", "company", "network"] as const;
export const VERIFICATION_STATUSES = ["pending", "verified", "refused"] as const;
export const IDENTIFIER_TYPES = ["ice", "rc", "if", "odco", "association_receipt"] as const;
export const MEMBERSHIP_ROLES = ["owner", "admin", "member"] as const;
export const NETWORK_LINK_STATUSES = ["pending", "accepted"] as const;
// Which side asked for a network link: the network proposed it, or the member organisation requested it.
export const NETWORK_REQUESTERS = ["network", "member"] as const;
export const REPORT_TARGETS = ["organization", "message"] as const;
export const REPORT_REASONS = ["inaccurate", "fraud", "offensive", "other"] as const;
export const REPORT_STATUSES = ["open", "resolved", "dismissed"] as const;
export const EMAIL_STATUSES = ["queued", "sent", "failed"] as const;

export type Locale = (typeof LOCALES)[number];
export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export type NetworkRequester = (typeof NETWORK_REQUESTERS)[number];
export type ReportTarget = (typeof REPORT_TARGETS)[number];

// The marketplace's fixed product taxonomy (labels under `categories.*` in the catalogs).
export const PRODUCT_CATEGORIES = [
  "oils",
  "spices",
  "honey",
  "dates",
  "cereals",
  "preserves",
  "cosmetics",
  "herbs",
  "textiles",
  "pottery",
  "wood",
  "leather",
  "jewellery",
  "basketry",
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
export const PRODUCT_STATUSES = ["draft", "published", "archived"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
// Units a variant is sold by: its size is an integer of grams, millilitres or pieces.
export const VARIANT_UNITS = ["g", "ml", "piece"] as const;
export type VariantUnit = (typeof VARIANT_UNITS)[number];
