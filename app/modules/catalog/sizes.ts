// Browser-safe: a size as people read it on a label. 1000 g is "1 kg", 750 ml stays "750 ml".
export type SizeKey = "g" | "kg" | "ml" | "l" | "piece";

export function sizeParts(unit: string, size: number): { key: SizeKey; value: number } {
  if (unit === "g") return size >= 1000 && size % 100 === 0 ? { key: "kg", value: size / 1000 } : { key: "g", value: size };
  if (unit === "ml") return size >= 1000 && size % 100 === 0 ? { key: "l", value: size / 1000 } : { key: "ml", value: size };
  return { key: "piece", value: size };
}
