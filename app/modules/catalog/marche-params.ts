// The marketplace catalogue's state lives in its URL (as the directory's does), so a search can be
// shared, bookmarked and crawled. Browser-safe and without zod: the page builds its links with these
// functions; the loader parses the URL with the zod schema of marche.server.ts.
import type { ProductSort } from "../../../search/engine";

export const MARCHE_PATH = "/marche";
export const MARCHE_PER_PAGE = 24;

/** URL parameter → what it filters; each may be given several times (`?category=oils&category=honey`). */
export const MARCHE_LISTS = ["category", "region", "coop", "sign"] as const;
export type MarcheList = (typeof MARCHE_LISTS)[number];

export type MarcheParams = {
  q: string;
  page: number;
  sort: ProductSort;
  lists: Record<MarcheList, string[]>;
  /** products of women's cooperatives only */
  women: boolean;
  /** products with stock only */
  inStock: boolean;
  /** price range in MAD, as typed (whole dirhams or with centimes) */
  min: number | null;
  max: number | null;
};

export const MAX_PRICE_MAD = 1_000_000;

export function emptyLists(): Record<MarcheList, string[]> {
  return { category: [], region: [], coop: [], sign: [] };
}

export function hasFilters(p: MarcheParams) {
  return Object.values(p.lists).some((v) => v.length > 0) || p.women || p.inStock || p.min !== null || p.max !== null;
}

export function withoutFilters(p: MarcheParams): MarcheParams {
  return { ...p, lists: emptyLists(), women: false, inStock: false, min: null, max: null };
}

type Change = Partial<Omit<MarcheParams, "lists">> & { toggle?: [MarcheList, string] };

/** MAD with at most two decimals, as a URL value: 49.9 → "49.9", 120 → "120". */
const madValue = (n: number) => String(Math.round(n * 100) / 100);

/**
 * The catalogue URL for these params with one change applied; any change but a page change goes back
 * to page 1. Defaults are left out so URLs stay short and canonical.
 */
export function marcheHref(p: MarcheParams, change: Change = {}) {
  const next = { ...p, page: change.page ?? 1, ...change, lists: { ...p.lists } };
  if (change.toggle) {
    const [name, value] = change.toggle;
    const current = next.lists[name];
    next.lists[name] = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  }
  const out = new URLSearchParams();
  if (next.q) out.set("q", next.q);
  for (const name of MARCHE_LISTS) for (const v of next.lists[name]) out.append(name, v);
  if (next.women) out.set("women", "1");
  if (next.inStock) out.set("stock", "1");
  if (next.min !== null) out.set("min", madValue(next.min));
  if (next.max !== null) out.set("max", madValue(next.max));
  if (next.sort !== "relevance") out.set("sort", next.sort);
  if (next.page > 1) out.set("page", String(next.page));
  const query = out.toString();
  return query ? `${MARCHE_PATH}?${query}` : MARCHE_PATH;
}

/** A product's public page; a cooperative's shop. */
export const productHref = (slug: string) => `/marche/${slug}`;
export const shopHref = (slug: string) => `/cooperatives/${slug}`;
