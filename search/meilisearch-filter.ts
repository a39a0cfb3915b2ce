import type { DocumentType, SearchFilters } from "./engine";

/**
 * A Meilisearch filter in its array form: every inner array is one clause whose alternatives are
 * OR-ed, and the clauses are AND-ed. Each alternative is one `attribute = value` comparison, so a
 * value can never reach the grammar as an operator.
 */
export type MeiliFilter = string[][];

/** Search filter → Meilisearch attribute holding it. */
const LIST_FILTERS = {
  kinds: "kind",
  regions: "regionCode",
  themes: "themes",
  sectors: "sectors",
  needs: "needs",
  offers: "offers",
  labels: "labels",
  organizations: "organizationId",
} as const satisfies Partial<Record<keyof SearchFilters, string>>;

/**
 * A string value as a Meilisearch filter literal: in double quotes, with `\` and `"` escaped by a
 * backslash (the filter parser undoes exactly these two escapes inside a quoted value).
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/** The document type and the filters, as a Meilisearch filter: it can narrow results, never widen them. */
export function meiliFilter(type: DocumentType, filters: SearchFilters = {}): MeiliFilter {
  const clauses: MeiliFilter = [[`type = ${quoteFilterValue(type)}`]];
  for (const [key, attribute] of Object.entries(LIST_FILTERS) as [keyof typeof LIST_FILTERS, string][]) {
    const values = filters[key];
    if (values?.length) clauses.push(values.map((v) => `${attribute} = ${quoteFilterValue(String(v))}`));
  }
  if (filters.womenLed !== undefined) clauses.push([`womenLed = ${filters.womenLed === true}`]);
  if (filters.verified !== undefined) clauses.push([`verified = ${filters.verified === true}`]);
  if (filters.inStock !== undefined) clauses.push([`inStock = ${filters.inStock === true}`]);
  // Numbers only (never text from the URL): a price bound that is not a whole number is left out.
  if (Number.isSafeInteger(filters.priceMin)) clauses.push([`priceMin >= ${filters.priceMin}`]);
  if (Number.isSafeInteger(filters.priceMax)) clauses.push([`priceMin <= ${filters.priceMax}`]);
  return clauses;
}
