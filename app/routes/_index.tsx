import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { formatNumber } from "~/i18n/i18n";
import { descriptionFrom, pageTitle } from "~/lib/meta";
import { platformFigures } from "~/modules/organizations/figures.server";
import { getGeography } from "~/modules/organizations/reference.server";
import { RegionMap } from "~/components/region-map";

export const meta: MetaFunction = (args) => [
  ...pageTitle(args, "home.title"),
  { name: "description", content: descriptionFrom(args) },
];

// A content page: no client JavaScript needed.
export const handle = { hydrate: false };

export async function loader(_: LoaderFunctionArgs) {
  const [figures, { regions }] = await Promise.all([platformFigures(db), getGeography(db)]);
  return { ...figures, regionList: regions };
}

export default function Home() {
  const t = useT();
  const locale = useLocale();
  const figures = useLoaderData<typeof loader>();
  const capabilities = [
    { to: "/marche", title: "home.marketplace.title", body: "home.marketplace.body" },
    { to: "/annuaire", title: "home.directory.title", body: "home.directory.body" },
    { to: "/tandems", title: "home.tandems.title", body: "home.tandems.body" },
    { to: "/siraj", title: "home.siraj.title", body: "home.siraj.body" },
  ] as const;
  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-brand-700 px-6 py-10 text-white">
        <h1 className="text-3xl font-bold sm:text-4xl">{t("home.headline")}</h1>
        <p className="mt-3 max-w-2xl text-lg text-brand-50">{t("home.lead")}</p>
        <p className="mt-6 flex flex-wrap gap-3">
          <L to="/inscription" className="inline-flex min-h-11 items-center rounded-lg bg-white px-4 py-2 font-semibold text-brand-800 no-underline">
            {t("home.ctaJoin")}
          </L>
          <L to="/annuaire" className="inline-flex min-h-11 items-center rounded-lg border border-white px-4 py-2 font-semibold text-white no-underline">
            {t("home.ctaExplore")}
          </L>
        </p>
      </section>
      <section aria-labelledby="what-h">
        <h2 id="what-h" className="mb-4 text-xl font-bold">{t("home.what")}</h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {capabilities.map((c) => (
            <li key={c.to} className="card">
              <h3 className="text-lg font-semibold">
                <L to={c.to}>{t(c.title)}</L>
              </h3>
              <p className="mt-2">{t(c.body)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="figures-h" className="card">
        <h2 id="figures-h" className="text-xl font-bold">{t("home.figures")}</h2>
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
          {(
            [
              ["cooperative", figures.cooperative],
              ["association", figures.association],
              ["company", figures.company],
              ["network", figures.network],
            ] as const
          ).map(([kind, n]) => (
            <div key={kind}>
              <dt className="text-sm text-muted">{t(`kindsPlural.${kind}`)}</dt>
              <dd className="text-2xl font-bold text-brand-700">{formatNumber(n, locale)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-sm text-muted">{t("home.regions", { count: figures.regions })}</p>
        <h3 className="mt-6 font-semibold">{t("map.title")}</h3>
        <RegionMap regions={figures.regionList} counts={figures.byRegion} href={(code) => `/annuaire?region=${code}`} label={t("map.title")} />
      </section>
      <section className="card" aria-labelledby="name-h">
        <h2 id="name-h" className="text-xl font-bold">{t("home.nameTitle")}</h2>
        <p className="mt-2">{t("home.nameBody")}</p>
      </section>
    </div>
  );
}
