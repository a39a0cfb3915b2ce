import { z } from "zod";
import { REPORT_REASONS, REPORT_TARGETS } from "../../../db/schema/enums";

export const reportSchema = z.object({
  targetType: z.enum(REPORT_TARGETS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  targetId: z.string().uuid("errors.invalid"),
  reason: z.enum(REPORT_REASONS, { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  details: z
    .string()
    .trim()
    .max(2000, "errors.tooLong")
    .optional()
    .transform((v) => v || null),
});

export const decisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("verified"), organizationId: z.string().uuid(), reason: z.string().optional() }),
  z.object({
    decision: z.literal("refused"),
    organizationId: z.string().uuid(),
    reason: z.string({ required_error: "errors.reasonRequired" }).trim().min(5, "errors.reasonRequired").max(2000, "errors.tooLong"),
  }),
]);

export const resolveReportSchema = z.object({
  reportId: z.string().uuid(),
  status: z.enum(["resolved", "dismissed"]),
});
