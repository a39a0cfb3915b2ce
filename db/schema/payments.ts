import { sql } from "drizzle-orm";
import { char, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, inList, updatedAt } from "./columns";
import { LEDGER_KINDS, PAYMENT_ATTEMPT_STATES, PAYMENT_METHODS, REFUND_STATES } from "./enums";
import { orderGroups, returnRequests, vendorOrders } from "./orders";
import { organizations } from "./organizations";

// One try at paying an order group (a Stripe Checkout Session, a bank transfer, cash on delivery).
export const paymentAttempts = pgTable(
  "payment_attempts",
  {
    id: id(),
    groupId: uuid()
      .notNull()
      .references(() => orderGroups.id, { onDelete: "cascade" }),
    provider: text({ enum: PAYMENT_METHODS }).notNull(),
    state: text({ enum: PAYMENT_ATTEMPT_STATES }).notNull().default("pending"),
    // The Checkout Session id (cs_…) for Stripe; the transfer's bank reference once received (one transfer
    // may pay several gift orders, so it is not unique).
    providerRef: text(),
    // Sent with every Stripe create call so a retried request never makes a second session.
    idempotencyKey: text().notNull().unique(),
    amountCentimes: integer().notNull(),
    currency: char({ length: 3 }).notNull().default("MAD"),
    checkoutUrl: text(),
    // Stripe's PaymentIntent (pi_…), needed for refunds.
    paymentIntent: text(),
    expiresAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("payment_attempts_provider_check", sql`${t.provider} in (${inList(PAYMENT_METHODS)})`),
    check("payment_attempts_state_check", sql`${t.state} in (${inList(PAYMENT_ATTEMPT_STATES)})`),
    index("payment_attempts_group_idx").on(t.groupId),
    index("payment_attempts_provider_ref_idx").on(t.providerRef),
    index("payment_attempts_pending_idx").on(t.state, t.createdAt),
  ],
);

// What of a payment belongs to each cooperative's order: refunds and settlement are exact per cooperative.
export const paymentAllocations = pgTable(
  "payment_allocations",
  {
    attemptId: uuid()
      .notNull()
      .references(() => paymentAttempts.id, { onDelete: "cascade" }),
    vendorOrderId: uuid()
      .notNull()
      .references(() => vendorOrders.id, { onDelete: "cascade" }),
    amountCentimes: integer().notNull(),
    refundedCentimes: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.attemptId, t.vendorOrderId] }),
    check("payment_allocations_refund_check", sql`${t.refundedCentimes} between 0 and ${t.amountCentimes}`),
  ],
);

// A provider's event, claimed (inserted) in the same transaction as the change it causes: a replay
// finds the row and changes nothing.
export const paymentEvents = pgTable(
  "payment_events",
  {
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    groupId: uuid().references(() => orderGroups.id, { onDelete: "set null" }),
    payload: jsonb(),
    receivedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);

// Money given back for one cooperative's order (cancellation after payment, accepted return).
export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    vendorOrderId: uuid()
      .notNull()
      .references(() => vendorOrders.id, { onDelete: "cascade" }),
    returnRequestId: uuid().references(() => returnRequests.id, { onDelete: "set null" }),
    provider: text({ enum: PAYMENT_METHODS }).notNull(),
    state: text({ enum: REFUND_STATES }).notNull().default("pending"),
    amountCentimes: integer().notNull(),
    reason: text().notNull(),
    providerRef: text(),
    idempotencyKey: text().notNull().unique(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("refunds_amount_check", sql`${t.amountCentimes} > 0`),
    check("refunds_state_check", sql`${t.state} in (${inList(REFUND_STATES)})`),
    index("refunds_order_idx").on(t.vendorOrderId),
  ],
);

// Payouts to cooperatives' RIBs, made by an admin in batches and exported for the bank.
export const payoutBatches = pgTable("payout_batches", {
  id: id(),
  reference: text().notNull().unique(),
  totalCentimes: integer().notNull(),
  note: text(),
  createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

export const payouts = pgTable(
  "payouts",
  {
    id: id(),
    batchId: uuid()
      .notNull()
      .references(() => payoutBatches.id, { onDelete: "cascade" }),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    amountCentimes: integer().notNull(),
    rib: char({ length: 24 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("payouts_amount_check", sql`${t.amountCentimes} > 0`), index("payouts_organization_idx").on(t.organizationId)],
);

// What each cooperative is owed, line by line and signed (positive: owed to the cooperative). Lines are
// never changed; a correction is a new line. The balance is their sum.
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: id(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: "restrict" }),
    kind: text({ enum: LEDGER_KINDS }).notNull(),
    amountCentimes: integer().notNull(),
    vendorOrderId: uuid().references(() => vendorOrders.id, { onDelete: "restrict" }),
    refundId: uuid().references(() => refunds.id, { onDelete: "restrict" }),
    payoutId: uuid().references(() => payouts.id, { onDelete: "restrict" }),
    memo: text(),
    createdAt: createdAt(),
  },
  (t) => [
    check("ledger_entries_kind_check", sql`${t.kind} in (${inList(LEDGER_KINDS)})`),
    index("ledger_entries_organization_idx").on(t.organizationId, t.createdAt),
    index("ledger_entries_order_idx").on(t.vendorOrderId),
  ],
);
