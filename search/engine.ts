// The search engine interface shared by the PostgreSQL engine (default) and, later, Meilisearch.

export type SearchFilters = {
  kinds?: string[];
  regions?: string[];
  themes?: string[];
  sectors?: string[];
  needs?: string[];
  offers?: string[];
  womenLed?: boolean;
  verified?: boolean;
};

export const FACETS = ["kind", "region", "themes", "sectors", "needs", "offers", "womenLed", "verified"] as const;
export type Facet = (typeof FACETS)[number];

export type SearchQuery = {
  q: string;
  filters?: SearchFilters;
  facets?: Facet[];
  sort?: "relevance" | "newest" | "name";
  page?: number;
  perPage?: number;
};

export type SearchHit = { id: string; refId: string; title: string; titleAr: string | null; kind: string | null; regionCode: string | null };

export type SearchResult = {
  hits: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  /** facet → value → count, over the documents matching the query and filters */
  facets: Partial<Record<Facet, Record<string, number>>>;
  /** the words actually searched, after typo correction */
  correctedQuery: string;
};

export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_WORDS = 8;

/**
 * Splits a query into words: letters and digits of any script (Latin, Arabic, Tifinagh), at most
 * MAX_QUERY_WORDS of them, from at most MAX_QUERY_CHARS characters. Operators and quotes are dropped.
 */
export function queryWords(q: string): string[] {
  return (q.slice(0, MAX_QUERY_CHARS).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => [...w].length >= 1)
    .slice(0, MAX_QUERY_WORDS);
}
