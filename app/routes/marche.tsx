import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { FacetCheckbox, FacetGroup, FilterChips, LiveSearchForm } from "~/components/facets";
import { Pager } from "~/components/messages";
import { ProductCard } from "~/components/product-card";
import { formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { pageTitle } from "~/lib/meta";
import { hasFilters, type MarcheList, marcheHref, MARCHE_PATH, withoutFilters } from "~/modules/catalog/marche-params";
import { parseMarcheParams, searchMarche } from "~/modules/catalog/marche.server";
import { qualitySigns } from "~/modules/catalog/quality-signs.server";
import { getGeography } from "~/modules/organizations/reference.server";
import { PRODUCT_CATEGORIES } from "../../db/schema/enums";
import { PRODUCT_SORTS, queryWords } from "../../search/engine";
import { searchEngine } from "../../search/index.server";

// The marketplace catalogue: products of verified cooperatives, searched as the directory is (the URL
// holds the whole search, a GET form works without JavaScript, typing searches after a pause).

export const meta: MetaFunction<typeof loader> = (args) => {
  const q = args.data?.params.q;
  const root = args.matches.find((m) => m.id === "root")?.data as { messages?: Record<string, unknown> } | undefined;
  const description = (root?.messages?.market as Record<string, string> | undefined)?.metaDescription ?? "";
  return [
    ...(q ? pageTitle(args, "market.metaQuery", { query: q.slice(0, 60) }) : pageTitle(args, "market.title")),
    { name: "description", content: description },
  ];
};

/** "Organic" is a label beside the quality signs; "women's cooperative" has its own checkbox. */
const ORGANIC_LABEL = "organic";

export async function loader({ request }: LoaderFunctionArgs) {
  const params = parseMarcheParams(new URL(request.url).searchParams);
  const [found, { regions }] = await Promise.all([searchMarche(db, searchEngine(), params), getGeography(db)]);
  // Only the signs present in the results (or chosen) travel to the page, not the whole list.
  const present = new Set([...Object.keys(found.facets.labels ?? {}), ...params.lists.sign]);
  const signs = qualitySigns()
    .filter((s) => present.has(s.code))
    .map((s) => ({ code: s.code, label: `${s.type} ${s.nameFr}` }));
  return {
    params,
    ...found,
    signs,
    regions: regions.map(({ code, nameFr, nameAr }) => ({ code, nameFr, nameAr })),
  };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Marketplace() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const { params } = data;
  const regionName = (code: string) => {
    const r = data.regions.find((x) => x.code === code);
    return r ? (locale === "ar" ? r.nameAr : r.nameFr) : code;
  };
  const typed = queryWords(params.q).join(" ");

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("market.title")}</h1>
        <p className="mt-1 text-muted">{t("market.lead")}</p>
      </header>

      <SearchForm data={data} regionName={regionName} />

      <section aria-labelledby="results-h" className="space-y-4">
        <h2 id="results-h" className="text-lg font-semibold" aria-live="polite">
          {t(data.totalIsEstimate ? "market.resultsEstimate" : "market.results", { count: formatNumber(data.total, locale) })}
        </h2>
        {data.correctedQuery && data.correctedQuery !== typed ? (
          <p className="text-sm text-muted">{t("market.correctedQuery", { query: data.correctedQuery })}</p>
        ) : null}
        <ActiveFilters data={data} regionName={regionName} />
        {data.cards.length > 0 ? (
          <ol className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
            {data.cards.map((card) => (
              <li key={card.slug}>
                <ProductCard card={card} regionName={card.regionCode ? regionName(card.regionCode) : null} />
              </li>
            ))}
          </ol>
        ) : data.total > 0 ? (
          <p className="card">
            {t("market.pastEnd")} <L to={marcheHref(params, { page: 1 })}>{t("market.firstPage")}</L>
          </p>
        ) : (
          <div className="card">
            <p className="font-semibold">{t("market.empty")}</p>
            <p className="mt-1 text-muted">{t("market.emptyHint")}</p>
            {hasFilters(params) ? (
              <p className="mt-2">
                <L to={marcheHref(withoutFilters(params))}>{t("market.clearFilters")}</L>
              </p>
            ) : null}
          </div>
        )}
        <Pager page={data.page} pageCount={data.pages} href={(page) => marcheHref(params, { page })} />
      </section>
    </div>
  );
}

/**
 * One GET form: without JavaScript the button submits it; with JavaScript, typing searches after a
 * pause and every filter applies at once, replacing the history entry while typing.
 */
function SearchForm({ data, regionName }: { data: Data; regionName: (code: string) => string }) {
  const t = useT();
  const locale = useLocale();
  const { params, facets } = data;
  const activeCount =
    Object.values(params.lists).reduce((n, v) => n + v.length, 0) + Number(params.women) + Number(params.inStock) + Number(params.min !== null) + Number(params.max !== null);


  const count = (facet: keyof typeof facets, value: string) => facets[facet]?.[value] ?? 0;
  const regions = data.regions.map((r) => ({ value: r.code, label: regionName(r.code), count: count("region", r.code) }));
  const categories = PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`), count: data.categoryCounts[c] ?? 0 }));
  const cooperatives = data.cooperatives.map((c) => ({ value: c.slug, label: locale === "ar" && c.nameAr ? c.nameAr : c.name, count: c.count }));
  const signs = [
    { value: ORGANIC_LABEL, label: t("market.organic"), count: count("labels", ORGANIC_LABEL) },
    ...data.signs.map((s) => ({ value: s.code, label: s.label, count: count("labels", s.code) })),
  ];

  return (
    <LiveSearchForm
      action={MARCHE_PATH}
      idPrefix="market"
      q={params.q}
      sort={params.sort}
      sorts={PRODUCT_SORTS.map((s) => ({ value: s, label: t(`market.sorts.${s}`) }))}
      labels={{ search: t("market.searchLabel"), placeholder: t("market.searchPlaceholder"), sort: t("market.sort"), submit: t("market.submit"), searching: t("market.searching") }}
      pauseMs={400}
    >
      {/* Closed at first so results stay near the top on a phone; the chosen filters show as chips. */}
      <details>
        <summary className="cursor-pointer font-semibold text-brand-700">
          {activeCount ? t("market.filtersCount", { count: String(activeCount) }) : t("market.filters")}
        </summary>
        <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <FacetGroup title={t("market.facets.category")} name="category" options={categories} selected={params.lists.category} />
          <FacetGroup title={t("market.facets.region")} name="region" options={regions} selected={params.lists.region} />
          <FacetGroup title={t("market.facets.coop")} name="coop" options={cooperatives} selected={params.lists.coop} />
          <FacetGroup title={t("market.facets.sign")} name="sign" options={signs} selected={params.lists.sign} />
          <fieldset>
            <legend className="label">{t("market.facets.other")}</legend>
            <FacetCheckbox name="women" value="1" checked={params.women} label={t("market.womenCoop")} count={count("womenLed", "true")} />
            <FacetCheckbox name="stock" value="1" checked={params.inStock} label={t("market.inStock")} count={count("inStock", "true")} />
          </fieldset>
          <fieldset>
            <legend className="label">{t("market.facets.price")}</legend>
            <div className="flex items-end gap-2">
              <div className="flex-1">
                <label htmlFor="market-min" className="text-sm">
                  {t("market.priceMin")}
                </label>
                <input id="market-min" name="min" type="number" inputMode="decimal" min={0} step="any" defaultValue={params.min ?? ""} key={`min${params.min}`} className="input" />
              </div>
              <div className="flex-1">
                <label htmlFor="market-max" className="text-sm">
                  {t("market.priceMax")}
                </label>
                <input id="market-max" name="max" type="number" inputMode="decimal" min={0} step="any" defaultValue={params.max ?? ""} key={`max${params.max}`} className="input" />
              </div>
            </div>
          </fieldset>
        </div>
        <p className="mt-3">
          <button type="submit" className="btn-secondary">
            {t("market.apply")}
          </button>
        </p>
      </details>
    </LiveSearchForm>
  );
}

/**
 * Values with no match are left out (unless chosen), so a long list stays short on a phone; chosen
 * values stay visible so they can be unticked.
 */
function ActiveFilters({ data, regionName }: { data: Data; regionName: (code: string) => string }) {
  const t = useT();
  const locale = useLocale();
  const { params } = data;
  if (!hasFilters(params)) return null;
  const label = (name: MarcheList, value: string): string => {
    if (name === "region") return regionName(value);
    if (name === "category") {
      const text = t(`categories.${value}` as MessageKey);
      return text.startsWith("categories.") ? value : text;
    }
    if (name === "coop") {
      const c = data.cooperatives.find((x) => x.slug === value);
      return c ? (locale === "ar" && c.nameAr ? c.nameAr : c.name) : value;
    }
    if (value === ORGANIC_LABEL) return t("market.organic");
    return data.signs.find((s) => s.code === value)?.label ?? value;
  };
  const chips = [
    ...(Object.entries(params.lists) as [MarcheList, string[]][]).flatMap(([name, values]) =>
      values.map((value) => ({ key: `${name}:${value}`, text: label(name, value), href: marcheHref(params, { toggle: [name, value] }) })),
    ),
    ...(params.women ? [{ key: "women", text: t("market.womenCoop"), href: marcheHref(params, { women: false }) }] : []),
    ...(params.inStock ? [{ key: "stock", text: t("market.inStock"), href: marcheHref(params, { inStock: false }) }] : []),
    ...(params.min !== null ? [{ key: "min", text: t("market.chipMin", { price: formatMad(Math.round(params.min * 100), locale) }), href: marcheHref(params, { min: null }) }] : []),
    ...(params.max !== null ? [{ key: "max", text: t("market.chipMax", { price: formatMad(Math.round(params.max * 100), locale) }), href: marcheHref(params, { max: null }) }] : []),
  ];
  return (
    <FilterChips
      chips={chips}
      clearHref={marcheHref(withoutFilters(params))}
      labels={{ active: t("market.activeFilters"), remove: (name) => t("market.removeFilter", { name }), clear: t("market.clearFilters") }}
    />
  );
}
