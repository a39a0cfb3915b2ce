// What a call, its grid and its required documents accept (issue 6, item 1). Error messages are translation
// keys. Instants arrive as Morocco wall-clock times ("2026-06-30T20:00") and leave as Dates.
import { z } from "zod";
import { CALL_KINDS, DOCUMENT_KINDS, ORGANIZATION_KINDS } from "../../../db/schema/enums";
import { moroccoLocalToInstant } from "~/lib/morocco-time";

/** What an upload may be, by name; the server checks the bytes against it (decision 017). */
export const DOCUMENT_FORMATS = ["pdf", "jpeg", "png", "docx", "xlsx"] as const;
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

const text = (min: number, max: number, key: string) => z.string({ required_error: key }).trim().min(min, key).max(max, key);
const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]);
const moroccoInstant = z
  .string({ required_error: "calls.errors.instant" })
  .trim()
  .transform((v, ctx) => {
    const at = moroccoLocalToInstant(v);
    if (!at) {
      ctx.addIssue({ code: "custom", message: "calls.errors.instant" });
      return z.NEVER;
    }
    return at;
  });

export const callSchema = z
  .object({
    code: z
      .string({ required_error: "calls.errors.code" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z][A-Z0-9]{1,15}-\d{4}$/, "calls.errors.code"),
    kind: z.enum(CALL_KINDS, { errorMap: () => ({ message: "calls.errors.kind" }) }),
    audience: z.preprocess(list, z.array(z.enum(ORGANIZATION_KINDS, { errorMap: () => ({ message: "calls.errors.audience" }) })).min(1, "calls.errors.audience").max(4)),
    titleFr: text(5, 200, "calls.errors.title"),
    titleAr: text(5, 200, "calls.errors.title"),
    descriptionFr: text(20, 8000, "calls.errors.description"),
    descriptionAr: text(20, 8000, "calls.errors.description"),
    opensAt: moroccoInstant,
    closesAt: moroccoInstant,
    seats: z.coerce.number({ invalid_type_error: "calls.errors.seats" }).int("calls.errors.seats").min(1, "calls.errors.seats").max(10_000, "calls.errors.seats"),
    labelValidityMonths: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.coerce.number({ invalid_type_error: "calls.errors.validity" }).int("calls.errors.validity").min(1, "calls.errors.validity").max(120, "calls.errors.validity").nullable(),
    ),
    disagreementThreshold: z.coerce.number({ invalid_type_error: "calls.errors.threshold" }).min(0, "calls.errors.threshold").max(100, "calls.errors.threshold").default(20),
    observationDays: z.coerce.number({ invalid_type_error: "calls.errors.observation" }).int("calls.errors.observation").min(0, "calls.errors.observation").max(90, "calls.errors.observation").default(10),
  })
  .superRefine((v, ctx) => {
    // An instant already refused above is not compared.
    if (v.opensAt instanceof Date && v.closesAt instanceof Date && v.closesAt.getTime() <= v.opensAt.getTime()) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "calls.errors.closesBeforeOpens" });
    if (v.kind === "label" && v.labelValidityMonths === null) ctx.addIssue({ code: "custom", path: ["labelValidityMonths"], message: "calls.errors.validity" });
  });
export type CallInput = z.output<typeof callSchema>;

const id = z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, "calls.errors.gridId");

/** One grid, as the editor sends it; validateGrid (scoring.ts) then checks weights, maxima and minimums. */
export const gridSchema = z
  .array(
    z.object({
      id,
      titleFr: text(2, 200, "calls.errors.gridTitle"),
      titleAr: text(2, 200, "calls.errors.gridTitle"),
      weight: z.coerce.number({ invalid_type_error: "calls.errors.sectionWeight" }),
      criteria: z
        .array(
          z.object({
            id,
            titleFr: text(2, 300, "calls.errors.gridTitle"),
            titleAr: text(2, 300, "calls.errors.gridTitle"),
            max: z.coerce.number({ invalid_type_error: "calls.errors.criterionMax" }),
            minimum: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number({ invalid_type_error: "calls.errors.criterionMinimum" }).nullable()),
            guidanceFr: text(0, 2000, "calls.errors.tooLong").nullable().default(null),
            guidanceAr: text(0, 2000, "calls.errors.tooLong").nullable().default(null),
            questions: z
              .array(z.object({ id, labelFr: text(2, 500, "calls.errors.gridTitle"), labelAr: text(2, 500, "calls.errors.gridTitle"), maxLength: z.coerce.number().int().min(50).max(10_000) }))
              .max(10)
              .default([]),
          }),
        )
        .max(30),
    }),
  )
  .max(12);

export const requirementSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS, { errorMap: () => ({ message: "calls.errors.documentKind" }) }),
  labelFr: text(2, 200, "calls.errors.gridTitle"),
  labelAr: text(2, 200, "calls.errors.gridTitle"),
  formats: z.array(z.enum(DOCUMENT_FORMATS)).min(1, "calls.errors.formats"),
  maxBytes: z.coerce.number().int().min(1024).max(MAX_DOCUMENT_BYTES, "calls.errors.maxBytes"),
  required: z.boolean().default(true),
});
export type RequirementInput = z.output<typeof requirementSchema>;
