// What the tracking page offers once the parcel has arrived: a return (while the 7 days run) and a
// review per product. Read beside getTracking, from the same token.
import type { DbOrTx } from "../../../db/client";
import { orderReturns, returnBlock, returnDeadline } from "./returns.server";
import { orderReviews } from "./reviews.server";
import type { Tracking } from "./tracking.server";

export async function afterDelivery(db: DbOrTx, tracking: Tracking, now = new Date()) {
  const { order, items } = tracking;
  const delivered = order.deliveredAt ? new Date(order.deliveredAt) : null;
  const [requests, reviews] = await Promise.all([orderReturns(db, order.id), delivered ? orderReviews(db, order.id) : Promise.resolve([])]);
  const returnable = items
    .filter((i) => !i.perishable && i.quantity - i.returnedQuantity > 0)
    .map((i) => ({ orderItemId: i.id, max: i.quantity - i.returnedQuantity }));
  const block = returnBlock({ status: order.status, deliveredAt: delivered }, now);
  const openRequest = requests.some((r) => r.status === "requested");
  // One review per product, even when the order has two sizes of it.
  const productIds = [...new Set(items.map((i) => i.productId).filter((id): id is string => id !== null))];
  return {
    returns: {
      deadline: delivered ? returnDeadline(delivered) : null,
      // The form shows only when a request could be accepted now.
      canRequest: block === null && !openRequest && returnable.length > 0,
      block: block ?? (openRequest ? ("open" as const) : returnable.length === 0 ? ("nothing" as const) : null),
      returnable,
      hasPerishable: items.some((i) => i.perishable),
      requests,
    },
    reviews: {
      canReview: delivered !== null,
      products: productIds.map((productId) => {
        const item = items.find((i) => i.productId === productId)!;
        return { productId, titleFr: item.titleFr, titleAr: item.titleAr, review: reviews.find((r) => r.productId === productId) ?? null };
      }),
    },
  };
}

export type AfterDelivery = Awaited<ReturnType<typeof afterDelivery>>;
