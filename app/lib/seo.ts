// What search engines and link previews read, shared by every public page that describes something
// (an organisation, a product, a shop): Open Graph tags, the canonical link, the JSON-LD, as meta tags.
import type { MetaDescriptor } from "@remix-run/node";
import type { Locale } from "~/i18n/i18n";

const OG_LOCALE: Record<Locale, string> = { fr: "fr_MA", ar: "ar_MA", en: "en_GB" };

/** A description cut at a word, as previews show it. */
export function excerpt(text: string, max = 160) {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

export type Seo = { title: string; description: string; meta: MetaDescriptor[]; jsonLd: Record<string, unknown> };

/** The page's title, description, Open Graph tags (with any of its type's own) and canonical link. */
export function seo(o: {
  type: "website" | "profile" | "product";
  name: string;
  description: string;
  url: string;
  image: string | null;
  locale: Locale;
  jsonLd: Record<string, unknown>;
  extra?: MetaDescriptor[];
  largeImage?: boolean;
}): Seo {
  return {
    title: `${o.name} · Tiwizi`,
    description: o.description,
    meta: [
      { property: "og:type", content: o.type },
      { property: "og:site_name", content: "Tiwizi" },
      { property: "og:title", content: o.name },
      { property: "og:description", content: o.description },
      { property: "og:url", content: o.url },
      { property: "og:locale", content: OG_LOCALE[o.locale] },
      ...(o.image ? [{ property: "og:image", content: o.image }] : []),
      ...(o.extra ?? []),
      { name: "twitter:card", content: o.largeImage && o.image ? "summary_large_image" : "summary" },
      { tagName: "link", rel: "canonical", href: o.url },
    ],
    jsonLd: o.jsonLd,
  };
}

/** A route's meta tags from its loader's `seo`; a preview (a draft seen by its owners) is never indexed. */
export function seoTags(data: { seo: Seo; preview?: boolean } | undefined): MetaDescriptor[] {
  if (!data) return [{ title: "Tiwizi" }];
  const { seo } = data;
  return [
    { title: seo.title },
    { name: "description", content: seo.description },
    ...(data.preview ? [{ name: "robots", content: "noindex" }] : []),
    ...seo.meta,
    { "script:ld+json": seo.jsonLd },
  ];
}
