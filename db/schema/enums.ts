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
export const REPORT_TARGETS = ["organization", "message", "review"] as const;
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

// Marketplace orders (decision 012). How the buyer pays the order group.
export const PAYMENT_METHODS = ["cod", "bank_transfer", "stripe"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
// The order group's payment: due on delivery (COD), awaiting (transfer, card), paid, or given up.
export const GROUP_PAYMENT_STATUSES = ["due_on_delivery", "awaiting", "paid", "expired", "cancelled"] as const;
export type GroupPaymentStatus = (typeof GROUP_PAYMENT_STATUSES)[number];
// One cooperative's order. COD runs placed → confirmed → shipped → delivered (cash collected) → remitted
// (by the carrier) → settled (to the cooperative); prepaid orders skip "remitted". Transitions live in
// app/modules/orders/states.ts.
export const VENDOR_ORDER_STATUSES = [
  "awaiting_payment",
  "placed",
  "confirmed",
  "shipped",
  "delivered",
  "remitted",
  "settled",
  "refused",
  "returned",
  "cancelled",
  "expired",
] as const;
export type VendorOrderStatus = (typeof VENDOR_ORDER_STATUSES)[number];
export const PAYMENT_ATTEMPT_STATES = ["pending", "succeeded", "failed", "expired", "cancelled"] as const;
export type PaymentAttemptState = (typeof PAYMENT_ATTEMPT_STATES)[number];
export const REFUND_STATES = ["pending", "succeeded", "failed"] as const;
export type RefundState = (typeof REFUND_STATES)[number];
// What each ledger line is; amounts are signed: positive is owed to the cooperative.
export const LEDGER_KINDS = ["sale", "shipping", "commission", "refund", "payout", "adjustment"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const RETURN_STATUSES = ["requested", "accepted", "refused"] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const REVIEW_STATUSES = ["published", "hidden"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const IMPORT_STATUSES = ["previewed", "queued", "running", "done", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_ROW_STATUSES = ["valid", "invalid", "imported"] as const;
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number];

// Tandems (issue 5, decision 016): one explicit state machine, app/modules/tandems/states.ts.
export const TANDEM_STATUSES = ["proposed", "declined", "withdrawn", "expired", "agreement_draft", "active", "completed", "ended_early"] as const;
export type TandemStatus = (typeof TANDEM_STATUSES)[number];
export const TANDEM_FORMATS = ["on_site", "remote", "hybrid"] as const;
export type TandemFormat = (typeof TANDEM_FORMATS)[number];
// Why a proposal is declined (JeVeuxAider's and Catchafire's codes, narrowed to what the issue names).
export const TANDEM_DECLINE_REASONS = ["skills", "capacity", "timing", "other"] as const;
export type TandemDeclineReason = (typeof TANDEM_DECLINE_REASONS)[number];
export const TANDEM_EVALUATION_STAGES = ["midterm", "final"] as const;
export type TandemEvaluationStage = (typeof TANDEM_EVALUATION_STAGES)[number];

// Calls for applications and the Siraj label (issue 6, decision 017).
export const CALL_KINDS = ["label", "selection"] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const APPLICATION_STATUSES = ["draft", "submitted", "eligible", "ineligible", "under_review", "decided", "released", "contested", "answered"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_DECISIONS = ["laureate", "selected", "not_selected", "waiting_list"] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];
export const DOCUMENT_KINDS = ["statutes", "legal_registration", "financial_statements", "activity_report", "csr_policy", "letter_of_intent", "project_list", "supporting", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const CONFLICT_STATES = ["pending", "none", "declared"] as const;
export type ConflictState = (typeof CONFLICT_STATES)[number];
export const LABEL_STATUSES = ["current", "suspended", "withdrawn"] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

// Events (issue 7): fairs and markets take exhibitors' stands; the others take registrations.
export const EVENT_KINDS = ["national_fair", "regional_fair", "travelling_market", "pitch_day", "hackathon", "workshop", "masterclass", "networking"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const STAND_EVENT_KINDS = ["national_fair", "regional_fair", "travelling_market"] as const satisfies readonly EventKind[];
// pending: proposed by an organisation, awaiting an operator; rejected: not approved (with a reason).
export const EVENT_STATUSES = ["pending", "published", "rejected", "cancelled"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
export const STAND_STATUSES = ["pending", "accepted", "declined", "withdrawn"] as const;
export type StandStatus = (typeof STAND_STATUSES)[number];
export const REGISTRATION_STATUSES = ["registered", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
// Declared by the participant, optional: the share of women is counted "where declared".
export const GENDERS = ["woman", "man"] as const;
