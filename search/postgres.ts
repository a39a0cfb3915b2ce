import { inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { searchDocuments, searchTerms } from "../db/schema";
import {
  type Facet,
  pageBounds,
  queryWords,
  RANKED_RESULTS,
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
  organization: sql`organization_id::text`,
  inStock: sql`case when type = 'product' then in_stock::text end`,
};

/**
 * Matches are read up to SAMPLE + 1 rows: up to there `total` and facets are exact; beyond, they are
 * estimated from those rows (a sample in physical order) and results are ranked among them, as
 * Meilisearch ranks a bounded set and estimates its totals. Keeps every query's work bounded.
 */
const SAMPLE = RANKED_RESULTS;
/** Every match is ranked by ts_rank_cd when there are this few; beyond, only those matching in the title. */
const RANK_ALL = 200;

/** A prefix with at most this many indexed words is looked up as those words (exact GIN entries, cheap). */
const PREFIX_EXPANSION = 16;

/** A word in Arabic letters, and one that starts with the article (al-, li-l-). */
const ARABIC_WORD = "^[\u0621-\u064A]";
const WITH_ARTICLE = "^(ال|لل)";

/**
 * Parses the query in one round trip: corrects each word against the indexed vocabulary (pg_trgm) when
 * nothing starts with it ("cooperatvie" → "cooperative"; short words are kept), and builds the tsquery:
 * each word as a prefix (as written, without accents) or by its French or Arabic stem, all words required.
 * A prefix is spelled out as the words that start with it when they are few, because GIN reads a `:*`
 * prefix into a bitmap of every matching document before filtering, which for common words costs more
 * than the whole rest of the query.
 */
type Parsed = { corrected: string; tsq: string | null };

/**
 * Parsed queries, kept a minute: typing asks the same words again and again, and a directory page asks
 * them twice (results, then map counts). Emptied whenever this process writes documents, so a word just
 * added is found at once here; other processes' documents wait at most PARSE_TTL_MS for a new spelling.
 */
const parsedQueries = new Map<string, Parsed & { at: number }>();
const PARSE_TTL_MS = 60_000;
const PARSE_ENTRIES = 2000;

async function parseCached(db: DbOrTx, words: string[]): Promise<Parsed> {
  const key = words.join(" ");
  const hit = parsedQueries.get(key);
  if (hit && Date.now() - hit.at < PARSE_TTL_MS) return hit;
  const parsed = await parse(db, words);
  parsedQueries.delete(key);
  parsedQueries.set(key, { ...parsed, at: Date.now() });
  if (parsedQueries.size > PARSE_ENTRIES) parsedQueries.delete(parsedQueries.keys().next().value!);
  return parsed;
}

async function parse(db: DbOrTx, words: string[]): Promise<Parsed> {
  // Materialized steps: each word is corrected once, not once per place the planner would inline it.
  // `startsWith` is a range on the text_pattern_ops index (a LIKE with a computed pattern cannot use it).
  const startsWith = (column: SQL, prefix: SQL) => sql`(${column} ~>=~ ${prefix} and ${column} ~<~ (${prefix} || chr(1114111)))`;
  const [row] = await db.execute<{ corrected: string; tsq: string | null }>(sql`
    with w as materialized (
      select n, word, tiwizi_unaccent(word) as u from unnest(${sql.param(words)}::text[]) with ordinality as w(word, n)
    ), c as materialized (
      select n, case when char_length(word) < 4 or exists (select 1 from search_terms t where ${startsWith(sql`t.term`, sql`u`)})
          then word
          else coalesce((select t.term from search_terms t where t.term % u order by similarity(t.term, u) desc limit 1), word)
        end as fixed
      from w
    ), cu as materialized (
      select n, fixed, tiwizi_unaccent(fixed) as u from c
    ), q as (
      select cu.n, cu.fixed, (
        case when e.count between 1 and ${PREFIX_EXPANSION}
          then to_tsquery('simple', quote_literal(cu.u)) || e.terms::tsquery
          else to_tsquery('simple', quote_literal(cu.u) || ':*')
        end || plainto_tsquery('french', cu.u) || plainto_tsquery('arabic', cu.fixed)
          -- The Arabic stemmer cuts some words differently with and without the article ('أركان' →
          -- 'اركان', 'الأركان' → 'ارك'): a bare Arabic word is looked up with the article too.
          || case when cu.fixed ~ ${ARABIC_WORD} and cu.fixed !~ ${WITH_ARTICLE}
            then plainto_tsquery('arabic', 'ال' || cu.fixed) else ''::tsquery end)::text as part
      from cu, lateral (
        select count(*) as count, string_agg(quote_literal(x.term), ' | ') as terms
        from (select t.term from search_terms t where ${startsWith(sql`t.term`, sql`cu.u`)}
              limit ${PREFIX_EXPANSION + 1}) x
      ) e
    )
    select string_agg(fixed, ' ' order by n) as corrected,
      string_agg('(' || part || ')', ' & ' order by n) filter (where part <> '') as tsq
    from q`);
  return row;
}

/**
 * A filter value as its key. PostgreSQL refuses NUL in text: it becomes U+FFFD, so a value holding one
 * still matches nothing rather than failing the search.
 */
const key = (prefix: string, value: string) => `${prefix}:${value.split("\u0000").join("\uFFFD")}`;

function filterSql(query: SearchQuery): SQL[] {
  const f = query.filters ?? {};
  const type = query.type ?? "organization";
  // Singletons all present: one containment test; lists (any of the values): one overlap test each.
  const all = [`type:${type}`];
  if (f.womenLed !== undefined) all.push(`women:${f.womenLed}`);
  if (f.verified !== undefined) all.push(`verified:${f.verified}`);
  if (f.inStock !== undefined) all.push(`stock:${f.inStock}`);
  const where: SQL[] = [sql`filter_keys @> ${sql.param(all)}::text[]`];
  for (const [prefix, values] of [
    ["kind", f.kinds],
    ["region", f.regions],
    ["theme", f.themes],
    ["sector", f.sectors],
    ["need", f.needs],
    ["offer", f.offers],
    ["label", f.labels],
    ["org", f.organizations],
  ] as const) {
    if (values?.length) where.push(sql`filter_keys && ${sql.param(values.map((v) => key(prefix, String(v))))}::text[]`);
  }
  // A price range is a range, not a key: checked on the rows the keys and words select.
  if (Number.isSafeInteger(f.priceMin)) where.push(sql`price_min >= ${f.priceMin}`);
  if (Number.isSafeInteger(f.priceMax)) where.push(sql`price_min <= ${f.priceMax}`);
  return where;
}

type Row = { id: string; ref_id: string; title: string; title_ar: string | null; kind: string | null; region_code: string | null };

/**
 * Match, filters, sort, page and facets in one statement over a bounded set of matches (see SAMPLE).
 * Relevance: title matches first, then ts_rank_cd, then name; when the matches overflow the sample, the
 * title matches are drawn from their own index, so they rank first whatever their place in the table. Sorting by name or date stays exact
 * over every match (an index walk), whatever their number.
 */
async function search(db: DbOrTx, query: SearchQuery): Promise<SearchResult> {
  const { page, perPage } = pageBounds(query);
  const words = queryWords(query.q);
  const parsed = words.length ? await parseCached(db, words) : { corrected: "", tsq: null };
  const empty = { hits: [], total: 0, totalIsEstimate: false, page, perPage, facets: {}, correctedQuery: parsed.corrected };
  // Words that make no lexeme (emoji, unknown scripts) match nothing, as before.
  if (words.length && !parsed.tsq) return empty;
  const tsq = parsed.tsq ? sql`${parsed.tsq}::tsquery` : null;
  const where = [...filterSql(query), ...(tsq ? [sql`tsv @@ ${tsq}`] : [])];
  const whereSql = sql`where ${sql.join(where, sql` and `)}`;
  const offset = (page - 1) * perPage;
  const relevance = tsq && (query.sort ?? "relevance") === "relevance";
  const order =
    query.sort === "newest"
      ? sql`created_at desc, id`
      : query.sort === "price_asc"
        ? sql`price_min, id`
        : query.sort === "price_desc"
          ? sql`price_min desc, id desc`
          : sql`sort_name, id`;
  const hit = sql`json_build_object('id', id, 'ref_id', ref_id, 'title', title, 'title_ar', title_ar, 'kind', kind, 'region_code', region_code)`;
  const facets = query.facets ?? [];

  const [row] = await db.execute<{ n: number; last_block: number | null; blocks: number; hits: Row[] | null; facets: { facet: Facet; value: string; n: number }[] | null }>(sql`
    with s as materialized (
      select id, ref_id, title, title_ar, kind, region_code, sort_name, created_at, ctid, type,
        themes, sectors, needs, offers, labels, women_led, verified, organization_id, price_min, in_stock
        ${relevance ? sql`, title_tsv @@ ${tsq} as in_title, title_tsv` : sql``}
      from search_documents ${whereSql} limit ${SAMPLE + 1}
    ), n as (select count(*)::int as n, max((ctid::text::point)[0])::int as last_block from s)
    ${
      relevance
        ? sql`, t as materialized (
      -- Only when the matches overflow the sample: the title matches, wherever they are stored, so the
      -- best results are never left out of the bounded set (title_match index: filters and title words).
      select id, ref_id, title, title_ar, kind, region_code, sort_name, title_tsv from search_documents
      ${whereSql} and title_tsv @@ ${tsq} and (select n.n from n) > ${SAMPLE} limit ${SAMPLE + 1})`
        : sql``
    }
    select n.n, n.last_block,
      (pg_relation_size('search_documents') / current_setting('block_size')::int)::int as blocks,
      ${
        relevance
          ? sql`case when n.n <= ${SAMPLE}
              then (select json_agg(${hit}) from (select * from s order by in_title desc,
                -- Title matches rank by their small title vector; the others by the whole one, read only
                -- when they are few (a tsvector is the largest thing in a row).
                case when in_title then ts_rank_cd(title_tsv, ${tsq})
                  when n.n <= ${RANK_ALL} then ts_rank_cd((select d.tsv from search_documents d where d.id = s.id), ${tsq})
                  else 0 end desc, sort_name, id
                limit ${perPage} offset ${offset}) h)
              else (select json_agg(${hit}) from (
                select id, ref_id, title, title_ar, kind, region_code, sort_name, true as in_title, ts_rank_cd(title_tsv, ${tsq}) as r from t
                union all
                select id, ref_id, title, title_ar, kind, region_code, sort_name, false, 0 from s where not in_title
                order by in_title desc, r desc, sort_name, id limit ${perPage} offset ${offset}) h)
            end`
          : sql`case when n.n <= ${SAMPLE}
              then (select json_agg(${hit}) from (select * from s order by ${order} limit ${perPage} offset ${offset}) h)
              else (select json_agg(${hit}) from (select id, ref_id, title, title_ar, kind, region_code from search_documents
                ${whereSql} and type = ${query.type ?? "organization"} order by ${order} limit ${perPage} offset ${offset}) h)
            end`
      } as hits,
      ${
        facets.length
          ? sql`(select json_agg(f) from (${sql.join(
              facets.map(
                (facet) => sql`(select ${facet}::text as facet, v as value, count(*)::int as n
                  from (select ${FACET_SQL[facet]} as v from s) f where v is not null group by v)`,
              ),
              sql` union all `,
            )}) f)`
          : sql`null`
      } as facets
    from n`);

  // Beyond SAMPLE, the rows read are the first matches in physical order: their share of the table's
  // blocks estimates the whole, and facet counts scale with it.
  const estimate = row.n > SAMPLE;
  const total = estimate ? Math.max(row.n, Math.round((row.n * row.blocks) / ((row.last_block ?? 0) + 1))) : row.n;
  const scale = estimate ? total / row.n : 1;
  const facetCounts: SearchResult["facets"] = {};
  for (const f of row.facets ?? []) (facetCounts[f.facet] ??= {})[f.value] = Math.round(f.n * scale);
  return {
    hits: (row.hits ?? []).map((h) => ({ id: h.id, refId: h.ref_id, title: h.title, titleAr: h.title_ar, kind: h.kind, regionCode: h.region_code })),
    total,
    totalIsEstimate: estimate,
    page,
    perPage,
    facets: facetCounts,
    correctedQuery: parsed.corrected,
  };
}

/** Writes documents and adds their words to the vocabulary used for typo correction. */
async function upsert(db: DbOrTx, documents: SearchDocument[]) {
  if (documents.length === 0) return;
  parsedQueries.clear();
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
    -- One order for every writer, so two transactions adding the same new words cannot deadlock.
    order by word
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
