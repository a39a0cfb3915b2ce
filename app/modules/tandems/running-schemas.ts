// What the running tandem's forms accept (issue 5, items 3–4). Error messages are translation keys.
import { z } from "zod";
import { SKILLS } from "../organizations/vocabulary";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]);
const optionalText = (max: number, key: string) =>
  z
    .string()
    .trim()
    .max(max, key)
    .optional()
    .transform((v) => v || null);
const int = (key: string) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? 0 : v), z.coerce.number({ invalid_type_error: key }).int(key));

/** Over 12 hours is not a session (the database says so too). */
export const MAX_SESSION_MINUTES = 720;
export const MAX_FILES_PER_SESSION = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export const sessionSchema = z
  .object({
    heldOn: z.string({ required_error: "running.errors.date" }).trim().refine(isDate, "running.errors.date"),
    hours: int("running.errors.duration").pipe(z.number().min(0, "running.errors.duration").max(12, "running.errors.tooLong")),
    minutes: int("running.errors.duration").pipe(z.number().min(0, "running.errors.duration").max(59, "running.errors.duration")),
    topic: z.string({ required_error: "running.errors.topic" }).trim().min(3, "running.errors.topic").max(200, "running.errors.topic"),
    participants: optionalText(500, "running.errors.tooLong"),
    notes: optionalText(4000, "running.errors.tooLong"),
    volunteerEmails: z.preprocess(list, z.array(z.string().trim().toLowerCase().email("running.errors.volunteer")).max(20)),
  })
  .transform(({ hours, minutes, ...rest }) => ({ ...rest, totalMinutes: hours * 60 + minutes }))
  .superRefine((v, ctx) => {
    if (v.totalMinutes <= 0) ctx.addIssue({ code: "custom", path: ["hours"], message: "running.errors.duration" });
    else if (v.totalMinutes > MAX_SESSION_MINUTES) ctx.addIssue({ code: "custom", path: ["hours"], message: "running.errors.tooLong" });
  });
export type SessionInput = z.output<typeof sessionSchema>;

export const messageSchema = z.object({
  body: z.string({ required_error: "running.errors.message" }).trim().min(1, "running.errors.message").max(5000, "running.errors.messageLength"),
});

const score = (key: string) => z.coerce.number({ invalid_type_error: key }).int(key).min(1, key).max(5, key);

export const midtermSchema = z.object({
  onTrack: z.enum(["yes", "no"], { errorMap: () => ({ message: "evaluations.errors.onTrack" }) }).transform((v) => v === "yes"),
  satisfaction: score("evaluations.errors.satisfaction"),
  toChange: optionalText(2000, "evaluations.errors.tooLong"),
});
export type MidtermInput = z.output<typeof midtermSchema>;

/**
 * The final evaluation. The partner (association or cooperative) also rates itself on each skill domain of
 * the tandem, before and after (fields `before.<skill>` and `after.<skill>`, 1–5): checked against the
 * tandem's skills on the server.
 */
export const finalSchema = z.object({
  onTrack: z.enum(["yes", "no"], { errorMap: () => ({ message: "evaluations.errors.achieved" }) }).transform((v) => v === "yes"),
  satisfaction: score("evaluations.errors.satisfaction"),
  transferred: z.string({ required_error: "evaluations.errors.transferred" }).trim().min(10, "evaluations.errors.transferred").max(4000, "evaluations.errors.tooLong"),
  toChange: optionalText(2000, "evaluations.errors.tooLong"),
});
export type FinalInput = z.output<typeof finalSchema> & { selfAssessment?: Record<string, { before: number; after: number }> };

/** The partner's self-assessment from form values, or the fields in error. */
export function parseSelfAssessment(values: Record<string, unknown>, skills: readonly string[]) {
  const result: Record<string, { before: number; after: number }> = {};
  const errors: Record<string, string[]> = {};
  for (const skill of skills) {
    if (!(SKILLS as readonly string[]).includes(skill)) continue;
    const pair = { before: Number(values[`before.${skill}`]), after: Number(values[`after.${skill}`]) };
    for (const k of ["before", "after"] as const) {
      if (!Number.isInteger(pair[k]) || pair[k] < 1 || pair[k] > 5) errors[`${k}.${skill}`] = ["evaluations.errors.selfAssessment"];
    }
    result[skill] = pair;
  }
  return Object.keys(errors).length ? { ok: false as const, errors } : { ok: true as const, data: result };
}
