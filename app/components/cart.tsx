import { formatNumber } from "~/i18n/i18n";
import { L, useLocale, useRootData, useT } from "./i18n";

/** The header's link to the cart, with the number of units in it. */
export function CartLink() {
  const data = useRootData();
  const t = useT();
  const locale = useLocale();
  const units = data?.cartUnits ?? 0;
  return (
    <L to="/panier" className="inline-flex min-h-11 items-center gap-2 rounded-lg px-3 text-sm font-medium no-underline hover:bg-brand-50">
      {t("cart.nav")}
      {units > 0 ? (
        <span className="badge bg-brand-700 text-white">
          <span aria-hidden="true">{formatNumber(units, locale)}</span>
          <span className="sr-only">{t("cart.units", { count: formatNumber(units, locale) })}</span>
        </span>
      ) : null}
    </L>
  );
}
