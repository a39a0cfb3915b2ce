import { z } from "zod";
import { IDENTIFIER_TYPES, MEMBERSHIP_ROLES, ORGANIZATION_KINDS } from "../../../db/schema/enums";
import { ICE_PATTERN, normalizeDigits, parseMoroccanPhone, ribValid } from "./identifiers";
import { SECTORS, SKILLS, THEMES } from "./vocabulary";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.undefined()])
  .transform((v) => v === "on" || v === "true");

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.enum(values, { errorMap: () => ({ message: "errors.invalidChoice" }) })).max(values.length));

const phone = z
  .string()
  .trim()
  .max(30, "errors.tooLong")
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const parsed = parseMoroccanPhone(v);
    if (!parsed) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "errors.phone" });
      return z.NEVER;
    }
    return parsed;
  });

const currentYear = new Date().getFullYear();

export const organizationCreateSchema = z
  .object({
    kind: z.enum(ORGANIZATION_KINDS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
    name: z.string({ required_error: "errors.required" }).trim().min(2, "errors.tooShort").max(160, "errors.tooLong"),
    regionCode: z
      .string({ required_error: "errors.required" })
      .regex(/^(0[1-9]|1[0-2])$/, "errors.invalidChoice"),
    ice: z
      .string()
      .optional()
      .transform((v) => (v ? normalizeDigits(v) : null)),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "company" && !v.ice) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["ice"], message: "errors.companyNeedsIce" });
    } else if (v.ice && !ICE_PATTERN.test(v.ice)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["ice"], message: "errors.iceFormat" });
    }
  });

export const organizationProfileSchema = z
  .object({
    name: z.string({ required_error: "errors.required" }).trim().min(2, "errors.tooShort").max(160, "errors.tooLong"),
    nameAr: optionalText(160),
    regionCode: z.string({ required_error: "errors.required" }).regex(/^(0[1-9]|1[0-2])$/, "errors.invalidChoice"),
    provinceCode: z
      .string()
      .regex(/^\d{2}\.\d{3}$/, "errors.invalidChoice")
      .optional()
      .or(z.literal("").transform(() => undefined))
      .transform((v) => v ?? null),
    city: optionalText(120),
    foundedYear: z
      .string()
      .optional()
      .transform((v) => (v ? Number(v) : null))
      .pipe(z.number({ invalid_type_error: "errors.number" }).int("errors.number").min(1900, "errors.year").max(currentYear, "errors.year").nullable()),
    membersCount: z
      .string()
      .optional()
      .transform((v) => (v ? Number(v) : null))
      .pipe(z.number({ invalid_type_error: "errors.number" }).int("errors.number").min(0, "errors.number").max(10_000_000, "errors.number").nullable()),
    womenLed: checkbox,
    themes: list(THEMES),
    sectors: list(SECTORS),
    needs: list(SKILLS),
    needsText: optionalText(1000),
    offers: list(SKILLS),
    offersText: optionalText(1000),
    descriptionFr: optionalText(5000),
    descriptionAr: optionalText(5000),
    phone,
    phonePublic: checkbox,
    whatsapp: phone,
    whatsappPublic: checkbox,
    email: z
      .string()
      .trim()
      .max(254, "errors.tooLong")
      .optional()
      .transform((v) => v || null)
      .pipe(z.string().email("errors.email").nullable()),
    emailPublic: checkbox,
    website: z
      .string()
      .trim()
      .max(300, "errors.tooLong")
      .optional()
      .transform((v) => (v ? (/^https?:\/\//i.test(v) ? v : `https://${v}`) : null))
      .pipe(z.string().url("errors.url").nullable()),
  })
  .superRefine((v, ctx) => {
    if (v.provinceCode && !v.provinceCode.startsWith(`${v.regionCode}.`)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["provinceCode"], message: "errors.provinceRegion" });
    }
  });

export const identifierSchema = z
  .object({
    type: z.enum(IDENTIFIER_TYPES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
    value: z
      .string({ required_error: "errors.required" })
      .trim()
      .min(1, "errors.required")
      .max(40, "errors.tooLong"),
  })
  .transform((v) => ({ ...v, value: v.type === "ice" ? normalizeDigits(v.value) : v.value }))
  .superRefine((v, ctx) => {
    if (v.type === "ice" && !ICE_PATTERN.test(v.value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["value"], message: "errors.iceFormat" });
    }
  });

export const bankSchema = z.object({
  bankRib: z
    .string({ required_error: "errors.required" })
    .transform(normalizeDigits)
    .refine((v) => /^[0-9]{24}$/.test(v), "errors.ribFormat")
    .refine(ribValid, "errors.ribKey"),
});

export const inviteSchema = z.object({
  email: z.string({ required_error: "errors.required" }).trim().toLowerCase().max(254, "errors.tooLong").email("errors.email"),
  role: z.enum(MEMBERSHIP_ROLES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
});

export const roleChangeSchema = z.object({
  userId: z.string().uuid("errors.invalid"),
  role: z.enum(MEMBERSHIP_ROLES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
});

export const removeIdentifierSchema = z.object({ identifierId: z.string().uuid("errors.invalid") });
export const idSchema = z.object({ id: z.string().uuid("errors.invalid") });
export const networkAnswerSchema = z.object({
  networkSlug: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
});
export const networkMemberSchema = z.object({
  memberSlug: z.string().trim().min(1, "errors.required").max(100, "errors.tooLong"),
});
