// The platform admins' view of every cooperative's orders (issue 4, item 8): filters, one order with its
// group, cash remitted by the carrier, refunds still to pay by hand, and the orders export.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { and, asc, desc, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import {
  orderGroups,
  organizations,
  paymentAttempts,
  refunds,
  regions,
  vendorOrderEvents,
  vendorOrderItems,
  vendorOrders,
  users,
} from "../../../db/schema";
import { PAYMENT_METHODS, VENDOR_ORDER_STATUSES, type PaymentMethod } from "../../../db/schema/enums";
import { type MessageKey, type T } from "~/i18n/i18n";
import { csvAmount, type CsvValue } from "~/lib/csv.server";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { instantToMoroccoLocal, moroccoLocalToInstant } from "~/lib/morocco-time";
import { isUuid } from "~/lib/ids.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { applyStep, lockOrder } from "./lifecycle.server";

export const ADMIN_PAGE_SIZE = 50;

const optional = <S extends z.ZodTypeAny>(schema: S) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional().catch(undefined));

// A real calendar day: 2026-02-31 would be rolled over by Date, and refused by PostgreSQL.
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  });

/**
 * The list's filters, from the URL (a GET form, so a filtered list is a link to share). A value that
 * makes no sense is dropped rather than refused: the admin sees the list without that filter.
 */
export const adminOrderFilters = z.object({
  status: optional(z.enum(VENDOR_ORDER_STATUSES)),
  method: optional(z.enum(PAYMENT_METHODS)),
  cooperative: optional(z.string().uuid()),
  from: optional(day),
  to: optional(day),
  q: optional(z.string().max(100)),
  page: optional(z.coerce.number().int().min(1).max(10_000)),
});
export type AdminOrderFilters = z.output<typeof adminOrderFilters>;

export function parseAdminOrderFilters(params: URLSearchParams): AdminOrderFilters {
  return adminOrderFilters.parse(Object.fromEntries(params));
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The buyer's phone as stored (E.164), when the search text reads as one. */
function searchPhone(q: string): string | null {
  if (!/^[+0-9 .()-]{6,}$/.test(q)) return null;
  const parsed = parsePhoneNumberFromString(q, "MA");
  return parsed?.isValid() ? parsed.number : null;
}

function conditions(f: AdminOrderFilters): SQL[] {
  const where: SQL[] = [];
  if (f.status) where.push(eq(vendorOrders.status, f.status));
  if (f.method) where.push(eq(orderGroups.paymentMethod, f.method));
  if (f.cooperative) where.push(eq(vendorOrders.organizationId, f.cooperative));
  // Days are Moroccan days: an order placed at 00:30 in Casablanca belongs to that day. The day's bounds come from
  // the app's offset table (PostgreSQL's own time-zone data lags behind Morocco's changes).
  const dayStarts = (day: string) => moroccoLocalToInstant(`${day}T00:00`);
  const from = f.from ? dayStarts(f.from) : null;
  const to = f.to ? dayStarts(new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) : null;
  if (from) where.push(gte(vendorOrders.createdAt, from));
  if (to) where.push(lt(vendorOrders.createdAt, to));
  if (f.q) {
    const q = f.q;
    const prefix = `${likeEscape(q)}%`;
    const any: SQL[] = [sql`${vendorOrders.number} ilike ${prefix}`, sql`${orderGroups.number} ilike ${prefix}`];
    if (q.includes("@")) any.push(sql`${orderGroups.buyerEmail} ilike ${`%${likeEscape(q)}%`}`);
    const phone = searchPhone(q);
    if (phone) any.push(eq(orderGroups.buyerPhone, phone));
    where.push(or(...any)!);
  }
  return where;
}

const listColumns = {
  id: vendorOrders.id,
  number: vendorOrders.number,
  status: vendorOrders.status,
  createdAt: vendorOrders.createdAt,
  totalCentimes: vendorOrders.totalCentimes,
  groupId: orderGroups.id,
  groupNumber: orderGroups.number,
  method: orderGroups.paymentMethod,
  paymentStatus: orderGroups.paymentStatus,
  buyerName: orderGroups.buyerName,
  buyerPhone: orderGroups.buyerPhone,
  buyerEmail: orderGroups.buyerEmail,
  city: orderGroups.city,
  cooperativeId: organizations.id,
  cooperativeName: organizations.name,
};

/** One page of every cooperative's orders, newest first, with the total for the pager. */
export async function listAdminOrders(db: DbOrTx, actor: Actor, filters: AdminOrderFilters) {
  authorize(actor, "platform.orders");
  const where = and(...conditions(filters));
  const page = filters.page ?? 1;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(listColumns)
      .from(vendorOrders)
      .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
      .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
      .where(where)
      .orderBy(desc(vendorOrders.createdAt), desc(vendorOrders.id))
      .limit(ADMIN_PAGE_SIZE)
      .offset((page - 1) * ADMIN_PAGE_SIZE),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(vendorOrders)
      .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
      .where(where),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) };
}

/** The cooperatives that have had orders, for the filter. */
export async function orderCooperatives(db: DbOrTx, actor: Actor) {
  authorize(actor, "platform.orders");
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(sql`exists (select 1 from vendor_orders o where o.organization_id = ${organizations.id})`)
    .orderBy(asc(organizations.name));
}

/** One cooperative's order with its whole group: buyer, address, payment, the other parcels, history. */
export async function adminOrderDetail(db: DbOrTx, actor: Actor, vendorOrderId: string) {
  authorize(actor, "platform.orders");
  if (!isUuid(vendorOrderId)) throw new NotFoundError();
  const [row] = await db
    .select({ order: vendorOrders, group: orderGroups, cooperative: { id: organizations.id, name: organizations.name, slug: organizations.slug }, regionFr: regions.nameFr, regionAr: regions.nameAr })
    .from(vendorOrders)
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
    .innerJoin(regions, eq(regions.code, orderGroups.regionCode))
    .where(eq(vendorOrders.id, vendorOrderId));
  if (!row) throw new NotFoundError();
  const [items, events, siblings, attempts, orderRefunds] = await Promise.all([
    db.select().from(vendorOrderItems).where(eq(vendorOrderItems.vendorOrderId, vendorOrderId)).orderBy(asc(vendorOrderItems.titleFr)),
    db
      .select({ id: vendorOrderEvents.id, fromStatus: vendorOrderEvents.fromStatus, toStatus: vendorOrderEvents.toStatus, note: vendorOrderEvents.note, createdAt: vendorOrderEvents.createdAt, actorName: users.name })
      .from(vendorOrderEvents)
      .leftJoin(users, eq(users.id, vendorOrderEvents.actorId))
      .where(eq(vendorOrderEvents.vendorOrderId, vendorOrderId))
      .orderBy(asc(vendorOrderEvents.createdAt), asc(vendorOrderEvents.id)),
    db
      .select({ id: vendorOrders.id, number: vendorOrders.number, status: vendorOrders.status, totalCentimes: vendorOrders.totalCentimes, cooperativeName: organizations.name })
      .from(vendorOrders)
      .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
      .where(and(eq(vendorOrders.groupId, row.group.id), sql`${vendorOrders.id} <> ${vendorOrderId}`))
      .orderBy(asc(vendorOrders.number)),
    db
      .select({ id: paymentAttempts.id, provider: paymentAttempts.provider, state: paymentAttempts.state, providerRef: paymentAttempts.providerRef, amountCentimes: paymentAttempts.amountCentimes, createdAt: paymentAttempts.createdAt })
      .from(paymentAttempts)
      .where(eq(paymentAttempts.groupId, row.group.id))
      .orderBy(asc(paymentAttempts.createdAt)),
    db
      .select({ id: refunds.id, provider: refunds.provider, state: refunds.state, amountCentimes: refunds.amountCentimes, reason: refunds.reason, createdAt: refunds.createdAt })
      .from(refunds)
      .where(eq(refunds.vendorOrderId, vendorOrderId))
      .orderBy(asc(refunds.createdAt)),
  ]);
  return { ...row, items, events, siblings, attempts, refunds: orderRefunds };
}

/** The order group a cooperative's order belongs to (for recording the group's transfer). */
export async function groupOfOrder(db: DbOrTx, actor: Actor, vendorOrderId: string) {
  authorize(actor, "platform.orders");
  if (!isUuid(vendorOrderId)) throw new NotFoundError();
  const [row] = await db.select({ groupId: vendorOrders.groupId }).from(vendorOrders).where(eq(vendorOrders.id, vendorOrderId));
  if (!row) throw new NotFoundError();
  return row.groupId;
}

/**
 * The carrier paid the platform the cash it collected, for some delivered cash-on-delivery orders (carriers
 * remit in batches). All or nothing, orders locked in id order; an order already remitted (the same form
 * sent twice) is skipped; any other order — not cash on delivery, not delivered — refuses the whole batch.
 */
export async function markRemitted(opts: { db: DbOrTx; actor: Actor; vendorOrderIds: string[] }) {
  const { db, actor } = opts;
  authorize(actor, "platform.orders");
  const ids = [...new Set(opts.vendorOrderIds)].sort();
  if (ids.length === 0) throw new ConflictError("payouts.errors.noneSelected");
  if (ids.some((id) => !isUuid(id))) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const remitted: string[] = [];
    const skipped: string[] = [];
    for (const id of ids) {
      const locked = await lockOrder(tx, id);
      // Already counted, or returned in full since (closed: the buyer was refunded): nothing to move, and the
      // carrier's batch still goes through for the others.
      if (locked.method === "cod" && ["remitted", "settled", "returned"].includes(locked.order.status)) {
        skipped.push(locked.order.number);
        continue;
      }
      if (locked.method !== "cod" || locked.order.status !== "delivered") throw new ConflictError("payouts.errors.notRemittable");
      await applyStep(tx, locked, { to: "remitted", by: "platform", actorId: actor?.id ?? null, reason: null });
      remitted.push(locked.order.number);
    }
    return { remitted, skipped };
  });
}

/**
 * Refunds an admin pays by hand, by transfer to the buyer, oldest first: those of cash-on-delivery and
 * transfer orders, and card refunds Stripe could not make (markRefundPaid records them).
 */
export async function pendingManualRefunds(db: DbOrTx, actor: Actor) {
  authorize(actor, "platform.orders");
  return db
    .select({
      id: refunds.id,
      provider: refunds.provider,
      state: refunds.state,
      amountCentimes: refunds.amountCentimes,
      reason: refunds.reason,
      createdAt: refunds.createdAt,
      vendorOrderId: vendorOrders.id,
      orderNumber: vendorOrders.number,
      buyerName: orderGroups.buyerName,
      buyerPhone: orderGroups.buyerPhone,
      buyerEmail: orderGroups.buyerEmail,
    })
    .from(refunds)
    .innerJoin(vendorOrders, eq(vendorOrders.id, refunds.vendorOrderId))
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .where(
      or(
        and(eq(refunds.state, "pending"), inArray(refunds.provider, ["cod", "bank_transfer"] satisfies PaymentMethod[])),
        and(eq(refunds.state, "failed"), eq(refunds.provider, "stripe")),
      ),
    )
    .orderBy(asc(refunds.createdAt))
    .limit(200);
}

/** "2026-11-22 14:05", Casablanca time: a date Excel reads as one, whatever its language. */
export function csvDateTime(date: Date | null): string {
  return date ? instantToMoroccoLocal(date).replace("T", " ") : "";
}

/** At most this many lines in one export; beyond, the admin narrows the filters. */
export const EXPORT_LIMIT = 100_000;

/**
 * The filtered orders as CSV rows (header first), one line per cooperative's order, amounts in MAD with
 * two decimals. Every text cell goes through csvCell, which neutralises formulas a buyer may have typed.
 */
export async function ordersCsvRows(db: DbOrTx, actor: Actor, filters: AdminOrderFilters, t: T): Promise<CsvValue[][]> {
  authorize(actor, "platform.orders");
  const rows = await db
    .select({
      ...listColumns,
      deliveredAt: vendorOrders.deliveredAt,
      itemsTotalCentimes: vendorOrders.itemsTotalCentimes,
      shippingFeeCentimes: vendorOrders.shippingFeeCentimes,
      commissionCentimes: vendorOrders.commissionCentimes,
      codAmountCentimes: vendorOrders.codAmountCentimes,
      companyName: orderGroups.companyName,
      companyIce: orderGroups.companyIce,
      paymentReference: orderGroups.paymentReference,
      regionFr: regions.nameFr,
    })
    .from(vendorOrders)
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
    .innerJoin(regions, eq(regions.code, orderGroups.regionCode))
    .where(and(...conditions({ ...filters, page: undefined })))
    .orderBy(asc(vendorOrders.createdAt), asc(vendorOrders.number))
    .limit(EXPORT_LIMIT);
  const c = (key: string) => t(`payouts.csv.${key}` as MessageKey);
  const header = [
    "orderNumber", "groupNumber", "orderedAt", "deliveredAt", "cooperative", "buyer", "phone", "email", "company", "ice", "city", "region",
    "method", "status", "paymentStatus", "paymentReference", "items", "shipping", "commission", "total", "codAmount",
  ].map(c);
  return [
    header,
    ...rows.map((r) => [
      r.number,
      r.groupNumber,
      csvDateTime(r.createdAt),
      csvDateTime(r.deliveredAt),
      r.cooperativeName,
      r.buyerName,
      r.buyerPhone,
      r.buyerEmail,
      r.companyName,
      r.companyIce,
      r.city,
      r.regionFr,
      t(`orders.method.${r.method}` as MessageKey),
      t(`orders.status.${r.status}` as MessageKey),
      t(`payouts.paymentStatus.${r.paymentStatus}` as MessageKey),
      r.paymentReference,
      csvAmount(r.itemsTotalCentimes),
      csvAmount(r.shippingFeeCentimes),
      csvAmount(r.commissionCentimes),
      csvAmount(r.totalCentimes),
      csvAmount(r.codAmountCentimes),
    ]),
  ];
}

export type AdminOrderRow = Awaited<ReturnType<typeof listAdminOrders>>["rows"][number];

// --- The admin forms (one zod schema each; error messages are translation keys).

const idList = (message: string) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().uuid(message)).min(1, message).max(500, "errors.tooMany"));

export const cancelOrderSchema = z.object({
  intent: z.literal("cancel"),
  reason: z.string({ required_error: "errors.reasonRequired" }).trim().min(5, "errors.reasonRequired").max(500, "errors.tooLong"),
});

export const recordTransferSchema = z.object({
  intent: z.literal("transfer"),
  bankReference: z.string({ required_error: "payouts.errors.bankReference" }).trim().min(3, "payouts.errors.bankReference").max(100, "errors.tooLong"),
});

export const remitOneSchema = z.object({ intent: z.literal("remit") });

export const adminOrderActionSchema = z.discriminatedUnion("intent", [cancelOrderSchema, recordTransferSchema, remitOneSchema], {
  errorMap: () => ({ message: "errors.invalid" }),
});

export const remitBatchSchema = z.object({ intent: z.literal("remit"), vendorOrderId: idList("payouts.errors.noneSelected") });
export const refundPaidSchema = z.object({
  intent: z.literal("refundPaid"),
  refundId: z.string({ required_error: "errors.invalid" }).uuid("errors.invalid"),
  reference: z.string({ required_error: "payouts.errors.refundReference" }).trim().min(3, "payouts.errors.refundReference").max(120, "errors.tooLong"),
});
export const adminOrdersListActionSchema = z.discriminatedUnion("intent", [remitBatchSchema, refundPaidSchema], {
  errorMap: () => ({ message: "errors.invalid" }),
});

export const payoutBatchSchema = z.object({
  organizationId: idList("payouts.errors.noneSelected"),
  note: z
    .string()
    .trim()
    .max(200, "errors.tooLong")
    .optional()
    .transform((v) => v || null),
});
