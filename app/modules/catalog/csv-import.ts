// Browser-safe: the import template's columns and the preview's filters (see csv-import.server.ts).

/** The template's columns, in its order. */
export const IMPORT_COLUMNS = [
  "reference",
  "titre_fr",
  "titre_ar",
  "description_fr",
  "description_ar",
  "categorie",
  "unite",
  "taille",
  "prix",
  "stock",
  "lot",
  "dluo",
  "signes_qualite",
  "bio",
  "perissable",
  "onssa",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ImportColumn[] = ["titre_fr", "categorie", "unite", "taille", "prix"];
/** Where a problem belongs to the row rather than to one cell (and the note on a size that already existed). */
export const ROW_ERROR = "_";
/** The column the "rows to fix" download adds; ignored when the file comes back. */
export const ERRORS_COLUMN = "erreurs";
export const ROW_FILTERS = ["all", "invalid", "valid", "imported"] as const;
export type RowFilter = (typeof ROW_FILTERS)[number];
