import { describe, expect, it } from "vitest";
import { type Candidate, type MatchProfile, rankSuggestions, scorePair, WEIGHTS } from "./score";

const base: Candidate = {
  id: "x",
  name: "X",
  kind: "association",
  regionCode: "01",
  provinceCode: "01.051",
  themes: [],
  sectors: [],
  needs: [],
  offers: [],
  verificationStatus: "pending",
};
let n = 0;
const org = (over: Partial<Candidate> = {}): Candidate => ({ ...base, id: `org-${n++}`, ...over });

// An association in Marrakech that needs finance and legal help, works on women and governance, in services.
const association: MatchProfile = org({
  kind: "association",
  regionCode: "07",
  provinceCode: "07.351",
  needs: ["finance", "legal"],
  themes: ["women", "governance"],
  sectors: ["services"],
});

describe("scorePair: each rule", () => {
  it("a skill one side needs and the other offers counts in both directions, one reason per skill", () => {
    const company = org({ kind: "company", offers: ["finance", "digital"] });
    expect(scorePair(association, company)).toEqual({
      score: WEIGHTS.skill,
      reasons: [{ type: "skill", skill: "finance", direction: "theyOffer" }],
    });
    const asso = org({ kind: "association", needs: ["marketing", "hr"] });
    const trainer = { ...association, offers: ["hr", "marketing"] } as MatchProfile;
    expect(scorePair(trainer, asso).reasons).toEqual([
      { type: "skill", skill: "hr", direction: "theyNeed" },
      { type: "skill", skill: "marketing", direction: "theyNeed" },
    ]);
  });

  it("skill matches count up to a cap, so offering every skill is not worth twelve matches", () => {
    const source = { ...association, needs: ["finance", "legal", "digital", "hr"] } as MatchProfile;
    const all = org({ kind: "company", offers: ["finance", "legal", "digital", "hr"] });
    const result = scorePair(source, all);
    expect(result.reasons).toHaveLength(4);
    expect(result.score).toBe(WEIGHTS.maxSkills * WEIGHTS.skill);
  });

  it("same province outweighs same region, and only one of the two is said", () => {
    const sameProvince = scorePair(association, org({ regionCode: "07", provinceCode: "07.351", themes: ["women"] }));
    const sameRegion = scorePair(association, org({ regionCode: "07", provinceCode: "07.041", themes: ["women"] }));
    const elsewhere = scorePair(association, org({ regionCode: "09", provinceCode: "09.001", themes: ["women"] }));
    expect(sameProvince.score - elsewhere.score).toBe(WEIGHTS.sameProvince);
    expect(sameRegion.score - elsewhere.score).toBe(WEIGHTS.sameRegion);
    expect(sameProvince.reasons.map((r) => r.type)).toEqual(["sameProvince", "sharedThemes"]);
    expect(sameRegion.reasons.map((r) => r.type)).toEqual(["sameRegion", "sharedThemes"]);
    expect(elsewhere.reasons.map((r) => r.type)).toEqual(["sharedThemes"]);
  });

  it("no province on either side is not 'same province'", () => {
    const source = { ...association, provinceCode: null };
    expect(scorePair(source, org({ regionCode: "07", provinceCode: null, themes: ["women"] })).reasons[0]).toEqual({ type: "sameRegion" });
  });

  it("shared themes and sectors are named and counted, up to a cap", () => {
    const source = { ...association, themes: ["women", "governance", "youth", "rural"], sectors: ["services", "food"] } as MatchProfile;
    const peer = org({ regionCode: "02", themes: ["rural", "youth", "governance", "women"], sectors: ["food", "services"] });
    expect(scorePair(source, peer)).toEqual({
      score: WEIGHTS.maxThemes * WEIGHTS.theme + 2 * WEIGHTS.sector,
      reasons: [
        { type: "sharedThemes", themes: ["women", "governance", "youth", "rural"] },
        { type: "sharedSectors", sectors: ["services", "food"] },
      ],
    });
  });

  it("a verified candidate is slightly favoured, with no reason of its own (its badge says it)", () => {
    const pending = scorePair(association, org({ regionCode: "02", themes: ["women"] }));
    const verified = scorePair(association, org({ regionCode: "02", themes: ["women"], verificationStatus: "verified" }));
    expect(verified.score - pending.score).toBe(WEIGHTS.verified);
    expect(verified.reasons).toEqual(pending.reasons);
    expect(WEIGHTS.verified).toBeLessThan(WEIGHTS.theme);
  });

  it("an existing network link is said, and neither adds nor removes points", () => {
    const network = org({ kind: "network", regionCode: "02", themes: ["governance"] });
    const linked = scorePair(association, { ...network, networkLink: "yourNetwork" });
    expect(linked.score).toBe(scorePair(association, network).score);
    expect(linked.reasons.at(-1)).toEqual({ type: "networkLink", link: "yourNetwork" });
  });

  it("skill complementarity weighs more than anything place or interests can add alone", () => {
    expect(WEIGHTS.skill).toBeGreaterThan(WEIGHTS.sameProvince);
    expect(WEIGHTS.sameProvince).toBeGreaterThan(WEIGHTS.sameRegion);
    expect(WEIGHTS.sameRegion).toBeGreaterThan(WEIGHTS.sector);
    expect(WEIGHTS.sector).toBeGreaterThan(WEIGHTS.theme);
  });
});

describe("scorePair: never suggested", () => {
  const twin = { ...association, kind: "association" as const, name: "Twin" };
  it("itself", () => {
    expect(scorePair(association, { ...twin, id: association.id })).toEqual({ score: 0, reasons: [] });
  });
  it("an organisation the platform refused", () => {
    expect(scorePair(association, { ...twin, id: "refused", verificationStatus: "refused" })).toEqual({ score: 0, reasons: [] });
  });
  it("a company to a company", () => {
    const company = { ...association, kind: "company" as const, offers: ["finance"] } as MatchProfile;
    expect(scorePair(company, org({ kind: "company", needs: ["finance"], themes: ["women"] }))).toEqual({ score: 0, reasons: [] });
    expect(scorePair(company, org({ kind: "association", needs: ["finance"] })).score).toBeGreaterThan(0);
  });
  it("nothing in common but place, badge or a network link: no reason, no suggestion", () => {
    const neighbour = org({
      regionCode: "07",
      provinceCode: "07.351",
      verificationStatus: "verified",
      needs: ["finance"], // needs the same as the source: not complementary
      themes: ["health"],
      networkLink: "yourMember",
    });
    expect(scorePair(association, neighbour)).toEqual({ score: 0, reasons: [] });
  });
});

describe("rankSuggestions", () => {
  const far = { regionCode: "02", provinceCode: "02.251" };
  it("orders by score: a complementary company first, then a nearby peer, then a distant peer", () => {
    const distantPeer = org({ name: "A distant peer", ...far, themes: ["women", "governance"] });
    const nearbyPeer = org({ name: "B nearby peer", regionCode: "07", provinceCode: "07.041", themes: ["women"] });
    const company = org({ name: "C company", kind: "company", ...far, offers: ["finance"] });
    const ranked = rankSuggestions(association, [distantPeer, nearbyPeer, company], 10);
    expect(ranked.map((r) => r.candidate.name)).toEqual(["C company", "B nearby peer", "A distant peer"]);
    expect(ranked.map((r) => r.score)).toEqual([...ranked.map((r) => r.score)].sort((a, b) => b - a));
  });

  it("leaves out candidates without a reason and keeps the limit", () => {
    const stranger = org({ name: "Stranger", ...far, themes: ["health"] });
    const peers = [1, 2, 3].map((i) => org({ name: `Peer ${i}`, ...far, themes: ["women"] }));
    const ranked = rankSuggestions(association, [stranger, ...peers], 2);
    expect(ranked.map((r) => r.candidate.name)).toEqual(["Peer 1", "Peer 2"]);
    expect(ranked.every((r) => r.reasons.length > 0)).toBe(true);
  });

  it("breaks ties by verification, then name, then id, whatever the input order", () => {
    // Both score 18: the verified one by a theme and a sector (6 + 8 + 4), the other by a theme and its region (6 + 12).
    const verified = org({ name: "Zulu", ...far, themes: ["women"], sectors: ["services"], verificationStatus: "verified" });
    const pending = org({ name: "Alpha", regionCode: "07", provinceCode: "07.041", themes: ["women"] });
    const beta = org({ name: "Beta", ...far, themes: ["women"] });
    const aaron = org({ name: "Aaron", ...far, themes: ["women"] });
    const sameB = org({ id: "b-id", name: "Même nom", ...far, themes: ["women"] });
    const sameA = org({ id: "a-id", name: "Même nom", ...far, themes: ["women"] });
    const input = [beta, sameB, pending, aaron, sameA, verified];
    expect(scorePair(association, verified).score).toBe(scorePair(association, pending).score);
    const order = rankSuggestions(association, input, 10).map((r) => r.candidate.id);
    expect(order).toEqual([verified.id, pending.id, aaron.id, beta.id, "a-id", "b-id"]);
    expect(rankSuggestions(association, [...input].reverse(), 10).map((r) => r.candidate.id)).toEqual(order);
  });
});
