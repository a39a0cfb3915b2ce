// Paying cooperatives what the platform holds for them (decision 012): admins pick cooperatives with an
// available balance and a valid RIB, and one batch pays each its whole available balance, exported as a
// CSV for the bank. The ledger's payout line is what makes the balance go down: a balance is never paid twice.
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { ledgerEntries, orderGroups, organizations, payoutBatches, payouts, vendorOrders } from "../../../db/schema";
import { type MessageKey, type T } from "~/i18n/i18n";
import { csvAmount, type CsvValue } from "~/lib/csv.server";
import { ConflictError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { todayInMorocco } from "~/lib/morocco-time";
import { ribValid } from "../organizations/identifiers";
import { type Actor, authorize } from "../organizations/authorize.server";
import { csvDateTime, EXPORT_LIMIT } from "./admin.server";
import { ledgerBalance } from "./ledger.server";
import { applyStep, lockOrder } from "./lifecycle.server";

export type RibStatus = "ok" | "missing" | "invalid";

export function ribStatus(rib: string | null): RibStatus {
  if (!rib) return "missing";
  return ribValid(rib) ? "ok" : "invalid";
}

/** At most this many cooperatives in one batch (one bank file). */
export const MAX_BATCH = 200;

/** Cooperatives with money to pay, with their RIB and whether it can be paid to. */
export async function payableCooperatives(db: DbOrTx, actor: Actor) {
  authorize(actor, "platform.orders");
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, rib: organizations.bankRib })
    .from(organizations)
    .where(sql`exists (select 1 from ledger_entries e where e.organization_id = ${organizations.id})`)
    .orderBy(asc(organizations.name));
  // The one definition of "available" is ledgerBalance's; a few hundred cooperatives are a few hundred small sums.
  const withBalance = [];
  for (const org of orgs) {
    const balance = await ledgerBalance(db, org.id);
    if (balance.availableCentimes > 0) withBalance.push({ ...org, ...balance, ribStatus: ribStatus(org.rib) });
  }
  return withBalance;
}

/** "PAY-2026-11-22-001": the day in Casablanca and the batch's rank that day. */
async function nextReference(tx: DbOrTx, now: Date) {
  const day = todayInMorocco(now);
  const prefix = `PAY-${day}-`;
  const [{ n }] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from payout_batches where reference like ${`${prefix}%`}`);
  return `${prefix}${String(n + 1).padStart(3, "0")}`;
}

/**
 * One payout batch for the chosen cooperatives, in one transaction: each is paid its whole available
 * balance, recomputed here under a lock on its row, so two admins (or two clicks) never pay the same
 * money twice; the batch, one payout per cooperative with the RIB it went to, a "payout" ledger line of
 * minus the amount, and the orders that money came from settled. Refuses the whole batch if a cooperative
 * has no valid RIB or nothing left to pay.
 */
export async function createPayoutBatch(opts: { db: DbOrTx; actor: Actor; organizationIds: string[]; note?: string | null; now?: Date }) {
  const { db, actor } = opts;
  authorize(actor, "platform.orders");
  const ids = [...new Set(opts.organizationIds)].sort();
  if (ids.length === 0) throw new ConflictError("payouts.errors.noneSelected");
  if (ids.length > MAX_BATCH) throw new ConflictError("payouts.errors.tooMany");
  if (ids.some((id) => !isUuid(id))) throw new NotFoundError();
  const now = opts.now ?? new Date();

  return db.transaction(async (tx) => {
    // Batches are numbered per day: one batch is made at a time.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('tiwizi:payout_batches'))`);
    // The cooperatives' rows, locked in id order: a second batch for the same cooperative waits here and
    // then finds the balance already paid. NO KEY UPDATE, so ledger lines of other orders (which only need
    // a key-share lock on the row for their foreign key) go on meanwhile.
    const orgs = await tx
      .select({ id: organizations.id, name: organizations.name, rib: organizations.bankRib })
      .from(organizations)
      .where(inArray(organizations.id, ids))
      .orderBy(asc(organizations.id))
      .for("no key update");
    if (orgs.length !== ids.length) throw new NotFoundError();
    if (orgs.some((o) => ribStatus(o.rib) !== "ok")) throw new ConflictError("payouts.errors.ribInvalid");

    // The orders whose money is being paid, locked before the balance is read, so none moves meanwhile.
    const settleable = await tx
      .select({ id: vendorOrders.id, organizationId: vendorOrders.organizationId })
      .from(vendorOrders)
      .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
      .where(
        and(
          inArray(vendorOrders.organizationId, ids),
          or(
            and(eq(vendorOrders.status, "delivered"), sql`${orderGroups.paymentMethod} <> 'cod'`),
            and(eq(vendorOrders.status, "remitted"), eq(orderGroups.paymentMethod, "cod")),
          ),
        ),
      )
      .orderBy(asc(vendorOrders.id));
    const locked = [];
    for (const o of settleable) locked.push(await lockOrder(tx, o.id));

    const amounts = new Map<string, number>();
    for (const org of orgs) {
      const { availableCentimes } = await ledgerBalance(tx, org.id);
      if (availableCentimes <= 0) throw new ConflictError("payouts.errors.nothingToPay");
      amounts.set(org.id, availableCentimes);
    }
    const totalCentimes = [...amounts.values()].reduce((a, b) => a + b, 0);
    const reference = await nextReference(tx, now);
    const [batch] = await tx
      .insert(payoutBatches)
      .values({ reference, totalCentimes, note: opts.note ?? null, createdBy: actor?.id ?? null })
      .returning();
    for (const org of orgs) {
      const amount = amounts.get(org.id)!;
      const [payout] = await tx.insert(payouts).values({ batchId: batch.id, organizationId: org.id, amountCentimes: amount, rib: org.rib! }).returning({ id: payouts.id });
      await tx.insert(ledgerEntries).values({ organizationId: org.id, kind: "payout", amountCentimes: -amount, payoutId: payout.id, memo: reference });
    }
    for (const l of locked) {
      // Checked again on the locked row: only an order still where the query found it is settled.
      const { status } = l.order;
      if ((l.method !== "cod" && status === "delivered") || (l.method === "cod" && status === "remitted")) {
        await applyStep(tx, l, { to: "settled", by: "system", actorId: actor?.id ?? null, reason: reference });
      }
    }
    return { id: batch.id, reference, totalCentimes, cooperatives: orgs.length, settledOrders: locked.length };
  });
}

/** The latest batches, with how many cooperatives each paid. */
export async function listPayoutBatches(db: DbOrTx, actor: Actor, limit = 20) {
  authorize(actor, "platform.orders");
  return db
    .select({
      id: payoutBatches.id,
      reference: payoutBatches.reference,
      totalCentimes: payoutBatches.totalCentimes,
      note: payoutBatches.note,
      createdAt: payoutBatches.createdAt,
      cooperatives: sql<number>`(select count(*)::int from payouts p where p.batch_id = ${payoutBatches.id})`,
    })
    .from(payoutBatches)
    .orderBy(desc(payoutBatches.createdAt), desc(payoutBatches.reference))
    .limit(limit);
}

/** A batch for the bank: beneficiary, RIB, amount, reference; with the file name to give it. */
export async function payoutBatchCsv(db: DbOrTx, actor: Actor, batchId: string, t: T): Promise<{ rows: CsvValue[][]; fileName: string }> {
  authorize(actor, "platform.orders");
  if (!isUuid(batchId)) throw new NotFoundError();
  const [batch] = await db.select().from(payoutBatches).where(eq(payoutBatches.id, batchId));
  if (!batch) throw new NotFoundError();
  const lines = await db
    .select({ name: organizations.name, rib: payouts.rib, amountCentimes: payouts.amountCentimes })
    .from(payouts)
    .innerJoin(organizations, eq(organizations.id, payouts.organizationId))
    .where(eq(payouts.batchId, batchId))
    .orderBy(asc(organizations.name));
  const c = (key: string) => t(`payouts.csv.${key}` as MessageKey);
  return {
    fileName: `${batch.reference}.csv`,
    rows: [[c("beneficiary"), c("rib"), c("amount"), c("reference")], ...lines.map((l) => [l.name, l.rib, csvAmount(l.amountCentimes), batch.reference])],
  };
}

/** Ledger lines (every cooperative's, or one's), oldest first, as CSV rows with the header. */
export async function ledgerCsvRows(db: DbOrTx, actor: Actor, opts: { organizationId?: string | null }, t: T): Promise<CsvValue[][]> {
  authorize(actor, "platform.orders");
  if (opts.organizationId && !isUuid(opts.organizationId)) throw new NotFoundError();
  const lines = await db
    .select({
      createdAt: ledgerEntries.createdAt,
      cooperative: organizations.name,
      kind: ledgerEntries.kind,
      amountCentimes: ledgerEntries.amountCentimes,
      orderNumber: vendorOrders.number,
      orderStatus: vendorOrders.status,
      batchReference: payoutBatches.reference,
      memo: ledgerEntries.memo,
    })
    .from(ledgerEntries)
    .innerJoin(organizations, eq(organizations.id, ledgerEntries.organizationId))
    .leftJoin(vendorOrders, eq(vendorOrders.id, ledgerEntries.vendorOrderId))
    .leftJoin(payouts, eq(payouts.id, ledgerEntries.payoutId))
    .leftJoin(payoutBatches, eq(payoutBatches.id, payouts.batchId))
    .where(opts.organizationId ? eq(ledgerEntries.organizationId, opts.organizationId) : undefined)
    .orderBy(asc(ledgerEntries.createdAt), asc(ledgerEntries.id))
    .limit(EXPORT_LIMIT);
  const c = (key: string) => t(`payouts.csv.${key}` as MessageKey);
  return [
    [c("date"), c("cooperative"), c("kind"), c("amount"), c("orderNumber"), c("status"), c("payoutReference"), c("memo")],
    ...lines.map((l) => [
      csvDateTime(l.createdAt),
      l.cooperative,
      t(`payouts.kind.${l.kind}` as MessageKey),
      csvAmount(l.amountCentimes),
      l.orderNumber,
      l.orderStatus ? t(`orders.status.${l.orderStatus}` as MessageKey) : null,
      l.batchReference,
      l.memo,
    ]),
  ];
}

/** The cooperatives that have ledger lines, for the export's choice. */
export async function ledgerCooperatives(db: DbOrTx, actor: Actor) {
  authorize(actor, "platform.orders");
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(sql`exists (select 1 from ledger_entries e where e.organization_id = ${organizations.id})`)
    .orderBy(asc(organizations.name));
}
