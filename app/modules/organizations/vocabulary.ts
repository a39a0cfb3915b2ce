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

export type Theme = (typeof THEMES)[number];
export type Sector = (typeof SECTORS)[number];
