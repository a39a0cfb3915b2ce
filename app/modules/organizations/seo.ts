import { type Locale, localizeHref } from "~/i18n/i18n";
import { excerpt, seo } from "~/lib/seo";

type SeoInput = {
  organization: {
    slug: string;
    kind: string;
    name: string;
    nameAr: string | null;
    city: string | null;
    foundedYear: number | null;
    descriptionFr: string | null;
    descriptionAr: string | null;
    website: string | null;
    logoKey: string | null;
    email: string | null;
    phone: string | null;
  };
  regionName: string | null;
  locale: Locale;
  appUrl: string;
};

/**
 * What search engines and link previews read about a public profile: title, description in the page's
 * language, Open Graph tags and schema.org Organization JSON-LD. Only public fields go in.
 */
export function organizationSeo({ organization: o, regionName, locale, appUrl }: SeoInput) {
  const name = locale === "ar" && o.nameAr ? o.nameAr : o.name;
  const text = (locale === "ar" ? o.descriptionAr ?? o.descriptionFr : o.descriptionFr ?? o.descriptionAr) ?? o.name;
  const description = excerpt(text);
  const url = `${appUrl}${localizeHref(`/organisations/${o.slug}`, locale)}`;
  const image = o.logoKey ? `${appUrl}/uploads/${o.logoKey}` : null;
  const jsonLd: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": o.kind === "company" ? "Corporation" : o.kind === "cooperative" ? "Organization" : "NGO",
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
    ...(o.foundedYear ? { foundingDate: String(o.foundedYear) } : {}),
    ...(image ? { logo: image } : {}),
    ...(o.website ? { sameAs: [o.website] } : {}),
    ...(o.email ? { email: o.email } : {}),
    ...(o.phone ? { telephone: o.phone } : {}),
  };
  return seo({ type: "profile", name, description, url, image, locale, jsonLd });
}
