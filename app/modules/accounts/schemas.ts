import { z } from "zod";
import { LOCALES } from "../../../db/schema/enums";
import { isCommonPassword } from "./common-passwords";

// Length in characters (code points), so Arabic and Tifinagh count as characters, not bytes.
const chars = (s: string) => [...s].length;

export const passwordSchema = z
  .string({ required_error: "errors.required" })
  .refine((p) => chars(p) >= 8, "errors.passwordTooShort")
  .refine((p) => chars(p) <= 128, "errors.passwordTooLong")
  .refine((p) => !isCommonPassword(p), "errors.passwordCommon");

export const emailSchema = z
  .string({ required_error: "errors.required" })
  .trim()
  .toLowerCase()
  .max(254, "errors.tooLong")
  .email("errors.email");

export const signUpSchema = z.object({
  name: z.string({ required_error: "errors.required" }).trim().min(2, "errors.tooShort").max(120, "errors.tooLong"),
  email: emailSchema,
  password: passwordSchema,
  consent: z.literal("on", { errorMap: () => ({ message: "errors.consentRequired" }) }),
});

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(1024, "errors.tooLong"),
  redirectTo: z.string().optional(),
});

export const requestResetSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({ token: z.string().min(1, "errors.invalid"), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.passwordMismatch" });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
    password: passwordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "errors.passwordMismatch" });

export const deleteAccountSchema = z.object({
  password: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
  confirm: z.literal("on", { errorMap: () => ({ message: "errors.confirmRequired" }) }),
});

export const localeSchema = z.object({
  locale: z.enum(LOCALES, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
});
