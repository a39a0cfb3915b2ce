// `npm run search:reindex`: rebuilds the search index from PostgreSQL, the source of truth.
// With MEILI_URL: a fresh Meilisearch index from `search_documents`, swapped in when complete.
// Without it: `search_documents` itself, from the organisations and their products.
import { env } from "../app/lib/env.server";
import { getHandle } from "../db/client";
import { prepareDatabase, shutdownDatabase } from "../server/database";
import { indexAllOrganizations } from "../search/documents.server";
import { configuredMeilisearch } from "../search/index.server";
import { searchDocumentBatches } from "../search/sync.server";

async function main() {
  const { embedded } = await prepareDatabase(env().dataDir);
  try {
    const { db } = getHandle();
    const meili = configuredMeilisearch();
    if (meili) {
      const started = Date.now();
      const n = await meili.rebuild(searchDocumentBatches(db, 1000));
      console.log(`Meilisearch index "${meili.indexName}" rebuilt: ${n} documents in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    } else {
      const n = await indexAllOrganizations(db);
      console.log(`MEILI_URL is not set: search uses PostgreSQL; rebuilt search_documents for ${n} organisations and their products.`);
    }
  } finally {
    await shutdownDatabase(embedded);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
