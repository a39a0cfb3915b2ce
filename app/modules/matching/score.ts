// Suggested partners: one pure, explainable score. Rules and weights are in README.md beside this file.
import type { OrganizationKind, VerificationStatus } from "../../../db/schema/enums";
import type { Sector, Skill, Theme } from "../organizations/vocabulary";

/** What the score reads of an organisation: public profile fields only. */
export type MatchProfile = {
  id: string;
  kind: OrganizationKind;
  regionCode: string;
  provinceCode: string | null;
  themes: readonly Theme[];
  sectors: readonly Sector[];
  needs: readonly Skill[];
  offers: readonly Skill[];
  verificationStatus: VerificationStatus;
};

/** An accepted network link between the two: the candidate is a member of the source network, or its network. */
export type NetworkLink = "yourMember" | "yourNetwork";

export type Candidate = MatchProfile & { name: string; networkLink?: NetworkLink | null };

export type Reason =
  | { type: "skill"; skill: Skill; direction: "theyOffer" | "theyNeed" }
  | { type: "sameProvince" }
  | { type: "sameRegion" }
  | { type: "sharedThemes"; themes: Theme[] }
  | { type: "sharedSectors"; sectors: Sector[] }
  | { type: "networkLink"; link: NetworkLink };

export const WEIGHTS = {
  /** per skill one side needs and the other offers, in either direction */
  skill: 30,
  /** at most this many skill matches count: offering every skill does not make a partner twelve times better */
  maxSkills: 3,
  sameProvince: 20,
  sameRegion: 12,
  theme: 6,
  maxThemes: 3,
  sector: 8,
  maxSectors: 3,
  verified: 4,
} as const;

/** Companies are suggested to the social economy and the social economy to them, never to each other. */
export function partnerKinds(kind: OrganizationKind): OrganizationKind[] {
  const all: OrganizationKind[] = ["cooperative", "association", "company", "network"];
  return kind === "company" ? all.filter((k) => k !== "company") : all;
}

const overlap = <T>(mine: readonly T[], theirs: readonly T[]) => mine.filter((x) => theirs.includes(x));

/**
 * Scores `candidate` as a partner for `source`. The score is 0 with no reasons when the candidate must not be
 * suggested: itself, refused by the platform, a kind never paired, or nothing in common but place or badge
 * (a suggestion needs a skill, theme or sector reason).
 */
export function scorePair(source: MatchProfile, candidate: Candidate): { score: number; reasons: Reason[] } {
  const none = { score: 0, reasons: [] };
  if (candidate.id === source.id || candidate.verificationStatus === "refused") return none;
  if (!partnerKinds(source.kind).includes(candidate.kind)) return none;

  const theyOffer = overlap(source.needs, candidate.offers);
  const theyNeed = overlap(source.offers, candidate.needs);
  const themes = overlap(source.themes, candidate.themes);
  const sectors = overlap(source.sectors, candidate.sectors);
  if (theyOffer.length + theyNeed.length + themes.length + sectors.length === 0) return none;

  const reasons: Reason[] = [
    ...theyOffer.map((skill) => ({ type: "skill" as const, skill, direction: "theyOffer" as const })),
    ...theyNeed.map((skill) => ({ type: "skill" as const, skill, direction: "theyNeed" as const })),
  ];
  let score = Math.min(reasons.length, WEIGHTS.maxSkills) * WEIGHTS.skill;

  if (source.provinceCode !== null && source.provinceCode === candidate.provinceCode) {
    reasons.push({ type: "sameProvince" });
    score += WEIGHTS.sameProvince;
  } else if (source.regionCode === candidate.regionCode) {
    reasons.push({ type: "sameRegion" });
    score += WEIGHTS.sameRegion;
  }
  if (themes.length) {
    reasons.push({ type: "sharedThemes", themes });
    score += Math.min(themes.length, WEIGHTS.maxThemes) * WEIGHTS.theme;
  }
  if (sectors.length) {
    reasons.push({ type: "sharedSectors", sectors });
    score += Math.min(sectors.length, WEIGHTS.maxSectors) * WEIGHTS.sector;
  }
  if (candidate.verificationStatus === "verified") score += WEIGHTS.verified;
  if (candidate.networkLink) reasons.push({ type: "networkLink", link: candidate.networkLink });
  return { score, reasons };
}

/** Best first; equal scores put verified organisations first, then go by name, then by id, so the order is stable. */
export function rankSuggestions<C extends Candidate>(source: MatchProfile, candidates: readonly C[], limit: number) {
  return candidates
    .map((candidate) => ({ candidate, ...scorePair(source, candidate) }))
    .filter((s) => s.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(b.candidate.verificationStatus === "verified") - Number(a.candidate.verificationStatus === "verified") ||
        a.candidate.name.localeCompare(b.candidate.name, "fr") ||
        (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
    )
    .slice(0, limit);
}
