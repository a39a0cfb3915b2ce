import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { memberships, tandemAgreements, tandemCertificates, tandemEvaluations, tandemEvents, tandems, tandemSessions, tandemVolunteers, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import type { TandemStatus } from "../../db/schema/enums";
import { resetEnvCache } from "~/lib/env.server";
import { createSession } from "~/modules/accounts/session.server";
import { parseCsv } from "~/modules/catalog/csv";
import { listProgramme, parseProgrammeFilters, publicFigures } from "~/modules/tandems/programme.server";
import { loader as programmeLoader } from "~/routes/programme.tandems";
import { loader as programmeCsvLoader } from "~/routes/programme.tandems[.]csv";
import { loader as publicLoader } from "~/routes/tandems";
import { context, getRequest, run } from "../support/http";

// The tandems programme (issue 5, item 6) against a real database: admins and operators see every tandem
// with its hours and evaluations, filter by region, skill and state, count against the target and export
// it; nobody else does; the public page shows aggregates that match a recount, and nothing private.
// Tandems are written directly in the state each case needs. Each case marks its organisations' names
// with its own word and searches by it, so tandems of other cases never change its counts.

type Who = { cookie: string; actor: { id: string; platformRole: "admin" | "operator" | null } };

async function sessionFor(platformRole: "admin" | "operator" | null): Promise<Who & { userId: string }> {
  const user = await createUser(db, { platformRole });
  const { token } = await createSession({ db, userId: user.id, platformRole, userAgent: null, ip: "203.0.113.21" });
  return { userId: user.id, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole } };
}

let admin: Who;
let operator: Who;

beforeAll(async () => {
  admin = await sessionFor("admin");
  operator = await sessionFor("operator");
});

afterEach(() => {
  delete process.env.TANDEM_PROGRAMME_TARGET;
  resetEnvCache();
});

let seq = 0;

async function makeTandem(o: {
  marker: string;
  companyName?: string;
  partnerRegion?: string;
  status?: TandemStatus;
  skills?: string[];
  expectedHours?: number;
  committed?: number;
  sessions?: { minutes: number; confirmed: boolean }[];
  evaluations?: { side: "company" | "partner"; stage: "midterm" | "final"; satisfaction: number; onTrack?: boolean; self?: Record<string, { before: number; after: number }> }[];
  volunteers?: number;
  ownerId?: string;
}) {
  const n = ++seq;
  const company = await createOrganization(db, { kind: "company", name: o.companyName ?? `${o.marker} Entreprise ${n}`, regionCode: "06", ownerId: o.ownerId });
  const partner = await createOrganization(db, { kind: "association", name: `${o.marker} Association ${n}`, nameAr: `جمعية ${n}`, regionCode: o.partnerRegion ?? "09" });
  const [tandem] = await db
    .insert(tandems)
    .values({
      number: `TDM-2026-8${String(n).padStart(3, "0")}`,
      companyId: company.id,
      partnerId: partner.id,
      proposedById: company.id,
      status: o.status ?? "active",
      skills: o.skills ?? ["finance"],
      objectives: `Objectifs confidentiels ${o.marker} ${n}`,
      expectedHours: o.expectedHours ?? 20,
      periodStart: "2026-01-05",
      periodEnd: "2026-12-20",
      format: "remote",
      answerBy: new Date(Date.now() + 14 * 86_400_000),
    })
    .returning();
  if (o.committed) {
    await db.insert(tandemAgreements).values({ tandemId: tandem.id, objectives: tandem.objectives, hoursCommitted: o.committed, startDate: "2026-01-05", endDate: "2026-12-20" });
  }
  if (o.sessions?.length) {
    await db.insert(tandemSessions).values(
      o.sessions.map((s, i) => ({
        tandemId: tandem.id,
        heldOn: `2026-02-${String(i + 1).padStart(2, "0")}`,
        minutes: s.minutes,
        topic: "Séance",
        loggedByOrgId: company.id,
        confirmedAt: s.confirmed ? new Date() : null,
      })),
    );
  }
  if (o.evaluations?.length) {
    await db.insert(tandemEvaluations).values(
      o.evaluations.map((e) => ({
        tandemId: tandem.id,
        organizationId: e.side === "company" ? company.id : partner.id,
        stage: e.stage,
        satisfaction: e.satisfaction,
        onTrack: e.onTrack ?? true,
        selfAssessment: e.self ?? null,
      })),
    );
  }
  for (let i = 0; i < (o.volunteers ?? 0); i++) {
    await db.insert(tandemVolunteers).values({ tandemId: tandem.id, email: `benevole-${n}-${i}@example.ma`, name: `Bénévole ${i}` });
  }
  return { tandem, company, partner };
}

const listOf = async (who: Who, query: string) => {
  const res = await run(programmeLoader, getRequest(`/programme/tandems${query}`, { cookie: who.cookie }));
  expect(res.status).toBe(200);
  return res.data as Awaited<ReturnType<typeof programmeLoader>>;
};

async function csvOf(query: string, cookie = operator.cookie) {
  const res = (await programmeCsvLoader({ request: getRequest(`/programme/tandems.csv${query}`, { cookie }), params: {}, context: context() } as never)) as Response;
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder().decode(bytes.slice(3)), ";").map((r) => r.cells);
}

describe("the programme view", () => {
  it("admins and operators see every tandem; a member of a tandem's organisation and visitors are refused", async () => {
    const member = await sessionFor(null);
    const { tandem } = await makeTandem({ marker: "Acces", ownerId: member.userId });
    for (const who of [admin, operator]) {
      const data = await listOf(who, "?q=Acces");
      expect(data.items.map((i) => i.number)).toEqual([tandem.number]);
    }
    for (const [loader, path] of [
      [programmeLoader, "/programme/tandems"],
      [programmeCsvLoader, "/programme/tandems.csv"],
    ] as const) {
      expect((await run(loader, getRequest(path, { cookie: member.cookie }))).status).toBe(403);
      const visitor = await run(loader, getRequest(path));
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    }
    await expect(listProgramme({ db, actor: member.actor, filters: {} })).rejects.toMatchObject({ status: 403 });
    await expect(listProgramme({ db, actor: null, filters: {} })).rejects.toMatchObject({ status: 403 });
  });

  it("filters by region, skill and state each narrow the list; nonsense filters are ignored", async () => {
    const a = await makeTandem({ marker: "Filtre", partnerRegion: "01", skills: ["finance", "legal"], status: "active" });
    const b = await makeTandem({ marker: "Filtre", partnerRegion: "09", skills: ["legal"], status: "proposed" });
    const c = await makeTandem({ marker: "Filtre", partnerRegion: "09", skills: ["digital"], status: "completed" });
    const numbers = async (query: string) => (await listOf(operator, `?q=Filtre${query}`)).items.map((i) => i.number).sort();
    expect(await numbers("")).toEqual([a, b, c].map((t) => t.tandem.number).sort());
    expect(await numbers("&region=01")).toEqual([a.tandem.number]);
    expect(await numbers("&skill=legal")).toEqual([a, b].map((t) => t.tandem.number).sort());
    expect(await numbers("&status=completed")).toEqual([c.tandem.number]);
    expect(await numbers("&region=09&skill=legal")).toEqual([b.tandem.number]);
    // The text finds a number too, and a partner's name.
    expect((await listOf(operator, `?q=${b.tandem.number}`)).items.map((i) => i.number)).toEqual([b.tandem.number]);
    expect((await listOf(operator, `?q=${encodeURIComponent(c.partner.name)}`)).items.map((i) => i.number)).toEqual([c.tandem.number]);
    // An unknown region, skill or state, or a page that is not one: dropped, the list as without them.
    const loose = await listOf(operator, "?q=Filtre&region=99&skill=cooking&status=bogus&page=abc");
    expect(loose.items).toHaveLength(3);
    expect(loose.filters).toEqual({ q: "Filtre" });
    expect(parseProgrammeFilters(new URLSearchParams("region=1'; drop table tandems;--&status=active"))).toEqual({ status: "active" });
  });

  it("counts only confirmed minutes as hours given, and shows which evaluations came in", async () => {
    const { tandem } = await makeTandem({
      marker: "Heures",
      expectedHours: 30,
      committed: 40,
      sessions: [
        { minutes: 90, confirmed: true },
        { minutes: 45, confirmed: true },
        { minutes: 600, confirmed: false },
      ],
      evaluations: [
        { side: "company", stage: "midterm", satisfaction: 4 },
        { side: "partner", stage: "midterm", satisfaction: 5 },
        { side: "partner", stage: "final", satisfaction: 3 },
      ],
    });
    const bare = await makeTandem({ marker: "Heures", expectedHours: 12 });
    const data = await listOf(admin, "?q=Heures");
    const row = data.items.find((i) => i.number === tandem.number)!;
    // 135 confirmed minutes: 2.25 h, shown with one decimal.
    expect(row).toMatchObject({ confirmedMinutes: 135, hoursGiven: 2.3, sessions: 3, hoursCommitted: 40 });
    expect(row.evaluations).toEqual({ company_midterm: true, partner_midterm: true, company_final: false, partner_final: true });
    expect(row.meanSatisfaction).toBe(4);
    const other = data.items.find((i) => i.number === bare.tandem.number)!;
    // No agreement yet: the proposal's hours; nothing logged, nothing evaluated.
    expect(other).toMatchObject({ confirmedMinutes: 0, hoursGiven: 0, sessions: 0, hoursCommitted: 12, meanSatisfaction: null });
    expect(data.totals).toEqual({ tandems: 2, hoursGiven: 2.3 });
  });

  it("pages by 20 with the filtered total", async () => {
    for (let i = 0; i < 21; i++) await makeTandem({ marker: "Pages", sessions: [{ minutes: 60, confirmed: true }] });
    const first = await listOf(operator, "?q=Pages");
    expect(first.items).toHaveLength(20);
    expect(first).toMatchObject({ page: 1, pageCount: 2, totals: { tandems: 21, hoursGiven: 21 } });
    const second = await listOf(operator, "?q=Pages&page=2");
    expect(second.items).toHaveLength(1);
    expect(new Set([...first.items, ...second.items].map((i) => i.number)).size).toBe(21);
  });

  it("counts active and completed tandems against the target from the environment", async () => {
    process.env.TANDEM_PROGRAMME_TARGET = "30";
    resetEnvCache();
    await makeTandem({ marker: "Compteur", status: "active" });
    await makeTandem({ marker: "Compteur", status: "completed" });
    await makeTandem({ marker: "Compteur", status: "agreement_draft" });
    const [recount] = await db
      .select({
        active: sql<number>`(count(*) filter (where status = 'active'))::int`,
        completed: sql<number>`(count(*) filter (where status = 'completed'))::int`,
      })
      .from(tandems);
    const data = await listOf(operator, "?q=Compteur");
    expect(data.counter).toEqual({ ...recount, target: 30 });
    // Without the variable: the CAP+ programme's 12.
    delete process.env.TANDEM_PROGRAMME_TARGET;
    resetEnvCache();
    expect((await listOf(operator, "?q=Compteur")).counter.target).toBe(12);
  });

  it("exports a header and one line per tandem of the filters, formulas neutralised", async () => {
    const evil = await makeTandem({
      marker: "Export",
      companyName: "=HYPERLINK(\"http://evil.example\") Export",
      status: "completed",
      skills: ["digital", "finance"],
      committed: 10,
      volunteers: 2,
      sessions: [
        { minutes: 150, confirmed: true },
        { minutes: 30, confirmed: false },
      ],
      evaluations: [
        { side: "company", stage: "final", satisfaction: 5 },
        { side: "partner", stage: "final", satisfaction: 4, onTrack: false, self: { digital: { before: 1, after: 4 }, finance: { before: 2, after: 4 } } },
      ],
    });
    const other = await makeTandem({ marker: "Export", status: "declined" });
    await makeTandem({ marker: "Ailleurs" });
    const rows = await csvOf("?q=Export");
    expect(rows).toHaveLength(3);
    const [header, ...lines] = rows;
    expect(lines.map((l) => l[header.indexOf("Numéro")]).sort()).toEqual([evil.tandem.number, other.tandem.number].sort());
    const line = lines.find((l) => l[0] === evil.tandem.number)!;
    const col = (name: string) => line[header.indexOf(name)];
    expect(col("Entreprise")).toBe("'=HYPERLINK(\"http://evil.example\") Export");
    expect(col("État")).toBe("Terminé");
    expect(col("Heures prévues")).toBe("10");
    expect(col("Heures données")).toBe("2,5");
    expect(col("Séances")).toBe("2");
    expect(col("Séances confirmées")).toBe("1");
    expect(col("Bénévoles")).toBe("2");
    expect(col("Satisfaction partenaire finale")).toBe("4");
    expect(col("Partenaire finale : objectifs atteints")).toBe("non");
    expect(col("Satisfaction entreprise mi-parcours")).toBe("");
    expect(col("Auto-évaluation avant (moyenne)")).toBe("1,5");
    expect(col("Auto-évaluation après (moyenne)")).toBe("4,0");
    expect(col("Compétences")).toBe("Numérique, Finance et comptabilité");
    // The same filters as the list: a state narrows the export too.
    expect(await csvOf("?q=Export&status=declined")).toHaveLength(2);
  });
});

describe("the public page", () => {
  it("shows aggregates that match a recount, and nothing of a tandem's own", async () => {
    await makeTandem({ marker: "Public", status: "active", partnerRegion: "12", skills: ["legal", "strategy"], sessions: [{ minutes: 120, confirmed: true }, { minutes: 500, confirmed: false }] });
    await makeTandem({ marker: "Public", status: "completed", partnerRegion: "02", skills: ["legal"], sessions: [{ minutes: 95, confirmed: true }] });
    await makeTandem({ marker: "Public", status: "proposed", partnerRegion: "05", skills: ["hr"] });
    const res = await run(publicLoader, getRequest("/tandems"));
    expect(res.status).toBe(200);
    const { figures } = res.data as Awaited<ReturnType<typeof publicLoader>>;

    const [counts] = await db.execute<{ active: number; completed: number; minutes: number }>(sql`
      select (select count(*) from tandems where status = 'active')::int as active,
             (select count(*) from tandems where status = 'completed')::int as completed,
             (select coalesce(sum(minutes), 0) from tandem_sessions where confirmed_at is not null)::int as minutes`);
    expect(figures).toMatchObject({ active: counts.active, completed: counts.completed, tandems: counts.active + counts.completed, hoursGiven: Math.round(counts.minutes / 60), target: 12 });
    const skills = await db.execute<{ skill: string; n: number }>(sql`
      select s as skill, count(*)::int as n from tandems, unnest(skills) s where status in ('active', 'completed') group by s`);
    expect(Object.fromEntries(figures.skills.map((s) => [s.skill, s.count]))).toEqual(Object.fromEntries(skills.map((s) => [s.skill, s.n])));
    const regions = await db.execute<{ code: string; n: number }>(sql`
      select o.region_code as code, count(*)::int as n from tandems t join organizations o on o.id = t.partner_id
      where t.status in ('active', 'completed') group by o.region_code`);
    expect(Object.fromEntries(figures.regions.map((r) => [r.code, r.count]))).toEqual(Object.fromEntries(regions.map((r) => [r.code, r.n])));
    expect(figures.regions.find((r) => r.code === "12")).toMatchObject({ nameFr: expect.any(String), nameAr: expect.stringMatching(/[\u0600-\u06FF]/) });
    // A proposal is not yet the programme's: its region and skill count for nothing.
    expect(figures.skills.find((s) => s.skill === "hr")).toBeUndefined();
    // Aggregates only: no objectives, names or numbers of tandems.
    const text = JSON.stringify(res.data);
    expect(text).not.toMatch(/Objectifs confidentiels|Public Association|TDM-/);
    expect(await publicFigures(db)).toEqual(figures);
  });
});

describe("the demo tandems", () => {
  it("cover every stage, with their events, and leave the demo company and association free to pair", async () => {
    await seedDemo(db);
    // The demo organisations, by their demo accounts (their slugs come from their names).
    const orgOf = async (email: string) =>
      (await db.select({ id: memberships.organizationId }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(users.email, email)))[0].id;
    const demoCompany = await orgOf("entreprise@tiwizi.example.ma");
    const demoAssociation = await orgOf("association@tiwizi.example.ma");
    const demo = (await db.select().from(tandems)).filter((t) => !t.number.startsWith("TDM-2026-8"));
    expect(demo.map((t) => t.status).sort()).toEqual(["active", "active", "agreement_draft", "completed", "declined", "proposed", "proposed"]);
    // Numbers follow the order of proposal.
    const byDate = [...demo].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((t) => t.number);
    expect(byDate).toEqual([...byDate].sort());
    for (const t of demo) {
      expect(t.number).toMatch(/^TDM-\d{4}-\d{4}$/);
      const events = await db.select().from(tandemEvents).where(eq(tandemEvents.tandemId, t.id)).orderBy(tandemEvents.createdAt);
      expect(events.map((e) => e.action), t.number).toContain("propose");
      expect(events.at(-1)?.toStatus ?? null, t.number).toBe(t.status);
    }
    const both = [demoCompany, demoAssociation].sort();
    expect(demo.filter((t) => [t.companyId, t.partnerId].sort().join() === both.join())).toEqual([]);
    const awaiting = demo.filter((t) => t.status === "proposed" && t.partnerId === demoAssociation && t.proposedById !== demoAssociation && t.answerBy > new Date());
    expect(awaiting).toHaveLength(1);
    const completed = demo.find((t) => t.status === "completed")!;
    const certificates = await db.select().from(tandemCertificates).where(eq(tandemCertificates.tandemId, completed.id));
    expect(certificates.length).toBeGreaterThanOrEqual(2);
    for (const c of certificates) expect(c.code).toMatch(/^[a-z2-9]{12}$/);
    const [company] = certificates.filter((c) => c.volunteerEmail === null);
    const confirmed = await db.select({ minutes: tandemSessions.minutes }).from(tandemSessions).where(and(eq(tandemSessions.tandemId, completed.id), isNotNull(tandemSessions.confirmedAt)));
    expect(company.minutes).toBe(confirmed.reduce((sum, s) => sum + s.minutes, 0));
    // The programme view reads them like any other tandem.
    const figures = await publicFigures(db);
    expect(figures.active).toBeGreaterThanOrEqual(2);
    expect(figures.hoursGiven).toBeGreaterThan(0);
  });
});
