import type { fr } from "./messages";

import { LOCALES, type Locale } from "../../db/schema/enums";
import { moroccoWallClock } from "../lib/morocco-time";

export { LOCALES, type Locale };

/** Each language by its own name, as a person looking for it reads it. */
export const LANGUAGE_NAMES: Record<Locale, string> = { fr: "Français", ar: "العربية", en: "English" };
export const DEFAULT_LOCALE: Locale = "fr";

export type Catalog = typeof fr;

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Leaves<Catalog>;
export type Vars = Record<string, string | number>;
export type T = (key: MessageKey, vars?: Vars) => string;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export function dir(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/** Looks a key up in a catalog and fills `{name}` placeholders; a missing key shows itself, never crashes. */
export function translate(catalog: unknown, key: string, vars?: Vars): string {
  let node: unknown = catalog;
  for (const part of key.split(".")) {
    node = node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== "string") return key;
  return vars ? node.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : node;
}

/** Adds `lang` to an internal href unless it is French, so a chosen language survives navigation. */
export function localizeHref(href: string, locale: Locale): string {
  if (locale === DEFAULT_LOCALE || !href.startsWith("/") || href.startsWith("//")) return href;
  const [pathAndQuery, hash] = href.split("#");
  const url = new URL(pathAndQuery, "http://x");
  url.searchParams.set("lang", locale);
  return `${url.pathname}${url.search}${hash ? `#${hash}` : ""}`;
}

const intlLocale: Record<Locale, string> = { fr: "fr-MA", ar: "ar-MA", en: "en-GB" };

// Building an Intl formatter costs far more than using one (a directory page formats ~100 counts):
// one of each per locale and style, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** A date, or a date and time, in Morocco (Africa/Casablanca), spelled the locale's way. */
export function formatDate(date: Date | string, locale: Locale, style: "date" | "datetime" = "date"): string {
  // Moved to Morocco's wall clock by the app's own offset table and formatted as UTC: the runtime's time-zone data
  // lags behind Morocco's changes (see ~/lib/morocco-time).
  return formatter(`date:${locale}:${style}`, () =>
    new Intl.DateTimeFormat(intlLocale[locale], {
      dateStyle: "long",
      ...(style === "datetime" ? { timeStyle: "short" } : {}),
      timeZone: "UTC",
      numberingSystem: "latn",
    }),
  ).format(moroccoWallClock(new Date(date)));
}

/** "A, B et C" / "A، B و C" / "A, B and C": a list as each language writes it. */
const listFormats = new Map<Locale, Intl.ListFormat>();
export function formatList(items: string[], locale: Locale): string {
  let format = listFormats.get(locale);
  if (!format) listFormats.set(locale, (format = new Intl.ListFormat(intlLocale[locale], { type: "conjunction" })));
  return format.format(items);
}

export function formatNumber(n: number, locale: Locale): string {
  return formatter(`number:${locale}`, () => new Intl.NumberFormat(intlLocale[locale], { numberingSystem: "latn" })).format(n);
}

/** Money is kept as integer centimes; shown in MAD. */
export function formatMad(centimes: number, locale: Locale): string {
  return formatter(
    `mad:${locale}`,
    () => new Intl.NumberFormat(intlLocale[locale], { style: "currency", currency: "MAD", numberingSystem: "latn" }),
  ).format(centimes / 100);
}
