import { type Locale, localizeHref } from "~/i18n/i18n";
import { excerpt, seo } from "~/lib/seo";
import { productHref, shopHref } from "./marche-params";
import { photoUrl } from "./photos";

// What search engines and link previews read about a product page and a shop: title, description in
// the page's language (French when the text is missing in it), Open Graph tags and schema.org JSON-LD.

/** "Arabic when the page is Arabic and there is some, else French". */
const inLanguage = (locale: Locale, fr: string | null, ar: string | null) => (locale === "ar" && ar ? ar : fr ?? ar);

/** Centimes as schema.org and Open Graph want a price: "89.90". */
const price = (centimes: number) => (centimes / 100).toFixed(2);

type ProductSeoInput = {
  product: { slug: string; titleFr: string; titleAr: string | null; descriptionFr: string | null; descriptionAr: string | null; category: string };
  categoryName: string;
  variants: { id: string; unit: string; size: number; priceCentimes: number; stock: number }[];
  sizeLabel: (v: { unit: string; size: number }) => string;
  photos: { key: string }[];
  cooperative: { slug: string; name: string; nameAr: string | null };
  locale: Locale;
  appUrl: string;
};

export function productSeo({ product: p, categoryName, variants, sizeLabel, photos, cooperative: c, locale, appUrl }: ProductSeoInput) {
  const name = inLanguage(locale, p.titleFr, p.titleAr) ?? p.titleFr;
  const coopName = inLanguage(locale, c.name, c.nameAr) ?? c.name;
  const description = excerpt(inLanguage(locale, p.descriptionFr, p.descriptionAr) ?? `${name} · ${coopName}`);
  const url = `${appUrl}${localizeHref(productHref(p.slug), locale)}`;
  const images = photos.map((ph) => `${appUrl}${photoUrl(ph.key, 1200)}`);
  const seller = { "@type": "Organization", name: c.name, url: `${appUrl}${shopHref(c.slug)}` };
  const low = variants.length ? Math.min(...variants.map((v) => v.priceCentimes)) : null;
  const jsonLd: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "Product",
    name,
    // The name in the other language.
    ...(p.titleAr ? { alternateName: name === p.titleAr ? p.titleFr : p.titleAr } : {}),
    description,
    url,
    category: categoryName,
    ...(images.length ? { image: images } : {}),
    brand: { "@type": "Brand", name: c.name },
    offers: variants.map((v) => ({
      "@type": "Offer",
      name: sizeLabel(v),
      sku: v.id,
      price: price(v.priceCentimes),
      priceCurrency: "MAD",
      availability: v.stock > 0 ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
      itemCondition: "https://schema.org/NewCondition",
      url,
      seller,
    })),
  };
  return seo({
    type: "product",
    name,
    description,
    url,
    image: images[0] ?? null,
    locale,
    jsonLd,
    extra:
      low !== null
        ? [
            { property: "product:price:amount", content: price(low) },
            { property: "product:price:currency", content: "MAD" },
          ]
        : [],
    largeImage: true,
  });
}

type ShopSeoInput = {
  cooperative: {
    slug: string;
    name: string;
    nameAr: string | null;
    city: string | null;
    descriptionFr: string | null;
    descriptionAr: string | null;
    logoKey: string | null;
  };
  regionName: string | null;
  fallbackDescription: string;
  locale: Locale;
  appUrl: string;
};

export function shopSeo({ cooperative: o, regionName, fallbackDescription, locale, appUrl }: ShopSeoInput) {
  const name = inLanguage(locale, o.name, o.nameAr) ?? o.name;
  const description = excerpt(inLanguage(locale, o.descriptionFr, o.descriptionAr) ?? fallbackDescription);
  const url = `${appUrl}${localizeHref(shopHref(o.slug), locale)}`;
  const image = o.logoKey ? `${appUrl}/uploads/${o.logoKey}` : null;
  const jsonLd: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: o.name,
    ...(o.nameAr ? { alternateName: o.nameAr } : {}),
    url,
    description,
    address: {
      "@type": "PostalAddress",
      addressCountry: "MA",
      ...(regionName ? { addressRegion: regionName } : {}),
      ...(o.city ? { addressLocality: o.city } : {}),
    },
    ...(image ? { logo: image } : {}),
    sameAs: [`${appUrl}/organisations/${o.slug}`],
  };
  return seo({ type: "website", name, description, url, image, locale, jsonLd });
}
