import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REGION_MAP } from "./region-map";

describe("region map", () => {
  it("has a drawable path for each of the 12 regions, and stays small", () => {
    expect(Object.keys(REGION_MAP.paths).sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `MA-${String(i + 1).padStart(2, "0")}`),
    );
    for (const d of Object.values(REGION_MAP.paths)) expect(d).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+)+Z/);
    const bytes = readFileSync(new URL("./region-map.ts", import.meta.url)).length;
    expect(bytes).toBeLessThan(60 * 1024);
  });
});
