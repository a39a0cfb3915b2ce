import { describe, expect, it } from "vitest";
import { CsvError, decodeCsv, detectDelimiter, guessSingleByteEncoding, parseCsv, readCsv } from "./csv";

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1256 and Latin-1 bytes, from a table of the characters these tests use. */
const CP1256: Record<string, number> = { "ز": 0xd2, "ي": 0xed, "ت": 0xca, "أ": 0xc3, "ر": 0xd1, "ك": 0xdf, "ا": 0xc7, "ن": 0xe4, "ع": 0xda, "س": 0xd3, "ل": 0xe1, "م": 0xe3, "ح": 0xcd, "ة": 0xc9, "é": 0xe9, "è": 0xe8 };
const encode = (s: string, table: Record<string, number>) =>
  Uint8Array.from([...s].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : (table[c] ?? fail(c)))));
const fail = (c: string): never => {
  throw new Error(`no byte for ${c}`);
};
const latin1 = (s: string) => Uint8Array.from([...s].map((c) => (c.charCodeAt(0) < 0x100 ? c.charCodeAt(0) : fail(c))));

describe("reading the encoding", () => {
  it("UTF-8 with or without a BOM, UTF-16 with one", () => {
    expect(decodeCsv(utf8("\uFEFFtitre;prix\nزيت;1"))).toEqual({ text: "titre;prix\nزيت;1", encoding: "utf-8" });
    expect(decodeCsv(utf8("titre;prix\nCrème;1"))).toEqual({ text: "titre;prix\nCrème;1", encoding: "utf-8" });
    const le = new Uint8Array([0xff, 0xfe, ...[..."a\tb"].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeCsv(le)).toEqual({ text: "a\tb", encoding: "utf-16le" });
  });

  it("tells Arabic Windows-1256 from French Latin-1, even when the Arabic file has French accents", () => {
    const arabic = encode("titre_fr;titre_ar\nHuile;زيت أركان\nMiel;عسل\nSavon;صابون", { ...CP1256, "ص": 0xd5, "ب": 0xc8, "و": 0xe6 });
    expect(guessSingleByteEncoding(arabic)).toBe("windows-1256");
    expect(decodeCsv(arabic).text).toContain("زيت أركان");
    const mixed = encode("Crème é;زيت أركان;Thé;سلام;Café", CP1256);
    expect(decodeCsv(mixed)).toEqual({ text: "Crème é;زيت أركان;Thé;سلام;Café", encoding: "windows-1256" });
    const french = latin1("titre;description\nCrème de savon;Pâte à l'huile d'olive, façon Élodie\nThé à la menthe;Séché à l'ombre, très parfumé");
    expect(decodeCsv(french)).toEqual({ text: new TextDecoder().decode(utf8("titre;description\nCrème de savon;Pâte à l'huile d'olive, façon Élodie\nThé à la menthe;Séché à l'ombre, très parfumé")), encoding: "latin1" });
    // Windows-1252 extras that Excel writes in "Latin-1": the euro sign and the curly apostrophe.
    expect(decodeCsv(new Uint8Array([0x80, 0x20, 0x92, 0x61])).text).toBe("€ ’a");
  });

  it("refuses a binary file", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(() => decodeCsv(png)).toThrow(CsvError);
  });
});

describe("splitting fields", () => {
  it("finds the delimiter in the header line, ignoring quoted ones", () => {
    expect(detectDelimiter("titre;prix;stock")).toBe(";");
    expect(detectDelimiter("titre,prix,stock")).toBe(",");
    expect(detectDelimiter('"titre, fr";prix')).toBe(";");
    expect(detectDelimiter("titre\tprix")).toBe("\t");
    expect(detectDelimiter("titre")).toBe(",");
  });

  it("reads quoted fields with delimiters, doubled quotes and line breaks; CRLF, LF and CR", () => {
    const text = 'a;b;c\r\n"1;2";"il dit ""oui""";"deux\r\nlignes"\n3;;\r"x"y;z';
    expect(parseCsv(text, ";")).toEqual([
      { rowNumber: 1, cells: ["a", "b", "c"] },
      { rowNumber: 2, cells: ["1;2", 'il dit "oui"', "deux\r\nlignes"] },
      { rowNumber: 3, cells: ["3", "", ""] },
      { rowNumber: 4, cells: ["xy", "z"] },
    ]);
    expect(parseCsv("a,b\n", ",")).toEqual([{ rowNumber: 1, cells: ["a", "b"] }]);
    expect(() => parseCsv('a;b\n1;"open\n2;3\n', ";")).toThrow(expect.objectContaining({ code: "unterminatedQuote", vars: { line: 2 } }));
  });

  it("keeps formulas as the text they are", () => {
    expect(parseCsv("=1+1;\"=cmd|' /C calc'!A0\";@SUM(A1)", ";")[0].cells).toEqual(["=1+1", "=cmd|' /C calc'!A0", "@SUM(A1)"]);
  });
});

describe("a whole file", () => {
  it("skips blank rows and Excel's sep= line, numbers rows as the spreadsheet does, and stops over the limit", () => {
    const file = readCsv(utf8("sep=,\ntitre,prix\n\nMiel,12\n,\nAmlou,8\n"), { maxDataRows: 5 });
    expect(file).toMatchObject({ encoding: "utf-8", delimiter: ",", header: ["titre", "prix"], headerRowNumber: 2 });
    expect(file.rows).toEqual([
      { rowNumber: 4, cells: ["Miel", "12"] },
      { rowNumber: 6, cells: ["Amlou", "8"] },
    ]);
    expect(() => readCsv(utf8("titre\n" + "x\n".repeat(6)), { maxDataRows: 5 })).toThrow(expect.objectContaining({ code: "tooManyRows", vars: { count: 6, max: 5 } }));
    expect(() => readCsv(utf8("\n\n"), { maxDataRows: 5 })).toThrow(expect.objectContaining({ code: "empty" }));
  });
});
