import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { seoTags } from "~/lib/seo";
import { ReviewList } from "~/components/reviews";
import { reviewPage } from "~/modules/orders/after-sale-schemas";
import { ratingSummary, shopReviews } from "~/modules/orders/reviews.server";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { FavouriteButton, ShopTerms, SignInToFavourite } from "~/components/market";
import { localTitle, ProductCard } from "~/components/product-card";
import { getT } from "~/i18n/catalogs.server";
import { formatNumber } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { hrefFor, load } from "~/lib/http.server";
import { getUser, requireUser } from "~/modules/accounts/session.server";
import { setFavouriteShop } from "~/modules/catalog/favourites.server";
import { getShop } from "~/modules/catalog/marche.server";
import { shopHref } from "~/modules/catalog/marche-params";
import { favouriteSchema } from "~/modules/catalog/market-schemas";
import { shopSeo } from "~/modules/catalog/seo";
import { getGeography } from "~/modules/organizations/reference.server";

// A cooperative's shop: who it is, its terms of sale, its products a page at a time, and JSON-LD.
// Plain links and forms: the page ships no JavaScript.

export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10);
  const shop = await load(() => getShop({ db, slug: params.slug ?? "", actor: user, page }));
  const locale = resolveLocale(request);
  const { regions } = await getGeography(db);
  const region = regions.find((r) => r.code === shop.cooperative.regionCode) ?? null;
  const regionName = region ? (locale === "ar" ? region.nameAr : region.nameFr) : null;
  const [reviews, reviewSummary] = await Promise.all([
    shopReviews(db, shop.cooperative.id, reviewPage(request.url)),
    ratingSummary(db, { organizationId: shop.cooperative.id }),
  ]);
  return {
    ...shop,
    reviews,
    reviewSummary,
    signedIn: !!user,
    regions: regions.map(({ code, nameFr, nameAr }) => ({ code, nameFr, nameAr })),
    seo: shopSeo({
      cooperative: shop.cooperative,
      regionName,
      fallbackDescription: getT(locale)("market.shop.metaDescription", { name: shop.cooperative.name }),
      locale,
      appUrl: env().appUrl,
    }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const result = parseForm(favouriteSchema, await request.formData());
  if (!result.ok || result.data.intent !== "favouriteShop") throw data({ messageKey: "errors.invalid" }, { status: 400 });
  const shop = await load(() => getShop({ db, slug, actor: user, page: 1 }));
  if (shop.preview) notFound();
  const on = result.data.on;
  await load(() => setFavouriteShop({ db, userId: user.id, organizationId: shop.cooperative.id, on }));
  throw redirectWithFlash(hrefFor(request, shopHref(slug)), on ? "market.favouriteAdded" : "market.favouriteRemoved");
}

export default function Shop() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const data = useLoaderData<typeof loader>();
  const { cooperative: c, terms, products, total, page, pages, favourite, signedIn, preview, regions } = data;
  const name = localTitle(locale, c.name, c.nameAr);
  const otherName = name.lang === "ar" ? c.name : c.nameAr;
  const regionName = (code: string | null) => {
    const r = regions.find((x) => x.code === code);
    return r ? (locale === "ar" ? r.nameAr : r.nameFr) : null;
  };
  const descriptions = [
    { lang: "fr", text: c.descriptionFr },
    { lang: "ar", text: c.descriptionAr },
  ].filter((d) => d.text);
  if (locale === "ar") descriptions.reverse();
  const here = shopHref(c.slug);
  const pageHref = (n: number) => (n > 1 ? `${here}?page=${n}` : here);

  return (
    <article className="space-y-6">
      <p>
        <L to="/marche">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("market.back")}
        </L>
      </p>
      {preview ? (
        <p role="note" className="rounded-lg border border-warn/40 bg-warn/10 p-3 text-warn">
          {t("market.shop.preview")}
        </p>
      ) : null}

      <header className="card flex flex-col gap-4 sm:flex-row sm:items-start">
        {c.logoKey ? (
          <img src={`/uploads/${c.logoKey}`} alt={t("market.shop.logoAlt", { name: c.name })} width={96} height={96} className="size-24 rounded-lg border border-line object-contain" />
        ) : (
          <div aria-hidden="true" className="flex size-24 shrink-0 items-center justify-center rounded-lg bg-brand-100 text-3xl font-bold text-brand-700">
            {name.text.slice(0, 1)}
          </div>
        )}
        <div className="flex-1 space-y-2">
          <p className="text-sm font-semibold text-brand-700">{t("market.shop.kicker")}</p>
          <h1 className="text-2xl font-bold" lang={name.lang} dir="auto">
            {name.text}
          </h1>
          {otherName ? (
            <p className="text-lg text-muted" lang={name.lang === "ar" ? "fr" : "ar"} dir="auto">
              {otherName}
            </p>
          ) : null}
          <p className="flex flex-wrap gap-2">
            {c.verified ? <span className="badge bg-ok/10 text-ok">✓ {t("market.verified")}</span> : null}
            {c.womenLed ? <span className="badge bg-brand-100 text-brand-800">{t("market.womenCoop")}</span> : null}
          </p>
          <p className="text-muted">{[c.city, regionName(c.regionCode)].filter(Boolean).join(" · ")}</p>
          <p className="flex flex-wrap gap-2">
            <L to={`/organisations/${c.slug}`} className="btn-secondary">
              {t("market.profile")}
            </L>
          </p>
          {preview ? null : signedIn ? (
            <FavouriteButton action={href(here)} intent="favouriteShop" on={favourite} addLabel={t("market.addShopFavourite")} removeLabel={t("market.removeShopFavourite")} />
          ) : (
            <SignInToFavourite back={here} shop />
          )}
        </div>
      </header>

      <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-labelledby="products-h" className="space-y-4">
          <h2 id="products-h" className="text-lg font-semibold">
            {t("market.shop.products", { count: formatNumber(total, locale) })}
          </h2>
          {products.length === 0 ? (
            <p className="card text-muted">{page > 1 && total > 0 ? t("market.pastEnd") : t("market.shop.noProducts")}</p>
          ) : (
            <ol className="grid grid-cols-2 gap-3 sm:grid-cols-3">
              {products.map((card) => (
                <li key={card.slug}>
                  <ProductCard card={card} regionName={null} />
                </li>
              ))}
            </ol>
          )}
          <Pager page={page} pageCount={pages} href={pageHref} />
        </section>

        <aside className="space-y-6">
          <section className="card" aria-labelledby="terms-h">
            <h2 id="terms-h" className="mb-2 text-lg font-semibold">
              {t("market.terms.title")}
            </h2>
            <ShopTerms terms={terms} />
          </section>
          {descriptions.length > 0 ? (
            <section className="card space-y-3" aria-labelledby="about-h">
              <h2 id="about-h" className="text-lg font-semibold">
                {t("market.shop.about")}
              </h2>
              {descriptions.map((d) => (
                <p key={d.lang} lang={d.lang} dir={d.lang === "ar" ? "rtl" : "ltr"} className="line-clamp-6 whitespace-pre-line">
                  {d.text}
                </p>
              ))}
            </section>
          ) : null}
        </aside>
      </div>
      <ReviewList reviews={data.reviews} summary={data.reviewSummary} showProduct />
    </article>
  );
}
