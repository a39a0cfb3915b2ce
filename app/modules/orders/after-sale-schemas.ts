// Forms of what follows a delivery: the buyer's return request and reviews (from the tracking page), the
// cooperative's decision and reply, an admin hiding a review. Browser-safe; messages are translation keys.
import { z } from "zod";

export const RETURN_WINDOW_DAYS = 7;
export const REVIEW_MAX_CHARS = 2000;
export const REVIEWS_PER_PAGE = 10;

/** Characters as a person counts them (an Arabic letter or an emoji is one), not UTF-16 units. */
const chars = (s: string) => [...s].length;

const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || chars(v) <= max, key)
    .transform((v) => v || null);

/**
 * A return request: one number field per item, named `qty.<orderItemId>` (0 = keep it), and a reason.
 * Items left at 0 are dropped; at least one unit must be chosen.
 */
export const returnRequestSchema = z.preprocess(
  (raw) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const items = Object.entries(r)
      .filter(([k]) => k.startsWith("qty."))
      .map(([k, v]) => ({ orderItemId: k.slice(4), quantity: v }));
    return { reason: r.reason, items };
  },
  z.object({
    reason: z
      .string({ required_error: "reviews.errors.returnReason" })
      .trim()
      .min(5, "reviews.errors.returnReason")
      .refine((v) => chars(v) <= REVIEW_MAX_CHARS, "errors.tooLong"),
    items: z
      .array(
        z.object({
          orderItemId: z.string().uuid("reviews.errors.returnItem"),
          quantity: z
            .string({ invalid_type_error: "reviews.errors.returnQuantity", required_error: "reviews.errors.returnQuantity" })
            .trim()
            // An emptied field is "none"; anything but a whole number from 0 to 99 is refused.
            .regex(/^\d{0,2}$/, "reviews.errors.returnQuantity")
            .transform((v) => Number(v || "0")),
        }),
      )
      .transform((items) => items.filter((i) => i.quantity > 0))
      .refine((items) => items.length > 0, "reviews.errors.returnNothing"),
  }),
);
export type ReturnRequestInput = z.output<typeof returnRequestSchema>;

/** The cooperative accepts (an optional note) or refuses (a reason the buyer reads) a return. */
export const returnDecisionSchema = z.discriminatedUnion(
  "decision",
  [
    z.object({
      decision: z.literal("accepted"),
      returnRequestId: z.string().uuid("errors.invalid"),
      reason: optionalText(REVIEW_MAX_CHARS, "errors.tooLong"),
    }),
    z.object({
      decision: z.literal("refused"),
      returnRequestId: z.string().uuid("errors.invalid"),
      reason: z
        .string({ required_error: "reviews.errors.refusalReason" })
        .trim()
        .min(5, "reviews.errors.refusalReason")
        .refine((v) => chars(v) <= REVIEW_MAX_CHARS, "errors.tooLong"),
    }),
  ],
  { errorMap: () => ({ message: "errors.invalidChoice" }) },
);
export type ReturnDecisionInput = z.output<typeof returnDecisionSchema>;

/** A verified buyer's review of one product of the order: 1 to 5 whole stars, optional text. */
export const reviewSchema = z.object({
  productId: z.string({ required_error: "errors.invalid" }).uuid("errors.invalid"),
  rating: z
    .string({ required_error: "reviews.errors.rating", invalid_type_error: "reviews.errors.rating" })
    .regex(/^[1-5]$/, "reviews.errors.rating")
    .transform(Number),
  body: optionalText(REVIEW_MAX_CHARS, "reviews.errors.bodyTooLong"),
});
export type ReviewInput = z.output<typeof reviewSchema>;

/** The cooperative's one public reply under a review. */
export const replySchema = z.object({
  reviewId: z.string().uuid("errors.invalid"),
  reply: z
    .string({ required_error: "reviews.errors.replyRequired" })
    .trim()
    .min(2, "reviews.errors.replyRequired")
    .refine((v) => chars(v) <= REVIEW_MAX_CHARS, "reviews.errors.bodyTooLong"),
});

/** An admin hides a reported review (or publishes it again). */
export const reviewStatusSchema = z.object({
  reviewId: z.string().uuid("errors.invalid"),
  status: z.enum(["published", "hidden"], { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  reportId: z.string().uuid("errors.invalid").optional(),
});

/** `?avis=3`: the page of reviews asked for, 1 when absent or nonsense. */
export function reviewPage(url: URL | string, param = "avis"): number {
  const raw = new URL(url, "http://x").searchParams.get(param) ?? "";
  const n = /^\d{1,4}$/.test(raw) ? Number(raw) : 1;
  return n >= 1 ? n : 1;
}
