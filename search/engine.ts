// The search engine interface shared by the PostgreSQL engine (default) and Meilisearch (when MEILI_URL is set).

export const DOCUMENT_TYPES = ["organization", "product"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/**
 * What an engine indexes: one organisation or one product, flattened for search. For a product, `kind`
 * is its category, `regionCode` and `womenLed` are its cooperative's, `labels` its quality signs (codes of
 * the IGP/AOP list, `organic`, `women-cooperative`).
 */
export type SearchDocument = {
  /** `<type>:<refId>` */
  id: string;
  type: DocumentType;
  refId: string;
  title: string;
  titleAr: string | null;
  body: string | null;
  bodyAr: string | null;
  kind: string | null;
  regionCode: string | null;
  themes: string[];
  sectors: string[];
  needs: string[];
  offers: string[];
  labels: string[];
  womenLed: boolean;
  verified: boolean;
  /** products: the cooperative selling it; null for organisations */
  organizationId: string | null;
  /** products: the lowest price of its sizes, in centimes; null for organisations */
  priceMin: number | null;
  /** products: some size has stock; false for organisations */
  inStock: boolean;
  sortName: string;
  createdAt: Date;
};

export type SearchFilters = {
  kinds?: string[];
  regions?: string[];
  themes?: string[];
  sectors?: string[];
  needs?: string[];
  offers?: string[];
  labels?: string[];
  womenLed?: boolean;
  verified?: boolean;
  /** products sold by any of these organisations */
  organizations?: string[];
  /** products whose lowest price is at least / at most this many centimes */
  priceMin?: number;
  priceMax?: number;
  /** products with (or without) stock */
  inStock?: boolean;
};

export const FACETS = [
  "kind",
  "region",
  "themes",
  "sectors",
  "needs",
  "offers",
  "labels",
  "womenLed",
  "verified",
  "organization",
  "inStock",
] as const;
export type Facet = (typeof FACETS)[number];

/** Orders of the directory (organisations). */
export const SORTS = ["relevance", "newest", "name"] as const;
/** Orders of the marketplace (products): by their lowest price, too. */
export const PRODUCT_SORTS = ["relevance", "newest", "price_asc", "price_desc"] as const;
export type Sort = (typeof SORTS)[number];
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export type SearchQuery = {
  q: string;
  /** which documents; organisations unless said otherwise */
  type?: DocumentType;
  filters?: SearchFilters;
  facets?: Facet[];
  sort?: Sort | ProductSort;
  page?: number;
  perPage?: number;
};

export type SearchHit = {
  id: string;
  refId: string;
  title: string;
  titleAr: string | null;
  kind: string | null;
  regionCode: string | null;
};

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  /** true when `total` (and facet counts) are estimates for a very large result set */
  totalIsEstimate: boolean;
  page: number;
  perPage: number;
  /** facet → value → count, over the documents matching the query and filters */
  facets: Partial<Record<Facet, Record<string, number>>>;
  /** the words actually searched, after typo correction */
  correctedQuery: string;
};

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  /** Creates or updates the index and its settings; safe to call at every start. */
  applySettings(): Promise<void>;
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
}

export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_WORDS = 8;
export const MAX_PER_PAGE = 100;
export const MAX_PAGE = 1000;
/**
 * Every engine ranks at least this many results of a large result set (the PostgreSQL engine exactly
 * this many): when a total is an estimate, pages beyond these are not offered.
 */
export const RANKED_RESULTS = 1000;

/**
 * Splits a query into words: letters and digits of any script (Latin, Arabic, Tifinagh), at most
 * MAX_QUERY_WORDS of them, from at most MAX_QUERY_CHARS characters. Operators and quotes are dropped.
 */
export function queryWords(q: string): string[] {
  return (q.slice(0, MAX_QUERY_CHARS).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_QUERY_WORDS);
}

/** Page and page size within the bounds every engine honours. */
export function pageBounds(query: Pick<SearchQuery, "page" | "perPage">) {
  const perPage = Math.min(Math.max(Math.floor(query.perPage ?? 20), 1), MAX_PER_PAGE);
  const page = Math.min(Math.max(Math.floor(query.page ?? 1) || 1, 1), MAX_PAGE);
  return { page, perPage };
}
