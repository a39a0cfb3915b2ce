// The demo events (db/seed-events.ts): the agenda is not empty on `npm start`, with the kinds of the source
// documents, upcoming and past, one proposal waiting for an operator and one cancelled event.
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { events } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { listAgenda } from "~/modules/events/events.server";
import { eventSchema } from "~/modules/events/schemas";
import { instantToMoroccoLocal } from "~/lib/morocco-time";

describe("the demo events", () => {
  it("fill the agenda with valid events of every kind of the programmes, around the day the seed runs", async () => {
    await seedDemo(db);
    const rows = await db.select().from(events);
    expect(new Set(rows.map((e) => e.kind))).toEqual(new Set(["national_fair", "regional_fair", "travelling_market", "pitch_day", "hackathon", "workshop", "masterclass", "networking"]));
    expect(rows.filter((e) => e.status === "pending")).toHaveLength(1);
    expect(rows.filter((e) => e.status === "cancelled").every((e) => e.statusReason && e.cancelledAt)).toBe(true);
    // Each would pass the form's own rules.
    for (const e of rows) {
      const typed = {
        ...e,
        startsAt: instantToMoroccoLocal(e.startsAt),
        endsAt: instantToMoroccoLocal(e.endsAt),
        online: e.online ? "on" : "",
        capacity: e.capacity === null ? "" : String(e.capacity),
        standCapacity: e.standCapacity === null ? "" : String(e.standCapacity),
      };
      expect(eventSchema.safeParse(typed).success, e.slug).toBe(true);
    }
    const upcoming = await listAgenda(db, {});
    expect(upcoming.events.length).toBeGreaterThanOrEqual(5);
    expect(upcoming.events.map((e) => e.startsAt.getTime())).toEqual([...upcoming.events.map((e) => e.startsAt.getTime())].sort((a, b) => a - b));
    expect((await listAgenda(db, { past: true })).events.map((e) => e.kind)).toContain("national_fair");
  });
});
