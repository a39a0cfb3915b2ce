import { formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { productHref } from "~/modules/catalog/marche-params";
import { photoUrl } from "~/modules/catalog/photos";
import { sizeParts } from "~/modules/catalog/sizes";
import { L, useLocale, useT } from "./i18n";

// The marketplace's product card (catalogue, shop, favourites) and what it needs to say a size.

export type ProductCardData = {
  slug: string;
  titleFr: string;
  titleAr: string | null;
  category: string;
  organic: boolean;
  signs: { code: string; type: string; name: string }[];
  cooperativeName: string;
  cooperativeNameAr: string | null;
  womenLed: boolean;
  photoKey: string | null;
  priceMin: number | null;
  inStock: boolean;
};

/** "250 ml", "1 kg", "3 pièces" in the page's language. */
export function useSizeLabel() {
  const t = useT();
  const locale = useLocale();
  return (v: { unit: string; size: number }) => {
    const { key, value } = sizeParts(v.unit, v.size);
    return t(`market.sizes.${key}` as MessageKey, { size: formatNumber(value, locale) });
  };
}

/** The title in the page's language when there is one, else French; with the `lang` it is in. */
export function localTitle(locale: string, fr: string, ar: string | null): { text: string; lang: "fr" | "ar" } {
  return locale === "ar" && ar ? { text: ar, lang: "ar" } : { text: fr, lang: "fr" };
}

export function ProductCard({ card, regionName, unavailable = false }: { card: ProductCardData; regionName: string | null; unavailable?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const title = localTitle(locale, card.titleFr, card.titleAr);
  const coop = localTitle(locale, card.cooperativeName, card.cooperativeNameAr);
  return (
    <article className="flex h-full flex-col overflow-hidden rounded-xl border border-line bg-white">
      {card.photoKey ? (
        <img src={photoUrl(card.photoKey, 480)} alt="" width={480} height={360} loading="lazy" decoding="async" className="aspect-[4/3] w-full object-cover" />
      ) : (
        <div aria-hidden="true" className="flex aspect-[4/3] w-full items-center justify-center bg-brand-50 px-2 text-center text-sm font-semibold text-brand-700">
          {t(`categories.${card.category}` as MessageKey)}
        </div>
      )}
      <div className="flex flex-1 flex-col gap-1 p-3">
        <h3 className="font-semibold leading-snug" lang={title.lang} dir="auto">
          {unavailable ? title.text : <L to={productHref(card.slug)}>{title.text}</L>}
        </h3>
        <p className="text-sm text-muted" lang={coop.lang} dir="auto">
          {coop.text}
        </p>
        {regionName ? <p className="text-sm text-muted">{regionName}</p> : null}
        {card.signs.length || card.organic || card.womenLed ? (
          <p className="mt-1 flex flex-wrap gap-1">
            {card.signs.map((s) => (
              <span key={s.code} className="badge bg-warn/10 text-xs text-warn" lang="fr">
                {s.type} {s.name}
              </span>
            ))}
            {card.organic ? <span className="badge bg-ok/10 text-xs text-ok">{t("market.organic")}</span> : null}
            {card.womenLed ? <span className="badge bg-brand-100 text-xs text-brand-800">{t("market.womenCoop")}</span> : null}
          </p>
        ) : null}
        <p className="mt-auto flex flex-wrap items-baseline justify-between gap-x-2 pt-2">
          {card.priceMin !== null ? (
            <span className="font-semibold">{t("market.priceFrom", { price: formatMad(card.priceMin, locale) })}</span>
          ) : null}
          {unavailable ? (
            <span className="text-sm font-semibold text-danger">{t("market.unavailable")}</span>
          ) : !card.inStock ? (
            <span className="text-sm font-semibold text-danger">{t("market.outOfStock")}</span>
          ) : null}
        </p>
      </div>
    </article>
  );
}
