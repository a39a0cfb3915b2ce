// Verified-purchase reviews: the buyer of a delivered order (who holds its tracking token) rates each
// product once; published at once, listed on product and shop pages, reportable; the cooperative replies
// once; a platform admin may hide one (it then leaves every public list and summary).
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { orderGroups, organizations, products, reviews, vendorOrderItems, vendorOrders } from "../../../db/schema";
import type { ReviewStatus } from "../../../db/schema/enums";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { audit } from "../moderation/audit.server";
import { type Actor, authorize } from "../organizations/authorize.server";
import { getMembershipRole, loadOrganization } from "../organizations/organizations.server";
import { REVIEWS_PER_PAGE, type ReviewInput } from "./after-sale-schemas";

/**
 * What the public reads of the buyer: the first name and the initial of the last ("Khadija B.",
 * "خديجة ب."), never the full name given for the delivery.
 */
export function publicName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "—";
  if (words.length === 1) return words[0];
  return `${words[0]} ${[...words[words.length - 1]][0]}.`;
}

async function orderByToken(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ id: vendorOrders.id, organizationId: vendorOrders.organizationId, deliveredAt: vendorOrders.deliveredAt, buyerName: orderGroups.buyerName })
    .from(vendorOrders)
    .innerJoin(orderGroups, eq(orderGroups.id, vendorOrders.groupId))
    .where(eq(vendorOrders.trackingToken, token));
  if (!row) throw new NotFoundError();
  return row;
}

/** The buyer reviews one product of a delivered order; a second review of it is refused (unique index). */
export async function createReview(opts: { db: DbOrTx; token: string; input: ReviewInput }) {
  const { db, input } = opts;
  const order = await orderByToken(db, opts.token);
  // Delivered once is enough: an order later settled or returned was still received.
  if (!order.deliveredAt) throw new ConflictError("reviews.errors.notDelivered");
  const [item] = await db
    .select({ id: vendorOrderItems.id })
    .from(vendorOrderItems)
    .where(and(eq(vendorOrderItems.vendorOrderId, order.id), eq(vendorOrderItems.productId, input.productId)))
    .limit(1);
  if (!item) throw new DomainError(400, "reviews.errors.notInOrder");
  const [review] = await db
    .insert(reviews)
    .values({
      vendorOrderId: order.id,
      productId: input.productId,
      organizationId: order.organizationId,
      rating: input.rating,
      body: input.body,
      authorName: publicName(order.buyerName),
    })
    .onConflictDoNothing({ target: [reviews.vendorOrderId, reviews.productId] })
    .returning();
  if (!review) throw new ConflictError("reviews.errors.alreadyReviewed");
  return review;
}

/** A member of the reviewed cooperative answers, once. */
export async function replyToReview(opts: { db: DbOrTx; actor: Actor; reviewId: string; reply: string }) {
  const { db, actor } = opts;
  if (!isUuid(opts.reviewId)) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const [review] = await tx.select().from(reviews).where(eq(reviews.id, opts.reviewId)).for("update");
    if (!review) throw new NotFoundError();
    authorize(actor, "org.orders.manage", { membershipRole: await getMembershipRole(tx, review.organizationId, actor?.id) });
    if (review.reply !== null) throw new ConflictError("reviews.errors.alreadyReplied");
    await tx.update(reviews).set({ reply: opts.reply, repliedAt: new Date() }).where(eq(reviews.id, review.id));
  });
}

/** A platform admin hides a review (after a report) or publishes it again; audited. */
export async function setReviewStatus(opts: { db: DbOrTx; actor: Actor; reviewId: string; status: ReviewStatus }) {
  const { db, actor } = opts;
  authorize(actor, "platform.moderate");
  if (!isUuid(opts.reviewId)) throw new NotFoundError();
  await db.transaction(async (tx) => {
    const [review] = await tx.select({ id: reviews.id, status: reviews.status }).from(reviews).where(eq(reviews.id, opts.reviewId)).for("update");
    if (!review) throw new NotFoundError();
    if (review.status === opts.status) return;
    await tx.update(reviews).set({ status: opts.status }).where(eq(reviews.id, review.id));
    await audit(tx, {
      actorId: actor?.id ?? null,
      action: opts.status === "hidden" ? "review.hide" : "review.publish",
      targetType: "review",
      targetId: review.id,
      before: { status: review.status },
      after: { status: opts.status },
    });
  });
}

const publicColumns = {
  id: reviews.id,
  rating: reviews.rating,
  body: reviews.body,
  authorName: reviews.authorName,
  reply: reviews.reply,
  repliedAt: reviews.repliedAt,
  createdAt: reviews.createdAt,
  productSlug: products.slug,
  productTitleFr: products.titleFr,
  productTitleAr: products.titleAr,
};

function clampPage(page: number) {
  return Number.isInteger(page) && page >= 1 ? Math.min(page, 10_000) : 1;
}

async function publishedPage(db: DbOrTx, where: SQL, page: number) {
  const p = clampPage(page);
  const filter = and(where, eq(reviews.status, "published"))!;
  const [items, [{ total }]] = await Promise.all([
    db
      .select(publicColumns)
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .where(filter)
      .orderBy(desc(reviews.createdAt), desc(reviews.id))
      .limit(REVIEWS_PER_PAGE)
      .offset((p - 1) * REVIEWS_PER_PAGE),
    db.select({ total: count() }).from(reviews).where(filter),
  ]);
  return { items, page: p, pageCount: Math.max(1, Math.ceil(total / REVIEWS_PER_PAGE)), total };
}

/** A product page's reviews, newest first, ten a page; hidden ones are left out. */
export function productReviews(db: DbOrTx, productId: string, page = 1) {
  return publishedPage(db, eq(reviews.productId, productId), page);
}

/** A shop page's reviews, over all the cooperative's products, each with its product. */
export function shopReviews(db: DbOrTx, organizationId: string, page = 1) {
  return publishedPage(db, eq(reviews.organizationId, organizationId), page);
}

export type ReviewPage = Awaited<ReturnType<typeof productReviews>>;

/** The average (one decimal) and count of published reviews, and how many gave each number of stars. */
export async function ratingSummary(db: DbOrTx, of: { productId: string } | { organizationId: string }) {
  const where = "productId" in of ? eq(reviews.productId, of.productId) : eq(reviews.organizationId, of.organizationId);
  const rows = await db
    .select({ rating: reviews.rating, n: count() })
    .from(reviews)
    .where(and(where, eq(reviews.status, "published")))
    .groupBy(reviews.rating);
  const distribution: Record<1 | 2 | 3 | 4 | 5, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of rows) distribution[r.rating as 1 | 2 | 3 | 4 | 5] = r.n;
  const total = rows.reduce((n, r) => n + r.n, 0);
  const sum = rows.reduce((n, r) => n + r.rating * r.n, 0);
  return { count: total, average: total ? Math.round((sum / total) * 10) / 10 : null, distribution };
}

export type RatingSummary = Awaited<ReturnType<typeof ratingSummary>>;

/** The reviews of one order, for its tracking page (the buyer sees their own even when hidden). */
export async function orderReviews(db: DbOrTx, vendorOrderId: string) {
  return db
    .select({ id: reviews.id, productId: reviews.productId, rating: reviews.rating, body: reviews.body, status: reviews.status, reply: reviews.reply, createdAt: reviews.createdAt })
    .from(reviews)
    .where(eq(reviews.vendorOrderId, vendorOrderId));
}

/** A cooperative's own reviews (hidden ones too), for its members to read and answer. */
export async function listCooperativeReviews(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; page?: number }) {
  const { db, actor } = opts;
  const { org, role } = await loadOrganization(db, opts.cooperativeSlug, actor);
  authorize(actor, "org.orders.manage", { membershipRole: role });
  const p = clampPage(opts.page ?? 1);
  const [items, [{ total }], summary] = await Promise.all([
    db
      .select({ ...publicColumns, status: reviews.status, orderNumber: vendorOrders.number })
      .from(reviews)
      .innerJoin(products, eq(products.id, reviews.productId))
      .innerJoin(vendorOrders, eq(vendorOrders.id, reviews.vendorOrderId))
      .where(eq(reviews.organizationId, org.id))
      // Those still waiting for an answer first.
      .orderBy(sql`${reviews.reply} is null desc`, desc(reviews.createdAt), desc(reviews.id))
      .limit(REVIEWS_PER_PAGE)
      .offset((p - 1) * REVIEWS_PER_PAGE),
    db.select({ total: count() }).from(reviews).where(eq(reviews.organizationId, org.id)),
    ratingSummary(db, { organizationId: org.id }),
  ]);
  return {
    cooperative: { id: org.id, slug: org.slug, name: org.name, nameAr: org.nameAr },
    reviews: { items, page: p, pageCount: Math.max(1, Math.ceil(total / REVIEWS_PER_PAGE)), total },
    summary,
  };
}

/** A published review someone may report (the report page shows what it is about). */
export async function findReportableReview(db: DbOrTx, reviewId: string) {
  if (!isUuid(reviewId)) throw new NotFoundError();
  const [row] = await db
    .select({ id: reviews.id, authorName: reviews.authorName, rating: reviews.rating, productSlug: products.slug, productTitleFr: products.titleFr, productTitleAr: products.titleAr })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .where(and(eq(reviews.id, reviewId), eq(reviews.status, "published")));
  if (!row) throw new NotFoundError();
  return row;
}

/** What the admins' report queue shows of reported reviews, by id. */
export async function reviewsForReports(db: DbOrTx, reviewIds: string[]) {
  const rows = reviewIds.length === 0 ? [] : await db
    .select({
      id: reviews.id,
      rating: reviews.rating,
      body: reviews.body,
      authorName: reviews.authorName,
      status: reviews.status,
      reply: reviews.reply,
      productSlug: products.slug,
      productTitle: products.titleFr,
      cooperativeName: organizations.name,
      cooperativeSlug: organizations.slug,
    })
    .from(reviews)
    .innerJoin(products, eq(products.id, reviews.productId))
    .innerJoin(organizations, eq(organizations.id, reviews.organizationId))
    .where(inArray(reviews.id, reviewIds));
  return new Map(rows.map((r) => [r.id, r]));
}
