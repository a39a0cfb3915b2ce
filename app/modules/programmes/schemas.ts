// Forms of the incubation programmes (issue 7, item 3); messages are translation keys.
import { z } from "zod";
import { SESSION_MINUTES_MAX, SESSION_MINUTES_MIN } from "../../../db/schema/programmes";

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "incubation.errors.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "incubation.errors.date");
const text = (max: number) => z.string().trim().min(1, "errors.required").max(max, "errors.tooLong");
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .optional()
    .transform((v) => (v ? v : null));
const uuid = z.string().uuid("errors.invalid");

export const programmeSchema = z
  .object({
    nameFr: text(160),
    nameAr: text(160),
    descriptionFr: optionalText(4000).transform((v) => v ?? ""),
    descriptionAr: optionalText(4000).transform((v) => v ?? ""),
    startsOn: isoDate,
    endsOn: isoDate,
    callCode: optionalText(40),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], message: "incubation.errors.period" });
export type ProgrammeInput = z.output<typeof programmeSchema>;

export const admitSchema = z.object({ organizationSlug: text(120) });
export const coachSchema = z.object({ email: z.string().trim().toLowerCase().email("errors.email").max(254, "errors.tooLong") });

export const sessionSchema = z.object({
  organizationId: uuid,
  // Only when an operator logs for a coach; a coach logs their own sessions.
  coachId: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(uuid.nullable()),
  heldOn: isoDate,
  minutes: z.coerce
    .number({ invalid_type_error: "incubation.errors.minutes" })
    .int("incubation.errors.minutes")
    .min(SESSION_MINUTES_MIN, "incubation.errors.minutes")
    .max(SESSION_MINUTES_MAX, "incubation.errors.minutes"),
  topic: text(300),
  nextSteps: optionalText(2000),
});
export type SessionInput = z.output<typeof sessionSchema>;

export const milestoneSchema = z.object({ organizationId: uuid, title: text(200), dueOn: isoDate });
export type MilestoneInput = z.output<typeof milestoneSchema>;
