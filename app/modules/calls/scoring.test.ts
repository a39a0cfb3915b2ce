import { describe, expect, it } from "vitest";
import {
  type ApplicationScores,
  type Grid,
  type JurorScores,
  heaviestSections,
  jurorResult,
  rankApplications,
  round1,
  scoreApplication,
  validateGrid,
  validateScores,
} from "./scoring";

// CAP+ AMI (../shared/seeds): 30 / 25 / 25 / 20. Criteria maxima differ on purpose, so one point is worth
// 2 (relevance: 30/15), 1.25 (capacity: 25/20), 5 (viability: 25/5) and 5 (commitment: 20/4) points of the total.
const capGrid: Grid = {
  sections: [
    { id: "relevance", weight: 30, criteria: [{ id: "need", max: 10 }, { id: "anchoring", max: 5 }] },
    { id: "capacity", weight: 25, criteria: [{ id: "team", max: 10 }, { id: "finance", max: 10 }] },
    { id: "viability", weight: 25, criteria: [{ id: "plan", max: 5, minimum: 2 }] },
    { id: "commitment", weight: 20, criteria: [{ id: "openness", max: 4 }] },
  ],
};

// A sheet for the CAP+ grid, criteria in grid order.
const sheet = (jurorId: string, ...points: [number, number, number, number, number, number]): JurorScores => {
  const [need, anchoring, team, finance, plan, openness] = points;
  return { jurorId, scores: { need, anchoring, team, finance, plan, openness } };
};
// Sections: relevance 12/15×30 = 24, capacity 10/20×25 = 12.5, viability 3/5×25 = 15, commitment 2/4×20 = 10 → 61.5
const a = sheet("a", 8, 4, 6, 4, 3, 2);
// Full marks → 100
const b = sheet("b", 10, 5, 10, 10, 5, 4);
// 6/15×30 = 12, 16/20×25 = 20, 4/5×25 = 20, 3/4×20 = 15 → 67
const c = sheet("c", 5, 1, 8, 8, 4, 3);
// 10/15×30 = 20, 12/20×25 = 15, 2/5×25 = 10, 4/4×20 = 20 → 65
const d = sheet("d", 7, 3, 6, 6, 2, 4);

const app = (
  applicationId: string,
  jurors: JurorScores[],
  submittedAt: Date | string | null = "2026-06-01T10:00:00Z",
): ApplicationScores => ({ applicationId, submittedAt, jurors });

describe("a juror's score", () => {
  it("weights each section by its points over its criteria maxima", () => {
    expect(jurorResult(capGrid, a)).toEqual({
      jurorId: "a",
      sections: { relevance: 24, capacity: 12.5, viability: 15, commitment: 10 },
      total: 61.5,
    });
  });

  it("gives 100 for full marks and 0 for nothing", () => {
    expect(jurorResult(capGrid, b).total).toBe(100);
    expect(jurorResult(capGrid, sheet("z", 0, 0, 0, 0, 0, 0)).total).toBe(0);
  });

  it("counts a missing criterion as 0", () => {
    const partial = { jurorId: "p", scores: { need: 10, anchoring: 5 } };
    expect(jurorResult(capGrid, partial).total).toBe(30);
  });
});

describe("an application's score", () => {
  it("takes mean, median and spread of three jurors' totals (odd: the middle one)", () => {
    // Totals 61.5, 67, 65: mean 193.5 / 3 = 64.5, median 65, spread 67 − 61.5 = 5.5.
    const r = scoreApplication(capGrid, app("x", [a, c, d]));
    expect(r.jurors.map((j) => j.total)).toEqual([61.5, 67, 65]);
    expect(r.total).toEqual({ mean: 64.5, median: 65, spread: 5.5 });
    expect(r.disagreement).toBe(false);
  });

  it("takes the median of four jurors as the mean of the two middle totals", () => {
    // Totals sorted 61.5, 65, 67, 100: median (65 + 67) / 2 = 66, mean 293.5 / 4 = 73.375, spread 38.5.
    const r = scoreApplication(capGrid, app("x", [a, b, c, d]));
    expect(r.total).toEqual({ mean: 73.375, median: 66, spread: 38.5 });
    expect(r.disagreement).toBe(true);
  });

  it("gives mean, median and spread per section and per criterion", () => {
    const r = scoreApplication(capGrid, app("x", [a, c, d]));
    const relevance = r.sections.find((s) => s.sectionId === "relevance")!;
    // Section scores 24, 12, 20: mean 56 / 3, median 20, spread 12.
    expect(relevance.weight).toBe(30);
    expect(relevance.stats!.mean).toBeCloseTo(56 / 3, 10);
    expect(relevance.stats!.median).toBe(20);
    expect(relevance.stats!.spread).toBe(12);
    expect(round1(relevance.stats!.mean)).toBe(18.7);
    // Raw points on "need": 8, 5, 7 → mean 20 / 3, median 7, spread 3.
    const need = r.criteria.find((cr) => cr.criterionId === "need")!;
    expect(need).toMatchObject({ sectionId: "relevance", max: 10, minimum: null, belowMinimum: false });
    expect(need.stats!.mean).toBeCloseTo(20 / 3, 10);
    expect(need.stats!.median).toBe(7);
    expect(need.stats!.spread).toBe(3);
    expect(r.sections.map((s) => s.sectionId)).toEqual(["relevance", "capacity", "viability", "commitment"]);
    expect(r.criteria.map((cr) => cr.criterionId)).toEqual(["need", "anchoring", "team", "finance", "plan", "openness"]);
  });

  it("has no score, no flags and no stats without jurors", () => {
    const r = scoreApplication(capGrid, app("x", []));
    expect(r.total).toBeNull();
    expect(r.sections.every((s) => s.stats === null)).toBe(true);
    expect(r.criteria.every((cr) => cr.stats === null && !cr.belowMinimum)).toBe(true);
    expect(r.disagreement).toBe(false);
    expect(r.belowMinimum).toEqual([]);
  });

  it("accepts the submission instant as a Date or an ISO string", () => {
    const fromString = scoreApplication(capGrid, app("x", [a], "2026-06-30T18:59:59Z"));
    expect(fromString.submittedAt).toEqual(new Date("2026-06-30T18:59:59Z"));
    expect(scoreApplication(capGrid, app("x", [a], new Date(0))).submittedAt).toEqual(new Date(0));
    expect(scoreApplication(capGrid, app("x", [a], null)).submittedAt).toBeNull();
  });
});

describe("strong disagreement", () => {
  // One section, out of 200 points: each point is half a point of the total.
  const halves: Grid = { sections: [{ id: "s", weight: 100, criteria: [{ id: "k", max: 200 }] }] };
  const one = (jurorId: string, k: number) => ({ jurorId, scores: { k } });

  it("is not flagged at exactly 20 points apart", () => {
    const r = scoreApplication(halves, app("x", [one("a", 140), one("b", 100)])); // 70 and 50
    expect(r.total!.spread).toBe(20);
    expect(r.disagreement).toBe(false);
  });

  it("is flagged at 20.5 points apart", () => {
    const r = scoreApplication(halves, app("x", [one("a", 140), one("b", 99)])); // 70 and 49.5
    expect(r.total!.spread).toBe(20.5);
    expect(r.disagreement).toBe(true);
  });

  it("is not flagged at 20 even when floating point makes it 20.000000000000004", () => {
    // Grid 40 / 35 / 25 over maxima 3 / 7 / 9: 0 + 25 + 25 = 50 and 40/3 + 0 + 25×6/9 = 30, computed as 29.999999999999996.
    const thirds: Grid = {
      sections: [
        { id: "x", weight: 40, criteria: [{ id: "x1", max: 3 }] },
        { id: "y", weight: 35, criteria: [{ id: "y1", max: 7 }] },
        { id: "z", weight: 25, criteria: [{ id: "z1", max: 9 }] },
      ],
    };
    const r = scoreApplication(thirds, app("x", [
      { jurorId: "a", scores: { x1: 0, y1: 5, z1: 9 } },
      { jurorId: "b", scores: { x1: 1, y1: 0, z1: 6 } },
    ]));
    expect(r.total!.spread).not.toBe(20);
    expect(round1(r.total!.spread)).toBe(20);
    expect(r.disagreement).toBe(false);
  });

  it("follows the call's own threshold", () => {
    // Totals 61.5, 67, 65: 5.5 apart.
    expect(scoreApplication(capGrid, app("x", [a, c, d]), { disagreementThreshold: 5 }).disagreement).toBe(true);
    expect(scoreApplication(capGrid, app("x", [a, c, d]), { disagreementThreshold: 5.5 }).disagreement).toBe(false);
    expect(scoreApplication(capGrid, app("x", [a, b]), { disagreementThreshold: 40 }).disagreement).toBe(false);
  });
});

describe("criterion minimums", () => {
  it("flags a criterion whose mean across jurors is below its minimum", () => {
    // "plan" has minimum 2; jurors give 1 and 2 → mean 1.5.
    const r = scoreApplication(capGrid, app("x", [sheet("a", 5, 5, 5, 5, 1, 2), sheet("b", 5, 5, 5, 5, 2, 2)]));
    expect(r.belowMinimum).toEqual(["plan"]);
    expect(r.criteria.find((cr) => cr.criterionId === "plan")).toMatchObject({ minimum: 2, belowMinimum: true });
  });

  it("does not flag a mean equal to the minimum, even if one juror is below", () => {
    // 1 and 3 → mean 2.
    const r = scoreApplication(capGrid, app("x", [sheet("a", 5, 5, 5, 5, 1, 2), sheet("b", 5, 5, 5, 5, 3, 2)]));
    expect(r.belowMinimum).toEqual([]);
  });
});

describe("ranking", () => {
  it("orders by score, best first, and numbers the ranks", () => {
    const ranked = rankApplications(capGrid, [app("low", [a]), app("high", [b]), app("mid", [c])]);
    expect(ranked.map((r) => [r.applicationId, r.rank, r.total!.mean])).toEqual([
      ["high", 1, 100],
      ["mid", 2, 67],
      ["low", 3, 61.5],
    ]);
  });

  it("breaks a tie on the score by the heaviest section", () => {
    // p: relevance 30 + capacity 0 + viability 20 + commitment 20 = 70.
    // q: relevance 10/15×30 = 20 + capacity 25 + viability 15 + commitment 10 = 70. p is better on relevance (30).
    const p = app("p", [sheet("j", 10, 5, 0, 0, 4, 4)], "2026-06-20T10:00:00Z");
    const q = app("q", [sheet("j", 7, 3, 10, 10, 3, 2)], "2026-06-01T10:00:00Z");
    expect(heaviestSections(capGrid)).toEqual(["relevance"]);
    const ranked = rankApplications(capGrid, [q, p]);
    expect(ranked.map((r) => [r.applicationId, r.total!.mean])).toEqual([["p", 70], ["q", 70]]);
  });

  it("compares equally heavy sections in grid order", () => {
    // Grid 40 / 40 / 20, one criterion out of 10 each (4, 4 and 2 points per point). All three total 60.
    const grid: Grid = {
      sections: [
        { id: "s1", weight: 40, criteria: [{ id: "c1", max: 10 }] },
        { id: "s2", weight: 40, criteria: [{ id: "c2", max: 10 }] },
        { id: "s3", weight: 20, criteria: [{ id: "c3", max: 10 }] },
      ],
    };
    const one = (id: string, c1: number, c2: number, c3: number) => app(id, [{ jurorId: "j", scores: { c1, c2, c3 } }]);
    const r = one("r", 8, 4, 6); // 32 + 16 + 12
    const s = one("s", 8, 6, 2); // 32 + 24 + 4: ties r on s1, wins on s2
    const t = one("t", 10, 3, 4); // 40 + 12 + 8: wins on s1, whatever s2 says
    expect(heaviestSections(grid)).toEqual(["s1", "s2"]);
    const ranked = rankApplications(grid, [r, s, t]);
    expect(ranked.map((x) => [x.applicationId, x.total!.mean])).toEqual([["t", 60], ["s", 60], ["r", 60]]);
  });

  it("then prefers the earlier submission", () => {
    const late = app("late", [a], "2026-06-30T18:59:59Z");
    const early = app("early", [a], new Date("2026-06-30T18:59:58Z"));
    expect(rankApplications(capGrid, [late, early]).map((r) => [r.applicationId, r.rank])).toEqual([
      ["early", 1],
      ["late", 2],
    ]);
  });

  it("treats scores equal to 6 decimals as a tie, whatever the floating-point order", () => {
    // 0 + 5 + 25 = 30 against 40/3 + 0 + 50/3 = 30, which floating point computes as 29.999999999999996.
    // Equal scores, so the heaviest section (x, 40) decides: 13.3 beats 0, though "first" was submitted earlier.
    const thirds: Grid = {
      sections: [
        { id: "x", weight: 40, criteria: [{ id: "x1", max: 3 }] },
        { id: "y", weight: 35, criteria: [{ id: "y1", max: 7 }] },
        { id: "z", weight: 25, criteria: [{ id: "z1", max: 9 }] },
      ],
    };
    const first = app("first", [{ jurorId: "j", scores: { x1: 0, y1: 1, z1: 9 } }], "2026-06-01T00:00:00Z");
    const second = app("second", [{ jurorId: "j", scores: { x1: 1, y1: 0, z1: 6 } }], "2026-06-02T00:00:00Z");
    const ranked = rankApplications(thirds, [first, second]);
    expect(ranked[0].total!.mean).not.toBe(ranked[1].total!.mean);
    expect(ranked.map((r) => r.applicationId)).toEqual(["second", "first"]);
  });

  it("puts applications nobody has scored last, unranked", () => {
    const ranked = rankApplications(capGrid, [app("none", [], "2026-06-01T00:00:00Z"), app("low", [a]), app("high", [b])]);
    expect(ranked.map((r) => [r.applicationId, r.rank])).toEqual([
      ["high", 1],
      ["low", 2],
      ["none", null],
    ]);
  });

  it("orders the unscored among themselves by submission, never-submitted last", () => {
    const later = app("later", [], "2026-06-02T00:00:00Z");
    const sooner = app("sooner", [], "2026-06-01T00:00:00Z");
    const ranked = rankApplications(capGrid, [app("draft", [], null), later, sooner]);
    expect(ranked.map((r) => r.applicationId)).toEqual(["sooner", "later", "draft"]);
  });
});

describe("round1", () => {
  it("rounds for display, half up, without floating-point surprises", () => {
    expect(round1(56 / 3)).toBe(18.7);
    expect(round1(1.45)).toBe(1.5); // 1.45 × 10 is 14.499999999999998 in floating point
    expect(round1(29.999999999999996)).toBe(30);
    expect(round1(61.5)).toBe(61.5);
  });
});

describe("validateGrid", () => {
  it("accepts the CAP+ grid", () => {
    expect(validateGrid(capGrid)).toEqual([]);
  });

  it("refuses a grid without sections", () => {
    expect(validateGrid({ sections: [] })).toEqual([{ code: "calls.errors.noSections" }]);
  });

  it("refuses weights that do not sum to 100", () => {
    const grid: Grid = {
      sections: [
        { id: "s1", weight: 30, criteria: [{ id: "c1", max: 10 }] },
        { id: "s2", weight: 60, criteria: [{ id: "c2", max: 10 }] },
      ],
    };
    expect(validateGrid(grid)).toEqual([{ code: "calls.errors.weightsSum" }]);
  });

  it("accepts decimal weights whose floating-point sum is 100 to 6 decimals", () => {
    const grid: Grid = {
      sections: [33.4, 33.3, 33.3].map((weight, i) => ({ id: `s${i}`, weight, criteria: [{ id: `c${i}`, max: 1 }] })),
    };
    expect(33.4 + 33.3 + 33.3).toBe(99.99999999999999);
    expect(validateGrid(grid)).toEqual([]);
  });

  it("points at each problem by section and criterion index", () => {
    const grid: Grid = {
      sections: [
        { id: "s1", weight: 0, criteria: [{ id: "c1", max: 10 }] },
        { id: "s2", weight: 50, criteria: [] },
        {
          id: "s3",
          weight: 50,
          criteria: [
            { id: "c2", max: 0 },
            { id: "c3", max: 2.5 },
            { id: "c4", max: 5, minimum: -1 },
            { id: "c5", max: 5, minimum: 6 },
            { id: "c6", max: 5, minimum: 5 },
            { id: "c1", max: 5 },
          ],
        },
      ],
    };
    expect(validateGrid(grid)).toEqual([
      { code: "calls.errors.sectionWeight", section: 0 },
      { code: "calls.errors.noCriteria", section: 1 },
      { code: "calls.errors.criterionMax", section: 2, criterion: 0 },
      { code: "calls.errors.criterionMax", section: 2, criterion: 1 },
      { code: "calls.errors.criterionMinimum", section: 2, criterion: 2 },
      { code: "calls.errors.criterionMinimum", section: 2, criterion: 3 },
      { code: "calls.errors.duplicateId", section: 2, criterion: 5 },
    ]);
  });

  it("refuses a negative weight and a repeated section id", () => {
    const grid: Grid = {
      sections: [
        { id: "s", weight: 120, criteria: [{ id: "c1", max: 10 }] },
        { id: "s", weight: -20, criteria: [{ id: "c2", max: 10 }] },
      ],
    };
    expect(validateGrid(grid)).toEqual([
      { code: "calls.errors.duplicateId", section: 1 },
      { code: "calls.errors.sectionWeight", section: 1 },
    ]);
  });
});

describe("validateScores", () => {
  it("accepts whole points from 0 to each maximum", () => {
    expect(validateScores(capGrid, a.scores)).toEqual([]);
    expect(validateScores(capGrid, b.scores)).toEqual([]);
    expect(validateScores(capGrid, sheet("z", 0, 0, 0, 0, 0, 0).scores)).toEqual([]);
  });

  it("refuses scores over the maximum, below 0 or not whole, and names the criterion", () => {
    const scores = { need: 11, anchoring: -1, team: 7.5, finance: Number.NaN, plan: 5, openness: 4 };
    expect(validateScores(capGrid, scores)).toEqual([
      { code: "calls.errors.scoreRange", criterionId: "need" },
      { code: "calls.errors.scoreRange", criterionId: "anchoring" },
      { code: "calls.errors.scoreRange", criterionId: "team" },
      { code: "calls.errors.scoreRange", criterionId: "finance" },
    ]);
  });

  it("reports missing criteria and criteria the grid does not have", () => {
    expect(validateScores(capGrid, { need: 5, anchoring: null, team: 1, finance: 1, plan: 1, bonus: 3 })).toEqual([
      { code: "calls.errors.scoreMissing", criterionId: "anchoring" },
      { code: "calls.errors.scoreMissing", criterionId: "openness" },
      { code: "calls.errors.scoreUnknown", criterionId: "bonus" },
    ]);
  });
});
