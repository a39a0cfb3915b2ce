// What an agreement form and its actions accept (issue 5, item 2). Error messages are translation keys.
import { z } from "zod";

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "agreements.errors.tooLong");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "agreements.errors.date").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "agreements.errors.date");

/** Two years, in days: the longest an agreement may run. */
export const MAX_AGREEMENT_DAYS = 731;
export const MAX_VOLUNTEERS = 20;

export const agreementSchema = z
  .object({
    objectives: z.string().trim().min(20, "agreements.errors.objectivesLength").max(4000, "agreements.errors.objectivesLength"),
    deliverables: text(4000).optional().transform((v) => v || null),
    hoursCommitted: z.coerce
      .number({ invalid_type_error: "agreements.errors.hours" })
      .int("agreements.errors.hours")
      .min(1, "agreements.errors.hours")
      .max(2000, "agreements.errors.hours"),
    startDate: isoDate,
    endDate: isoDate,
    focalPersonId: z.string().uuid("agreements.errors.focalPerson"),
    confidentialityNote: text(2000).optional().transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    const days = (Date.parse(v.endDate) - Date.parse(v.startDate)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: "custom", path: ["endDate"], message: "agreements.errors.endBeforeStart" });
    else if (days > MAX_AGREEMENT_DAYS) ctx.addIssue({ code: "custom", path: ["endDate"], message: "agreements.errors.tooLongPeriod" });
  });
export type AgreementInput = z.output<typeof agreementSchema>;

export const approveSchema = z.object({ version: z.coerce.number().int().min(1) });

export const volunteerSchema = z.object({
  email: z.string().trim().toLowerCase().email("agreements.errors.email").max(254, "agreements.errors.email"),
  name: z.string().trim().min(2, "agreements.errors.name").max(120, "agreements.errors.name"),
});

export const endEarlySchema = z.object({
  reason: z.string().trim().min(10, "agreements.errors.reason").max(1000, "agreements.errors.reason"),
});
