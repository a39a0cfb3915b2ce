import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { env } from "~/lib/env.server";
import { countPublicProfiles, listPublicSlugs } from "~/modules/organizations/organizations.server";
import { getGeography } from "~/modules/organizations/reference.server";
import { countListedProducts, countShops, listListedProductSlugs, listShopSlugs } from "~/modules/catalog/marche.server";
import { productHref, shopHref } from "~/modules/catalog/marche-params";

const STATIC = ["/", "/marche", "/annuaire", "/tandems", "/siraj", "/appels", "/evenements", "/impact", "/confidentialite", "/conditions"];
// Search engines read at most 50,000 URLs per file: profiles go in parts, listed by a sitemap index.
const PER_PART = 10_000;

const xmlResponse = (xml: string) =>
  new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });

const escape = (s: string) => s.replace(/&/g, "&amp;");

/** Marketplace parts (`?part=products-1`, `?part=shops-1`): the public products and the shops. */
const MARKET_PARTS = {
  products: { count: countListedProducts, list: listListedProductSlugs, href: productHref },
  shops: { count: countShops, list: listShopSlugs, href: shopHref },
} as const;

/**
 * `/sitemap.xml` is an index of parts: part 0 holds the pages and the directory of each region,
 * parts 1… hold public profiles, `products-1…` and `shops-1…` the marketplace's products and shops,
 * each URL with its French, Arabic and English alternates.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const base = env().appUrl;
  const part = new URL(request.url).searchParams.get("part");
  if (part === null) {
    const parts = Math.ceil((await countPublicProfiles(db)) / PER_PART);
    const names = Array.from({ length: parts + 1 }, (_, i) => String(i));
    for (const [name, market] of Object.entries(MARKET_PARTS)) {
      const n = Math.ceil((await market.count(db)) / PER_PART);
      for (let i = 1; i <= n; i++) names.push(`${name}-${i}`);
    }
    const entries = names.map((name) => `<sitemap><loc>${escape(`${base}/sitemap.xml?part=${name}`)}</loc></sitemap>`);
    return xmlResponse(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries.join("")}</sitemapindex>`);
  }
  const market = /^(products|shops)-([1-9]\d{0,3})$/.exec(part);
  const n = market ? Number(market[2]) : /^\d{1,4}$/.test(part) ? Number(part) : Number.NaN;
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new Response("Not found", { status: 404 });
  const marketPart = market ? MARKET_PARTS[market[1] as keyof typeof MARKET_PARTS] : null;
  const urls = marketPart
    ? (await marketPart.list(db, { offset: (n - 1) * PER_PART, limit: PER_PART })).map(marketPart.href)
    : n === 0
      ? [...STATIC, ...(await getGeography(db)).regions.map((r) => `/annuaire?region=${r.code}`)]
      : (await listPublicSlugs(db, { offset: (n - 1) * PER_PART, limit: PER_PART })).map((s) => `/organisations/${s}`);
  const entry = (path: string) => {
    const loc = `${base}${path}`;
    const alt = (lang: string) => (lang === "fr" ? loc : `${loc}${loc.includes("?") ? "&" : "?"}lang=${lang}`);
    return `<url><loc>${escape(loc)}</loc>${["fr", "ar", "en"]
      .map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${escape(alt(l))}"/>`)
      .join("")}</url>`;
  };
  return xmlResponse(
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.map(entry).join("")}</urlset>`,
  );
}
