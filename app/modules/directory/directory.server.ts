import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { labels, organizations } from "../../../db/schema";
import { todayInMorocco } from "../tandems/schemas";
import { type Facet, RANKED_RESULTS, type SearchEngine, type SearchResult } from "../../../search/engine";
import { type DirectoryParams, toFilters } from "./params";

export const PER_PAGE = 20;

// Every facet the page shows; "labels" holds "siraj" for organisations with a current Siraj label.
const FACETS: Facet[] = ["kind", "region", "themes", "sectors", "offers", "needs", "labels", "womenLed", "verified"];

export type DirectoryCard = {
  slug: string;
  name: string;
  nameAr: string | null;
  kind: string;
  regionCode: string | null;
  city: string | null;
  logoKey: string | null;
  verificationStatus: string;
  womenLed: boolean;
  labels: string[];
  excerptFr: string | null;
  excerptAr: string | null;
};

function excerpt(text: string | null, max = 180) {
  if (!text) return null;
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

/**
 * One directory page: the engine finds and counts, then the cards are read from the organisations
 * themselves (a handful of rows by primary key). The map counts each region for the current search
 * without its own region filter, so choosing one region still shows where else matches are.
 */
export async function searchDirectory(db: DbOrTx, engine: SearchEngine, params: DirectoryParams) {
  const filters = toFilters(params);
  const query = { q: params.q, filters, sort: params.sort, page: params.page, perPage: PER_PAGE };
  const [result, mapResult] = await Promise.all([
    engine.search({ ...query, facets: FACETS }),
    filters.regions
      ? // Counts only: sorted by name, which spares the engine any ranking.
        engine.search({ ...query, filters: { ...filters, regions: undefined }, facets: ["region"], sort: "name", page: 1, perPage: 1 })
      : null,
  ]);
  const cards = await loadCards(db, result);
  return {
    total: result.total,
    totalIsEstimate: result.totalIsEstimate,
    page: result.page,
    // An estimated total is larger than what can be paged through: offer the ranked pages only.
    pages: Math.max(1, Math.ceil((result.totalIsEstimate ? Math.min(result.total, RANKED_RESULTS) : result.total) / PER_PAGE)),
    facets: result.facets,
    regionCounts: (mapResult ?? result).facets.region ?? {},
    correctedQuery: result.correctedQuery,
    cards,
  };
}

async function loadCards(db: DbOrTx, result: SearchResult): Promise<DirectoryCard[]> {
  const ids = result.hits.map((h) => h.refId);
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      id: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      nameAr: organizations.nameAr,
      kind: organizations.kind,
      regionCode: organizations.regionCode,
      city: organizations.city,
      logoKey: organizations.logoKey,
      verificationStatus: organizations.verificationStatus,
      womenLed: organizations.womenLed,
      descriptionFr: organizations.descriptionFr,
      descriptionAr: organizations.descriptionAr,
    })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  // The Siraj label shows on the card while it is current.
  const labelled = new Set(
    (
      await db
        .selectDistinct({ id: labels.organizationId })
        .from(labels)
        .where(and(inArray(labels.organizationId, ids), eq(labels.status, "current"), sql`${labels.expiresOn} >= ${todayInMorocco()}::date`))
    ).map((r) => r.id),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  // In the engine's order; an organisation deleted since it was indexed simply drops out.
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { id: _id, descriptionFr, descriptionAr, ...card } = r;
    return [{ ...card, labels: labelled.has(id) ? ["siraj"] : [], excerptFr: excerpt(descriptionFr), excerptAr: excerpt(descriptionAr) }];
  });
}
