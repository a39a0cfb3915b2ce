// Browser-safe ways of showing order things the same on every page.
import { formatNumber, type Locale, type MessageKey, type T } from "~/i18n/i18n";
import { sizeParts } from "../catalog/sizes";

/** "250 ml", "1 L", "3 pièces": a size as on the label (the catalogue's own rule, sizes.ts). */
export function sizeLabel(unit: string, size: number, locale: Locale, t: T): string {
  const { key, value } = sizeParts(unit, size);
  return t(`market.sizes.${key}` as MessageKey, { size: formatNumber(value, locale) });
}

/** A product or cooperative name in the page's language when it has one. */
export function localName(o: { fr: string; ar: string | null }, locale: Locale) {
  return locale === "ar" && o.ar ? o.ar : o.fr;
}

/** An organisation's name in a language: its Arabic name on Arabic pages and e-mails when it has one. */
export const orgName = (o: { name: string; nameAr: string | null }, locale: Locale) => (locale === "ar" && o.nameAr ? o.nameAr : o.name);
