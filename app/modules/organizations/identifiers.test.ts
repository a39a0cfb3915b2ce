import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { iceChecksumOk, parseMoroccanPhone, ribValid, whatsappLink } from "./identifiers";

const samples = readFileSync(new URL("../../../db/data/ice-valid-samples.txt", import.meta.url), "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => /^\d{15}$/.test(l));

describe("ICE", () => {
  it("accepts the 100 real ICE numbers", () => {
    expect(samples.length).toBe(100);
    expect(samples.filter((s) => !iceChecksumOk(s))).toEqual([]);
  });
  it("flags OMPIC's illustrative numbers and a changed digit", () => {
    expect(iceChecksumOk("123456789000057")).toBe(false);
    expect(iceChecksumOk("123456789000157")).toBe(false);
    const changed = `${samples[0].slice(0, 5)}${(Number(samples[0][5]) + 1) % 10}${samples[0].slice(6)}`;
    expect(iceChecksumOk(changed)).toBe(false);
    expect(iceChecksumOk("12345")).toBe(false);
  });
});

describe("RIB", () => {
  // 22 digits + key so that the 24-digit number is divisible by 97
  const base = "0117800000012100003018";
  const key = String(97n - ((BigInt(base) * 100n) % 97n)).padStart(2, "0");
  it("accepts a RIB whose key matches", () => {
    expect(ribValid(base + key)).toBe(true);
  });
  it("refuses a wrong key, a wrong length or letters", () => {
    const wrong = String((Number(key) % 96) + 1).padStart(2, "0");
    expect(ribValid(base + wrong)).toBe(false);
    expect(ribValid(base)).toBe(false);
    expect(ribValid(`${base.slice(0, 21)}A${key}`)).toBe(false);
  });
});

describe("Moroccan phone numbers", () => {
  it("normalises mobiles and landlines to E.164", () => {
    expect(parseMoroccanPhone("06 61 23 45 67")).toBe("+212661234567");
    expect(parseMoroccanPhone("+212 5 28 21 34 56")).toBe("+212528213456");
  });
  it("refuses foreign, short and made-up numbers", () => {
    expect(parseMoroccanPhone("+33 6 12 34 56 78")).toBeNull();
    expect(parseMoroccanPhone("0612")).toBeNull();
    expect(parseMoroccanPhone("bonjour")).toBeNull();
  });
  it("builds a WhatsApp link without the plus", () => {
    expect(whatsappLink("+212661234567")).toBe("https://wa.me/212661234567");
  });
});
