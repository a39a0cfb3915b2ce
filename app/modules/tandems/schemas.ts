// What a tandem proposal and its answer accept (issue 5). Error messages are translation keys.
import { z } from "zod";
import { TANDEM_DECLINE_REASONS, TANDEM_FORMATS } from "../../../db/schema/enums";
import { SKILLS } from "../organizations/vocabulary";

// A period cannot start before today in Morocco; the tandems' modules read it from here.
import { todayInMorocco } from "~/lib/morocco-time";
export { todayInMorocco };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
const date = z
  .string({ required_error: "tandems.errors.date", invalid_type_error: "tandems.errors.date" })
  .trim()
  .refine(isDate, "tandems.errors.date");

/** A form sends one checkbox as a string, several as a list, none at all as nothing. */
const list = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]);
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const MAX_PERIOD_DAYS = 731; // two years

const proposalFields = z.object({
    skills: z.preprocess(
      list,
      z
        .array(z.enum(SKILLS, { errorMap: () => ({ message: "tandems.errors.skill" }) }), { invalid_type_error: "tandems.errors.skills" })
        .min(1, "tandems.errors.skills")
        .max(10, "tandems.errors.skills")
        .transform((skills) => [...new Set(skills)].sort()),
    ),
    objectives: z
      .string({ required_error: "errors.required", invalid_type_error: "errors.required" })
      .trim()
      .min(20, "tandems.errors.objectives")
      .max(2000, "errors.tooLong"),
    expectedHours: z.preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? Number(v.trim().replace(",", ".")) : blankToUndefined(v)),
      z
        .number({ required_error: "tandems.errors.hours", invalid_type_error: "tandems.errors.hours" })
        .int("tandems.errors.hours")
        .min(1, "tandems.errors.hours")
        .max(2000, "tandems.errors.hours"),
    ),
    periodStart: date,
    periodEnd: date,
    format: z.enum(TANDEM_FORMATS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
    message: z.preprocess(blankToUndefined, z.string().trim().max(2000, "errors.tooLong").optional()),
});
export type ProposalInput = z.output<typeof proposalFields>;

/** The period's checks, run even when another field is wrong, so the form shows every error at once. */
function periodIssues(start: unknown, end: unknown) {
  const issues: { path: string; message: string }[] = [];
  const s = typeof start === "string" ? start.trim() : "";
  const e = typeof end === "string" ? end.trim() : "";
  if (isDate(s) && s < todayInMorocco()) issues.push({ path: "periodStart", message: "tandems.errors.startPast" });
  if (isDate(s) && isDate(e)) {
    if (e < s) issues.push({ path: "periodEnd", message: "tandems.errors.endBeforeStart" });
    else if ((Date.parse(e) - Date.parse(s)) / 86_400_000 > MAX_PERIOD_DAYS) issues.push({ path: "periodEnd", message: "tandems.errors.tooLong" });
  }
  return issues;
}

export const proposalSchema = z.record(z.unknown()).transform((raw, ctx): ProposalInput => {
  const parsed = proposalFields.safeParse(raw);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue(issue);
  for (const issue of periodIssues(raw.periodStart, raw.periodEnd)) ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message });
  return parsed.success ? parsed.data : z.NEVER;
});

export const answerSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), tandemId: z.string().uuid("errors.invalid") }),
  z.object({ intent: z.literal("withdraw"), tandemId: z.string().uuid("errors.invalid") }),
  z.object({
    intent: z.literal("decline"),
    tandemId: z.string().uuid("errors.invalid"),
    reason: z.enum(TANDEM_DECLINE_REASONS, { errorMap: () => ({ message: "tandems.errors.reason" }) }),
    text: z.preprocess(blankToUndefined, z.string().trim().max(2000, "errors.tooLong").optional()),
  }),
]);
