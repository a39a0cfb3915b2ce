import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { TANDEM_STATUSES } from "../../db/schema/enums";
import { FilterChips } from "~/components/facets";
import { Field, Select } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { ProgrammeCounter } from "~/components/programme-counter";
import { formatDate, formatNumber, type MessageKey } from "~/i18n/i18n";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { localName } from "~/modules/orders/format";
import { getGeography } from "~/modules/organizations/reference.server";
import { SKILLS } from "~/modules/organizations/vocabulary";
import { EVALUATION_KEYS } from "~/modules/tandems/programme";
import { listProgramme, parseProgrammeFilters } from "~/modules/tandems/programme.server";

// The tandems programme for platform admins and operators (issue 5, item 6): every tandem with its state,
// hours and evaluations, the target counter, filters in the URL (a GET form that works without
// JavaScript, so none is shipped), pages of 20, and the export of the same filters.

export const meta: MetaFunction = (args) => [...pageTitle(args, "programme.list.title"), { name: "robots", content: "noindex" }];

export const handle = { hydrate: false };

const FILTERS = ["q", "region", "skill", "status"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.programme");
  const filters = parseProgrammeFilters(new URL(request.url).searchParams);
  const [list, { regions }] = await Promise.all([listProgramme({ db, actor: user, filters }), getGeography(db)]);
  return {
    filters: Object.fromEntries(FILTERS.map((k) => [k, filters[k]]).filter(([, v]) => v)) as Filters,
    ...list,
    items: list.items.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
    regions: regions.map(({ code, nameFr, nameAr }) => ({ code, nameFr, nameAr })),
  };
}

/** The list's query string with these filters (less one, for its chip) and a page. */
function queryOf(filters: Filters, opts: { without?: string; page?: number } = {}) {
  const params = new URLSearchParams();
  for (const key of FILTERS) {
    const value = filters[key];
    if (value && key !== opts.without) params.set(key, value);
  }
  if (opts.page && opts.page > 1) params.set("page", String(opts.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

const BASE = "/programme/tandems";

export default function ProgrammeTandems() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { filters, items, page, pageCount, totals, counter, regions } = useLoaderData<typeof loader>();
  const regionName = (code: string) => {
    const r = regions.find((x) => x.code === code);
    return r ? (locale === "ar" ? r.nameAr : r.nameFr) : code;
  };
  const chipText: Record<(typeof FILTERS)[number], (v: string) => string> = {
    q: (v) => t("programme.list.search", { q: v }),
    region: regionName,
    skill: (v) => t(`skills.${v}` as MessageKey),
    status: (v) => t(`tandems.status.${v}` as MessageKey),
  };
  const chips = FILTERS.flatMap((key) => {
    const value = filters[key];
    return value ? [{ key, text: chipText[key](value), href: `${BASE}${queryOf(filters, { without: key })}` }] : [];
  });
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("programme.list.title")}</h1>
        <p className="text-muted">{t("programme.list.intro")}</p>
      </header>

      <ProgrammeCounter {...counter} />

      <Form method="get" action={href(BASE)} className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("programme.list.filters")}>
        {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
        <div className="sm:col-span-2 lg:col-span-4">
          <Field label={t("programme.list.q")} name="q" type="search" defaultValue={filters.q ?? ""} hint={t("programme.list.qHint")} maxLength={100} dir="auto" />
        </div>
        <Select label={t("programme.list.region")} name="region" defaultValue={filters.region ?? ""}>
          <option value="">{t("programme.list.anyRegion")}</option>
          {regions.map((r) => (
            <option key={r.code} value={r.code}>{regionName(r.code)}</option>
          ))}
        </Select>
        <Select label={t("programme.list.skill")} name="skill" defaultValue={filters.skill ?? ""}>
          <option value="">{t("programme.list.anySkill")}</option>
          {SKILLS.map((s) => (
            <option key={s} value={s}>{t(`skills.${s}`)}</option>
          ))}
        </Select>
        <Select label={t("programme.list.status")} name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("programme.list.anyStatus")}</option>
          {TANDEM_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`tandems.status.${s}`)}</option>
          ))}
        </Select>
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" className="btn">{t("programme.list.apply")}</button>
          <L to={BASE}>{t("programme.list.reset")}</L>
        </div>
      </Form>

      <FilterChips
        chips={chips}
        clearHref={BASE}
        labels={{ active: t("programme.list.activeFilters"), remove: (name) => t("programme.list.removeFilter", { name }), clear: t("programme.list.clearFilters") }}
      />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status">{t("programme.list.count", { count: n(totals.tandems), hours: n(totals.hoursGiven) })}</p>
        {/* A plain link: the CSV is a download, not a page of the app. */}
        <a href={href(`${BASE}.csv${queryOf(filters)}`)} className="btn-secondary" download>
          {t("programme.list.export")}
        </a>
      </div>

      {items.length === 0 ? (
        <p className="card">{t("programme.list.none")}</p>
      ) : (
        <ul className="space-y-3">
          {items.map((item) => {
            const given = Object.entries(item.evaluations).filter(([, v]) => v).map(([k]) => k);
            return (
              <li key={item.id} className="card grid gap-3 text-sm md:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" aria-labelledby={`tandem-${item.id}`}>
                <div className="space-y-2">
                  <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                    <h2 id={`tandem-${item.id}`} className="text-base font-semibold">
                      <L to={`/tandems/${item.number}`} aria-label={t("programme.list.open", { number: item.number })}>
                        <bdi dir="ltr">{item.number}</bdi>
                      </L>
                    </h2>
                    <span className="badge bg-brand-50 text-brand-800">{t(`tandems.status.${item.status}`)}</span>
                  </div>
                  <p>
                    <span className="text-muted">{t("programme.list.company")} </span>
                    <L to={`/organisations/${item.company.slug}`} dir="auto">{localName({ fr: item.company.name, ar: item.company.nameAr }, locale)}</L>
                    <span className="block">
                      <span className="text-muted">{t("programme.list.partner")} </span>
                      <L to={`/organisations/${item.partner.slug}`} dir="auto">{localName({ fr: item.partner.name, ar: item.partner.nameAr }, locale)}</L>
                      {" · "}
                      {locale === "ar" ? item.regionAr : item.regionFr}
                    </span>
                  </p>
                  <p>{item.skills.map((s) => t(`skills.${s}` as MessageKey)).join(" · ")}</p>
                  <p className="text-muted">
                    {t("programme.list.periodValue", { start: formatDate(item.periodStart, locale), end: formatDate(item.periodEnd, locale) })}
                    {" · "}
                    {t("programme.list.created", { date: formatDate(item.createdAt, locale) })}
                  </p>
                </div>
                <dl className="grid grid-cols-2 gap-x-4 gap-y-2 md:grid-cols-1">
                  <div>
                    <dt className="text-muted">{t("programme.list.hours")}</dt>
                    <dd className="font-semibold tabular-nums">
                      {t("programme.list.hoursValue", { given: n(item.hoursGiven), committed: n(item.hoursCommitted) })}
                      <span className="block font-normal text-muted">{t("programme.list.sessions", { count: n(item.sessions) })}</span>
                    </dd>
                  </div>
                  <div>
                    <dt className="text-muted">{t("programme.list.evaluations")}</dt>
                    <dd>
                      {given.length === 0 ? (
                        t("programme.list.noEvaluation")
                      ) : (
                        <>
                          <ul className="flex flex-wrap gap-1">
                            {EVALUATION_KEYS.filter((k) => item.evaluations[k]).map((k) => (
                              <li key={k} className="badge bg-sand">{t(`programme.list.evaluation.${k}`)}</li>
                            ))}
                          </ul>
                          {item.meanSatisfaction !== null ? (
                            <span className="mt-1 block text-muted">{t("programme.list.satisfaction", { value: n(item.meanSatisfaction) })}</span>
                          ) : null}
                        </>
                      )}
                    </dd>
                  </div>
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `${BASE}${queryOf(filters, { page: p })}`} />
    </div>
  );
}
