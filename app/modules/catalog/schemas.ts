import { z } from "zod";
import { PRODUCT_CATEGORIES, VARIANT_UNITS } from "../../../db/schema/enums";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => v || null);

/** "49,90", "49.90", "1 200" or "1200" MAD → integer centimes; anything else is refused. */
export const priceField = z
  .string({ required_error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform((v) => v.replace(/[\s\u00a0\u202f]/g, "").replace(",", "."))
  .refine((v) => /^\d{1,6}(\.\d{1,2})?$/.test(v), "errors.priceInvalid")
  .transform((v) => Math.round(Number(v) * 100))
  .refine((c) => c > 0, "errors.priceInvalid");

export const productSchema = z.object({
  titleFr: z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(120, "errors.tooLong"),
  titleAr: optionalText(120),
  descriptionFr: optionalText(4000),
  descriptionAr: optionalText(4000),
  category: z.enum(PRODUCT_CATEGORIES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  // A form sends one checkbox as a string and several as a list.
  qualitySigns: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.string().max(100)).max(5, "errors.tooMany")),
  organic: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  onssaNumber: optionalText(60),
});

export const variantSchema = z.object({
  unit: z.enum(VARIANT_UNITS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  size: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").min(1, "errors.invalid").max(1_000_000, "errors.invalid"),
  price: priceField,
  stock: z.coerce.number({ invalid_type_error: "errors.invalid" }).int("errors.invalid").min(0, "errors.invalid").max(1_000_000, "errors.invalid"),
  lot: optionalText(60),
  bestBefore: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v), "errors.invalid"),
});
