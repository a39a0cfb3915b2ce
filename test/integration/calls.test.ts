import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applications, callEvents, callGrids, calls, type GridSection } from "../../db/schema";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall, GridInvalid, listPublicCalls, publishCall, saveGrid, updateCall } from "~/modules/calls/calls.server";

// Calls for applications (issue 6, item 1): operators create a call with its grid and publish it; the
// grid's weights must make 100; instants are entered in Morocco time; every act is in the append-only trail.

let seq = 0;
const operator = async () => {
  const user = await createUser(db, { platformRole: "operator" });
  return { id: user.id, platformRole: user.platformRole };
};

const AMI_GRID: GridSection[] = [
  ["relevance", "Pertinence et ancrage territorial", 30],
  ["capacity", "Capacité organisationnelle", 25],
  ["potential", "Potentiel de développement", 25],
  ["commitment", "Engagement", 20],
].map(([id, title, weight]) => ({
  id: id as string,
  titleFr: title as string,
  titleAr: "معيار",
  weight: weight as number,
  criteria: [{ id: `${id}-1`, titleFr: title as string, titleAr: "معيار", max: 10, minimum: null, guidanceFr: null, guidanceAr: null, questions: [] }],
}));

function amiInput(overrides: Record<string, unknown> = {}) {
  const parsed = callSchema.safeParse({
    code: `AMI${++seq}-2026`,
    kind: "selection",
    audience: ["association"],
    titleFr: "Appel à manifestation d’intérêt CAP+",
    titleAr: "طلب إبداء الاهتمام كاب+",
    descriptionFr: "Sélection de 150 organisations de la société civile accompagnées par le programme.",
    descriptionAr: "انتقاء 150 منظمة من المجتمع المدني يواكبها البرنامج.",
    opensAt: "2026-05-01T09:00",
    closesAt: "2026-06-30T20:00",
    seats: "150",
    labelValidityMonths: "",
    ...overrides,
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

describe("calls", () => {
  it("an operator creates the AMI with its 30/25/25/20 grid; the closing instant is 20:00 in Morocco", async () => {
    const actor = await operator();
    const call = await createCall({ db, actor, input: amiInput(), sections: AMI_GRID, requirements: [] });
    expect(call.closesAt.toISOString()).toBe("2026-06-30T19:00:00.000Z");
    expect(call.publishedAt).toBeNull();
    const [grid] = await db.select().from(callGrids).where(eq(callGrids.callId, call.id));
    expect(grid.sections.map((s) => s.weight)).toEqual([30, 25, 25, 20]);
    const trail = await db.select().from(callEvents).where(eq(callEvents.callId, call.id));
    expect(trail.map((e) => e.action)).toEqual(["createCall"]);
  });

  it("refuses a grid whose weights do not make 100, a taken code, and anyone but an operator — writing nothing", async () => {
    const actor = await operator();
    const lopsided = AMI_GRID.map((s, i) => (i === 0 ? { ...s, weight: 25 } : s));
    const input = amiInput();
    await expect(createCall({ db, actor, input, sections: lopsided, requirements: [] })).rejects.toSatisfy(
      (e) => e instanceof GridInvalid && e.problems.some((p) => p.code === "calls.errors.weightsSum"),
    );
    expect(await db.select().from(calls).where(eq(calls.code, input.code))).toHaveLength(0);

    await createCall({ db, actor, input, sections: AMI_GRID, requirements: [] });
    await expect(createCall({ db, actor, input, sections: AMI_GRID, requirements: [] })).rejects.toMatchObject({ status: 409, messageKey: "calls.errors.codeTaken" });

    const owner = await createUser(db);
    await createOrganization(db, { kind: "company", name: `Atlas ${seq}`, ownerId: owner.id });
    await expect(createCall({ db, actor: { id: owner.id, platformRole: null }, input: amiInput(), sections: AMI_GRID, requirements: [] })).rejects.toMatchObject({ status: 403 });
  });

  it("checks the form: a closing before the opening, a label without validity, an impossible date", () => {
    const bad = (overrides: Record<string, unknown>) => {
      const r = callSchema.safeParse({ ...amiBase(), ...overrides });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    };
    expect(bad({ closesAt: "2026-04-30T20:00" })).toContain("closesAt:calls.errors.closesBeforeOpens");
    expect(bad({ kind: "label" })).toContain("labelValidityMonths:calls.errors.validity");
    expect(bad({ opensAt: "2026-02-30T09:00" })).toContain("opensAt:calls.errors.instant");
    expect(bad({ code: "siraj 2026" })).toContain("code:calls.errors.code");
    expect(bad({ audience: [] })).toContain("audience:calls.errors.audience");
  });

  it("a grid is edited in place until an application is submitted, then versioned; drafts follow the new version", async () => {
    const actor = await operator();
    const call = await createCall({ db, actor, input: amiInput(), sections: AMI_GRID, requirements: [] });
    expect(await saveGrid({ db, actor, callId: call.id, sections: AMI_GRID })).toEqual({ version: 1 });

    const owners = await Promise.all([createUser(db), createUser(db)]);
    const [submittedOrg, draftOrg] = await Promise.all(
      owners.map((o, i) => createOrganization(db, { kind: "association", name: `Association ${seq}-${i}`, ownerId: o.id })),
    );
    await db.insert(applications).values([
      { reference: `${call.code}-0001`, callId: call.id, organizationId: submittedOrg.id, status: "submitted", gridVersion: 1, submittedAt: new Date() },
      { reference: `${call.code}-0002`, callId: call.id, organizationId: draftOrg.id, status: "draft", gridVersion: 1 },
    ]);
    const reworded = AMI_GRID.map((s) => ({ ...s, titleFr: `${s.titleFr} (v2)` }));
    expect(await saveGrid({ db, actor, callId: call.id, sections: reworded })).toEqual({ version: 2 });
    const versions = await db.select({ version: callGrids.version }).from(callGrids).where(eq(callGrids.callId, call.id)).orderBy(callGrids.version);
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const apps = await db.select({ status: applications.status, gridVersion: applications.gridVersion }).from(applications).where(eq(applications.callId, call.id));
    expect(apps.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: "draft", gridVersion: 2 },
      { status: "submitted", gridVersion: 1 },
    ]);
  });

  it("published calls are listed open first, then upcoming, then closed; drafts are not listed", async () => {
    const actor = await operator();
    const now = new Date("2026-06-10T12:00:00Z");
    const make = async (opensAt: string, closesAt: string, publish = true) => {
      const call = await createCall({ db, actor, input: amiInput({ opensAt, closesAt }), sections: AMI_GRID, requirements: [] });
      if (publish) await publishCall({ db, actor, callId: call.id, now: new Date("2026-04-01T00:00:00Z") });
      return call.code;
    };
    const closed = await make("2026-01-01T09:00", "2026-03-01T20:00");
    const upcoming = await make("2026-09-01T09:00", "2026-10-01T20:00");
    const openLate = await make("2026-05-01T09:00", "2026-07-30T20:00");
    const openSoon = await make("2026-05-01T09:00", "2026-06-30T20:00");
    const hidden = await make("2026-05-01T09:00", "2026-06-20T20:00", false);
    const { calls: listed } = await listPublicCalls(db, { now });
    const mine = listed.filter((c) => [closed, upcoming, openLate, openSoon, hidden].includes(c.code));
    expect(mine.map((c) => [c.code, c.state])).toEqual([
      [openSoon, "open"],
      [openLate, "open"],
      [upcoming, "upcoming"],
      [closed, "closed"],
    ]);
  });

  it("a closed call whose applications are being judged is not reopened, and a released one keeps its rules", async () => {
    const actor = await operator();
    const input = amiInput();
    const call = await createCall({ db, actor, input, sections: AMI_GRID, requirements: [] });
    const owner = await createUser(db);
    const org = await createOrganization(db, { kind: "association", name: `Association ${seq}-judged`, ownerId: owner.id });
    await db.insert(applications).values({ reference: `${call.code}-0001`, callId: call.id, organizationId: org.id, status: "eligible", gridVersion: 1, submittedAt: new Date("2026-06-01T10:00:00Z") });
    const now = new Date("2026-07-15T10:00:00Z");
    const later = callSchema.parse({ ...amiBase(), code: input.code, closesAt: "2026-08-30T20:00" });
    await expect(updateCall({ db, actor, callId: call.id, input: later, now })).rejects.toMatchObject({ status: 409, messageKey: "callsAdmin.errors.noReopening" });
    await db.update(calls).set({ releasedAt: new Date("2026-07-10T10:00:00Z") }).where(eq(calls.id, call.id));
    const longerWindow = { ...input, observationDays: 30 };
    await expect(updateCall({ db, actor, callId: call.id, input: longerWindow, now })).rejects.toMatchObject({ messageKey: "callsAdmin.errors.releasedFrozen" });
    // The wording may still be corrected.
    await updateCall({ db, actor, callId: call.id, input: { ...input, titleFr: "Appel à manifestation d’intérêt CAP+ (2026)" }, now });
    expect((await db.select({ t: calls.titleFr }).from(calls).where(eq(calls.id, call.id)))[0].t).toBe("Appel à manifestation d’intérêt CAP+ (2026)");
  });

  it("the trail is append-only: the database refuses to change or delete a line", async () => {
    const actor = await operator();
    const call = await createCall({ db, actor, input: amiInput(), sections: AMI_GRID, requirements: [] });
    const refused = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? e));
    await expect(db.execute(sql`update call_events set action = 'forged' where call_id = ${call.id}`)).rejects.toSatisfy(refused);
    await expect(db.execute(sql`delete from call_events where call_id = ${call.id}`)).rejects.toSatisfy(refused);
    expect((await db.select().from(callEvents).where(eq(callEvents.callId, call.id))).map((e) => e.action)).toEqual(["createCall"]);
  });
});

function amiBase() {
  return {
    code: "AMI-2026",
    kind: "selection",
    audience: ["association"],
    titleFr: "Appel à manifestation d’intérêt CAP+",
    titleAr: "طلب إبداء الاهتمام كاب+",
    descriptionFr: "Sélection de 150 organisations de la société civile accompagnées par le programme.",
    descriptionAr: "انتقاء 150 منظمة من المجتمع المدني يواكبها البرنامج.",
    opensAt: "2026-05-01T09:00",
    closesAt: "2026-06-30T20:00",
    seats: "150",
    labelValidityMonths: "",
  };
}
