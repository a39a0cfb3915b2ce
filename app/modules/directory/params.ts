// The directory's state lives in its URL, so a search can be shared, bookmarked and crawled.
// Browser-safe: the page builds its links with the same functions the loader parses with.
import { MAX_PAGE, SORTS, type SearchFilters, type Sort } from "../../../search/engine";

/** URL parameter → filter, for the multi-valued filters (`?region=09&region=01`). */
export const LIST_PARAMS = {
  kind: "kinds",
  region: "regions",
  theme: "themes",
  sector: "sectors",
  offer: "offers",
  need: "needs",
  label: "labels",
} as const satisfies Record<string, keyof SearchFilters>;
export type ListParam = keyof typeof LIST_PARAMS;

export type DirectoryParams = {
  q: string;
  page: number;
  sort: Sort;
  lists: Record<ListParam, string[]>;
  womenLed: boolean;
  verified: boolean;
};

// Hostile URLs are bounded rather than refused: a long query or many values give a normal page.
const MAX_Q = 1000;
const MAX_VALUES = 20;
const MAX_VALUE_CHARS = 64;

/**
 * Reads the directory's URL. Nothing here throws: unknown values are kept as they are (so they match
 * nothing, never widening the results), malformed numbers fall back to defaults.
 */
export function parseDirectoryParams(search: URLSearchParams): DirectoryParams {
  const page = Number.parseInt(search.get("page") ?? "1", 10);
  const sort = search.get("sort");
  const lists = Object.fromEntries(
    Object.keys(LIST_PARAMS).map((name) => [
      name,
      [...new Set(search.getAll(name).map((v) => v.slice(0, MAX_VALUE_CHARS)))].filter(Boolean).slice(0, MAX_VALUES),
    ]),
  ) as Record<ListParam, string[]>;
  return {
    q: (search.get("q") ?? "").slice(0, MAX_Q).trim(),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, MAX_PAGE) : 1,
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : "relevance",
    lists,
    womenLed: search.get("women") === "1",
    verified: search.get("verified") === "1",
  };
}

export function toFilters(p: DirectoryParams): SearchFilters {
  const filters: SearchFilters = {};
  for (const [name, key] of Object.entries(LIST_PARAMS) as [ListParam, keyof SearchFilters][]) {
    if (p.lists[name].length) (filters as Record<string, string[]>)[key] = p.lists[name];
  }
  if (p.womenLed) filters.womenLed = true;
  if (p.verified) filters.verified = true;
  return filters;
}

export function hasFilters(p: DirectoryParams) {
  return Object.values(p.lists).some((v) => v.length > 0) || p.womenLed || p.verified;
}

type Change = Partial<Omit<DirectoryParams, "lists">> & { toggle?: [ListParam, string]; only?: [ListParam, string[]] };

/**
 * The directory URL for these params with one change applied; any change but a page change goes back
 * to page 1. Defaults are left out so URLs stay short and canonical.
 */
export function directoryHref(p: DirectoryParams, change: Change = {}) {
  const next = { ...p, page: change.page ?? 1, ...change, lists: { ...p.lists } };
  if (change.toggle) {
    const [name, value] = change.toggle;
    const current = next.lists[name];
    next.lists[name] = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  }
  if (change.only) next.lists[change.only[0]] = change.only[1];
  const out = new URLSearchParams();
  if (next.q) out.set("q", next.q);
  for (const name of Object.keys(LIST_PARAMS) as ListParam[]) for (const v of next.lists[name]) out.append(name, v);
  if (next.womenLed) out.set("women", "1");
  if (next.verified) out.set("verified", "1");
  if (next.sort !== "relevance") out.set("sort", next.sort);
  if (next.page > 1) out.set("page", String(next.page));
  const query = out.toString();
  return query ? `/annuaire?${query}` : "/annuaire";
}
