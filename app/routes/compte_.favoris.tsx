import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { localTitle, ProductCard } from "~/components/product-card";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { listFavourites, setFavouriteProduct, setFavouriteShop } from "~/modules/catalog/favourites.server";
import { shopHref } from "~/modules/catalog/marche-params";
import { removeFavouriteSchema } from "~/modules/catalog/market-schemas";
import { getGeography } from "~/modules/organizations/reference.server";

// The signed-in person's favourite products and cooperatives (their own list only).

export const meta: MetaFunction = (args) => pageTitle(args, "market.favourites.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [favourites, { regions }] = await Promise.all([listFavourites(db, user.id), getGeography(db)]);
  return { ...favourites, regions: regions.map(({ code, nameFr, nameAr }) => ({ code, nameFr, nameAr })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = parseForm(removeFavouriteSchema, await request.formData());
  if (!result.ok) return invalid(result);
  const { intent, id } = result.data;
  if (intent === "removeProduct") await setFavouriteProduct({ db, userId: user.id, productId: id, on: false });
  else await setFavouriteShop({ db, userId: user.id, organizationId: id, on: false });
  throw redirectWithFlash(hrefFor(request, "/compte/favoris"), "market.favouriteRemoved");
}

export default function Favourites() {
  const t = useT();
  const locale = useLocale();
  const { products, shops, regions } = useLoaderData<typeof loader>();
  const regionName = (code: string | null) => {
    const r = regions.find((x) => x.code === code);
    return r ? (locale === "ar" ? r.nameAr : r.nameFr) : null;
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("market.favourites.title")}</h1>

      <section aria-labelledby="fav-products-h" className="space-y-3">
        <h2 id="fav-products-h" className="text-lg font-semibold">
          {t("market.favourites.products")}
        </h2>
        {products.length === 0 ? (
          <p className="card text-muted">
            {t("market.favourites.noProducts")} <L to="/marche">{t("market.favourites.browse")}</L>
          </p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
            {products.map((card) => (
              <li key={card.id} className="flex flex-col gap-2">
                <ProductCard card={card} regionName={regionName(card.regionCode)} unavailable={!card.listed} />
                <Form method="post">
                  <input type="hidden" name="intent" value="removeProduct" />
                  <input type="hidden" name="id" value={card.id} />
                  <button type="submit" className="text-sm text-danger underline">
                    {t("market.favourites.remove", { name: localTitle(locale, card.titleFr, card.titleAr).text })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="fav-shops-h" className="space-y-3">
        <h2 id="fav-shops-h" className="text-lg font-semibold">
          {t("market.favourites.shops")}
        </h2>
        {shops.length === 0 ? (
          <p className="card text-muted">{t("market.favourites.noShops")}</p>
        ) : (
          <ul className="space-y-2">
            {shops.map((s) => {
              const name = localTitle(locale, s.name, s.nameAr);
              return (
                <li key={s.id} className="card flex flex-wrap items-center gap-3">
                  <div className="min-w-0 flex-1">
                    <p className="font-semibold" lang={name.lang} dir="auto">
                      {s.open ? <L to={shopHref(s.slug)}>{name.text}</L> : name.text}
                    </p>
                    <p className="text-sm text-muted">
                      {[regionName(s.regionCode), s.womenLed ? t("market.womenCoop") : null, s.open ? null : t("market.unavailable")].filter(Boolean).join(" · ")}
                    </p>
                  </div>
                  <Form method="post">
                    <input type="hidden" name="intent" value="removeShop" />
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" className="text-sm text-danger underline">
                      {t("market.favourites.remove", { name: name.text })}
                    </button>
                  </Form>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
