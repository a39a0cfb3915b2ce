import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { env } from "../app/lib/env.server";
import { catalogs } from "../app/i18n/catalogs.server";
import { qualitySigns } from "../app/modules/catalog/quality-signs.server";
import type { DbOrTx } from "../db/client";
import { labels, organizations, products, productVariants, searchDocuments } from "../db/schema";
import { todayInMorocco } from "../app/modules/tandems/schemas";
import type { SearchDocument } from "./engine";
import { postgresEngine } from "./postgres";
import { enqueueSearchSync } from "./sync.server";

type OrganizationRow = typeof organizations.$inferSelect;

/** An organisation as the search engines see it: public fields only; `labels` holds "siraj" while its label is current. */
export function organizationDocument(o: OrganizationRow, orgLabels: string[] = []): SearchDocument {
  return {
    id: `organization:${o.id}`,
    type: "organization",
    refId: o.id,
    title: o.name,
    titleAr: o.nameAr,
    body: [o.city, o.descriptionFr, o.needsText, o.offersText].filter(Boolean).join("\n"),
    bodyAr: o.descriptionAr,
    kind: o.kind,
    regionCode: o.regionCode,
    themes: o.themes,
    sectors: o.sectors,
    needs: o.needs,
    offers: o.offers,
    labels: orgLabels,
    womenLed: o.womenLed,
    verified: o.verificationStatus === "verified",
    organizationId: null,
    priceMin: null,
    inStock: false,
    sortName: o.name.toLowerCase(),
    createdAt: o.createdAt,
  };
}

/** Labels of a product besides its quality signs (IGP/AOP/Label Agricole codes). */
export const PRODUCT_LABELS = { organic: "organic", womenCooperative: "women-cooperative" } as const;

/**
 * The products the marketplace shows, with what their document needs: published, of a verified
 * cooperative, with at least one size (the inner join), its lowest price and whether any size has stock.
 */
function listedProducts(db: DbOrTx, where: SQL | undefined) {
  return db
    .select({
      id: products.id,
      titleFr: products.titleFr,
      titleAr: products.titleAr,
      descriptionFr: products.descriptionFr,
      descriptionAr: products.descriptionAr,
      category: products.category,
      qualitySigns: products.qualitySigns,
      organic: products.organic,
      publishedAt: products.publishedAt,
      createdAt: products.createdAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
      organizationNameAr: organizations.nameAr,
      city: organizations.city,
      regionCode: organizations.regionCode,
      womenLed: organizations.womenLed,
      priceMin: sql<number>`min(${productVariants.priceCentimes})::int`,
      inStock: sql<boolean>`bool_or(${productVariants.stock} > 0)`,
    })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, products.organizationId))
    .innerJoin(productVariants, eq(productVariants.productId, products.id))
    .where(
      and(
        where,
        eq(products.status, "published"),
        eq(organizations.kind, "cooperative"),
        eq(organizations.verificationStatus, "verified"),
      ),
    )
    .groupBy(products.id, organizations.id);
}

type ListedProduct = Awaited<ReturnType<typeof listedProducts>>[number];

/**
 * A product as the search engines see it. Its category and quality signs are written out in French,
 * Arabic and English too, so "miel", "عسل" or "honey" find honey whatever its title says.
 */
export function productDocument(p: ListedProduct): SearchDocument {
  const category = (locale: "fr" | "ar" | "en") => catalogs[locale].categories[p.category];
  const signs = qualitySigns().filter((s) => p.qualitySigns.includes(s.code));
  return {
    id: `product:${p.id}`,
    type: "product",
    refId: p.id,
    title: p.titleFr,
    titleAr: p.titleAr,
    body: [p.organizationName, p.city, p.descriptionFr, category("fr"), category("en"), ...signs.map((s) => `${s.type} ${s.nameFr}`)]
      .filter(Boolean)
      .join("\n"),
    bodyAr: [p.organizationNameAr, p.descriptionAr, category("ar")].filter(Boolean).join("\n"),
    kind: p.category,
    regionCode: p.regionCode,
    themes: [],
    sectors: [],
    needs: [],
    offers: [],
    labels: [
      ...p.qualitySigns,
      ...(p.organic ? [PRODUCT_LABELS.organic] : []),
      ...(p.womenLed ? [PRODUCT_LABELS.womenCooperative] : []),
    ],
    womenLed: p.womenLed,
    verified: true,
    organizationId: p.organizationId,
    priceMin: p.priceMin,
    inStock: p.inStock,
    sortName: p.titleFr.toLowerCase(),
    createdAt: p.publishedAt ?? p.createdAt,
  };
}

/**
 * Writes the PostgreSQL documents of some products, or of every product of some organisations: those
 * the marketplace shows are upserted, the others' documents removed. Returns every document id touched.
 */
async function writeProductDocuments(tx: DbOrTx, scope: { productIds: string[] } | { organizationIds: string[] }) {
  const byProduct = "productIds" in scope;
  const ids = byProduct ? scope.productIds : scope.organizationIds;
  if (ids.length === 0) return [];
  const rows = await listedProducts(tx, byProduct ? inArray(products.id, ids) : inArray(products.organizationId, ids));
  const engine = postgresEngine(tx);
  await engine.upsert(rows.map(productDocument));
  const kept = rows.map((r) => `product:${r.id}`);
  let removed: string[];
  if (byProduct) {
    removed = ids.map((id) => `product:${id}`).filter((id) => !kept.includes(id));
    await engine.remove(removed);
  } else {
    // Products of a cooperative no longer shown (unverified, deleted with it): whatever was indexed.
    const gone = await tx
      .delete(searchDocuments)
      .where(
        and(
          eq(searchDocuments.type, "product"),
          inArray(searchDocuments.organizationId, ids),
          kept.length ? notInArray(searchDocuments.id, kept) : undefined,
        ),
      )
      .returning({ id: searchDocuments.id });
    removed = gone.map((g) => g.id);
  }
  return [...kept, ...removed];
}

/**
 * Rewrites the search documents of some products; call it in the transaction that changed them (the
 * product, its sizes, prices or stock, its status). With Meilisearch on, it enqueues their copy there.
 */
export async function indexProducts(tx: DbOrTx, productIds: string[]) {
  const ids = await writeProductDocuments(tx, { productIds: [...new Set(productIds)] });
  if (env().MEILI_URL) await enqueueSearchSync(tx, ids);
}

/** Writes the PostgreSQL documents of some organisations (removing those of deleted ones); returns their ids. */
async function writeOrganizationDocuments(tx: DbOrTx, organizationIds: string[]) {
  const rows = await tx.select().from(organizations).where(inArray(organizations.id, organizationIds));
  const found = new Set(rows.map((r) => r.id));
  // The Siraj label is a facet while current (expired is read from the date; the daily label job re-indexes).
  const labelled = new Set(
    (
      await tx
        .selectDistinct({ id: labels.organizationId })
        .from(labels)
        .where(and(inArray(labels.organizationId, organizationIds), eq(labels.status, "current"), sql`${labels.expiresOn} >= ${todayInMorocco()}::date`))
    ).map((r) => r.id),
  );
  const engine = postgresEngine(tx);
  await engine.upsert(rows.map((r) => organizationDocument(r, labelled.has(r.id) ? ["siraj"] : [])));
  await engine.remove(organizationIds.filter((id) => !found.has(id)).map((id) => `organization:${id}`));
  return organizationIds.map((id) => `organization:${id}`);
}

/**
 * Rewrites the search documents of some organisations, and of their products (which carry their
 * region, verification and name); call it in the transaction that changed them.
 * With Meilisearch on, the same transaction enqueues the job that copies them there.
 */
export async function indexOrganizations(tx: DbOrTx, organizationIds: string[]) {
  if (organizationIds.length === 0) return;
  const ids = await writeOrganizationDocuments(tx, organizationIds);
  const productIds = await writeProductDocuments(tx, { organizationIds });
  if (env().MEILI_URL) await enqueueSearchSync(tx, [...ids, ...productIds]);
}

export async function indexOrganization(tx: DbOrTx, organizationId: string) {
  await indexOrganizations(tx, [organizationId]);
}

/**
 * Rebuilds every organisation's PostgreSQL document (seed, server start, repairs), a batch at a time.
 * It enqueues nothing (it may run before pg-boss is installed): the server fills an empty Meilisearch
 * index at start, and `npm run search:reindex` rebuilds a stale one.
 */
export async function indexAllOrganizations(db: DbOrTx) {
  const ids = (await db.select({ id: organizations.id }).from(organizations)).map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    await writeOrganizationDocuments(db, ids.slice(i, i + 500));
    await writeProductDocuments(db, { organizationIds: ids.slice(i, i + 500) });
  }
  return ids.length;
}
