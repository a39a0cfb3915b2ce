// Prints the SQL that loads regions and provinces from db/data/*.csv (used to write migration 0001).
import { readFileSync } from "node:fs";

function rows(file: string) {
  const [header, ...lines] = readFileSync(new URL(`../db/data/${file}`, import.meta.url), "utf8").trim().split("\n");
  const names = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [names[i], v])));
}
const q = (s: string) => `'${s.replaceAll("'", "''")}'`;

const regions = rows("regions.csv").map((r) => `(${q(r.code)}, ${q(r.iso_3166_2)}, ${q(r.name_fr)}, ${q(r.name_ar)})`);
const provinces = rows("provinces.csv").map(
  (p) => `(${q(p.code)}, ${q(p.region_code)}, ${q(p.name_fr)}, ${q(p.name_ar)})`,
);
console.log(`INSERT INTO "regions" ("code", "iso", "name_fr", "name_ar") VALUES\n${regions.join(",\n")};`);
console.log("--> statement-breakpoint");
console.log(`INSERT INTO "provinces" ("code", "region_code", "name_fr", "name_ar") VALUES\n${provinces.join(",\n")};`);
