// Reading a CSV as spreadsheets write it: the encoding and the delimiter are guessed, quoted fields may hold
// delimiters, quotes and line breaks. Pure functions, no I/O: the import module decides what the cells mean.

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1256" | "latin1";
export type CsvDelimiter = ";" | "," | "\t";

/** What is wrong with the file as a whole; `code` becomes the message key `imports.errors.<code>`. */
export class CsvError extends Error {
  constructor(
    readonly code: "binary" | "empty" | "unterminatedQuote" | "tooManyRows",
    readonly vars: Record<string, number | string> = {},
  ) {
    super(code);
  }
}

// Bytes of Windows-1256 that are Arabic letters or marks. French accented lowercase letters (à â ç è é ê ë
// î ï ô ù û ü) sit at the same bytes in Windows-1256 and Latin-1, so they say nothing either way.
const ARABIC_1256 = new Set<number>([
  0x81, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x98, 0x9a, 0x9f, 0xaa, 0xba, 0xbf,
  ...range(0xc1, 0xd6),
  ...range(0xd8, 0xdf),
  0xe1, 0xe3, 0xe4, 0xe5, 0xe6, 0xec, 0xed, 0xf0, 0xf1, 0xf2, 0xf3, 0xf5, 0xf6, 0xf8, 0xfa,
]);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Windows-1256 (Arabic Excel) or Latin-1 (French Excel, really Windows-1252) for bytes that are not UTF-8.
 * Arabic words are runs of several high bytes, mostly Arabic letters; French accents are single high
 * bytes between ASCII letters. Whichever weighs more wins; a tie (no high byte at all) is Latin-1.
 */
export function guessSingleByteEncoding(bytes: Uint8Array): "windows-1256" | "latin1" {
  let arabic = 0;
  let latin = 0;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    let j = i;
    let arabicLetters = 0;
    while (j < bytes.length && bytes[j] >= 0x80) {
      if (ARABIC_1256.has(bytes[j])) arabicLetters++;
      j++;
    }
    const run = j - i;
    if (run >= 2 && arabicLetters * 2 >= run) arabic += run;
    else latin += run;
    i = j;
  }
  return arabic > latin ? "windows-1256" : "latin1";
}

// Bytes 0x80–0x9F of Windows-1252, which Excel writes as "Latin-1" (€, ’, œ, …). Node 20's TextDecoder
// reads them as C1 control characters even under the "windows-1252" label, so they are mapped here.
const WINDOWS_1252 = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** The file's text and the encoding it was read with; a byte order mark is dropped. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  let encoding: CsvEncoding;
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = "utf-8";
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = "utf-16le";
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = "utf-16be";
    body = bytes.subarray(2);
  } else {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      encoding = "utf-8";
    } catch {
      encoding = guessSingleByteEncoding(bytes);
    }
  }
  let text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  if (encoding === "latin1") text = text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252[c.charCodeAt(0) - 0x80] || c);
  // No spreadsheet writes a NUL in a CSV: this is an image, an .xlsx or some other binary file.
  if (text.includes("\u0000")) throw new CsvError("binary");
  return { text, encoding };
}

/** The delimiter used most in the header line, outside quotes: semicolon, comma or tab. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ";" || c === "," || c === "\t")) counts[c]++;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).sort((a, b) => counts[b] - counts[a])[0];
  return counts[best] > 0 ? best : ",";
}

/**
 * Splits CSV text into records (RFC 4180, leniently): fields may be quoted, with `""` for a quote and
 * delimiters or line breaks inside; CRLF, LF and CR all end a record. Each record keeps its 1-based
 * number, which is the spreadsheet's row number.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter): { rowNumber: number; cells: string[] }[] {
  const records: { rowNumber: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = "";
  let quoted = false; // inside quotes
  let wasQuoted = false; // this field started with a quote
  let rowNumber = 1;
  let quoteStartLine = 1;
  let line = 1;
  const endRecord = () => {
    cells.push(field);
    records.push({ rowNumber, cells });
    rowNumber++;
    cells = [];
    field = "";
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !wasQuoted && field.trim() === "") {
      quoted = true;
      wasQuoted = true;
      quoteStartLine = line;
      field = "";
    } else if (c === delimiter) {
      cells.push(field);
      field = "";
      wasQuoted = false;
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      line++;
      endRecord();
    } else field += c;
  }
  if (quoted) throw new CsvError("unterminatedQuote", { line: quoteStartLine });
  if (field !== "" || cells.length > 0) endRecord();
  return records;
}

export const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/**
 * A CSV file read: its encoding, delimiter, header and data rows (blank rows skipped). Excel's optional
 * first line `sep=;` names the delimiter. More than `maxDataRows` data rows is an error, raised before
 * anything is kept.
 */
export function readCsv(bytes: Uint8Array, opts: { maxDataRows: number }) {
  const { text, encoding } = decodeCsv(bytes);
  let body = text;
  let delimiter: CsvDelimiter | undefined;
  let skipped = 0;
  const sep = /^sep=([;,\t])\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1] as CsvDelimiter;
    body = body.slice(sep[0].length);
    skipped = 1;
  }
  // The header is the first line with something in it.
  const firstLine = body.split(/\r\n|\n|\r/).find((l) => l.trim() !== "") ?? "";
  delimiter ??= detectDelimiter(firstLine);
  const records = parseCsv(body, delimiter)
    .map((r) => ({ ...r, rowNumber: r.rowNumber + skipped }))
    .filter((r) => !isBlank(r.cells));
  const [header, ...rows] = records;
  if (!header) throw new CsvError("empty");
  if (rows.length > opts.maxDataRows) throw new CsvError("tooManyRows", { count: rows.length, max: opts.maxDataRows });
  return { encoding, delimiter, header: header.cells.map((h) => h.trim()), headerRowNumber: header.rowNumber, rows };
}
