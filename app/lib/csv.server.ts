// CSV exports that spreadsheets open safely: every export (products to fix, orders, ledgers, payouts) goes
// through toCsv, so no cell a person typed can run as a formula in Excel or LibreOffice (CSV injection).

/**
 * An amount of money written as a value: two decimals with a decimal comma, as French Excel (the one
 * that reads semicolons) expects; a plain "12.50" would become a date there. Never neutralised: it is
 * not text a person typed, and a negative amount must stay a number.
 */
export class CsvAmount {
  readonly text: string;
  constructor(centimes: number) {
    if (!Number.isSafeInteger(centimes)) throw new TypeError("CsvAmount: centimes must be an integer");
    const abs = Math.abs(centimes);
    this.text = `${centimes < 0 ? "-" : ""}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, "0")}`;
  }
}

/** Integer centimes as a CSV amount in MAD with two decimals ("-1250" → -12,50). */
export const csvAmount = (centimes: number) => new CsvAmount(centimes);

/** A measure with decimals (hours, a share) written with a decimal comma, for the same reason as amounts. */
export class CsvDecimal {
  readonly text: string;
  constructor(value: number) {
    if (!Number.isFinite(value)) throw new TypeError("CsvDecimal: value must be a finite number");
    this.text = String(value).replace(".", ",");
  }
}

export const csvDecimal = (value: number) => new CsvDecimal(value);

export type CsvValue = string | number | boolean | Date | CsvAmount | CsvDecimal | null | undefined;
export type CsvDelimiter = ";" | "," | "\t";

/**
 * Text that a spreadsheet would read as a formula or a command (`=`, `+`, `-`, `@`, or a tab or carriage
 * return before one) gets a leading single quote, so it shows as typed and never runs (OWASP "CSV
 * injection"). Numbers, booleans and dates are written as values: a negative amount stays a number.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * One field of a CSV line: neutralised when it is text, then quoted (with inner quotes doubled) when it
 * holds the delimiter, a quote or a line break. Dates are written as ISO 8601.
 */
export function csvCell(value: CsvValue, delimiter: CsvDelimiter = ";"): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (typeof value === "number") text = Number.isFinite(value) ? String(value) : "";
  else if (typeof value === "boolean") text = value ? "true" : "false";
  else if (value instanceof Date) text = value.toISOString();
  else if (value instanceof CsvAmount || value instanceof CsvDecimal) text = value.text;
  else text = neutralise(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV file as Excel opens it best in Morocco and France: semicolons (French Excel's list
 * separator), CRLF line ends, and a UTF-8 byte order mark so accents and Arabic survive.
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], opts: { delimiter?: CsvDelimiter; bom?: boolean } = {}): string {
  const delimiter = opts.delimiter ?? ";";
  const body = rows.map((row) => row.map((cell) => csvCell(cell, delimiter)).join(delimiter)).join("\r\n");
  return `${opts.bom === false ? "" : "\uFEFF"}${body}\r\n`;
}

/** A CSV download; the file name is reduced to safe characters. */
export function csvResponse(csv: string, fileName: string): Response {
  const safe = fileName.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/\.{2,}/g, ".").replace(/^[-.]+|-+$/g, "") || "export.csv";
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safe}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
