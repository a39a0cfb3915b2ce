import { env } from "../app/lib/env.server";
import { db } from "../db/client";
import type { SearchEngine } from "./engine";
import { isUnavailable, meilisearchEngine, type MeilisearchEngine } from "./meilisearch";
import { postgresEngine } from "./postgres";

/** How long searches go to PostgreSQL after Meilisearch failed to answer, before trying it again. */
const FALLBACK_MS = 30_000;

const store = globalThis as unknown as { __tiwiziMeili?: { key: string; engine: MeilisearchEngine } };

/** The Meilisearch engine configured by MEILI_URL, MEILI_MASTER_KEY and MEILI_INDEX; null when MEILI_URL is unset. */
export function configuredMeilisearch(): MeilisearchEngine | null {
  const { MEILI_URL, MEILI_MASTER_KEY, MEILI_INDEX } = env();
  if (!MEILI_URL) return null;
  const key = `${MEILI_URL} ${MEILI_INDEX} ${MEILI_MASTER_KEY ?? ""}`;
  if (store.__tiwiziMeili?.key !== key) {
    store.__tiwiziMeili = { key, engine: meilisearchEngine({ url: MEILI_URL, apiKey: MEILI_MASTER_KEY, indexName: MEILI_INDEX }) };
  }
  return store.__tiwiziMeili.engine;
}

let downUntil = 0;

/**
 * Searches Meilisearch, and PostgreSQL while Meilisearch cannot be reached: `search_documents` is
 * always complete, so the directory keeps answering (ranked a little differently) during an outage.
 * Writes are not redirected: they must fail, so their sync jobs retry.
 */
function withFallback(primary: MeilisearchEngine, fallback: SearchEngine): SearchEngine {
  return {
    name: primary.name,
    applySettings: () => primary.applySettings(),
    upsert: (documents) => primary.upsert(documents),
    remove: (ids) => primary.remove(ids),
    search: async (query) => {
      if (Date.now() < downUntil) return fallback.search(query);
      try {
        return await primary.search(query);
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        downUntil = Date.now() + FALLBACK_MS;
        console.warn(`Meilisearch unavailable (${(error as Error).message}): searching PostgreSQL for ${FALLBACK_MS / 1000} s`);
        return fallback.search(query);
      }
    },
  };
}

/** The engine pages search with: Meilisearch when MEILI_URL is set (falling back to PostgreSQL), else PostgreSQL. */
export function searchEngine(): SearchEngine {
  const meili = configuredMeilisearch();
  return meili ? withFallback(meili, postgresEngine(db)) : postgresEngine(db);
}
