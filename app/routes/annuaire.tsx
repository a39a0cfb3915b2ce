import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { FacetCheckbox, FacetGroup, FilterChips, LiveSearchForm } from "~/components/facets";
import { RegionMap } from "~/components/region-map";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { pageTitle } from "~/lib/meta";
import { searchDirectory } from "~/modules/directory/directory.server";
import { type DirectoryParams, directoryHref, hasFilters, type ListParam, parseDirectoryParams } from "~/modules/directory/params";
import { SECTORS, SKILLS, THEMES } from "~/modules/organizations/vocabulary";
import { getGeography } from "~/modules/organizations/reference.server";
import { ORGANIZATION_KINDS } from "../../db/schema/enums";
import { searchEngine } from "../../search/index.server";
import { queryWords } from "../../search/engine";

export const meta: MetaFunction<typeof loader> = (args) => {
  const q = args.data?.params.q;
  const root = args.matches.find((m) => m.id === "root")?.data as { messages?: Record<string, unknown> } | undefined;
  const description = (root?.messages?.directory as Record<string, string> | undefined)?.metaDescription ?? "";
  return [
    ...(q ? pageTitle(args, "directory.metaQuery", { query: q.slice(0, 60) }) : pageTitle(args, "directory.title")),
    { name: "description", content: description },
  ];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const params = parseDirectoryParams(new URL(request.url).searchParams);
  const [found, { regions }] = await Promise.all([searchDirectory(db, searchEngine(), params), getGeography(db)]);
  return { params, ...found, regions: regions.map(({ code, iso, nameFr, nameAr }) => ({ code, iso, nameFr, nameAr })) };
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

// Values each facet offers, in the vocabulary's order; the label of each is a catalog key.
const FACET_GROUPS: { param: ListParam; facet: keyof Data["facets"]; values: readonly string[]; label: (v: string) => string }[] = [
  { param: "kind", facet: "kind", values: ORGANIZATION_KINDS, label: (v) => `kinds.${v}` },
  { param: "theme", facet: "themes", values: THEMES, label: (v) => `themes.${v}` },
  { param: "sector", facet: "sectors", values: SECTORS, label: (v) => `sectors.${v}` },
  { param: "offer", facet: "offers", values: SKILLS, label: (v) => `skills.${v}` },
  { param: "need", facet: "needs", values: SKILLS, label: (v) => `skills.${v}` },
  { param: "label", facet: "labels", values: ["siraj"], label: (v) => `directory.labelNames.${v}` },
];

const FACET_TITLES: Record<ListParam, MessageKey> = {
  kind: "directory.facets.kind",
  region: "directory.facets.region",
  theme: "directory.facets.themes",
  sector: "directory.facets.sectors",
  offer: "directory.facets.offers",
  need: "directory.facets.needs",
  label: "directory.facets.labels",
};

export default function Directory() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const { params } = data;
  const regionName = (code: string) => {
    const r = data.regions.find((x) => x.code === code);
    return r ? (locale === "ar" ? r.nameAr : r.nameFr) : code;
  };
  const typed = queryWords(params.q).join(" ");
  const activeCount = Object.values(params.lists).reduce((n, v) => n + v.length, 0) + Number(params.womenLed) + Number(params.verified);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("directory.title")}</h1>
        <p className="mt-1 text-muted">{t("directory.lead")}</p>
      </header>

      <SearchForm data={data} regionName={regionName} activeCount={activeCount} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <section aria-labelledby="results-h" className="space-y-4">
          <h2 id="results-h" className="text-lg font-semibold" aria-live="polite">
            {t(data.totalIsEstimate ? "directory.resultsEstimate" : "directory.results", { count: formatNumber(data.total, locale) })}
          </h2>
          {data.correctedQuery && data.correctedQuery !== typed ? (
            <p className="text-sm text-muted">{t("directory.correctedQuery", { query: data.correctedQuery })}</p>
          ) : null}
          <ActiveFilters params={params} regionName={regionName} />
          {data.cards.length > 0 ? (
            <ol className="space-y-3">
              {data.cards.map((card) => (
                <ResultCard key={card.slug} card={card} regionName={card.regionCode ? regionName(card.regionCode) : null} />
              ))}
            </ol>
          ) : data.total > 0 ? (
            <p className="card">
              {t("directory.pastEnd")} <L to={directoryHref(params, { page: 1 })}>{t("directory.firstPage")}</L>
            </p>
          ) : (
            <div className="card">
              <p className="font-semibold">{t("directory.empty")}</p>
              <p className="mt-1 text-muted">{t("directory.emptyHint")}</p>
              {hasFilters(params) ? (
                <p className="mt-2">
                  <L to={directoryHref({ ...params, lists: emptyLists(), womenLed: false, verified: false })}>{t("directory.clearFilters")}</L>
                </p>
              ) : null}
            </div>
          )}
          <Pagination params={params} page={data.page} pages={data.pages} />
        </section>

        <aside aria-labelledby="map-h">
          <h2 id="map-h" className="mb-2 text-sm font-semibold text-muted">
            {t("directory.mapTitle")}
          </h2>
          <RegionMap
            regions={data.regions}
            counts={data.regionCounts}
            selected={params.lists.region}
            href={(code) => directoryHref(params, { only: ["region", params.lists.region.length === 1 && params.lists.region[0] === code ? [] : [code]] })}
            label={t("directory.mapTitle")}
          />
        </aside>
      </div>
    </div>
  );
}

function emptyLists(): DirectoryParams["lists"] {
  return { kind: [], region: [], theme: [], sector: [], offer: [], need: [], label: [] };
}

/**
 * One GET form: without JavaScript the button submits it; with JavaScript, typing searches after a
 * pause and every filter applies at once, replacing the history entry while typing.
 */
function SearchForm({ data, regionName, activeCount }: { data: Data; regionName: (code: string) => string; activeCount: number }) {
  const t = useT();
  const { params, facets } = data;


  const count = (facet: keyof typeof facets, value: string) => facets[facet]?.[value] ?? 0;

  return (
    <LiveSearchForm
      action={"/annuaire"}
      idPrefix="directory"
      q={params.q}
      sort={params.sort}
      sorts={(["relevance", "newest", "name"] as const).map((s) => ({ value: s, label: t(`directory.sorts.${s}`) }))}
      labels={{ search: t("directory.searchLabel"), placeholder: t("directory.searchPlaceholder"), sort: t("directory.sort"), submit: t("directory.submit"), searching: t("directory.searching") }}
      pauseMs={300}
    >
      {/* Closed at first so results stay near the top on a phone; the chosen filters show as chips. */}
      <details>
        <summary className="cursor-pointer font-semibold text-brand-700">
          {activeCount ? t("directory.filtersCount", { count: String(activeCount) }) : t("directory.filters")}
        </summary>
        <div className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <FacetGroup
            title={t(FACET_TITLES.region)}
            name="region"
            options={data.regions.map((r) => ({ value: r.code, label: regionName(r.code), count: count("region", r.code) }))}
            selected={params.lists.region}
          />
          {FACET_GROUPS.map((g) => (
            <FacetGroup
              key={g.param}
              title={t(FACET_TITLES[g.param])}
              name={g.param}
              options={g.values.map((v) => ({ value: v, label: t(g.label(v) as MessageKey), count: count(g.facet, v) }))}
              selected={params.lists[g.param]}
              empty={g.param === "label" ? t("directory.noLabelYet") : undefined}
            />
          ))}
          <fieldset>
            <legend className="label">{t("directory.facets.other")}</legend>
            <FacetCheckbox name="women" value="1" checked={params.womenLed} label={t("directory.womenLed")} count={count("womenLed", "true")} />
            <FacetCheckbox name="verified" value="1" checked={params.verified} label={t("directory.verified")} count={count("verified", "true")} />
          </fieldset>
        </div>
        <p className="mt-3">
          <button type="submit" className="btn-secondary">
            {t("directory.apply")}
          </button>
        </p>
      </details>
    </LiveSearchForm>
  );
}

/**
 * Values with no match are left out (unless chosen), so a long vocabulary stays short on a phone;
 * chosen values stay visible so they can be unticked.
 */
function ActiveFilters({ params, regionName }: { params: DirectoryParams; regionName: (code: string) => string }) {
  const t = useT();
  if (!hasFilters(params)) return null;
  const label = (param: ListParam, value: string): string => {
    if (param === "region") return regionName(value);
    const group = FACET_GROUPS.find((g) => g.param === param);
    const key = group?.label(value) ?? value;
    const text = t(key as MessageKey);
    return text === key ? value : text;
  };
  const chips = [
    ...(Object.entries(params.lists) as [ListParam, string[]][]).flatMap(([param, values]) =>
      values.map((value) => ({ key: `${param}:${value}`, text: label(param, value), href: directoryHref(params, { toggle: [param, value] }) })),
    ),
    ...(params.womenLed ? [{ key: "women", text: t("directory.womenLed"), href: directoryHref(params, { womenLed: false }) }] : []),
    ...(params.verified ? [{ key: "verified", text: t("directory.verified"), href: directoryHref(params, { verified: false }) }] : []),
  ];
  return (
    <FilterChips
      chips={chips}
      clearHref={directoryHref({ ...params, lists: emptyLists(), womenLed: false, verified: false })}
      labels={{ active: t("directory.activeFilters"), remove: (name) => t("directory.removeFilter", { name }), clear: t("directory.clearFilters") }}
    />
  );
}

function ResultCard({ card, regionName }: { card: Data["cards"][number]; regionName: string | null }) {
  const t = useT();
  const locale = useLocale();
  const arabicName = locale === "ar" && card.nameAr;
  const arabicText = locale === "ar" && card.excerptAr;
  const text = arabicText ? card.excerptAr : (card.excerptFr ?? card.excerptAr);
  return (
    <li className="card flex gap-4">
      {card.logoKey ? (
        <img src={`/uploads/${card.logoKey}`} alt="" width={56} height={56} loading="lazy" className="size-14 shrink-0 rounded-lg border border-line object-contain" />
      ) : (
        <div aria-hidden="true" className="flex size-14 shrink-0 items-center justify-center rounded-lg bg-brand-100 text-xl font-bold text-brand-700">
          {(arabicName ? card.nameAr! : card.name).slice(0, 1)}
        </div>
      )}
      <div className="min-w-0 flex-1">
        <h3 className="text-lg font-semibold" dir="auto">
          <L to={`/organisations/${card.slug}`}>{arabicName ? card.nameAr : card.name}</L>
        </h3>
        <p className="text-sm text-muted">{[regionName, card.city].filter(Boolean).join(" · ")}</p>
        <p className="mt-1 flex flex-wrap gap-2">
          <span className="badge bg-brand-50 text-brand-800">{t(`kinds.${card.kind}` as MessageKey)}</span>
          {card.verificationStatus === "verified" ? <span className="badge bg-ok/10 text-ok">✓ {t("verification.verified")}</span> : null}
          {card.womenLed ? <span className="badge bg-brand-100 text-brand-800">{t("profile.womenLed")}</span> : null}
          {card.labels.map((l) => (
            <span key={l} className="badge bg-warn/10 text-warn">
              {t(`directory.labelNames.${l}` as MessageKey)}
            </span>
          ))}
        </p>
        {text ? (
          <p className="mt-2 line-clamp-2 text-sm" dir="auto" lang={text === card.excerptAr ? "ar" : "fr"}>
            {text}
          </p>
        ) : null}
      </div>
    </li>
  );
}

function Pagination({ params, page, pages }: { params: DirectoryParams; page: number; pages: number }) {
  const t = useT();
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav aria-label={t("directory.pagination")} className="flex items-center justify-between gap-3">
      {page > 1 ? (
        <L to={directoryHref(params, { page: Math.min(page - 1, pages) })} rel="prev" className="btn-secondary">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("directory.previous")}
        </L>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted">{t("directory.pageOf", { page: String(page), pages: String(pages) })}</span>
      {page < pages ? (
        <L to={directoryHref(params, { page: page + 1 })} rel="next" className="btn-secondary">
          {t("directory.next")} <span aria-hidden="true" className="inline-block rtl:rotate-180">→</span>
        </L>
      ) : (
        <span />
      )}
    </nav>
  );
}
