import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { PAYMENT_METHODS } from "../../../db/schema/enums";
import { ICE_PATTERN, normalizeDigits } from "../organizations/identifiers";

const text = (min: number, max: number) =>
  z
    .string({ required_error: "errors.required", invalid_type_error: "errors.required" })
    .trim()
    .min(min, min <= 1 ? "errors.required" : "errors.tooShort")
    .max(max, "errors.tooLong");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => v || null);

/** A quantity typed or tampered with: whole, 1 to 99 (0 where removing is allowed). */
export const quantityField = (min: 0 | 1) =>
  z
    .string({ required_error: "cart.errors.quantity", invalid_type_error: "cart.errors.quantity" })
    .trim()
    .regex(/^[0-9]{1,3}$/, "cart.errors.quantity")
    .transform(Number)
    .pipe(z.number().int().min(min, "cart.errors.quantity").max(99, "cart.errors.quantity"));

const variantId = z.string({ required_error: "cart.errors.unavailable" }).uuid("cart.errors.unavailable");

export const cartAddSchema = z.object({ intent: z.literal("add"), variantId, quantity: quantityField(1) });
export const cartSetSchema = z.object({ intent: z.literal("set"), variantId, quantity: quantityField(0) });
export const cartRemoveSchema = z.object({ intent: z.literal("remove"), variantId });
export const cartSchema = z.discriminatedUnion("intent", [cartAddSchema, cartSetSchema, cartRemoveSchema], {
  errorMap: () => ({ message: "errors.invalid" }),
});

/** Any number a phone can call: the diaspora buys for family in Morocco from abroad. */
const phone = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .max(30, "errors.phone")
  .transform((v, ctx) => {
    const parsed = parsePhoneNumberFromString(v, "MA");
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.phone" });
      return z.NEVER;
    }
    return parsed.number;
  });

export const checkoutSchema = z.object({
  name: text(2, 100),
  phone,
  email: z.string({ required_error: "errors.required" }).trim().toLowerCase().max(254, "errors.tooLong").email("errors.email"),
  // Deliveries are in Morocco only: a region among the twelve, checked again against the reference table.
  country: z.literal("MA", { errorMap: () => ({ message: "orders.errors.outsideMorocco" }) }),
  regionCode: z.string({ required_error: "errors.required" }).regex(/^(0[1-9]|1[0-2])$/, "orders.errors.outsideMorocco"),
  city: text(2, 80),
  addressLine: text(5, 200),
  postalCode: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^[0-9]{5}$/.test(v), "orders.errors.postalCode"),
  companyName: optionalText(150),
  companyIce: z
    .string()
    .optional()
    .transform((v) => (v ? normalizeDigits(v) : null))
    .refine((v) => v === null || ICE_PATTERN.test(v), "errors.iceFormat"),
  paymentMethod: z.enum(PAYMENT_METHODS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  acceptTerms: z.literal("on", { errorMap: () => ({ message: "orders.errors.acceptTerms" }) }),
  // The total the buyer saw: if prices moved since, the checkout stops and shows the cart again.
  expectedTotal: z.coerce.number({ invalid_type_error: "errors.invalid" }).int().nonnegative(),
});
export type CheckoutInput = z.output<typeof checkoutSchema>;
