import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { seoTags } from "~/lib/seo";
import { ReviewList } from "~/components/reviews";
import { reviewPage } from "~/modules/orders/after-sale-schemas";
import { productReviews, ratingSummary } from "~/modules/orders/reviews.server";
import { FavouriteButton, ShopTerms, SignInToFavourite } from "~/components/market";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { localTitle, useSizeLabel } from "~/components/product-card";
import { getT } from "~/i18n/catalogs.server";
import { formatDate, formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { hrefFor, load } from "~/lib/http.server";
import { getUser, requireUser } from "~/modules/accounts/session.server";
import { setFavouriteProduct, setFavouriteShop } from "~/modules/catalog/favourites.server";
import { getPublicProduct } from "~/modules/catalog/marche.server";
import { productHref, shopHref } from "~/modules/catalog/marche-params";
import { favouriteSchema } from "~/modules/catalog/market-schemas";
import { photoUrl } from "~/modules/catalog/photos";
import { productSeo } from "~/modules/catalog/seo";
import { sizeParts } from "~/modules/catalog/sizes";
import { getGeography } from "~/modules/organizations/reference.server";

// A product's public page: photos, text in the page's language (French when missing), sizes with
// price and stock, quality signs, the cooperative, an "add to cart" form for /panier, and the JSON-LD
// and Open Graph data. Plain HTML forms: the page ships no JavaScript.

export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const found = await load(() => getPublicProduct({ db, slug: params.slug ?? "", actor: user }));
  const locale = resolveLocale(request);
  const t = getT(locale);
  const { regions } = await getGeography(db);
  const region = regions.find((r) => r.code === found.cooperative.regionCode) ?? null;
  const sizeLabel = (v: { unit: string; size: number }) => {
    const { key, value } = sizeParts(v.unit, v.size);
    return t(`market.sizes.${key}` as MessageKey, { size: formatNumber(value, locale) });
  };
  const [reviews, reviewSummary] = await Promise.all([
    productReviews(db, found.product.id, reviewPage(request.url)),
    ratingSummary(db, { productId: found.product.id }),
  ]);
  return {
    ...found,
    reviews,
    reviewSummary,
    signedIn: !!user,
    region: region ? { nameFr: region.nameFr, nameAr: region.nameAr } : null,
    seo: productSeo({
      product: found.product,
      categoryName: t(`categories.${found.product.category}` as MessageKey),
      variants: found.variants,
      sizeLabel,
      photos: found.photos,
      cooperative: found.cooperative,
      locale,
      appUrl: env().appUrl,
    }),
  };
}

/** Favourites: signed-in people only (others are sent to the login page and back). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const result = parseForm(favouriteSchema, await request.formData());
  if (!result.ok) throw data({ messageKey: "errors.invalid" }, { status: 400 });
  const { product, cooperative, preview } = await load(() => getPublicProduct({ db, slug, actor: user }));
  // Only what the public can see: a member's preview of a draft is no one's favourite.
  if (preview) notFound();
  await load(async () => {
    if (result.data.intent === "favouriteProduct") {
      await setFavouriteProduct({ db, userId: user.id, productId: product.id, on: result.data.on });
    } else {
      await setFavouriteShop({ db, userId: user.id, organizationId: cooperative.id, on: result.data.on });
    }
  });
  throw redirectWithFlash(hrefFor(request, productHref(slug)), result.data.on ? "market.favouriteAdded" : "market.favouriteRemoved");
}

export default function ProductPage() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const sizeLabel = useSizeLabel();
  const data = useLoaderData<typeof loader>();
  const { product: p, variants, photos, cooperative: c, region, terms, favourite, shopFavourite, signedIn, preview } = data;
  const title = localTitle(locale, p.titleFr, p.titleAr);
  const otherTitle = title.lang === "ar" ? p.titleFr : p.titleAr;
  const coop = localTitle(locale, c.name, c.nameAr);
  // The description in the page's language first (French when there is none in it); the other follows.
  const descriptions = [
    { lang: "fr", text: p.descriptionFr },
    { lang: "ar", text: p.descriptionAr },
  ].filter((d) => d.text);
  if (locale === "ar") descriptions.reverse();
  const low = variants.length ? Math.min(...variants.map((v) => v.priceCentimes)) : null;
  const available = variants.filter((v) => v.stock > 0);
  const traced = variants.filter((v) => v.lot || v.bestBefore);
  const here = productHref(p.slug);

  return (
    <article className="space-y-6">
      <p>
        <L to="/marche">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("market.back")}
        </L>
      </p>
      {preview ? (
        <p role="note" className="rounded-lg border border-warn/40 bg-warn/10 p-3 text-warn">
          {t("market.preview", { status: t(`catalog.status.${p.status}` as MessageKey) })}
        </p>
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <section aria-label={t("market.photos")} className="space-y-2">
          {photos.length === 0 ? (
            <div aria-hidden="true" className="flex aspect-[3/1] w-full items-center justify-center rounded-xl bg-brand-50 text-lg font-semibold text-brand-700 md:aspect-[4/3]">
              {t(`categories.${p.category}` as MessageKey)}
            </div>
          ) : (
            <ul className="grid grid-cols-4 gap-2">
              {photos.map((ph, i) => (
                <li key={ph.key} className={i === 0 ? "col-span-4" : ""}>
                  <a href={photoUrl(ph.key, 1200)} className="block">
                    <img
                      src={photoUrl(ph.key, 1200)}
                      srcSet={`${photoUrl(ph.key, 480)} 480w, ${photoUrl(ph.key, 1200)} 1200w`}
                      sizes={i === 0 ? "(min-width: 768px) 480px, 100vw" : "120px"}
                      alt={t("market.photoAlt", { title: title.text, n: String(i + 1) })}
                      width={ph.width}
                      height={ph.height}
                      loading={i === 0 ? "eager" : "lazy"}
                      className="w-full rounded-xl border border-line object-cover"
                    />
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>

        <div className="space-y-4">
          <header>
            <h1 className="text-2xl font-bold" lang={title.lang} dir="auto">
              {title.text}
            </h1>
            {otherTitle ? (
              <p className="text-lg text-muted" lang={title.lang === "ar" ? "fr" : "ar"} dir="auto">
                {otherTitle}
              </p>
            ) : null}
            <p className="mt-1 text-sm text-muted">
              {t(`categories.${p.category}` as MessageKey)} ·{" "}
              <L to={shopHref(c.slug)} lang={coop.lang}>
                {coop.text}
              </L>
              {region ? ` · ${locale === "ar" ? region.nameAr : region.nameFr}` : ""}
            </p>
            <p className="mt-2 flex flex-wrap gap-1">
              {p.signs.map((s) => (
                <span key={s.code} className="badge bg-warn/10 text-warn" lang="fr">
                  {s.type} {s.name}
                </span>
              ))}
              {p.organic ? <span className="badge bg-ok/10 text-ok">{t("market.organic")}</span> : null}
              {c.womenLed ? <span className="badge bg-brand-100 text-brand-800">{t("market.womenCoop")}</span> : null}
            </p>
            {low !== null ? <p className="mt-3 text-xl font-semibold">{t("market.priceFrom", { price: formatMad(low, locale) })}</p> : null}
          </header>

          <section aria-labelledby="variants-h">
            <h2 id="variants-h" className="text-lg font-semibold">
              {t("market.variants")}
            </h2>
            <table className="mt-2 w-full text-start">
              <thead>
                <tr className="text-sm text-muted">
                  <th scope="col" className="py-1 text-start font-normal">{t("market.size")}</th>
                  <th scope="col" className="py-1 text-start font-normal">{t("market.price")}</th>
                  <th scope="col" className="py-1 text-start font-normal">{t("market.availability")}</th>
                </tr>
              </thead>
              <tbody>
                {variants.map((v) => (
                  <tr key={v.id} className="border-t border-line">
                    <td className="py-2">{sizeLabel(v)}</td>
                    <td className="py-2 font-semibold">{formatMad(v.priceCentimes, locale)}</td>
                    <td className="py-2 text-sm">
                      {v.stock === 0 ? (
                        <span className="font-semibold text-danger">{t("market.outOfStock")}</span>
                      ) : v.stock <= 5 ? (
                        <span className="text-warn">{t("market.lowStock", { count: formatNumber(v.stock, locale) })}</span>
                      ) : (
                        <span className="text-ok">{t("market.inStock")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          {/* Add to cart: handled by /panier (the cart), which checks the size, the quantity and the stock. */}
          <section aria-labelledby="buy-h" className="card space-y-3">
            <h2 id="buy-h" className="sr-only">
              {t("market.buy")}
            </h2>
            {available.length === 0 ? (
              <p className="font-semibold text-danger">{t("market.soldOut")}</p>
            ) : (
              <form method="post" action={href("/panier")} className="grid grid-cols-[1fr_6rem] items-end gap-3">
                <input type="hidden" name="intent" value="add" />
                <div>
                  <label htmlFor="cart-variant" className="label">
                    {t("market.variant")}
                  </label>
                  <select id="cart-variant" name="variantId" className="input" defaultValue={available[0].id}>
                    {variants.map((v) => (
                      <option key={v.id} value={v.id} disabled={v.stock === 0}>
                        {sizeLabel(v)} — {formatMad(v.priceCentimes, locale)}
                        {v.stock === 0 ? ` (${t("market.outOfStock")})` : ""}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label htmlFor="cart-quantity" className="label">
                    {t("market.quantity")}
                  </label>
                  <input id="cart-quantity" name="quantity" type="number" inputMode="numeric" min={1} max={99} step={1} defaultValue={1} required className="input" />
                </div>
                <button type="submit" className="btn col-span-2" disabled={preview}>
                  {t("market.addToCart")}
                </button>
              </form>
            )}
            {preview ? null : signedIn ? (
              <FavouriteButton action={href(here)} intent="favouriteProduct" on={favourite} addLabel={t("market.addFavourite")} removeLabel={t("market.removeFavourite")} />
            ) : (
              <SignInToFavourite back={here} />
            )}
          </section>
        </div>
      </div>

      {descriptions.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="about-h">
          <h2 id="about-h" className="text-lg font-semibold">
            {t("market.description")}
          </h2>
          {descriptions.map((d) => (
            <p key={d.lang} lang={d.lang} dir={d.lang === "ar" ? "rtl" : "ltr"} className="whitespace-pre-line">
              {d.text}
            </p>
          ))}
        </section>
      ) : null}

      {p.onssaNumber || traced.length ? (
        <section className="card" aria-labelledby="facts-h">
          <h2 id="facts-h" className="text-lg font-semibold">
            {t("market.facts")}
          </h2>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            {p.onssaNumber ? (
              <>
                <dt className="text-muted">{t("market.onssa")}</dt>
                <dd dir="ltr" className="text-start">{p.onssaNumber}</dd>
              </>
            ) : null}
            {traced.map((v) => (
              <div key={v.id} className="contents">
                <dt className="text-muted">{sizeLabel(v)}</dt>
                <dd>
                  {[v.lot ? t("market.lot", { lot: v.lot }) : null, v.bestBefore ? t("market.bestBefore", { date: formatDate(v.bestBefore, locale) }) : null]
                    .filter(Boolean)
                    .join(" · ")}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <section className="card flex flex-col gap-4 sm:flex-row sm:items-start" aria-labelledby="coop-h">
        {c.logoKey ? (
          <img src={`/uploads/${c.logoKey}`} alt="" width={64} height={64} loading="lazy" className="size-16 rounded-lg border border-line object-contain" />
        ) : (
          <div aria-hidden="true" className="flex size-16 shrink-0 items-center justify-center rounded-lg bg-brand-100 text-2xl font-bold text-brand-700">
            {coop.text.slice(0, 1)}
          </div>
        )}
        <div className="flex-1 space-y-2">
          <h2 id="coop-h" className="text-lg font-semibold" lang={coop.lang} dir="auto">
            {coop.text}
          </h2>
          <p className="flex flex-wrap gap-2">
            {c.verified ? <span className="badge bg-ok/10 text-ok">✓ {t("market.verified")}</span> : null}
            {c.womenLed ? <span className="badge bg-brand-100 text-brand-800">{t("market.womenCoop")}</span> : null}
          </p>
          <p className="text-sm text-muted">{[c.city, region ? (locale === "ar" ? region.nameAr : region.nameFr) : null].filter(Boolean).join(" · ")}</p>
          <ShopTerms terms={terms} />
          <p className="flex flex-wrap gap-2">
            <L to={shopHref(c.slug)} className="btn-secondary">
              {t("market.visitShop")}
            </L>
            <L to={`/organisations/${c.slug}`} className="btn-secondary">
              {t("market.profile")}
            </L>
          </p>
          {!preview && signedIn ? (
            <FavouriteButton action={href(here)} intent="favouriteShop" on={shopFavourite} addLabel={t("market.addShopFavourite")} removeLabel={t("market.removeShopFavourite")} />
          ) : null}
        </div>
      </section>

      <ReviewList reviews={data.reviews} summary={data.reviewSummary} />
    </article>
  );
}
