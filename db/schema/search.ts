import { sql } from "drizzle-orm";
import { boolean, char, customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

// One row per searchable thing, written in the same transaction as the change it reflects (the
// PostgreSQL engine of search/). `tsv` holds every word three ways: as written without accents
// ('simple', for prefixes), French stems and Arabic stems; see search/postgres.ts for the query side.
export const searchDocuments = pgTable(
  "search_documents",
  {
    id: text().primaryKey(),
    type: text().notNull(),
    refId: uuid().notNull(),
    title: text().notNull(),
    titleAr: text(),
    body: text(),
    bodyAr: text(),
    kind: text(),
    regionCode: char({ length: 2 }),
    themes: text().array().notNull().default(sql`'{}'::text[]`),
    sectors: text().array().notNull().default(sql`'{}'::text[]`),
    needs: text().array().notNull().default(sql`'{}'::text[]`),
    offers: text().array().notNull().default(sql`'{}'::text[]`),
    labels: text().array().notNull().default(sql`'{}'::text[]`),
    womenLed: boolean().notNull().default(false),
    verified: boolean().notNull().default(false),
    // Products only (migration 0012): the cooperative selling it, its lowest price in centimes, and
    // whether any of its sizes is in stock.
    organizationId: uuid(),
    priceMin: integer(),
    inStock: boolean().notNull().default(false),
    sortName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    tsv: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector('simple', tiwizi_unaccent(coalesce(title, '') || ' ' || coalesce(title_ar, ''))), 'A') ||
        setweight(to_tsvector('french', tiwizi_unaccent(coalesce(title, ''))), 'A') ||
        setweight(to_tsvector('arabic', coalesce(title_ar, '')), 'A') ||
        setweight(to_tsvector('simple', tiwizi_unaccent(coalesce(body, '') || ' ' || coalesce(body_ar, ''))), 'C') ||
        setweight(to_tsvector('french', tiwizi_unaccent(coalesce(body, ''))), 'C') ||
        setweight(to_tsvector('arabic', coalesce(body_ar, '')), 'C')`,
    ),
    // The title part of `tsv` alone: small, so ranking can tell title matches cheaply.
    titleTsv: tsvector().generatedAlwaysAs(
      sql`to_tsvector('simple', tiwizi_unaccent(coalesce(title, '') || ' ' || coalesce(title_ar, ''))) ||
        to_tsvector('french', tiwizi_unaccent(coalesce(title, ''))) || to_tsvector('arabic', coalesce(title_ar, ''))`,
    ),
    // Every filterable value as 'field:value' (tiwizi_search_keys, migrations 0008 and 0012), so one GIN
    // index answers the filters and the words together.
    filterKeys: text()
      .array()
      .generatedAlwaysAs(
        sql`tiwizi_search_keys(type, kind, region_code, themes, sectors, needs, offers, labels, women_led, verified, organization_id, in_stock)`,
      ),
  },
  (t) => [
    index("search_documents_match_idx").using("gin", t.filterKeys, t.tsv),
    // Title matches of very common words, which the bounded sample of all matches may not reach.
    index("search_documents_title_match_idx").using("gin", t.filterKeys, t.titleTsv),
    index("search_documents_name_idx").on(t.type, t.sortName, t.id),
    index("search_documents_newest_idx").on(t.type, t.createdAt.desc(), t.id),
    index("search_documents_price_idx").on(t.type, t.priceMin, t.id),
    index("search_documents_ref_idx").on(t.refId),
  ],
);

// Every word the index knows, for correcting typos in queries (pg_trgm similarity).
export const searchTerms = pgTable(
  "search_terms",
  { term: text().primaryKey() },
  (t) => [
    index("search_terms_trgm_idx").using("gin", sql`${t.term} gin_trgm_ops`),
    // Prefix lookups (term like 'coop%') whatever the database's collation.
    index("search_terms_prefix_idx").using("btree", sql`${t.term} text_pattern_ops`),
  ],
);
