import { describe, expect, it } from "vitest";
import { calendar } from "./ical";

// The iCalendar writer (RFC 5545): what a phone's calendar app needs to read the agenda.
describe("calendar", () => {
  const event = {
    id: "3f1c",
    title: "Salon régional de l’ESS, Souss-Massa; 2e édition",
    description: "Trois jours.\nEntrée libre.",
    startsAt: new Date("2026-12-05T09:00:00Z"),
    endsAt: new Date("2026-12-07T18:00:00Z"),
    location: "Place Al Amal, Agadir",
    url: "https://tiwizi.example.ma/evenements/salon",
    cancelled: false,
    updatedAt: new Date("2026-11-20T10:00:00Z"),
  };

  it("writes UTC instants, escapes commas, semicolons and line breaks, ends lines with CRLF", () => {
    const ics = calendar({ name: "Agenda", host: "tiwizi.example.ma", events: [event], now: new Date("2026-11-22T08:00:00Z") });
    const lines = ics.split("\r\n");
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines).toContain("UID:3f1c@tiwizi.example.ma");
    expect(lines).toContain("DTSTART:20261205T090000Z");
    expect(lines).toContain("DTEND:20261207T180000Z");
    expect(lines).toContain("DTSTAMP:20261122T080000Z");
    expect(lines).toContain("SUMMARY:Salon régional de l’ESS\\, Souss-Massa\\; 2e édition");
    expect(lines).toContain("DESCRIPTION:Trois jours.\\nEntrée libre.");
    expect(lines).toContain("LOCATION:Place Al Amal\\, Agadir");
    expect(lines).toContain("STATUS:CONFIRMED");
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("folds long lines at 75 octets without cutting an Arabic letter, and marks a cancelled event", () => {
    const long = { ...event, title: "المعرض الجهوي للاقتصاد الاجتماعي والتضامني بجهة سوس ماسة، الدورة الثانية، ثلاثة أيام", cancelled: true };
    const ics = calendar({ name: "Agenda", host: "h", events: [long] });
    const lines = ics.split("\r\n");
    for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const start = lines.findIndex((l) => l.startsWith("SUMMARY:"));
    let summary = lines[start];
    for (let i = start + 1; lines[i].startsWith(" "); i++) summary += lines[i].slice(1);
    expect(summary).toBe(`SUMMARY:${long.title.replace(/,/g, "\\,")}`);
    expect(lines).toContain("STATUS:CANCELLED");
  });
});
