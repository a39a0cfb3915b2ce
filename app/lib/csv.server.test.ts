import { describe, expect, it } from "vitest";
import { parseCsv } from "~/modules/catalog/csv";
import { csvAmount, csvCell, csvDecimal, csvResponse, neutralise, toCsv } from "./csv.server";

describe("CSV exports", () => {
  it("neutralises what a spreadsheet would run as a formula, and nothing else", () => {
    for (const danger of ["=cmd|' /C calc'!A0", "+33 6", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "=HYPERLINK(\"http://x\")"]) {
      expect(neutralise(danger), JSON.stringify(danger)).toBe(`'${danger}`);
    }
    for (const safe of ["Huile d'argan", "زيت أركان", "", "49,90", " =not first", "a=b"]) expect(neutralise(safe)).toBe(safe);
  });

  it("quotes fields that hold the delimiter, quotes or line breaks; numbers stay numbers, negative ones too", () => {
    expect(csvCell("a;b")).toBe('"a;b"');
    expect(csvCell("a,b")).toBe("a,b");
    expect(csvCell("a,b", ",")).toBe('"a,b"');
    expect(csvCell('il a dit "oui"')).toBe('"il a dit ""oui"""');
    expect(csvCell("deux\nlignes")).toBe('"deux\nlignes"');
    expect(csvCell("=1;2")).toBe(`"'=1;2"`);
    expect(csvCell(-1250)).toBe("-1250");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date("2026-03-01T10:00:00Z"))).toBe("2026-03-01T10:00:00.000Z");
  });

  it("writes a whole file with a BOM, semicolons and CRLF, which reads back to the same cells (formulas quoted)", () => {
    const rows = [
      ["reference", "titre", "prix"],
      ["A-1", "Miel; de thym", 120.5],
      ["B-2", "=cmd|' /C calc'!A0", -3],
      ["C-3", 'multi\nligne "citée"', null],
    ];
    const csv = toCsv(rows);
    expect(csv.startsWith("\uFEFFreference;titre;prix\r\n")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parseCsv(csv.slice(1), ";").map((r) => r.cells)).toEqual([
      ["reference", "titre", "prix"],
      ["A-1", "Miel; de thym", "120.5"],
      ["B-2", "'=cmd|' /C calc'!A0", "-3"],
      ["C-3", 'multi\nligne "citée"', ""],
    ]);
    expect(toCsv([["a", "b"]], { delimiter: ",", bom: false })).toBe("a,b\r\n");
  });

  it("writes amounts in MAD with two decimals and a decimal comma, negative ones as numbers (never quoted away)", () => {
    expect(csvCell(csvAmount(123450))).toBe("1234,50");
    expect(csvCell(csvAmount(-1250))).toBe("-12,50");
    expect(csvCell(csvAmount(-5))).toBe("-0,05");
    expect(csvCell(csvAmount(0))).toBe("0,00");
    expect(toCsv([["total", csvAmount(899)]], { bom: false })).toBe("total;8,99\r\n");
    expect(() => csvAmount(1.5)).toThrow(TypeError);
  });

  it("writes measures with decimals (hours, shares) with a decimal comma, whole ones as they are", () => {
    expect(csvCell(csvDecimal(25.5))).toBe("25,5");
    expect(csvCell(csvDecimal(83.3))).toBe("83,3");
    expect(csvCell(csvDecimal(-0.5))).toBe("-0,5");
    expect(csvCell(csvDecimal(12))).toBe("12");
    expect(() => csvDecimal(Number.NaN)).toThrow(TypeError);
  });

  it("serves a download with a safe file name", async () => {
    const res = csvResponse(toCsv([["x"]]), 'commandes "2026"/../é.csv');
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="commandes-2026-.-.csv"');
    // The byte order mark reaches the spreadsheet (Response.text() would hide it).
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0xef, 0xbb, 0xbf, 0x78, 0x0d, 0x0a]);
  });
});
