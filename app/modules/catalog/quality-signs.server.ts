import { readFileSync } from "node:fs";
import path from "node:path";
import { slugify } from "../organizations/slug";

export type QualitySign = { code: string; nameFr: string; type: string };

let signs: QualitySign[] | undefined;

/** Splits one CSV line with quoted fields ("09 Souss-Massa; 07 Marrakech-Safi"). */
function fields(line: string): string[] {
  return [...line.matchAll(/("([^"]*)"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[2] ?? m[1]);
}

/**
 * Morocco's signs of origin and quality (IGP, AOP, IG, Label Agricole) from db/data (see its NOTICE), the
 * ones whose type the source states; a product may carry any of them. Read once.
 */
export function qualitySigns(): QualitySign[] {
  if (signs) return signs;
  const [, ...lines] = readFileSync(path.resolve("db/data/geographical-indications.csv"), "utf8").trim().split("\n");
  signs = lines
    .map(fields)
    .filter(([, type]) => type && !type.startsWith("("))
    .map(([nameFr, type]) => ({ code: slugify(nameFr), nameFr, type: type.replace(/\s*\(.*\)$/, "") }));
  return signs;
}
