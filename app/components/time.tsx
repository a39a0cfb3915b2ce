import { formatDate } from "~/i18n/i18n";
import { useLocale } from "./i18n";

/**
 * A date in Africa/Casablanca time (the offset from the app's own table, see ~/lib/morocco-time). Node's and the
 * browser's ICU data can still spell the same date slightly differently (spaces, abbreviations), so the server's
 * text is kept at hydration.
 */
export function Time({ value, withTime = false }: { value: string | Date; withTime?: boolean }) {
  const locale = useLocale();
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {formatDate(iso, locale, withTime ? "datetime" : "date")}
    </time>
  );
}
