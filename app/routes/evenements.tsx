import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { asc } from "drizzle-orm";
import { db } from "../../db/client";
import { regions } from "../../db/schema";
import { EVENT_KINDS } from "../../db/schema/enums";
import { Field, Select } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { getT } from "~/i18n/catalogs.server";
import { formatNumber, localizeHref } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { getViewer } from "~/modules/accounts/viewer.server";
import { seo, seoTags } from "~/lib/seo";
import { agendaFilters, listAgenda, type AgendaFilters } from "~/modules/events/events.server";
import { AGENDA_PATH, eventPath } from "~/modules/events/rules";
import { orgName } from "~/modules/orders/format";

// The public agenda (issue 7, item 1): upcoming events soonest first (or past ones), by kind, region and month,
// 20 a page; filters are a GET form in the URL, so the page works without JavaScript and ships none. The same
// filters give the iCalendar feed (/evenements.ics), which phones' calendars subscribe to.

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getT(locale);
  const filters = agendaFilters(new URL(request.url).searchParams);
  const [agenda, regionList, viewer] = await Promise.all([listAgenda(db, filters), db.select().from(regions).orderBy(asc(regions.code)), getViewer(request)]);
  // The managers of the viewer's active organisation may propose an event (the service checks it is verified).
  const active = viewer?.activeOrganization ? viewer.organizations.find((o) => o.slug === viewer.activeOrganization!.slug) : null;
  const proposeAs = active && (active.role === "owner" || active.role === "admin") ? active.slug : null;
  const name = t("events.agenda.title");
  const description = t("events.agenda.description");
  const url = `${env().appUrl}${localizeHref(AGENDA_PATH, locale)}`;
  return {
    filters,
    proposeAs,
    regions: regionList,
    ...agenda,
    seo: seo({ type: "website", name, description, url, image: null, locale, jsonLd: { "@context": "https://schema.org", "@type": "WebPage", name, description, url } }),
  };
}

function queryOf(f: AgendaFilters, page = 1) {
  const params = new URLSearchParams();
  if (f.kind) params.set("type", f.kind);
  if (f.region) params.set("region", f.region);
  if (f.month) params.set("mois", f.month);
  if (f.past) params.set("passes", "1");
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default function Agenda() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { filters, proposeAs, regions: regionList, events, page, pageCount, total } = useLoaderData<typeof loader>();
  const ar = locale === "ar";
  const feed = `${AGENDA_PATH}.ics${queryOf({ ...filters, past: false })}`;
  return (
    <div className="space-y-6">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{t("events.agenda.title")}</h1>
        <p className="max-w-3xl text-lg">{t("events.agenda.intro")}</p>
        <p className="flex flex-wrap gap-3 text-sm">
          <a href={href(feed)} className="btn-secondary">{t("events.agenda.ical")}</a>
          {proposeAs ? <L to={`/organisations/${proposeAs}/evenements/proposer`} className="btn-secondary">{t("events.agenda.propose")}</L> : null}
          <span className="self-center text-muted">{t("events.agenda.icalHint")}</span>
        </p>
      </header>

      <Form method="get" action={href(AGENDA_PATH)} className="card grid gap-3 sm:grid-cols-4" aria-label={t("events.agenda.filters")}>
        {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
        <Select label={t("events.agenda.kind")} name="type" defaultValue={filters.kind ?? ""}>
          <option value="">{t("events.agenda.anyKind")}</option>
          {EVENT_KINDS.map((k) => (
            <option key={k} value={k}>{t(`events.kind.${k}`)}</option>
          ))}
        </Select>
        <Select label={t("events.agenda.region")} name="region" defaultValue={filters.region ?? ""}>
          <option value="">{t("events.agenda.anyRegion")}</option>
          {regionList.map((r) => (
            <option key={r.code} value={r.code}>{ar ? r.nameAr : r.nameFr}</option>
          ))}
        </Select>
        <Field label={t("events.agenda.month")} name="mois" type="month" defaultValue={filters.month ?? ""} />
        <div className="flex flex-wrap items-end gap-3">
          {filters.past ? <input type="hidden" name="passes" value="1" /> : null}
          <button type="submit" className="btn">{t("events.agenda.apply")}</button>
          <L to={AGENDA_PATH}>{t("events.agenda.reset")}</L>
        </div>
      </Form>

      <nav aria-label={t("events.agenda.filters")} className="flex gap-2 text-sm">
        <L to={`${AGENDA_PATH}${queryOf({ ...filters, past: false, month: null })}`} aria-current={!filters.past ? "page" : undefined} className={`inline-flex min-h-11 items-center rounded-lg px-3 ${!filters.past ? "bg-brand-700 text-white" : "bg-white"}`}>
          {t("events.agenda.upcoming")}
        </L>
        <L to={`${AGENDA_PATH}${queryOf({ ...filters, past: true, month: null })}`} aria-current={filters.past ? "page" : undefined} className={`inline-flex min-h-11 items-center rounded-lg px-3 ${filters.past ? "bg-brand-700 text-white" : "bg-white"}`}>
          {t("events.agenda.past")}
        </L>
      </nav>

      <section aria-labelledby="agenda-h" className="space-y-3">
        <h2 id="agenda-h" className="text-lg font-semibold">{t("events.agenda.count", { count: formatNumber(total, locale) })}</h2>
        {events.length === 0 ? (
          <p className="card">{t("events.agenda.none")}</p>
        ) : (
          <ul className="space-y-3">
            {events.map((e) => (
              <li key={e.id} className={`card space-y-1 ${e.status === "cancelled" ? "opacity-75" : ""}`}>
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className="badge bg-brand-50 text-brand-800">{t(`events.kind.${e.kind}`)}</span>
                  {e.status === "cancelled" ? <span className="badge bg-danger/10 text-danger">{t("events.agenda.cancelled")}</span> : null}
                  <Time value={e.startsAt} withTime />
                </p>
                <h3 className="text-lg font-semibold">
                  <L to={eventPath(e.slug)}>{ar ? e.titleAr : e.titleFr}</L>
                </h3>
                <p className="text-sm text-muted">
                  {e.online ? t("events.agenda.online") : [e.city, e.region ? (ar ? e.region.nameAr : e.region.nameFr) : null].filter(Boolean).join(" · ")}
                  {e.organizer?.name ? ` · ${t("events.agenda.by", { name: orgName({ name: e.organizer.name, nameAr: e.organizer.nameAr }, locale) })}` : ""}
                </p>
              </li>
            ))}
          </ul>
        )}
        <Pager page={page} pageCount={pageCount} href={(p) => `${AGENDA_PATH}${queryOf(filters, p)}`} />
      </section>
    </div>
  );
}
