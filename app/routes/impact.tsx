import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { asc } from "drizzle-orm";
import { db } from "../../db/client";
import { regions } from "../../db/schema";
import { ORGANIZATION_KINDS } from "../../db/schema/enums";
import { BarChart } from "~/components/bar-chart";
import { Field, Select } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { RegionMap } from "~/components/region-map";
import { Time } from "~/components/time";
import { getT } from "~/i18n/catalogs.server";
import { formatDate, formatMad, formatNumber, localizeHref } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { seo, seoTags } from "~/lib/seo";
import { IMPACT_LICENCE, impactFigures, impactFilters, type ImpactFilters } from "~/modules/impact/impact.server";

// The public impact page (issue 7, item 4): the platform's figures computed from its data, with the instant they
// were computed; a period and a region in the URL (a GET form, no JavaScript shipped); organisations on the region
// map; charts as accessible SVG with their tables; the same figures as CSV and JSON under an open licence.

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

export const handle = { hydrate: false };

const BASE = "/impact";

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getT(locale);
  const filters = impactFilters(new URL(request.url).searchParams);
  const [figures, regionList] = await Promise.all([impactFigures(db, filters), db.select().from(regions).orderBy(asc(regions.code))]);
  const name = t("impact.title");
  const description = t("impact.description");
  const url = `${env().appUrl}${localizeHref(BASE, locale)}`;
  return { figures, regions: regionList, licence: IMPACT_LICENCE, seo: seo({ type: "website", name, description, url, image: null, locale, jsonLd: { "@context": "https://schema.org", "@type": "Dataset", name, description, url, license: IMPACT_LICENCE.url } }) };
}

export function queryOf(f: ImpactFilters) {
  const params = new URLSearchParams();
  if (f.from) params.set("du", f.from);
  if (f.to) params.set("au", f.to);
  if (f.region) params.set("region", f.region);
  const s = params.toString();
  return s ? `?${s}` : "";
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="card space-y-1">
      <p className="text-sm text-muted">{label}</p>
      <p className="text-2xl font-bold tabular-nums">{value}</p>
      {note ? <p className="text-xs text-muted">{note}</p> : null}
    </div>
  );
}

export default function Impact() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { figures: f, regions: regionList, licence } = useLoaderData<typeof loader>();
  const n = (x: number) => formatNumber(x, locale);
  const pct = (x: number | null) => (x === null ? t("impact.na") : t("impact.percent", { value: formatNumber(x, locale) }));
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, locale);
  const { from, to } = f.filters;
  const period = from && to ? t("impact.periodRange", { from: day(from), to: day(to) }) : from ? t("impact.periodFrom", { from: day(from) }) : to ? t("impact.periodTo", { to: day(to) }) : t("impact.periodAll");
  const regionName = f.filters.region ? regionList.find((r) => r.code === f.filters.region) : null;
  const query = queryOf(f.filters);
  // What happened, section by section: the marketplace, tandems, labels, events, coaching.
  const sections: { id: string; title: string; stats: { label: string; value: string; note?: string }[] }[] = [
    {
      id: "market",
      title: t("impact.marketplace.title"),
      stats: [
        { label: t("impact.marketplace.products"), value: n(f.marketplace.productsOnSale) },
        { label: t("impact.marketplace.orders"), value: n(f.marketplace.ordersDelivered) },
        { label: t("impact.marketplace.sales"), value: formatMad(f.marketplace.salesCentimes, locale) },
        { label: t("impact.marketplace.sellers"), value: n(f.marketplace.cooperativesSelling) },
      ],
    },
    {
      id: "tandems",
      title: t("impact.tandems.title"),
      stats: [
        { label: t("impact.tandems.active"), value: n(f.tandems.active) },
        { label: t("impact.tandems.completed"), value: n(f.tandems.completed) },
        { label: t("impact.tandems.hours"), value: n(f.tandems.hoursGiven) },
      ],
    },
    {
      id: "labels",
      title: t("impact.labels.title"),
      stats: [
        { label: t("impact.labels.awarded"), value: n(f.labels.awarded) },
        { label: t("impact.labels.current"), value: n(f.labels.current) },
      ],
    },
    {
      id: "events",
      title: t("impact.events.title"),
      stats: [
        { label: t("impact.events.held"), value: n(f.events.held) },
        { label: t("impact.events.exhibitors"), value: n(f.events.exhibitors) },
        { label: t("impact.events.womenExhibitors"), value: pct(f.events.womenLedExhibitorsShare) },
        { label: t("impact.events.registered"), value: n(f.events.registered) },
        { label: t("impact.events.attended"), value: n(f.events.attended) },
        { label: t("impact.events.womenAttending"), value: pct(f.events.womenAttendingShare), note: t("impact.events.declared", { count: n(f.events.genderDeclared) }) },
      ],
    },
    {
      id: "coaching",
      title: t("impact.coaching.title"),
      stats: [
        { label: t("impact.coaching.sessions"), value: n(f.coaching.sessions) },
        { label: t("impact.coaching.hours"), value: n(f.coaching.hours) },
        { label: t("impact.coaching.organizations"), value: n(f.coaching.organizations) },
      ],
    },
  ];
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{t("impact.title")}</h1>
        <p className="max-w-3xl text-lg">{t("impact.intro")}</p>
        <p className="text-sm text-muted">
          {period}
          {regionName ? ` · ${locale === "ar" ? regionName.nameAr : regionName.nameFr}` : ""} · {t("impact.computedAt", { date: "" })}
          <Time value={f.computedAt} withTime />
        </p>
      </header>

      <Form method="get" action={href(BASE)} className="card grid gap-3 sm:grid-cols-4" aria-label={t("impact.filters")}>
        {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
        <Field label={t("impact.from")} name="du" type="date" defaultValue={from ?? ""} />
        <Field label={t("impact.to")} name="au" type="date" defaultValue={to ?? ""} />
        <Select label={t("impact.region")} name="region" defaultValue={f.filters.region ?? ""}>
          <option value="">{t("impact.anyRegion")}</option>
          {regionList.map((r) => (
            <option key={r.code} value={r.code}>{locale === "ar" ? r.nameAr : r.nameFr}</option>
          ))}
        </Select>
        <div className="flex flex-wrap items-end gap-3">
          <button type="submit" className="btn">{t("impact.apply")}</button>
          <L to={BASE}>{t("impact.reset")}</L>
        </div>
        <p className="text-sm text-muted sm:col-span-4">{t("impact.stockNote")}</p>
      </Form>

      <section aria-labelledby="orgs-h" className="space-y-3">
        <h2 id="orgs-h" className="text-2xl font-bold">{t("impact.organizations.title")}</h2>
        <div className="grid gap-3 sm:grid-cols-3">
          <Stat label={t("impact.organizations.total")} value={n(f.organizations.total)} />
          <Stat label={t("impact.organizations.verified")} value={n(f.organizations.verified)} />
          <Stat label={t("impact.organizations.womenLed")} value={pct(f.organizations.womenLedShare)} note={n(f.organizations.womenLed)} />
        </div>
        <div className="grid gap-6 md:grid-cols-2">
          <div className="card space-y-2">
            <h3 className="font-semibold">{t("impact.organizations.byKind")}</h3>
            <BarChart title={t("impact.organizations.byKind")} bars={ORGANIZATION_KINDS.map((k) => ({ label: t(`kinds.${k}`), value: f.organizations.byKind[k] }))} />
          </div>
          <div className="card space-y-2">
            <h3 className="font-semibold">{t("impact.organizations.byRegion")}</h3>
            <RegionMap regions={regionList} counts={f.organizations.byRegion} href={(code) => `${BASE}${queryOf({ ...f.filters, region: code })}`} label={t("impact.organizations.mapLabel")} selected={f.filters.region ? [f.filters.region] : undefined} />
          </div>
        </div>
      </section>

      {sections.map((section) => (
        <section key={section.id} aria-labelledby={`${section.id}-h`} className="space-y-3">
          <h2 id={`${section.id}-h`} className="text-2xl font-bold">{section.title}</h2>
          <div className="grid gap-3 sm:grid-cols-3">
            {section.stats.map((s) => (
              <Stat key={s.label} label={s.label} value={s.value} note={s.note} />
            ))}
          </div>
        </section>
      ))}

      <section aria-labelledby="open-h" className="card space-y-2">
        <h2 id="open-h" className="text-lg font-semibold">{t("impact.open")}</h2>
        <p className="text-sm">
          {t("impact.openHint", { licence: licence.name })}{" "}
          <a href={licence.url} rel="license noopener noreferrer">{licence.name}</a>
        </p>
        <p className="flex flex-wrap gap-3">
          <a href={href(`${BASE}.csv${query}`)} className="btn-secondary" download>{t("impact.csv")}</a>
          <a href={href(`${BASE}.json${query}`)} className="btn-secondary">{t("impact.json")}</a>
        </p>
      </section>
    </div>
  );
}
