import { moroccoLocalToInstant } from "./morocco-time";
import { z } from "zod";

export type FieldErrors = Record<string, string[]>;
export type FormResult<T> =
  | { ok: true; data: T }
  | { ok: false; errors: FieldErrors; values: Record<string, string | string[]> };

/** Form values as the person typed them, so a failed submission can be shown again without loss. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (/password|token|^logo$/i.test(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = all.length > 1 ? all : (all[0] ?? "");
  }
  return values;
}

/**
 * Parses a submission with one zod schema. Error messages in schemas are translation keys
 * (`errors.*`), translated where they are shown.
 */
export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.output<S>> {
  const raw: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key);
    // No text field may hold a NUL: PostgreSQL refuses it, and no person types one.
    if (all.some((v) => typeof v === "string" && v.includes("\u0000"))) errors[key] = ["errors.invalid"];
    raw[key] = all.length > 1 || key.endsWith("[]") ? all : all[0];
  }
  if (Object.keys(errors).length) return { ok: false, errors, values: formValues(formData) };
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    // Error keys live under `errors.*`, or under a feature's own `<feature>.errors.*`.
    const message = /^([a-z]+\.)?errors\./i.test(issue.message) ? issue.message : defaultKey(issue);
    (errors[field] ??= []).push(message);
  }
  return { ok: false, errors, values: formValues(formData) };
}

function defaultKey(issue: z.ZodIssue): string {
  if (issue.code === "invalid_type" && issue.received === "undefined") return "errors.required";
  if (issue.code === "too_small") return "errors.tooShort";
  if (issue.code === "too_big") return "errors.tooLong";
  if (issue.code === "invalid_enum_value") return "errors.invalidChoice";
  return "errors.invalid";
}

/** A Morocco wall-clock time as a datetime-local field sends it ("2026-06-30T20:00"), read as the instant it is. */
export const moroccoInstant = (message: string) =>
  z
    .string({ required_error: message })
    .trim()
    .transform((v, ctx) => {
      const at = moroccoLocalToInstant(v);
      if (!at) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return at;
    });
