// Controlled vocabularies shared by forms, filters and the seed; labels live in the catalogs
// under `themes.*` and `sectors.*`.
export const THEMES = [
  "women",
  "youth",
  "environment",
  "climate",
  "governance",
  "education",
  "health",
  "rural",
  "inclusion",
  "culture",
  "employment",
  "digital",
] as const;

export const SECTORS = [
  "agriculture",
  "argan",
  "aromatic",
  "handicrafts",
  "food",
  "fishing",
  "forestry",
  "tourism",
  "textile",
  "services",
  "housing",
  "consulting",
] as const;

// One vocabulary of skill domains for what organisations need and what they offer (tandems use it too).
export const SKILLS = [
  "management",
  "finance",
  "digital",
  "legal",
  "communication",
  "marketing",
  "hr",
  "fundraising",
  "strategy",
  "logistics",
  "quality",
  "training",
] as const;

export type Theme = (typeof THEMES)[number];
export type Skill = (typeof SKILLS)[number];
export type Sector = (typeof SECTORS)[number];
