import { inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { searchDocuments, searchTerms } from "../db/schema";
import {
  type Facet,
  pageBounds,
  queryWords,
  type SearchDocument,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
} from "./engine";

const FACET_SQL: Record<Facet, SQL> = {
  kind: sql`kind`,
  labels: sql`unnest(labels)`,
  region: sql`region_code`,
  themes: sql`unnest(themes)`,
  sectors: sql`unnest(sectors)`,
  needs: sql`unnest(needs)`,
  offers: sql`unnest(offers)`,
  womenLed: sql`women_led::text`,
  verified: sql`verified::text`,
};

/**
 * Corrects a query word against the indexed vocabulary (pg_trgm) when nothing starts with it:
 * "cooperatvie" → "cooperative". Short words and words that already match are kept.
 */
async function correct(db: DbOrTx, words: string[]): Promise<string[]> {
  if (words.length === 0) return words;
  const rows = await db.execute<{ word: string; fixed: string | null }>(sql`
    select w.word,
      case when exists (select 1 from search_terms t where t.term like tiwizi_unaccent(w.word) || '%') or char_length(w.word) < 4
        then null
        else (select t.term from search_terms t where t.term % tiwizi_unaccent(w.word)
              order by similarity(t.term, tiwizi_unaccent(w.word)) desc limit 1)
      end as fixed
    from unnest(${sql.param(words)}::text[]) with ordinality as w(word, n) order by w.n`);
  return rows.map((r) => r.fixed ?? r.word);
}

/** Each word matches as a prefix (as written, without accents) or by its French or Arabic stem. */
function tsQuery(words: string[]): SQL {
  const parts = words.map(
    (w) => sql`(to_tsquery('simple', quote_literal(tiwizi_unaccent(${w})) || ':*')
      || plainto_tsquery('french', tiwizi_unaccent(${w})) || plainto_tsquery('arabic', ${w}))`,
  );
  return sql.join(parts, sql` && `);
}

function filterSql(query: SearchQuery): SQL[] {
  const f = query.filters ?? {};
  const where: SQL[] = [sql`type = ${query.type ?? "organization"}`];
  if (f.kinds?.length) where.push(sql`kind = any(${sql.param(f.kinds)}::text[])`);
  if (f.regions?.length) where.push(sql`region_code = any(${sql.param(f.regions)}::text[])`);
  for (const [column, values] of [
    ["themes", f.themes],
    ["sectors", f.sectors],
    ["needs", f.needs],
    ["offers", f.offers],
    ["labels", f.labels],
  ] as const) {
    if (values?.length) where.push(sql`${sql.identifier(column)} && ${sql.param(values)}::text[]`);
  }
  if (f.womenLed !== undefined) where.push(sql`women_led = ${f.womenLed}`);
  if (f.verified !== undefined) where.push(sql`verified = ${f.verified}`);
  return where;
}

/** Full-text match, filters, facet counts, sort and pagination in SQL. */
async function search(db: DbOrTx, query: SearchQuery): Promise<SearchResult> {
  const { page, perPage } = pageBounds(query);
  const words = await correct(db, queryWords(query.q));
  const tsq = words.length ? tsQuery(words) : null;
  const where = [...filterSql(query), ...(tsq ? [sql`tsv @@ (${tsq})`] : [])];
  const whereSql = sql`where ${sql.join(where, sql` and `)}`;
  const order =
    query.sort === "newest"
      ? sql`created_at desc, id`
      : query.sort === "name" || !tsq
        ? sql`sort_name, id`
        : sql`ts_rank_cd(tsv, (${tsq})) desc, sort_name, id`;

  const [hits, [{ total }], facetRows] = await Promise.all([
    db.execute<{ id: string; ref_id: string; title: string; title_ar: string | null; kind: string | null; region_code: string | null }>(sql`
      select id, ref_id, title, title_ar, kind, region_code from search_documents ${whereSql}
      order by ${order} limit ${perPage} offset ${(page - 1) * perPage}`),
    db.execute<{ total: number }>(sql`select count(*)::int as total from search_documents ${whereSql}`),
    query.facets?.length
      ? db.execute<{ facet: Facet; value: string; n: number }>(
          sql.join(
            query.facets.map(
              (facet) => sql`(select ${facet}::text as facet, v as value, count(*)::int as n
                from (select ${FACET_SQL[facet]} as v from search_documents ${whereSql}) f
                where v is not null group by v)`,
            ),
            sql` union all `,
          ),
        )
      : Promise.resolve([]),
  ]);

  const facets: SearchResult["facets"] = {};
  for (const row of facetRows) (facets[row.facet] ??= {})[row.value] = row.n;
  return {
    hits: hits.map((h) => ({ id: h.id, refId: h.ref_id, title: h.title, titleAr: h.title_ar, kind: h.kind, regionCode: h.region_code })),
    total,
    totalIsEstimate: false,
    page,
    perPage,
    facets,
    correctedQuery: words.join(" "),
  };
}

/** Writes documents and adds their words to the vocabulary used for typo correction. */
async function upsert(db: DbOrTx, documents: SearchDocument[]) {
  if (documents.length === 0) return;
  await db
    .insert(searchDocuments)
    .values(documents)
    .onConflictDoUpdate({
      target: searchDocuments.id,
      set: Object.fromEntries(
        Object.keys(documents[0]).filter((k) => k !== "id").map((k) => [k, sql.raw(`excluded.${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`)]),
      ),
    });
  const text = documents.map((d) => [d.title, d.titleAr, d.body, d.bodyAr].filter(Boolean).join(" "));
  await db.execute(sql`
    insert into ${searchTerms} (term)
    select distinct word from unnest(${sql.param(text)}::text[]) as doc(text),
      unnest(tsvector_to_array(to_tsvector('simple', tiwizi_unaccent(doc.text)))) as word
    where char_length(word) >= 3
    on conflict do nothing`);
}

/**
 * The PostgreSQL engine: `search_documents` is written in the transaction of the change it reflects,
 * so `db` may be a transaction. Its settings are the migrations, hence `applySettings` has nothing to do.
 */
export function postgresEngine(db: DbOrTx): SearchEngine {
  return {
    name: "postgres",
    applySettings: async () => {},
    upsert: (documents) => upsert(db, documents),
    remove: async (ids) => {
      if (ids.length) await db.delete(searchDocuments).where(inArray(searchDocuments.id, ids));
    },
    search: (query) => search(db, query),
  };
}
