// What an event accepts (issue 7, item 1). Error messages are translation keys; instants arrive as Morocco
// wall-clock times ("2026-12-05T09:30") and leave as Dates.
import { z } from "zod";
import { EVENT_KINDS } from "../../../db/schema/enums";
import { moroccoInstant } from "~/lib/forms";
import { takesStands } from "./rules";

const text = (min: number, max: number, key: string) => z.string({ required_error: key }).trim().min(min, key).max(max, key);
const optionalText = (max: number, key: string) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), z.string().trim().max(max, key).nullable().default(null));
const places = (key: string, max: number) =>
  z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.coerce.number({ invalid_type_error: key }).int(key).min(1, key).max(max, key).nullable(),
  );

export const REGION_CODES = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"] as const;

export const eventSchema = z
  .object({
    kind: z.enum(EVENT_KINDS, { errorMap: () => ({ message: "events.errors.kind" }) }),
    titleFr: text(5, 200, "events.errors.title"),
    titleAr: text(5, 200, "events.errors.title"),
    descriptionFr: text(20, 8000, "events.errors.description"),
    descriptionAr: text(20, 8000, "events.errors.description"),
    startsAt: moroccoInstant("events.errors.instant"),
    endsAt: moroccoInstant("events.errors.instant"),
    online: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    onlineUrl: optionalText(500, "events.errors.onlineUrl"),
    city: optionalText(100, "events.errors.city"),
    regionCode: z.preprocess((v) => (v === "" ? null : v), z.enum(REGION_CODES, { errorMap: () => ({ message: "events.errors.region" }) }).nullable().default(null)),
    address: optionalText(300, "events.errors.address"),
    capacity: places("events.errors.capacity", 100_000),
    standCapacity: places("events.errors.standCapacity", 10_000),
  })
  .superRefine((v, ctx) => {
    if (v.startsAt instanceof Date && v.endsAt instanceof Date && v.endsAt.getTime() <= v.startsAt.getTime()) {
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "events.errors.endsBeforeStarts" });
    }
    if (v.online) {
      if (!v.onlineUrl || !/^https:\/\/[^\s/]+\.[^\s]+$/.test(v.onlineUrl)) ctx.addIssue({ code: "custom", path: ["onlineUrl"], message: "events.errors.onlineUrl" });
    } else {
      if (!v.city || v.city.length < 2) ctx.addIssue({ code: "custom", path: ["city"], message: "events.errors.city" });
      if (!v.regionCode) ctx.addIssue({ code: "custom", path: ["regionCode"], message: "events.errors.region" });
    }
    // A fair is counted by its stands, a workshop by its seats: each needs its own number.
    if (takesStands(v.kind) && v.standCapacity === null) ctx.addIssue({ code: "custom", path: ["standCapacity"], message: "events.errors.standCapacity" });
    if (!takesStands(v.kind) && v.capacity === null) ctx.addIssue({ code: "custom", path: ["capacity"], message: "events.errors.capacity" });
  });
export type EventInput = z.output<typeof eventSchema>;
