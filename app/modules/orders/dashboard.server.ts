// The cooperative's side of its orders (issue 4, item 7): the dashboard with its tabs and one-tap steps,
// one order with its timeline, the packing slip and the invoice, low-stock warnings and what the
// cooperative is owed. Every query is scoped by the cooperative's id, taken from the URL's slug and the
// person's membership — never from a form field.
import { and, asc, count, desc, eq, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import {
  ledgerEntries,
  orderGroups,
  organizationIdentifiers,
  organizations,
  products,
  productVariants,
  provinces,
  regions,
  users,
  vendorOrderEvents,
  vendorOrderItems,
  vendorOrders,
} from "../../../db/schema";
import type { MembershipRole, VendorOrderStatus } from "../../../db/schema/enums";
import { getT } from "~/i18n/catalogs.server";
import { formatDate, type Locale, type MessageKey } from "~/i18n/i18n";
import { csvAmount, toCsv } from "~/lib/csv.server";
import { ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { type Actor, authorize, can, type OrgAction } from "../organizations/authorize.server";
import { formatPhone, whatsappLink } from "../organizations/identifiers";
import { loadOrganization } from "../organizations/organizations.server";
import { LEDGER_LINES_PER_PAGE, LOW_STOCK_THRESHOLD, ORDER_TABS, ORDERS_PER_PAGE, type OrderTab, STEP_INTENTS } from "./dashboard";
import { ledgerBalance, ledgerLines } from "./ledger.server";
import { moveOrder } from "./lifecycle.server";
import { orgName } from "./format";
import { cooperativeSteps } from "./states";

/**
 * The cooperative named by the slug, if the person may do `action` there; anyone else gets a 403, and an
 * organisation that is not a cooperative has no orders (404).
 */
export async function cooperativeFor(db: DbOrTx, actor: Actor, slug: string, action: OrgAction) {
  const { org, role } = await loadOrganization(db, slug, actor);
  authorize(actor, action, { membershipRole: role });
  if (org.kind !== "cooperative") throw new NotFoundError();
  return { org, role };
}

const cooperativeView = (org: { id: string; slug: string; name: string; nameAr: string | null }) => ({
  id: org.id,
  slug: org.slug,
  name: org.name,
  nameAr: org.nameAr,
});


/** How the cooperative reaches the buyer: WhatsApp with a message naming the order, a call, an e-mail. */
function buyerContact(opts: { phone: string; name: string; number: string; cooperative: string; locale: Locale }) {
  const text = getT(opts.locale)("shop.whatsapp.message", { name: opts.name, cooperative: opts.cooperative, number: opts.number });
  return {
    phoneLabel: formatPhone(opts.phone),
    telHref: `tel:${opts.phone}`,
    whatsappHref: `${whatsappLink(opts.phone)}?text=${encodeURIComponent(text)}`,
  };
}

async function itemsOf(db: DbOrTx, orderIds: string[]) {
  if (orderIds.length === 0) return [];
  return db
    .select({
      id: vendorOrderItems.id,
      vendorOrderId: vendorOrderItems.vendorOrderId,
      productId: vendorOrderItems.productId,
      titleFr: vendorOrderItems.titleFr,
      titleAr: vendorOrderItems.titleAr,
      unit: vendorOrderItems.unit,
      size: vendorOrderItems.size,
      unitPriceCentimes: vendorOrderItems.unitPriceCentimes,
      quantity: vendorOrderItems.quantity,
      lineTotalCentimes: vendorOrderItems.lineTotalCentimes,
      returnedQuantity: vendorOrderItems.returnedQuantity,
    })
    .from(vendorOrderItems)
    .where(inArray(vendorOrderItems.vendorOrderId, orderIds))
    .orderBy(asc(vendorOrderItems.titleFr), asc(vendorOrderItems.size));
}

/** How many of the cooperative's orders are in each tab. */
export async function tabCounts(db: DbOrTx, organizationId: string): Promise<Record<OrderTab["key"], number>> {
  const rows = await db
    .select({ status: vendorOrders.status, n: count() })
    .from(vendorOrders)
    .where(eq(vendorOrders.organizationId, organizationId))
    .groupBy(vendorOrders.status);
  const by = new Map(rows.map((r) => [r.status, r.n]));
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  return Object.fromEntries(
    ORDER_TABS.map((tab) => [tab.key, tab.statuses ? tab.statuses.reduce((sum: number, s: VendorOrderStatus) => sum + (by.get(s) ?? 0), 0) : total]),
  ) as Record<OrderTab["key"], number>;
}

/** Orders waiting for the cooperative's confirmation: the number beside "Orders" on its profile. */
export async function countOrdersToConfirm(db: DbOrTx, organizationId: string) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(vendorOrders)
    .where(and(eq(vendorOrders.organizationId, organizationId), eq(vendorOrders.status, "placed")));
  return n;
}

/**
 * The dashboard: the counts of every tab and one page of the chosen tab's orders, each with its items,
 * the amount to collect, the steps the cooperative may take and the ways to reach the buyer. Work to do
 * comes oldest first; delivered and all orders newest first.
 */
export async function orderDashboard(opts: { db: DbOrTx; actor: Actor; slug: string; tab: OrderTab; page: number; locale: Locale }) {
  const { db, actor, tab, locale } = opts;
  const { org, role } = await cooperativeFor(db, actor, opts.slug, "org.orders.manage");
  const counts = await tabCounts(db, org.id);
  const pageCount = Math.max(1, Math.ceil(counts[tab.key] / ORDERS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(opts.page) || 1), pageCount);
  const newestFirst = tab.key === "delivered" || tab.key === "all";
  const rows = await db
    .select({ order: vendorOrders, group: orderGroups })
    .from(vendorOrders)
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .where(and(eq(vendorOrders.organizationId, org.id), tab.statuses ? inArray(vendorOrders.status, [...tab.statuses]) : undefined))
    .orderBy(newestFirst ? desc(vendorOrders.createdAt) : asc(vendorOrders.createdAt), asc(vendorOrders.number))
    .limit(ORDERS_PER_PAGE)
    .offset((page - 1) * ORDERS_PER_PAGE);
  const items = await itemsOf(db, rows.map((r) => r.order.id));
  const cooperativeName = orgName(org, locale);
  return {
    cooperative: cooperativeView(org),
    tab: tab.key,
    counts,
    page,
    pageCount,
    orders: rows.map(({ order, group }) => ({
      id: order.id,
      number: order.number,
      status: order.status,
      statusReason: order.statusReason,
      createdAt: order.createdAt,
      buyerName: group.buyerName,
      city: group.city,
      paymentMethod: group.paymentMethod,
      paymentStatus: group.paymentStatus,
      totalCentimes: order.totalCentimes,
      codAmountCentimes: order.codAmountCentimes,
      carrier: order.carrier,
      trackingNumber: order.trackingNumber,
      items: items.filter((i) => i.vendorOrderId === order.id),
      steps: cooperativeSteps(group.paymentMethod, order.status),
      contact: buyerContact({ phone: group.buyerPhone, name: group.buyerName, number: order.number, cooperative: cooperativeName, locale }),
    })),
    lowStock: await lowStockVariants(db, org.id),
    canLedger: can(actor, "org.ledger.view", { membershipRole: role }),
    canTerms: canSetTerms(actor, role),
  };
}

export type DashboardOrder = Awaited<ReturnType<typeof orderDashboard>>["orders"][number];

/** One of the cooperative's orders with its group; another cooperative's is "not found", never shown. */
async function ownOrder(db: DbOrTx, organizationId: string, vendorOrderId: string) {
  if (!isUuid(vendorOrderId)) throw new NotFoundError();
  const [row] = await db
    .select({ order: vendorOrders, group: orderGroups, regionFr: regions.nameFr, regionAr: regions.nameAr })
    .from(vendorOrders)
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .innerJoin(regions, eq(regions.code, orderGroups.regionCode))
    .where(and(eq(vendorOrders.id, vendorOrderId), eq(vendorOrders.organizationId, organizationId)));
  if (!row) throw new NotFoundError();
  return row;
}

/** One order for the cooperative's members: items, buyer, address, the steps it may take, its timeline. */
export async function orderDetail(opts: { db: DbOrTx; actor: Actor; slug: string; vendorOrderId: string; locale: Locale }) {
  const { db, actor, locale } = opts;
  const { org } = await cooperativeFor(db, actor, opts.slug, "org.orders.manage");
  const { order, group, regionFr, regionAr } = await ownOrder(db, org.id, opts.vendorOrderId);
  const [items, events] = await Promise.all([
    itemsOf(db, [order.id]),
    db
      .select({
        id: vendorOrderEvents.id,
        fromStatus: vendorOrderEvents.fromStatus,
        toStatus: vendorOrderEvents.toStatus,
        note: vendorOrderEvents.note,
        createdAt: vendorOrderEvents.createdAt,
        actorName: users.name,
      })
      .from(vendorOrderEvents)
      .leftJoin(users, eq(users.id, vendorOrderEvents.actorId))
      .where(eq(vendorOrderEvents.vendorOrderId, order.id))
      .orderBy(asc(vendorOrderEvents.createdAt), asc(vendorOrderEvents.id)),
  ]);
  return {
    cooperative: cooperativeView(org),
    order: {
      id: order.id,
      number: order.number,
      status: order.status,
      statusReason: order.statusReason,
      createdAt: order.createdAt,
      itemsTotalCentimes: order.itemsTotalCentimes,
      shippingFeeCentimes: order.shippingFeeCentimes,
      totalCentimes: order.totalCentimes,
      codAmountCentimes: order.codAmountCentimes,
      deliveryDaysMin: order.deliveryDaysMin,
      deliveryDaysMax: order.deliveryDaysMax,
      carrier: order.carrier,
      trackingNumber: order.trackingNumber,
    },
    group: {
      number: group.number,
      buyerName: group.buyerName,
      buyerEmail: group.buyerEmail,
      companyName: group.companyName,
      companyIce: group.companyIce,
      addressLine: group.addressLine,
      city: group.city,
      postalCode: group.postalCode,
      region: locale === "ar" ? regionAr : regionFr,
      paymentMethod: group.paymentMethod,
      paymentStatus: group.paymentStatus,
      paymentReference: group.paymentReference,
    },
    items,
    events,
    steps: cooperativeSteps(group.paymentMethod, order.status),
    contact: buyerContact({ phone: group.buyerPhone, name: group.buyerName, number: order.number, cooperative: orgName(org, locale), locale }),
  };
}

/**
 * What the packing slip and the invoice print: the order as above, and the cooperative's legal identity
 * (names, ICE, RC, IF, ODCO number, where it is, how to reach it).
 */
export async function orderDocument(opts: { db: DbOrTx; actor: Actor; slug: string; vendorOrderId: string; locale: Locale }) {
  const detail = await orderDetail(opts);
  const [seller] = await opts.db
    .select({
      name: organizations.name,
      nameAr: organizations.nameAr,
      city: organizations.city,
      phone: organizations.phone,
      email: organizations.email,
      regionFr: regions.nameFr,
      regionAr: regions.nameAr,
      provinceFr: provinces.nameFr,
      provinceAr: provinces.nameAr,
    })
    .from(organizations)
    .innerJoin(regions, eq(regions.code, organizations.regionCode))
    .leftJoin(provinces, eq(provinces.code, organizations.provinceCode))
    .where(eq(organizations.id, detail.cooperative.id));
  const identifiers = await opts.db
    .select({ type: organizationIdentifiers.type, value: organizationIdentifiers.value })
    .from(organizationIdentifiers)
    .where(and(eq(organizationIdentifiers.organizationId, detail.cooperative.id), inArray(organizationIdentifiers.type, ["ice", "rc", "if", "odco"])))
    .orderBy(asc(organizationIdentifiers.createdAt));
  const ar = opts.locale === "ar";
  return {
    ...detail,
    seller: {
      name: seller.name,
      nameAr: seller.nameAr,
      place: [seller.city, ar ? seller.provinceAr : seller.provinceFr, ar ? seller.regionAr : seller.regionFr].filter(Boolean).join(ar ? "، " : ", "),
      phone: seller.phone ? formatPhone(seller.phone) : null,
      email: seller.email,
      // In the order the law lists them on an invoice: ICE, then RC, IF, ODCO.
      identifiers: (["ice", "rc", "if", "odco"] as const).flatMap((type) => identifiers.filter((i) => i.type === type)),
    },
  };
}

/**
 * Sizes of the cooperative's products on sale that are running out (LOW_STOCK_THRESHOLD or fewer left)
 * or out of stock, emptiest first.
 */
export async function lowStockVariants(db: DbOrTx, organizationId: string) {
  return db
    .select({
      productId: products.id,
      variantId: productVariants.id,
      titleFr: products.titleFr,
      titleAr: products.titleAr,
      unit: productVariants.unit,
      size: productVariants.size,
      stock: productVariants.stock,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(products.organizationId, organizationId), eq(products.status, "published"), lte(productVariants.stock, LOW_STOCK_THRESHOLD)))
    .orderBy(asc(productVariants.stock), asc(products.titleFr), asc(productVariants.size))
    .limit(50);
}

export type LowStockVariant = Awaited<ReturnType<typeof lowStockVariants>>[number];

/** The same, for a page that has already checked the person may see the cooperative's catalogue. */
export async function lowStockBySlug(db: DbOrTx, slug: string) {
  const [org] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, slug));
  return org ? lowStockVariants(db, org.id) : [];
}

const vendorOrderId = z.string({ required_error: "errors.notFound" }).uuid("errors.notFound");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => v || null);
const reason = z
  .string({ required_error: "orders.errors.reasonRequired" })
  .trim()
  .min(3, "orders.errors.reasonRequired")
  .max(300, "errors.tooLong");

/** One tap on the dashboard or the order's page: which order, which step, and what the step needs. */
export const orderStepSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("confirm"), vendorOrderId }),
    z.object({ intent: z.literal("ship"), vendorOrderId, carrier: optionalText(60), trackingNumber: optionalText(60) }),
    z.object({ intent: z.literal("deliver"), vendorOrderId }),
    z.object({ intent: z.literal("refuse"), vendorOrderId, reason }),
    z.object({ intent: z.literal("cancel"), vendorOrderId, reason }),
  ],
  { errorMap: () => ({ message: "errors.invalid" }) },
);
export type OrderStepInput = z.output<typeof orderStepSchema>;

/**
 * Moves one of the cooperative's orders. A person who is not its member gets a 403; an order of another
 * cooperative a 404; a step the order can no longer take (a stale page, two phones) a 409.
 */
export async function moveFromDashboard(opts: { db: DbOrTx; actor: Actor; slug: string; input: OrderStepInput }) {
  const { db, actor, input } = opts;
  const { org } = await cooperativeFor(db, actor, opts.slug, "org.orders.manage");
  const { order } = await ownOrder(db, org.id, input.vendorOrderId);
  return moveOrder({
    db,
    actor,
    vendorOrderId: order.id,
    to: STEP_INTENTS[input.intent],
    reason: "reason" in input ? input.reason : null,
    ...(input.intent === "ship" ? { carrier: input.carrier, trackingNumber: input.trackingNumber } : {}),
  });
}

/** What the cooperative is owed, for its owners and admins (and platform admins): balances and a page of lines. */
export async function ledgerStatement(opts: { db: DbOrTx; actor: Actor; slug: string; page: number }) {
  const { db, actor } = opts;
  const { org } = await cooperativeFor(db, actor, opts.slug, "org.ledger.view");
  const [balance, [{ n }]] = await Promise.all([
    ledgerBalance(db, org.id),
    db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.organizationId, org.id)),
  ]);
  const pageCount = Math.max(1, Math.ceil(n / LEDGER_LINES_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(opts.page) || 1), pageCount);
  const lines = await ledgerLines(db, org.id, { limit: LEDGER_LINES_PER_PAGE, offset: (page - 1) * LEDGER_LINES_PER_PAGE });
  return { cooperative: cooperativeView(org), balance, lines, page, pageCount, lineCount: n };
}

/** Every line of the statement as a CSV file (semicolons, amounts in MAD with a decimal comma). */
export async function ledgerCsv(opts: { db: DbOrTx; actor: Actor; slug: string; locale: Locale }) {
  const { db, actor, locale } = opts;
  const { org } = await cooperativeFor(db, actor, opts.slug, "org.ledger.view");
  const t = getT(locale);
  const lines = await ledgerLines(db, org.id, { limit: 1_000_000 });
  const header = (["date", "kind", "order", "memo", "amount"] as const).map((c) => t(`shop.ledger.csv.${c}`));
  const rows = lines.map((l) => [
    formatDate(l.createdAt, locale),
    t(`shop.ledger.kinds.${l.kind}` as MessageKey),
    l.orderNumber,
    l.memo,
    csvAmount(l.amountCentimes),
  ]);
  return { fileName: `releve-${org.slug}.csv`, csv: toCsv([header, ...rows]) };
}

/**
 * The links a cooperative's profile shows its members: orders with how many wait for confirmation, and
 * for owners and admins the statement and the shop's terms. Nothing for anyone else.
 */
export async function cooperativeLinks(db: DbOrTx, actor: Actor, org: { id: string; kind: string }, role: MembershipRole | null) {
  if (org.kind !== "cooperative" || !role || !can(actor, "org.orders.manage", { membershipRole: role })) return null;
  return {
    toConfirm: await countOrdersToConfirm(db, org.id),
    ledger: can(actor, "org.ledger.view", { membershipRole: role }),
    terms: canSetTerms(actor, role),
  };
}

/** A cooperative's terms of sale are its owners' and admins' to set; platform admins do not set its prices. */
export function canSetTerms(actor: Actor, role: MembershipRole | null) {
  return role !== null && can(actor, "org.edit", { membershipRole: role });
}

export function authorizeTerms(actor: Actor, role: MembershipRole | null) {
  if (!canSetTerms(actor, role)) throw new ForbiddenError();
}
