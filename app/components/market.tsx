import { formatMad, formatNumber } from "~/i18n/i18n";
import { L, useLocale, useT } from "./i18n";

// Pieces shared by the product page, the shop page and the favourites page.

/** A favourite switched on or off by a plain POST form (it works without JavaScript). */
export function FavouriteButton(props: { action: string; intent: string; on: boolean; addLabel: string; removeLabel: string }) {
  return (
    <form method="post" action={props.action}>
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="on" value={props.on ? "0" : "1"} />
      <button type="submit" className="btn-secondary" aria-pressed={props.on}>
        <span aria-hidden="true">{props.on ? "♥" : "♡"}</span> {props.on ? props.removeLabel : props.addLabel}
      </button>
    </form>
  );
}

/** For visitors: favourites need an account; the login page brings them back here. */
export function SignInToFavourite({ back, shop = false }: { back: string; shop?: boolean }) {
  const t = useT();
  return (
    <p className="text-sm">
      <L to={`/connexion?redirectTo=${encodeURIComponent(back)}`}>{t(shop ? "market.signInToFollow" : "market.signInToFavourite")}</L>
    </p>
  );
}

type Terms = {
  shippingFeeCentimes: number;
  freeShippingFromCentimes: number | null;
  deliveryDaysMin: number;
  deliveryDaysMax: number;
  minimumOrderCentimes: number;
  codEnabled: boolean;
};

/** A cooperative's terms of sale, as a short list. */
export function ShopTerms({ terms }: { terms: Terms }) {
  const t = useT();
  const locale = useLocale();
  const days =
    terms.deliveryDaysMin === terms.deliveryDaysMax
      ? t("market.terms.daysExact", { days: formatNumber(terms.deliveryDaysMin, locale) })
      : t("market.terms.days", { min: formatNumber(terms.deliveryDaysMin, locale), max: formatNumber(terms.deliveryDaysMax, locale) });
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-muted">{t("market.terms.shipping")}</dt>
      <dd>{terms.shippingFeeCentimes === 0 ? t("market.terms.free") : formatMad(terms.shippingFeeCentimes, locale)}</dd>
      {terms.freeShippingFromCentimes !== null && terms.shippingFeeCentimes > 0 ? (
        <>
          <dt className="text-muted">{t("market.terms.freeFrom")}</dt>
          <dd>{formatMad(terms.freeShippingFromCentimes, locale)}</dd>
        </>
      ) : null}
      <dt className="text-muted">{t("market.terms.delivery")}</dt>
      <dd>{days}</dd>
      <dt className="text-muted">{t("market.terms.minimum")}</dt>
      <dd>{terms.minimumOrderCentimes > 0 ? formatMad(terms.minimumOrderCentimes, locale) : t("market.terms.noMinimum")}</dd>
      <dt className="text-muted">{t("market.terms.cod")}</dt>
      <dd>{terms.codEnabled ? t("market.terms.codYes") : t("market.terms.codNo")}</dd>
    </dl>
  );
}
