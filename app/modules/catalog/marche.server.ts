import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { favouriteProducts, favouriteShops, organizations, productPhotos, products, productVariants } from "../../../db/schema";
import { MAX_PAGE, PRODUCT_SORTS, queryWords, RANKED_RESULTS, type Facet, type SearchEngine, type SearchFilters } from "../../../search/engine";
import { NotFoundError } from "~/lib/errors.server";
import type { Actor } from "../organizations/authorize.server";
import { getMembershipRole } from "../organizations/organizations.server";
import { MARCHE_LISTS, MARCHE_PER_PAGE, MAX_PRICE_MAD, type MarcheList, type MarcheParams } from "./marche-params";
import { qualitySigns } from "./quality-signs.server";
import { getShopTerms } from "./shop.server";

// The public side of the marketplace: the catalogue at /marche (through the search engine), a product's
// page and a cooperative's shop (from the tables, so what is shown is never behind the stock).

// Hostile URLs are bounded rather than refused: a long query or many values give a normal page.
const MAX_Q = 1000;
const MAX_VALUES = 20;
const MAX_VALUE_CHARS = 64;

/**
 * Control characters (NUL among them) are no part of any value: in a filter they become U+FFFD, so the
 * value still matches nothing rather than vanishing (which would widen the results); in the query, spaces.
 */
const withoutControls = (v: string, by: string) => [...v].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? by : c)).join("");

const list = z
  .array(z.string())
  .transform((values) => [...new Set(values.map((v) => withoutControls(v, "\uFFFD").slice(0, MAX_VALUE_CHARS).trim()))].filter(Boolean).slice(0, MAX_VALUES))
  .catch([]);

const flag = z
  .string()
  .nullable()
  .transform((v) => v === "1")
  .catch(false);

/** "49,90", "49.9", "1 200" MAD; anything else (or out of range) is no bound at all. */
const mad = z
  .string()
  .nullable()
  .transform((v, ctx) => {
    if (v === null || v.trim() === "") return null;
    const text = v.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
    const n = Number(text);
    if (!/^\d{1,7}(\.\d{1,2})?$/.test(text) || n > MAX_PRICE_MAD) {
      ctx.addIssue({ code: z.ZodIssueCode.custom });
      return z.NEVER;
    }
    return n;
  })
  .catch(null);

/**
 * The catalogue's URL. Nothing here throws: unknown values are kept as they are (so they match
 * nothing, never widening the results), malformed numbers and sorts fall back to defaults.
 */
export const marcheParamsSchema = z.object({
  q: z
    .string()
    .nullable()
    .transform((v) => withoutControls(v ?? "", " ").slice(0, MAX_Q).trim())
    .catch(""),
  page: z
    .string()
    .nullable()
    .transform((v) => Number.parseInt(v ?? "1", 10))
    .pipe(z.number().int().min(1))
    .transform((n) => Math.min(n, MAX_PAGE))
    .catch(1),
  sort: z.enum(PRODUCT_SORTS).catch("relevance"),
  category: list,
  region: list,
  coop: list,
  sign: list,
  women: flag,
  stock: flag,
  min: mad,
  max: mad,
});

export function parseMarcheParams(search: URLSearchParams): MarcheParams {
  const raw = Object.fromEntries([
    ...["q", "page", "sort", "women", "stock", "min", "max"].map((k) => [k, search.get(k)]),
    ...MARCHE_LISTS.map((k) => [k, search.getAll(k)]),
  ]);
  const p = marcheParamsSchema.parse(raw);
  // A range typed backwards is meant the right way round.
  const [min, max] = p.min !== null && p.max !== null && p.min > p.max ? [p.max, p.min] : [p.min, p.max];
  return {
    q: p.q,
    page: p.page,
    sort: p.sort,
    lists: Object.fromEntries(MARCHE_LISTS.map((k) => [k, p[k]])) as Record<MarcheList, string[]>,
    women: p.women,
    inStock: p.stock,
    min,
    max,
  };
}

const FACETS: Facet[] = ["kind", "region", "organization", "labels", "womenLed", "inStock"];

/** Cooperatives named in the URL by slug, as the ids the index knows; an unknown slug stays itself (matches nothing). */
async function cooperativeIds(db: DbOrTx, slugs: string[]) {
  if (slugs.length === 0) return [];
  const rows = await db.select({ id: organizations.id, slug: organizations.slug }).from(organizations).where(inArray(organizations.slug, slugs));
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  return slugs.map((s) => bySlug.get(s) ?? `slug:${s}`);
}

export function toFilters(p: MarcheParams, coopIds: string[]): SearchFilters {
  const filters: SearchFilters = {};
  if (p.lists.category.length) filters.kinds = p.lists.category;
  if (p.lists.region.length) filters.regions = p.lists.region;
  if (coopIds.length) filters.organizations = coopIds;
  if (p.lists.sign.length) filters.labels = p.lists.sign;
  if (p.women) filters.womenLed = true;
  if (p.inStock) filters.inStock = true;
  if (p.min !== null) filters.priceMin = Math.round(p.min * 100);
  if (p.max !== null) filters.priceMax = Math.round(p.max * 100);
  return filters;
}

export type ProductCard = Awaited<ReturnType<typeof loadProductCards>>[number];

/**
 * Cards of products, in the order asked: title in both languages, the cooperative, its region, the
 * first photo, the lowest price and whether anything is in stock — read now, never from the index.
 * `listedOnly` leaves out what the public may not see (drafts, archived, unverified cooperatives).
 */
export async function loadProductCards(db: DbOrTx, productIds: string[], opts: { listedOnly?: boolean } = {}) {
  if (productIds.length === 0) return [];
  const rows = await db
    .select({
      id: products.id,
      slug: products.slug,
      titleFr: products.titleFr,
      titleAr: products.titleAr,
      category: products.category,
      qualitySigns: products.qualitySigns,
      organic: products.organic,
      listed: listedSql(),
      cooperativeSlug: organizations.slug,
      cooperativeName: organizations.name,
      cooperativeNameAr: organizations.nameAr,
      regionCode: organizations.regionCode,
      womenLed: organizations.womenLed,
      photoKey: sql<string | null>`(select ${productPhotos.key} from ${productPhotos} where ${productPhotos.productId} = ${products.id}
        order by ${productPhotos.position}, ${productPhotos.createdAt} limit 1)`,
      priceMin: sql<number | null>`(select min(${productVariants.priceCentimes})::int from ${productVariants} where ${productVariants.productId} = ${products.id})`,
      inStock: sql<boolean>`exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id} and ${productVariants.stock} > 0)`,
    })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .where(inArray(products.id, productIds));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return productIds.flatMap((id) => {
    const r = byId.get(id);
    // A product taken off (or deleted) since it was indexed simply drops out.
    if (!r || (opts.listedOnly && !r.listed)) return [];
    return [{ ...r, signs: signLabels(r.qualitySigns) }];
  });
}

/** Quality signs as shown: their type and French name ("IGP Argane"), proper names in every language. */
export function signLabels(codes: string[]) {
  return qualitySigns()
    .filter((s) => codes.includes(s.code))
    .map((s) => ({ code: s.code, type: s.type, name: s.nameFr }));
}

/** What the public may see: a published product of a verified cooperative, with a price. */
function listedSql() {
  return sql<boolean>`(${products.status} = 'published' and ${organizations.verificationStatus} = 'verified'
    and ${organizations.kind} = 'cooperative'
    and exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id}))`;
}

/**
 * One catalogue page: the engine finds, counts and sorts, then the cards are read from the tables (a
 * page of rows by primary key). Category counts are for the current search without its own category
 * filter, so choosing one category still shows what the others hold. Without a query, "relevance"
 * shows the newest products first.
 */
export async function searchMarche(db: DbOrTx, engine: SearchEngine, params: MarcheParams) {
  const filters = toFilters(params, await cooperativeIds(db, params.lists.coop));
  const sort = params.sort === "relevance" && queryWords(params.q).length === 0 ? "newest" : params.sort;
  const query = { q: params.q, type: "product" as const, filters, sort, page: params.page, perPage: MARCHE_PER_PAGE };
  const [result, categoryResult] = await Promise.all([
    engine.search({ ...query, facets: FACETS }),
    filters.kinds ? engine.search({ ...query, filters: { ...filters, kinds: undefined }, facets: ["kind"], sort: "newest", page: 1, perPage: 1 }) : null,
  ]);
  const cards = await loadProductCards(
    db,
    result.hits.map((h) => h.refId),
    { listedOnly: true },
  );
  return {
    total: result.total,
    totalIsEstimate: result.totalIsEstimate,
    page: result.page,
    pages: Math.max(1, Math.ceil((result.totalIsEstimate ? Math.min(result.total, RANKED_RESULTS) : result.total) / MARCHE_PER_PAGE)),
    facets: result.facets,
    categoryCounts: (categoryResult ?? result).facets.kind ?? {},
    correctedQuery: result.correctedQuery,
    cooperatives: await facetCooperatives(db, result.facets.organization ?? {}, params.lists.coop),
    cards,
  };
}

/** The cooperatives of the facet (most products first, at most 30) and those chosen, with their names. */
async function facetCooperatives(db: DbOrTx, counts: Record<string, number>, chosen: string[]) {
  const top = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([id]) => id);
  const where: SQL[] = [];
  if (top.length) where.push(inArray(organizations.id, top));
  if (chosen.length) where.push(inArray(organizations.slug, chosen));
  if (where.length === 0) return [];
  const rows = await db
    .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, nameAr: organizations.nameAr })
    .from(organizations)
    .where(sql.join(where, sql` or `));
  return rows
    .map((r) => ({ slug: r.slug, name: r.name, nameAr: r.nameAr, count: counts[r.id] ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "fr"));
}

/**
 * A product's public page. Drafts, archived products and those of a cooperative not (or no longer)
 * verified are a 404 for everyone but the cooperative's own members, who see them as a preview.
 */
export async function getPublicProduct(opts: { db: DbOrTx; slug: string; actor: Actor }) {
  const { db, actor } = opts;
  if (!/^[a-z0-9-]{1,200}$/.test(opts.slug)) throw new NotFoundError();
  const [row] = await db
    .select({ product: products, organization: organizations, listed: listedSql() })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .where(eq(products.slug, opts.slug));
  if (!row) throw new NotFoundError();
  const { product, organization: o } = row;
  const role = actor ? await getMembershipRole(db, o.id, actor.id) : null;
  if (!row.listed && !role) throw new NotFoundError();
  const [variants, photos, terms, favourite, shopFavourite] = await Promise.all([
    db
      .select({
        id: productVariants.id,
        unit: productVariants.unit,
        size: productVariants.size,
        priceCentimes: productVariants.priceCentimes,
        stock: productVariants.stock,
        lot: productVariants.lot,
        bestBefore: productVariants.bestBefore,
      })
      .from(productVariants)
      .where(eq(productVariants.productId, product.id))
      .orderBy(asc(productVariants.position), asc(productVariants.unit), asc(productVariants.size)),
    db
      .select({ key: productPhotos.key, width: productPhotos.width, height: productPhotos.height })
      .from(productPhotos)
      .where(eq(productPhotos.productId, product.id))
      .orderBy(asc(productPhotos.position), asc(productPhotos.createdAt)),
    getShopTerms(db, o.id),
    actor ? isFavourite(db, favouriteProducts, actor.id, product.id) : false,
    actor ? isFavourite(db, favouriteShops, actor.id, o.id) : false,
  ]);
  return {
    preview: !row.listed,
    product: {
      id: product.id,
      slug: product.slug,
      titleFr: product.titleFr,
      titleAr: product.titleAr,
      descriptionFr: product.descriptionFr,
      descriptionAr: product.descriptionAr,
      category: product.category,
      organic: product.organic,
      onssaNumber: product.onssaNumber,
      status: product.status,
      signs: signLabels(product.qualitySigns),
    },
    variants,
    photos,
    cooperative: cooperativeCard(o),
    terms,
    favourite,
    shopFavourite,
  };
}

function cooperativeCard(o: typeof organizations.$inferSelect) {
  return {
    id: o.id,
    slug: o.slug,
    name: o.name,
    nameAr: o.nameAr,
    city: o.city,
    regionCode: o.regionCode,
    womenLed: o.womenLed,
    verified: o.verificationStatus === "verified",
    logoKey: o.logoKey,
    descriptionFr: o.descriptionFr,
    descriptionAr: o.descriptionAr,
  };
}

async function isFavourite(db: DbOrTx, table: typeof favouriteProducts | typeof favouriteShops, userId: string, refId: string) {
  const where =
    table === favouriteProducts
      ? and(eq(favouriteProducts.userId, userId), eq(favouriteProducts.productId, refId))
      : and(eq(favouriteShops.userId, userId), eq(favouriteShops.organizationId, refId));
  const [row] = await db.select({ n: count() }).from(table).where(where);
  return row.n > 0;
}

/** The products of a cooperative the public sees, newest first, a page at a time. */
async function listedProductIds(db: DbOrTx, organizationId: string, page: number) {
  const where = and(eq(products.organizationId, organizationId), eq(products.status, "published"), sql`exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id})`);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ id: products.id })
      .from(products)
      .where(where)
      .orderBy(desc(products.publishedAt), asc(products.id))
      .limit(MARCHE_PER_PAGE)
      .offset((page - 1) * MARCHE_PER_PAGE),
    db.select({ n: count() }).from(products).where(where),
  ]);
  return { ids: rows.map((r) => r.id), total: n };
}

/** A cooperative is a shop when it is verified and sells (or may sell) on the marketplace. */
function isShop(o: typeof organizations.$inferSelect) {
  return o.kind === "cooperative" && o.verificationStatus === "verified";
}

/**
 * A cooperative's shop: who it is, its terms of sale (defaults when it set none), its products a page at
 * a time. Only verified cooperatives have one; their own members may preview it before that.
 */
export async function getShop(opts: { db: DbOrTx; slug: string; actor: Actor; page: number }) {
  const { db, actor } = opts;
  if (!/^[a-z0-9-]{1,200}$/.test(opts.slug)) throw new NotFoundError();
  const [o] = await db.select().from(organizations).where(eq(organizations.slug, opts.slug));
  if (!o || o.kind !== "cooperative") throw new NotFoundError();
  const role = actor ? await getMembershipRole(db, o.id, actor.id) : null;
  if (!isShop(o) && !role) throw new NotFoundError();
  const page = Math.min(Math.max(1, Math.floor(opts.page) || 1), MAX_PAGE);
  const [{ ids, total }, terms, favourite] = await Promise.all([
    listedProductIds(db, o.id, page),
    getShopTerms(db, o.id),
    actor ? isFavourite(db, favouriteShops, actor.id, o.id) : false,
  ]);
  return {
    preview: !isShop(o),
    cooperative: { ...cooperativeCard(o), foundedYear: o.foundedYear, membersCount: o.membersCount, website: o.website },
    terms,
    favourite,
    products: await loadProductCards(db, ids),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / MARCHE_PER_PAGE)),
  };
}

/** Whether a cooperative's profile links to its shop: it is one and has something listed. */
export async function hasListedProducts(db: DbOrTx, organizationId: string) {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .where(and(eq(products.organizationId, organizationId), listedSql()))
    .limit(1);
  return !!row;
}

/** Sitemap: the public products' and shops' slugs, a part at a time, in a stable order. */
export async function listListedProductSlugs(db: DbOrTx, page: { offset: number; limit: number }) {
  const rows = await db
    .select({ slug: products.slug })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .where(listedSql())
    .orderBy(asc(products.slug))
    .offset(page.offset)
    .limit(page.limit);
  return rows.map((r) => r.slug);
}

export async function countListedProducts(db: DbOrTx) {
  const [{ n }] = await db.select({ n: count() }).from(products).innerJoin(organizations, eq(organizations.id, products.organizationId)).where(listedSql());
  return n;
}

const shopWhere = () =>
  and(
    eq(organizations.kind, "cooperative"),
    eq(organizations.verificationStatus, "verified"),
    sql`exists (select 1 from ${products} where ${products.organizationId} = ${organizations.id} and ${products.status} = 'published'
      and exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id}))`,
  );

export async function listShopSlugs(db: DbOrTx, page: { offset: number; limit: number }) {
  const rows = await db.select({ slug: organizations.slug }).from(organizations).where(shopWhere()).orderBy(asc(organizations.slug)).offset(page.offset).limit(page.limit);
  return rows.map((r) => r.slug);
}

export async function countShops(db: DbOrTx) {
  const [{ n }] = await db.select({ n: count() }).from(organizations).where(shopWhere());
  return n;
}

