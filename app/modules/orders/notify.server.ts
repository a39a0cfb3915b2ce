// E-mails that follow orders, queued in the transaction of the change they tell about.
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { memberships, orderGroups, organizations, users, vendorOrderItems, vendorOrders } from "../../../db/schema";
import type { VendorOrderStatus } from "../../../db/schema/enums";
import { queueEmail } from "../../../emails/outbox.server";
import { localizeHref, type Locale } from "~/i18n/i18n";
import { env } from "~/lib/env.server";
import { orgName } from "./format";
import { transferDetails } from "./payment-methods.server";

export const trackingPath = (token: string) => `/commande/${token}`;
/** A link for an e-mail: absolute, in the reader's language. */
export const absolute = (path: string, locale: Locale) => `${env().appUrl}${localizeHref(path, locale)}`;

/** Who hears of a cooperative's orders: its members with an address, each in their own language. */
export function cooperativeMembers(tx: DbOrTx, organizationId: string) {
  return tx
    .select({ email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), isNull(users.deletedAt), isNotNull(users.email)));
}

/** The buyer of a cooperative's order, and what an e-mail to them names. */
export async function buyerOf(tx: DbOrTx, vendorOrderId: string) {
  const [row] = await tx
    .select({
      number: vendorOrders.number,
      token: vendorOrders.trackingToken,
      email: orderGroups.buyerEmail,
      name: orderGroups.buyerName,
      locale: orderGroups.locale,
      method: orderGroups.paymentMethod,
      orgName: organizations.name,
      orgNameAr: organizations.nameAr,
    })
    .from(vendorOrders)
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
    .where(eq(vendorOrders.id, vendorOrderId));
  return row;
}

/** The buyer's summary of a checkout, and each cooperative's "new order" to its members. */
export async function notifyOrderPlaced(tx: DbOrTx, groupId: string) {
  const [group] = await tx.select().from(orderGroups).where(eq(orderGroups.id, groupId));
  const orders = await tx
    .select({
      id: vendorOrders.id,
      number: vendorOrders.number,
      token: vendorOrders.trackingToken,
      totalCentimes: vendorOrders.totalCentimes,
      organizationId: vendorOrders.organizationId,
      slug: organizations.slug,
      name: organizations.name,
      nameAr: organizations.nameAr,
      units: sql<number>`(select sum(${vendorOrderItems.quantity})::int from ${vendorOrderItems} where ${vendorOrderItems.vendorOrderId} = ${vendorOrders.id})`,
    })
    .from(vendorOrders)
    .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
    .where(eq(vendorOrders.groupId, groupId))
    .orderBy(vendorOrders.number);
  const transfer = group.paymentMethod === "bank_transfer" ? transferDetails() : null;
  await queueEmail(tx, {
    to: group.buyerEmail,
    locale: group.locale,
    template: "orderPlaced",
    props: {
      name: group.buyerName,
      number: group.number,
      method: group.paymentMethod,
      totalCentimes: group.totalCentimes,
      orders: orders.map((o) => ({
        number: o.number,
        cooperative: orgName(o, group.locale),
        totalCentimes: o.totalCentimes,
        url: absolute(trackingPath(o.token), group.locale),
      })),
      transfer:
        transfer && group.expiresAt
          ? { ...transfer, reference: group.paymentReference ?? group.number, deadline: group.expiresAt.toISOString() }
          : null,
    },
  });
  // A cooperative hears of a prepaid order once it is paid (see notifyOrdersPaid): before, there is nothing to prepare.
  if (group.paymentMethod === "cod") for (const o of orders) await notifyCooperative(tx, o, group.paymentMethod);
}

/** When a card or transfer payment lands, the cooperatives are told there is an order to prepare. */
export async function notifyOrdersPaid(tx: DbOrTx, groupId: string) {
  const [group] = await tx.select({ method: orderGroups.paymentMethod }).from(orderGroups).where(eq(orderGroups.id, groupId));
  const orders = await tx
    .select({
      number: vendorOrders.number,
      totalCentimes: vendorOrders.totalCentimes,
      organizationId: vendorOrders.organizationId,
      slug: organizations.slug,
      name: organizations.name,
      nameAr: organizations.nameAr,
      units: sql<number>`(select sum(${vendorOrderItems.quantity})::int from ${vendorOrderItems} where ${vendorOrderItems.vendorOrderId} = ${vendorOrders.id})`,
    })
    .from(vendorOrders)
    .innerJoin(organizations, eq(organizations.id, vendorOrders.organizationId))
    // An order cancelled while the buyer was paying is refunded, not prepared.
    .where(and(eq(vendorOrders.groupId, groupId), eq(vendorOrders.status, "placed")));
  for (const o of orders) await notifyCooperative(tx, o, group.method);
}

async function notifyCooperative(
  tx: DbOrTx,
  o: { number: string; totalCentimes: number; organizationId: string; slug: string; name: string; nameAr: string | null; units: number },
  method: "cod" | "bank_transfer" | "stripe",
) {
  for (const m of await cooperativeMembers(tx, o.organizationId)) {
    await queueEmail(tx, {
      to: m.email!,
      locale: m.locale,
      template: "newOrder",
      props: {
        cooperative: orgName(o, m.locale),
        number: o.number,
        totalCentimes: o.totalCentimes,
        units: o.units,
        method,
        url: absolute(`/organisations/${o.slug}/commandes`, m.locale),
      },
    });
  }
}

/** The buyer hears of each step of a cooperative's order, in the language they ordered in. */
export async function notifyStatus(tx: DbOrTx, vendorOrderId: string, status: VendorOrderStatus, reason: string | null) {
  const row = await buyerOf(tx, vendorOrderId);
  if (!row) return;
  await queueEmail(tx, {
    to: row.email,
    locale: row.locale,
    template: "orderStatus",
    props: {
      name: row.name,
      number: row.number,
      cooperative: orgName({ name: row.orgName, nameAr: row.orgNameAr }, row.locale),
      status,
      reason,
      url: absolute(trackingPath(row.token), row.locale),
    },
  });
}
