// Browser-safe ways of showing order things the same on every page.
import { formatNumber, type Locale, type T } from "~/i18n/i18n";

/** "250 ml", "1 L", "1,5 kg", "3 pièces": sizes in the unit a buyer reads. */
export function sizeLabel(unit: string, size: number, locale: Locale, t: T): string {
  if (unit === "g" && size >= 1000) return `${formatNumber(size / 1000, locale)} ${t("orders.sizes.kg")}`;
  if (unit === "ml" && size >= 1000) return `${formatNumber(size / 1000, locale)} ${t("orders.sizes.l")}`;
  if (unit === "piece") return t("orders.sizes.pieces", { count: formatNumber(size, locale) });
  return `${formatNumber(size, locale)} ${t(unit === "g" ? "orders.sizes.g" : "orders.sizes.ml")}`;
}

/** A product or cooperative name in the page's language when it has one. */
export function localName(o: { fr: string; ar: string | null }, locale: Locale) {
  return locale === "ar" && o.ar ? o.ar : o.fr;
}
