import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { indexProducts } from "../../../search/documents.server";
import { catalogImportRows, catalogImports, products, productVariants, stockMovements } from "../../../db/schema";
import { PRODUCT_CATEGORIES, type ImportRowStatus, type ProductCategory } from "../../../db/schema/enums";
import { catalogs } from "~/i18n/catalogs.server";
import type { MessageKey, T } from "~/i18n/i18n";
import { toCsv } from "~/lib/csv.server";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { hit } from "~/lib/rate-limit.server";
import { parseForm } from "~/lib/forms";
import { isUuid, uniqueSlug } from "~/lib/ids.server";
import { enqueue, QUEUES } from "~/lib/jobs.server";
import type { Actor } from "../organizations/authorize.server";
import { slugify } from "../organizations/slug";
import { CsvError, readCsv } from "./csv";
import { ERRORS_COLUMN, IMPORT_COLUMNS, type ImportColumn, REQUIRED_COLUMNS, ROW_ERROR, type RowFilter } from "./csv-import";
import { cooperativeFor } from "./products.server";
import { qualitySigns } from "./quality-signs.server";
import { productSchema, variantSchema } from "./schemas";

// CSV import of a cooperative's products (issue 4, item 2): a file is read and checked cell by cell, kept
// as a preview (catalog_imports + catalog_import_rows), then a job imports its valid rows in batches.
// One row is one variant (a size with its price and stock); rows with the same reference, or without a
// reference the same French title, are one product.

/** Up to this many data rows per file; beyond, the whole file is refused before anything is kept. */
export const MAX_IMPORT_ROWS = 10_000;
/** Under the server's 4 MB request limit (server/security.ts), like photos: 10,000 full rows fit. */
export const MAX_IMPORT_BYTES = 4 * 1024 * 1024 - 64 * 1024;
/** Rows imported per transaction; the progress bar moves after each. */
export const IMPORT_BATCH_ROWS = 200;
export const IMPORT_PAGE_SIZE = 50;

/** Columns that describe the product, shared by all its rows; the others describe one variant. */
const PRODUCT_COLUMNS: readonly ImportColumn[] = ["titre_fr", "titre_ar", "description_fr", "description_ar", "categorie", "signes_qualite", "bio", "perissable", "onssa"];

/** Lower case, no accents, words joined by "_": "Référence" → "reference", "Titre FR" → "titre_fr". */
function normaliseHeader(h: string): string {
  return h
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .trim()
    .replace(/[\s\-.'’()/°]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

const ALIASES: Record<ImportColumn, string[]> = {
  reference: ["ref", "sku", "slug", "code", "code_produit", "product_reference", "المرجع", "مرجع"],
  titre_fr: ["titre", "nom", "nom_fr", "produit", "title", "title_fr", "name", "name_fr", "product", "الاسم_بالفرنسية", "العنوان_بالفرنسية"],
  titre_ar: ["nom_ar", "title_ar", "name_ar", "الاسم", "الاسم_بالعربية", "العنوان", "العنوان_بالعربية"],
  description_fr: ["description", "الوصف_بالفرنسية"],
  description_ar: ["الوصف", "الوصف_بالعربية"],
  categorie: ["category", "الفئة", "الصنف"],
  unite: ["unit", "الوحدة"],
  taille: ["format", "contenance", "poids", "size", "الحجم"],
  prix: ["prix_mad", "prix_dh", "price", "price_mad", "السعر"],
  stock: ["quantite_en_stock", "المخزون"],
  lot: ["numero_de_lot", "n_lot", "batch", "رقم_الدفعة", "الدفعة"],
  dluo: ["ddm", "date_limite", "best_before", "تاريخ_الصلاحية"],
  signes_qualite: ["signes_de_qualite", "quality_signs", "علامات_الجودة"],
  bio: ["biologique", "organic", "عضوي"],
  perissable: ["perishable", "قابل_للتلف"],
  onssa: ["numero_onssa", "autorisation_onssa", "onssa_number", "ترخيص_onssa"],
};
const HEADER_TO_COLUMN = new Map<string, ImportColumn>(
  IMPORT_COLUMNS.flatMap((c) => [c, ...ALIASES[c]].map((alias) => [normaliseHeader(alias), c] as const)),
);
const IGNORED_HEADERS = new Set(["erreurs", "errors", "الأخطاء"].map(normaliseHeader));

type Cells = Partial<Record<ImportColumn, string>>;
type FileProblem = { key: MessageKey; vars?: Record<string, string | number> };

/** A file the import cannot read at all: one message, with details (the columns concerned). */
export class ImportFileError extends DomainError {
  constructor(
    key: MessageKey,
    readonly vars: Record<string, string | number> = {},
    readonly details: FileProblem[] = [],
  ) {
    super(400, key);
  }
}

/** Which column each header is, or a file error naming the missing, unknown and repeated ones. */
export function mapHeader(header: string[]): (ImportColumn | null)[] {
  const seen = new Set<ImportColumn>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  const mapped = header.map((raw) => {
    const name = normaliseHeader(raw.replace(/^\uFEFF/, ""));
    if (name === "" || IGNORED_HEADERS.has(name)) return null;
    const column = HEADER_TO_COLUMN.get(name);
    if (!column) {
      unknown.push(raw.trim());
      return null;
    }
    if (seen.has(column)) repeated.push(raw.trim());
    seen.add(column);
    return column;
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  const details: FileProblem[] = [];
  if (missing.length) details.push({ key: "imports.errors.missingColumns", vars: { columns: missing.join(", ") } });
  if (unknown.length) details.push({ key: "imports.errors.unknownColumns", vars: { columns: unknown.slice(0, 10).join(", ") } });
  if (repeated.length) details.push({ key: "imports.errors.repeatedColumns", vars: { columns: repeated.join(", ") } });
  if (details.length) throw new ImportFileError("imports.errors.columns", {}, details);
  return mapped;
}

// ---------------------------------------------------------------------------------------------------------
// Reading values as cooperatives write them, into what the product and variant forms take. The rules of
// what is acceptable stay in productSchema and variantSchema: these only translate the spreadsheet's ways.

const simple = (s: string) =>
  s
    .normalize("NFD")
    // Latin accents, Arabic short vowels, shadda and tatweel.
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
    .toLowerCase()
    .replace(/[\s_\-.'’]+/g, " ")
    .trim();

/** A category as written, singular or plural, with or without the article: "Huiles", "huile", "oils", "زيوت". */
const categoryKey = (s: string) =>
  simple(s)
    .replace(/(?<=[a-z])s\b/g, "")
    .replace(/(^|\s)ال/gu, "$1");
/** Category codes, and their labels in the three languages ("Huiles", "زيوت", "Oils"). */
const CATEGORY_NAMES = new Map<string, ProductCategory>(
  PRODUCT_CATEGORIES.flatMap((code) => [
    [categoryKey(code), code] as const,
    ...(["fr", "ar", "en"] as const).map((l) => [categoryKey((catalogs[l].categories as Record<string, string>)[code] ?? code), code] as const),
  ]),
);

const UNITS: Record<string, { unit: "g" | "ml" | "piece"; factor: number }> = {};
for (const [names, unit, factor] of [
  [["g", "gr", "grs", "gramme", "grammes", "gram", "grams", "غ", "غرام", "جرام"], "g", 1],
  [["kg", "kilo", "kilos", "kilogramme", "kilogrammes", "كغ", "كلغ", "كيلو"], "g", 1000],
  [["ml", "millilitre", "millilitres", "milliliter", "مل"], "ml", 1],
  [["cl", "centilitre", "centilitres"], "ml", 10],
  [["l", "litre", "litres", "liter", "liters", "لتر"], "ml", 1000],
  [["piece", "pieces", "pc", "pcs", "u", "unite", "unites", "unit", "units", "قطعة", "حبة"], "piece", 1],
] as const) {
  for (const n of names) UNITS[simple(n)] = { unit, factor };
}

/** Unit and size for variantSchema: "kg" and "1,5" → "g" and "1500"; "250 ml" in the size column alone works too. */
function readSize(uniteCell: string, tailleCell: string): { unit: string; size: string } {
  let unitName = uniteCell.trim();
  let size = tailleCell.trim();
  const inline = /^(\d+(?:[.,]\d+)?)\s*([^\d\s].*)$/u.exec(size);
  if (inline && UNITS[simple(inline[2])] && (unitName === "" || UNITS[simple(unitName)])) {
    size = inline[1];
    unitName = inline[2];
  }
  const unit = UNITS[simple(unitName)];
  if (!unit) return { unit: unitName, size };
  if (unit.factor !== 1 && /^\d+([.,]\d+)?$/.test(size)) size = String(Math.round(Number(size.replace(",", ".")) * unit.factor * 1000) / 1000);
  return { unit: unit.unit, size };
}

const YES = new Set(["oui", "o", "yes", "y", "1", "vrai", "true", "x", "نعم"]);
const NO = new Set(["non", "n", "no", "0", "faux", "false", "لا", ""]);
function readBoolean(cell: string): boolean | null {
  const v = simple(cell);
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  return null;
}

/** "YYYY-MM-DD", or "DD/MM/YYYY" as French Excel writes dates; a day that does not exist is refused. */
function readDate(cell: string): { value: string; ok: boolean } {
  const v = cell.trim();
  if (v === "") return { value: "", ok: true };
  let y: string, m: string, d: string;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (iso) [, y, m, d] = iso;
  else if (fr) [, d, m, y] = fr;
  else return { value: v, ok: false };
  const value = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const date = new Date(`${value}T00:00:00Z`);
  return { value, ok: !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value };
}

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,59}$/;
/** A reference as part of a slug: "HA-250", "ha 250" and "ha_250" are the same product. */
export function referenceKey(reference: string): string {
  return reference
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
const titleKey = (title: string) => title.trim().replace(/\s+/g, " ").toLowerCase();

/** The slug a product imported with a reference gets: the cooperative's slug and the reference, stable across imports. */
export const referenceSlug = (cooperativeSlug: string, reference: string) => `${cooperativeSlug}-${referenceKey(reference)}`;

export type ProductInput = z.output<typeof productSchema> & { perishable: boolean };
export type VariantInput = z.output<typeof variantSchema>;
export type CheckedRow = {
  rowNumber: number;
  cells: Cells;
  errors: Record<string, string>;
  status: "valid" | "invalid";
  /** The product the row belongs to: "ref:<reference>" or "title:<French title>". */
  group: string;
  reference: string | null;
  product?: ProductInput;
  variant?: VariantInput;
};

const PRODUCT_FIELDS: Record<string, ImportColumn> = {
  titleFr: "titre_fr",
  titleAr: "titre_ar",
  descriptionFr: "description_fr",
  descriptionAr: "description_ar",
  category: "categorie",
  qualitySigns: "signes_qualite",
  organic: "bio",
  onssaNumber: "onssa",
};
const VARIANT_FIELDS: Record<string, ImportColumn> = {
  unit: "unite",
  size: "taille",
  price: "prix",
  stock: "stock",
  lot: "lot",
  bestBefore: "dluo",
};

function form(fields: Record<string, string | string[] | undefined>) {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) for (const x of [v].flat()) data.append(k, x);
  return data;
}

/** One row against the product and variant forms' own schemas; errors are message keys per column. */
function checkCells(cells: Cells, knownSigns: Set<string>) {
  const errors: Record<string, string> = {};
  const cell = (c: ImportColumn) => cells[c] ?? "";

  const organic = readBoolean(cell("bio"));
  if (organic === null) errors.bio = "errors.invalidChoice";
  const perishable = readBoolean(cell("perissable"));
  if (perishable === null) errors.perissable = "errors.invalidChoice";
  const signs = cell("signes_qualite")
    .split(/[|,]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (knownSigns.has(s) ? s : slugify(s)));
  const category = CATEGORY_NAMES.get(categoryKey(cell("categorie"))) ?? cell("categorie");
  const product = parseForm(
    productSchema,
    form({
      titleFr: cell("titre_fr"),
      titleAr: cell("titre_ar"),
      descriptionFr: cell("description_fr"),
      descriptionAr: cell("description_ar"),
      category,
      qualitySigns: signs,
      organic: organic ? "on" : undefined,
      onssaNumber: cell("onssa"),
    }),
  );
  if (!product.ok) for (const [field, keys] of Object.entries(product.errors)) errors[PRODUCT_FIELDS[field] ?? ROW_ERROR] ??= keys[0];
  if (signs.some((s) => !knownSigns.has(s))) errors.signes_qualite ??= "errors.invalidChoice";

  const { unit, size } = readSize(cell("unite"), cell("taille"));
  const date = readDate(cell("dluo"));
  if (!date.ok) errors.dluo = "imports.errors.date";
  const variant = parseForm(
    variantSchema,
    form({
      unit,
      size,
      price: cell("prix").replace(/\s*(mad|dhs?|dirhams?|درهم)\.?\s*$/i, ""),
      stock: cell("stock").trim() || "0",
      lot: cell("lot"),
      bestBefore: date.ok ? date.value : undefined,
    }),
  );
  if (!variant.ok) for (const [field, keys] of Object.entries(variant.errors)) errors[VARIANT_FIELDS[field] ?? ROW_ERROR] ??= keys[0];

  return {
    errors,
    product: product.ok && organic !== null && perishable !== null ? { ...product.data, perishable } : undefined,
    variant: variant.ok ? variant.data : undefined,
  };
}

/**
 * Checks every row, and the rows of one product together: product columns left empty take the value of the
 * product's first row that has one; a different value is an error, and so is the same size twice.
 * `preset` carries errors found while reading the file (cells outside any column).
 */
export function checkRows(rows: { rowNumber: number; cells: Cells; preset?: Record<string, string> }[]): CheckedRow[] {
  const knownSigns = new Set(qualitySigns().map((s) => s.code));
  const groupOf = (cells: Cells) => {
    const reference = (cells.reference ?? "").trim();
    if (reference) return REFERENCE.test(reference) && referenceKey(reference) ? `ref:${referenceKey(reference)}` : `row`;
    return `title:${titleKey(cells.titre_fr ?? "")}`;
  };
  // The first value of each product column, per product.
  const firsts = new Map<string, Map<ImportColumn, { value: string; rowNumber: number }>>();
  for (const row of rows) {
    const group = groupOf(row.cells);
    if (group === "row") continue;
    const first = firsts.get(group) ?? new Map();
    firsts.set(group, first);
    for (const c of PRODUCT_COLUMNS) {
      const v = (row.cells[c] ?? "").trim();
      if (v && !first.has(c)) first.set(c, { value: v, rowNumber: row.rowNumber });
    }
  }
  const sizesSeen = new Map<string, Set<string>>();
  return rows.map((row) => {
    const errors: Record<string, string> = { ...row.preset };
    const reference = (row.cells.reference ?? "").trim() || null;
    if (reference !== null && (!REFERENCE.test(reference) || !referenceKey(reference))) errors.reference = "imports.errors.reference";
    const group = groupOf(row.cells);
    const filled: Cells = { ...row.cells };
    const first = firsts.get(group);
    if (first) {
      for (const c of PRODUCT_COLUMNS) {
        const own = (row.cells[c] ?? "").trim();
        const shared = first.get(c);
        if (!own && shared) filled[c] = shared.value;
        else if (own && shared && shared.rowNumber !== row.rowNumber && simple(own) !== simple(shared.value)) errors[c] ??= "imports.errors.differsFromFirstRow";
      }
    }
    const checked = checkCells(filled, knownSigns);
    for (const [c, key] of Object.entries(checked.errors)) errors[c] ??= key;
    if (checked.variant && !Object.keys(errors).length) {
      const sizes = sizesSeen.get(group) ?? new Set();
      sizesSeen.set(group, sizes);
      const size = `${checked.variant.unit}:${checked.variant.size}`;
      if (sizes.has(size)) errors.taille = "imports.errors.repeatedSize";
      sizes.add(size);
    }
    const valid = Object.keys(errors).length === 0;
    return {
      rowNumber: row.rowNumber,
      cells: row.cells,
      errors,
      status: valid ? "valid" : "invalid",
      group,
      reference,
      product: valid ? checked.product : undefined,
      variant: valid ? checked.variant : undefined,
    };
  });
}

/**
 * Reads a CSV file into checked rows: encoding and delimiter guessed, the header mapped to the template's
 * columns (aliases accepted), every row checked. A file it cannot take throws ImportFileError.
 */
export function readImportFile(bytes: Uint8Array) {
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportFileError("imports.errors.tooLarge");
  let file: ReturnType<typeof readCsv>;
  try {
    file = readCsv(bytes, { maxDataRows: MAX_IMPORT_ROWS });
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(`imports.errors.${error.code}`, error.vars);
    throw error;
  }
  const columns = mapHeader(file.header);
  if (file.rows.length === 0) throw new ImportFileError("imports.errors.noRows");
  const rows = file.rows.map(({ rowNumber, cells: raw }) => {
    const cells: Cells = {};
    const preset: Record<string, string> = {};
    raw.forEach((value, i) => {
      const column = columns[i];
      if (column) {
        if (value.trim() !== "") cells[column] = value;
      } else if (value.trim() !== "" && !(i < file.header.length && IGNORED_HEADERS.has(normaliseHeader(file.header[i])))) {
        // A value under no column (a cell past the header's end, or under an unnamed or unknown one).
        preset[ROW_ERROR] = "imports.errors.cellOutsideColumns";
      }
    });
    return { rowNumber, cells, preset };
  });
  return { encoding: file.encoding, delimiter: file.delimiter, rows: checkRows(rows) };
}

// ---------------------------------------------------------------------------------------------------------
// Storage, access and the job.

function safeFileName(name: string) {
  const base = name.split(/[\\/]/).pop() ?? "";
  const printable = [...base].filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f).join("");
  return printable.slice(0, 200) || "import.csv";
}

/** Reads the file, checks it and keeps it as a preview, all or nothing; returns the import's id. */
export async function createCatalogImport(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; fileName: string; bytes: Uint8Array }) {
  const { db, actor } = opts;
  const org = await cooperativeFor(db, actor, opts.cooperativeSlug);
  // Parsing 10,000 rows costs a few seconds of the server: a cooperative has 30 uploads an hour.
  await hit(db, [{ key: `catalog-import:${org.id}`, max: 30, windowSeconds: 3600 }]);
  const file = readImportFile(opts.bytes);
  const validRows = file.rows.filter((r) => r.status === "valid").length;
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(catalogImports)
      .values({
        organizationId: org.id,
        createdBy: actor?.id ?? null,
        fileName: safeFileName(opts.fileName),
        encoding: file.encoding,
        delimiter: file.delimiter,
        totalRows: file.rows.length,
        validRows,
      })
      .returning({ id: catalogImports.id });
    for (let i = 0; i < file.rows.length; i += 1000) {
      await tx.insert(catalogImportRows).values(
        file.rows.slice(i, i + 1000).map((r) => ({ importId: created.id, rowNumber: r.rowNumber, cells: r.cells as Record<string, string>, errors: r.errors, status: r.status })),
      );
    }
    return created.id;
  });
}

/** An import of this cooperative, never another's (404 rather than telling it exists). */
async function ownImport(db: DbOrTx, actor: Actor, cooperativeSlug: string, importId: string) {
  const org = await cooperativeFor(db, actor, cooperativeSlug);
  if (!isUuid(importId)) throw new NotFoundError();
  const [found] = await db
    .select()
    .from(catalogImports)
    .where(and(eq(catalogImports.id, importId), eq(catalogImports.organizationId, org.id)));
  if (!found) throw new NotFoundError();
  return { org, imp: found };
}

const cooperativeView = (org: { slug: string; name: string; nameAr: string | null }) => ({ slug: org.slug, name: org.name, nameAr: org.nameAr });

/** The cooperative's recent imports, for the upload page (checks access). */
export async function listCatalogImports(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string }) {
  const { db } = opts;
  const org = await cooperativeFor(db, opts.actor, opts.cooperativeSlug);
  const imports = await db
    .select({
      id: catalogImports.id,
      fileName: catalogImports.fileName,
      status: catalogImports.status,
      totalRows: catalogImports.totalRows,
      validRows: catalogImports.validRows,
      importedRows: catalogImports.importedRows,
      createdAt: catalogImports.createdAt,
    })
    .from(catalogImports)
    .where(eq(catalogImports.organizationId, org.id))
    .orderBy(desc(catalogImports.createdAt))
    .limit(10);
  return { cooperative: cooperativeView(org), imports };
}

/** An import with one page of its rows: invalid ones first, or only those of one status. */
export async function getCatalogImport(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; importId: string; filter?: RowFilter; page?: number }) {
  const { db } = opts;
  const { org, imp } = await ownImport(db, opts.actor, opts.cooperativeSlug, opts.importId);
  const filter = opts.filter ?? "all";
  const byStatus = Object.fromEntries(
    (
      await db
        .select({ status: catalogImportRows.status, n: count() })
        .from(catalogImportRows)
        .where(eq(catalogImportRows.importId, imp.id))
        .groupBy(catalogImportRows.status)
    ).map((r) => [r.status, r.n]),
  ) as Partial<Record<ImportRowStatus, number>>;
  const counts = { all: imp.totalRows, invalid: byStatus.invalid ?? 0, valid: byStatus.valid ?? 0, imported: byStatus.imported ?? 0 };
  const pageCount = Math.max(1, Math.ceil(counts[filter] / IMPORT_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1) || 1), pageCount);
  const where = filter === "all" ? eq(catalogImportRows.importId, imp.id) : and(eq(catalogImportRows.importId, imp.id), eq(catalogImportRows.status, filter));
  const rows = await db
    .select({ rowNumber: catalogImportRows.rowNumber, cells: catalogImportRows.cells, errors: catalogImportRows.errors, status: catalogImportRows.status })
    .from(catalogImportRows)
    .where(where)
    .orderBy(sql`(${catalogImportRows.status} = 'invalid') desc`, asc(catalogImportRows.rowNumber))
    .limit(IMPORT_PAGE_SIZE)
    .offset((page - 1) * IMPORT_PAGE_SIZE);
  return { cooperative: cooperativeView(org), import: imp, counts, rows, filter, page, pageCount };
}

/** How far the job is, for the progress bar's polling (checks access). */
export async function getCatalogImportProgress(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; importId: string }) {
  const { imp } = await ownImport(opts.db, opts.actor, opts.cooperativeSlug, opts.importId);
  return { status: imp.status, importedRows: imp.importedRows, validRows: imp.validRows, error: imp.error };
}

/** Previewed (or failed) → queued, with the job enqueued in the same transaction. */
export async function queueCatalogImport(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; importId: string }) {
  const { db } = opts;
  const { imp } = await ownImport(db, opts.actor, opts.cooperativeSlug, opts.importId);
  await db.transaction(async (tx) => {
    const [queued] = await tx
      .update(catalogImports)
      .set({ status: "queued", error: null })
      .where(and(eq(catalogImports.id, imp.id), inArray(catalogImports.status, ["previewed", "failed"]), sql`${catalogImports.validRows} > 0`))
      .returning({ id: catalogImports.id });
    if (!queued) throw new ConflictError("imports.errors.notQueueable");
    await enqueue(tx, QUEUES.catalogImport, { id: imp.id }, { retryLimit: 3 });
  });
}

/** The rows still to fix, as a CSV in the template's columns with what is wrong in an extra column. */
export async function invalidRowsCsv(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; importId: string; t: T }) {
  const { db, t } = opts;
  const { imp } = await ownImport(db, opts.actor, opts.cooperativeSlug, opts.importId);
  const rows = await db
    .select({ cells: catalogImportRows.cells, errors: catalogImportRows.errors })
    .from(catalogImportRows)
    .where(and(eq(catalogImportRows.importId, imp.id), eq(catalogImportRows.status, "invalid")))
    .orderBy(asc(catalogImportRows.rowNumber));
  const text = (key: string) => {
    const translated = t(key as MessageKey);
    return translated === key ? t("errors.invalid") : translated;
  };
  const body = rows.map(({ cells, errors }) => [
    ...IMPORT_COLUMNS.map((c) => cells[c] ?? ""),
    [ROW_ERROR, ...IMPORT_COLUMNS]
      .filter((column) => errors[column])
      .map((column) => (column === ROW_ERROR ? text(errors[column]) : `${column} : ${text(errors[column])}`))
      .join(" | "),
  ]);
  return { fileName: imp.fileName.replace(/\.csv$/i, "") + "-a-corriger.csv", csv: toCsv([[...IMPORT_COLUMNS, ERRORS_COLUMN], ...body]) };
}

/** The template: its columns and one example product, UTF-8 with a BOM and semicolons for Excel. */
export function templateCsv(): string {
  return toCsv([
    [...IMPORT_COLUMNS],
    [
      "HUILE-ARGAN",
      "Huile d'argan alimentaire",
      "زيت الأركان الغذائي",
      "Pressée à froid par les femmes de la coopérative, à partir d'amandes torréfiées.",
      "معصور على البارد من طرف نساء التعاونية.",
      "Huiles",
      "ml",
      "250",
      "89,90",
      "12",
      "L2026-03",
      "31/12/2026",
      "argane",
      "oui",
      "non",
      "",
    ],
  ]);
}

/**
 * The cooperative's products that rows can match: by reference (the slug it gave the product, or the
 * product's own slug), else by French title. Compared here rather than in SQL, so letter case is folded
 * the same way whatever the database's locale.
 */
async function ownProductKeys(tx: DbOrTx, organizationId: string) {
  const found = await tx
    .select({ id: products.id, slug: products.slug, titleFr: products.titleFr })
    .from(products)
    .where(eq(products.organizationId, organizationId))
    .orderBy(asc(products.createdAt));
  const bySlug = new Map<string, string>();
  const byTitle = new Map<string, string>();
  for (const p of found) {
    bySlug.set(p.slug, p.id);
    if (!byTitle.has(titleKey(p.titleFr))) byTitle.set(titleKey(p.titleFr), p.id);
  }
  // A reference's slug that was taken elsewhere got a suffix ("-2"): found by its base too, after exact slugs.
  for (const p of found) {
    const base = p.slug.replace(/-\d+$/, "");
    if (base !== p.slug && !bySlug.has(base)) bySlug.set(base, p.id);
  }
  return { bySlug, byTitle };
}

/**
 * The first free slug for each base (`base`, `base-2`, …): one indexed look-up for the batch, and a
 * second one only for the few bases already taken.
 */
async function freeSlugs(tx: DbOrTx, bases: string[]): Promise<string[]> {
  const taken = new Set(
    (await tx.select({ slug: products.slug }).from(products).where(sql`${products.slug} = any(${sql.param(bases)}::text[])`)).map((r) => r.slug),
  );
  const clashing = [...new Set(bases.filter((b) => taken.has(b)))];
  if (clashing.length) {
    const patterns = clashing.map((b) => `${b.replace(/[\\%_]/g, "\\$&")}-%`);
    const suffixed = await tx.select({ slug: products.slug }).from(products).where(sql`${products.slug} like any(${sql.param(patterns)}::text[])`);
    for (const { slug } of suffixed) taken.add(slug);
  }
  return bases.map((base) => {
    let slug = base;
    for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
    taken.add(slug);
    return slug;
  });
}

/**
 * The job: imports the valid rows of a queued import, a batch of whole products per transaction. New
 * products land as drafts (the cooperative publishes after review); a product that already exists (same
 * reference, or same French title) gets only the sizes it lacks, and a size it already has is left as it is.
 * Each batch marks its rows imported and moves `importedRows`, so a retried job resumes where it stopped.
 * `onBatch` is told the count after each committed batch.
 */
export async function runCatalogImport(db: DbOrTx, importId: string, opts: { batchRows?: number; onBatch?: (importedRows: number) => void | Promise<void> } = {}) {
  const [imp] = await db
    .update(catalogImports)
    .set({ status: "running" })
    .where(and(eq(catalogImports.id, importId), inArray(catalogImports.status, ["queued", "running"])))
    .returning();
  if (!imp) return;
  try {
    const [org] = await db.execute<{ slug: string }>(sql`select slug from organizations where id = ${imp.organizationId}`);
    const stored = await db
      .select()
      .from(catalogImportRows)
      .where(eq(catalogImportRows.importId, imp.id))
      .orderBy(asc(catalogImportRows.rowNumber));
    // The same check as the preview, so the rows are read the same way; invalid rows stay invalid.
    const checked = checkRows(stored.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells as Cells, preset: r.status === "invalid" ? r.errors : {} })));
    const pendingNumbers = new Set(stored.filter((r) => r.status === "valid").map((r) => r.rowNumber));
    const groups = new Map<string, CheckedRow[]>();
    for (const row of checked) {
      if (row.status !== "valid" || !pendingNumbers.has(row.rowNumber)) continue;
      const list = groups.get(row.group) ?? [];
      groups.set(row.group, list);
      list.push(row);
    }
    const batches: CheckedRow[][][] = [[]];
    let inBatch = 0;
    for (const group of groups.values()) {
      if (inBatch >= (opts.batchRows ?? IMPORT_BATCH_ROWS)) {
        batches.push([]);
        inBatch = 0;
      }
      batches[batches.length - 1].push(group);
      inBatch += group.length;
    }
    for (const batch of batches) {
      if (!batch.length) continue;
      const imported = await importBatch(db, { importId: imp.id, organizationId: imp.organizationId, cooperativeSlug: org.slug, createdBy: imp.createdBy, batch });
      await opts.onBatch?.(imported);
    }
    await db
      .update(catalogImports)
      .set({ status: "done", finishedAt: new Date() })
      .where(and(eq(catalogImports.id, imp.id), eq(catalogImports.status, "running")));
  } catch (error) {
    console.error(`catalog import ${importId} failed: ${(error as Error).message}`);
    await db.update(catalogImports).set({ status: "failed", error: "imports.errors.jobFailed", finishedAt: new Date() }).where(eq(catalogImports.id, imp.id));
  }
}

async function importBatch(
  db: DbOrTx,
  opts: { importId: string; organizationId: string; cooperativeSlug: string; createdBy: string | null; batch: CheckedRow[][] },
): Promise<number> {
  return db.transaction(async (tx) => {
    // One import at a time per cooperative, so two imports (or a retried job) never create the same product twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`catalog-import:${opts.organizationId}`}))`);
    const numbers = opts.batch.flat().map((r) => r.rowNumber);
    const stillValid = new Set(
      (
        await tx
          .select({ n: catalogImportRows.rowNumber })
          .from(catalogImportRows)
          .where(and(eq(catalogImportRows.importId, opts.importId), eq(catalogImportRows.status, "valid"), inArray(catalogImportRows.rowNumber, numbers)))
      ).map((r) => r.n),
    );
    const groups = opts.batch.map((g) => g.filter((r) => stillValid.has(r.rowNumber))).filter((g) => g.length > 0);
    if (groups.length) {
      const { bySlug, byTitle } = await ownProductKeys(tx, opts.organizationId);
      // Each group is an existing product, or a new one (shared by groups of the batch with its French title).
      type NewProduct = { base: string; input: ProductInput; id?: string };
      const fresh: NewProduct[] = [];
      const freshByTitle = new Map<string, NewProduct>();
      const target = groups.map((group) => {
        const first = group[0];
        const input = first.product!;
        const existing = first.reference
          ? (bySlug.get(referenceSlug(opts.cooperativeSlug, first.reference)) ?? bySlug.get(referenceKey(first.reference)))
          : (byTitle.get(titleKey(input.titleFr)) ?? freshByTitle.get(titleKey(input.titleFr)));
        if (existing) return existing;
        const created: NewProduct = { base: first.reference ? referenceSlug(opts.cooperativeSlug, first.reference) : slugify(`${opts.cooperativeSlug} ${input.titleFr}`), input };
        fresh.push(created);
        if (!freshByTitle.has(titleKey(input.titleFr))) freshByTitle.set(titleKey(input.titleFr), created);
        return created;
      });
      if (fresh.length) {
        const slugs = await freeSlugs(tx, fresh.map((p) => p.base));
        const values = fresh.map((p, i) => ({ ...p.input, organizationId: opts.organizationId, slug: slugs[i], createdBy: opts.createdBy }));
        const inserted = await tx.insert(products).values(values).onConflictDoNothing({ target: products.slug }).returning({ id: products.id, slug: products.slug });
        const idBySlug = new Map(inserted.map((p) => [p.slug, p.id]));
        for (const [i, p] of fresh.entries()) {
          p.id = idBySlug.get(slugs[i]);
          // A slug taken meanwhile by a product made by hand: the next free one.
          p.id ??= (await tx.insert(products).values({ ...values[i], slug: await uniqueSlug(tx, products.slug, p.base) }).returning({ id: products.id }))[0].id;
        }
      }
      const variantRows = groups.flatMap((group, i) => {
        const t = target[i];
        const productId = typeof t === "string" ? t : t.id!;
        return group.map((row) => ({ row, productId }));
      });
      const inserted = await tx
        .insert(productVariants)
        .values(
          variantRows.map(({ row, productId }) => ({
            productId,
            unit: row.variant!.unit,
            size: row.variant!.size,
            priceCentimes: row.variant!.price,
            stock: row.variant!.stock,
            lot: row.variant!.lot,
            bestBefore: row.variant!.bestBefore,
          })),
        )
        .onConflictDoNothing()
        .returning({ id: productVariants.id, productId: productVariants.productId, unit: productVariants.unit, size: productVariants.size, stock: productVariants.stock });
      const movements = inserted
        .filter((v) => v.stock > 0)
        .map((v) => ({ variantId: v.id, delta: v.stock, reason: "opening", reference: `catalog-import:${opts.importId}`, actorId: opts.createdBy }));
      if (movements.length) await tx.insert(stockMovements).values(movements);
      // New sizes change a published product's lowest price and stock in the marketplace search.
      if (inserted.length) await indexProducts(tx, inserted.map((v) => v.productId));
      const created = new Set(inserted.map((v) => `${v.productId}:${v.unit}:${v.size}`));
      const existed = variantRows.filter(({ row, productId }) => !created.has(`${productId}:${row.variant!.unit}:${row.variant!.size}`)).map(({ row }) => row.rowNumber);
      const done = variantRows.map(({ row }) => row.rowNumber);
      await tx
        .update(catalogImportRows)
        .set({ status: "imported" })
        .where(and(eq(catalogImportRows.importId, opts.importId), inArray(catalogImportRows.rowNumber, done)));
      if (existed.length) {
        // Kept as it was (price and stock untouched): said beside the row.
        await tx
          .update(catalogImportRows)
          .set({ errors: { [ROW_ERROR]: "imports.rows.sizeExisted" } })
          .where(and(eq(catalogImportRows.importId, opts.importId), inArray(catalogImportRows.rowNumber, existed)));
      }
    }
    const [progress] = await tx
      .update(catalogImports)
      .set({ importedRows: sql`${catalogImports.importedRows} + ${stillValid.size}` })
      .where(eq(catalogImports.id, opts.importId))
      .returning({ importedRows: catalogImports.importedRows });
    return progress.importedRows;
  });
}
