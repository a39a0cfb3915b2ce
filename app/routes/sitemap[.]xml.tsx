import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { env } from "~/lib/env.server";
import { listPublicSlugs } from "~/modules/organizations/organizations.server";

const STATIC = ["/", "/marche", "/annuaire", "/tandems", "/siraj", "/appels", "/evenements", "/impact", "/confidentialite", "/conditions"];

export async function loader(_: LoaderFunctionArgs) {
  const base = env().appUrl;
  const slugs = await listPublicSlugs(db);
  const urls = [...STATIC, ...slugs.map((s) => `/organisations/${s}`)];
  const entry = (path: string) => {
    const loc = `${base}${path}`;
    const alt = (lang: string) => `${loc}${lang === "fr" ? "" : `?lang=${lang}`}`;
    return `<url><loc>${loc}</loc>${["fr", "ar", "en"]
      .map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${alt(l).replace(/&/g, "&amp;")}"/>`)
      .join("")}</url>`;
  };
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${urls.map(entry).join("")}</urlset>`;
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
