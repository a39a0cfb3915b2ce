import {
  type EnqueuedTaskPromise,
  type IndexSwap,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type SearchParams,
  type Settings,
} from "meilisearch";
import {
  DOCUMENT_TYPES,
  type Facet,
  pageBounds,
  queryWords,
  type SearchDocument,
  type SearchEngine,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from "./engine";
import { meiliFilter } from "./meilisearch-filter";
import { synonymMap } from "./meilisearch-synonyms";

/** What Meilisearch stores: the document with a valid primary key and its date as a sortable number. */
export type MeiliDocument = Omit<SearchDocument, "createdAt"> & { createdAt: number };

const FACET_ATTRIBUTE: Record<Facet, string> = {
  kind: "kind",
  region: "regionCode",
  themes: "themes",
  sectors: "sectors",
  needs: "needs",
  offers: "offers",
  labels: "labels",
  womenLed: "womenLed",
  verified: "verified",
  organization: "organizationId",
  inStock: "inStock",
};

/** Past this many matches Meilisearch stops counting, and the total becomes an estimate. */
export const MAX_TOTAL_HITS = 10_000;

const SETTINGS = {
  // Earlier attributes rank higher: a word in the name beats one in the description.
  searchableAttributes: ["title", "titleAr", "body", "bodyAr"],
  filterableAttributes: ["type", "priceMin", ...Object.values(FACET_ATTRIBUTE)],
  sortableAttributes: ["sortName", "createdAt", "priceMin"],
  // "sort" first: a sort the person chose is followed strictly; without one the rule does nothing.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  synonyms: synonymMap(),
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  faceting: { maxValuesPerFacet: 200 },
} satisfies Settings;

// Meilisearch 1.10 and later tokenize these attributes with the right language's rules.
const LOCALIZED_ATTRIBUTES: Settings["localizedAttributes"] = [
  { attributePatterns: ["title", "body"], locales: ["fra"] },
  { attributePatterns: ["titleAr", "bodyAr"], locales: ["ara"] },
];

const HIT_ATTRIBUTES = ["id", "refId", "title", "titleAr", "kind", "regionCode"] as const;

/** `organization:<uuid>` → `organization-<uuid>`: Meilisearch ids allow letters, digits, `-` and `_` only. */
export function toMeiliId(id: string): string {
  return id.replace(":", "-");
}

export function fromMeiliId(id: string): string {
  const type = DOCUMENT_TYPES.find((t) => id.startsWith(`${t}-`));
  if (!type) throw new Error(`Not a search document id: ${id}`);
  return `${type}:${id.slice(type.length + 1)}`;
}

export function toMeiliDocument(d: SearchDocument): MeiliDocument {
  return { ...d, id: toMeiliId(d.id), createdAt: d.createdAt.getTime() };
}

/** The search request for a query: words only (never query syntax), the filter, facets, sort, page. */
export function searchParams(query: SearchQuery) {
  const { page, perPage } = pageBounds(query);
  const words = queryWords(query.q);
  const sort =
    query.sort === "newest"
      ? ["createdAt:desc"]
      : query.sort === "price_asc"
        ? ["priceMin:asc"]
        : query.sort === "price_desc"
          ? ["priceMin:desc"]
          : query.sort === "name" || words.length === 0
            ? ["sortName:asc"]
            : undefined;
  const params = {
    filter: meiliFilter(query.type ?? "organization", query.filters),
    facets: query.facets?.map((f) => FACET_ATTRIBUTE[f]),
    sort,
    page,
    hitsPerPage: perPage,
    // Every word must match, as with PostgreSQL: adding a word never widens the results.
    matchingStrategy: "all",
    attributesToRetrieve: [...HIT_ATTRIBUTES],
  } satisfies SearchParams;
  return { q: words.join(" "), params, page, perPage };
}

/**
 * True when Meilisearch cannot serve us: unreachable, too slow, failing on its side, refusing our key,
 * or missing the index. A request it rejects as malformed (400) is our bug, hence false.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError) return true;
  if (!(error instanceof MeilisearchApiError)) return false;
  const status = error.response.status;
  return status >= 500 || status === 401 || status === 403 || error.cause?.code === "index_not_found";
}

/** Waits for a Meilisearch task and throws when it did not succeed, unless its error code is allowed. */
async function settle(task: EnqueuedTaskPromise, allowedErrors: string[] = []) {
  const done = await task.waitTask();
  if (done.status === "succeeded" || (done.error && allowedErrors.includes(done.error.code))) return;
  throw new Error(`Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? "no error given"}`);
}

function atLeast(version: string, major: number, minor: number) {
  const [a, b] = version.split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

export type MeilisearchEngine = SearchEngine & {
  readonly indexName: string;
  countDocuments(): Promise<number>;
  /**
   * Builds a fresh copy of the index from `batches`, then swaps it in, so searches see the old
   * index until the new one is complete and documents that no longer exist disappear.
   */
  rebuild(batches: AsyncIterable<SearchDocument[]>): Promise<number>;
};

export function meilisearchEngine(opts: { url: string; apiKey?: string; indexName: string }): MeilisearchEngine {
  const client = new Meilisearch({
    host: opts.url,
    apiKey: opts.apiKey,
    // A search that cannot answer quickly is better served by the PostgreSQL fallback.
    timeout: 5_000,
    defaultWaitOptions: { timeout: 120_000, interval: 50 },
  });

  async function applySettings(indexName: string) {
    await settle(client.createIndex(indexName, { primaryKey: "id" }), ["index_already_exists"]);
    const { pkgVersion } = await client.getVersion();
    const settings: Settings = atLeast(pkgVersion, 1, 10) ? { ...SETTINGS, localizedAttributes: LOCALIZED_ATTRIBUTES } : SETTINGS;
    // Settings equal to the current ones change nothing, so this is safe at every start.
    await settle(client.index(indexName).updateSettings(settings));
  }

  async function upsert(indexName: string, documents: SearchDocument[]) {
    if (documents.length) await settle(client.index(indexName).addDocuments(documents.map(toMeiliDocument), { primaryKey: "id" }));
  }

  return {
    name: "meilisearch",
    indexName: opts.indexName,
    applySettings: () => applySettings(opts.indexName),
    upsert: (documents) => upsert(opts.indexName, documents),
    remove: async (ids) => {
      if (ids.length) await settle(client.index(opts.indexName).deleteDocuments(ids.map(toMeiliId)));
    },
    search: async (query): Promise<SearchResult> => {
      const { q, params, page, perPage } = searchParams(query);
      const response = await client.index<MeiliDocument>(opts.indexName).search(q, params);
      const facets: SearchResult["facets"] = {};
      for (const facet of query.facets ?? []) {
        const counts = response.facetDistribution?.[FACET_ATTRIBUTE[facet]];
        // As with PostgreSQL, a facet with no value among the matches is left out.
        if (counts && Object.keys(counts).length) facets[facet] = counts;
      }
      return {
        hits: response.hits.map(
          (h): SearchHit => ({
            id: fromMeiliId(h.id),
            refId: h.refId,
            title: h.title,
            titleAr: h.titleAr ?? null,
            kind: h.kind ?? null,
            regionCode: h.regionCode ?? null,
          }),
        ),
        total: response.totalHits,
        totalIsEstimate: response.totalHits >= MAX_TOTAL_HITS,
        page,
        perPage,
        facets,
        correctedQuery: q,
      };
    },
    countDocuments: async () => (await client.index(opts.indexName).getStats()).numberOfDocuments,
    rebuild: async (batches) => {
      const fresh = `${opts.indexName}_rebuild`;
      await settle(client.deleteIndex(fresh), ["index_not_found"]);
      await applySettings(fresh);
      let count = 0;
      for await (const batch of batches) {
        await upsert(fresh, batch);
        count += batch.length;
      }
      await applySettings(opts.indexName);
      // `rename` left out: servers before it existed refuse unknown fields, and false is its default.
      await settle(client.swapIndexes([{ indexes: [opts.indexName, fresh] } as IndexSwap]));
      await settle(client.deleteIndex(fresh));
      return count;
    },
  };
}
