import { DEFAULT_LOCALE, isLocale, type Locale, LOCALES } from "./i18n";

export const LANG_COOKIE = "lang";

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return undefined; // a malformed cookie is no cookie
    }
  }
  return undefined;
}

function fromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((item) => {
      const [tag, q] = item.trim().split(";q=");
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.find((x) => (LOCALES as readonly string[]).includes(x.lang))?.lang as Locale | undefined;
}

/** `?lang` → remembered choice (cookie) → Accept-Language → French. */
export function resolveLocale(request: Request): Locale {
  const url = new URL(request.url);
  const fromQuery = url.searchParams.get("lang");
  if (isLocale(fromQuery)) return fromQuery;
  const fromCookie = cookieValue(request, LANG_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  return fromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LOCALE;
}

export { cookieValue };
