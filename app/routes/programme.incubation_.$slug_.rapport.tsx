import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { asc } from "drizzle-orm";
import { db } from "../../db/client";
import { regions } from "../../db/schema";
import { ORGANIZATION_KINDS } from "../../db/schema/enums";
import { Field, LanguageSelect } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { PrintStyles } from "~/components/print";
import { Time } from "~/components/time";
import { formatDate, formatMad, formatNumber } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { orgName } from "~/modules/orders/format";
import { funderReport } from "~/modules/programmes/report.server";

// The funders' report (issue 7, item 5): one programme over a period, printed or saved as PDF by the browser. The
// language is the page's (`lang`), chosen with the period; the figures are those of /impact narrowed to the programme.

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "incubation.report.title", { name: args.data ? (args.data.locale === "ar" ? args.data.programme.nameAr : args.data.programme.nameFr) : "" }),
  { name: "robots", content: "noindex" },
];

// A printed page: nothing to run in the browser.
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.programme");
  const [report, regionList] = await Promise.all([
    load(() => funderReport({ db, actor: user, slug: params.slug ?? "", params: new URL(request.url).searchParams })),
    db.select({ code: regions.code, nameFr: regions.nameFr, nameAr: regions.nameAr }).from(regions).orderBy(asc(regions.code)),
  ]);
  return { ...report, regions: regionList, locale: resolveLocale(request) };
}

type Group = { id: string; title: string; rows: [string, string][] };

/** A titled list of figures, in two columns on paper as on a wide screen. */
function Figures({ group, level }: { group: Group; level: "h2" | "h3" }) {
  const Heading = level;
  return (
    <section aria-labelledby={`${group.id}-h`} className="space-y-2">
      <Heading id={`${group.id}-h`} className={level === "h2" ? "text-lg font-semibold" : "font-semibold"}>{group.title}</Heading>
      <dl className="grid gap-x-8 sm:grid-cols-2 print:grid-cols-2">
        {group.rows.map(([label, value]) => (
          <Figure key={label} label={label} value={value} />
        ))}
      </dl>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-baseline justify-between gap-3 border-b border-line py-1.5">
      <dt>{label}</dt>
      <dd className="font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

export default function FunderReport() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { programme, period, figures: f, progress, coaches, totals, computedAt, regions: regionList } = useLoaderData<typeof loader>();
  const ar = locale === "ar";
  const n = (v: number) => formatNumber(v, locale);
  const pct = (v: number | null) => (v === null ? t("impact.na") : t("impact.percent", { value: formatNumber(v, locale) }));
  const day = (d: string) => formatDate(`${d}T12:00:00Z`, locale);
  const regionName = (code: string | null) => {
    const r = code ? regionList.find((x) => x.code === code) : null;
    return r ? (ar ? r.nameAr : r.nameFr) : "—";
  };
  const base = `/programme/incubation/${programme.slug}`;
  const groups: Group[] = [
    {
      id: "programme",
      title: t("incubation.report.programme"),
      rows: [
        [t("incubation.report.members"), n(totals.members)],
        [t("incubation.report.admitted"), n(totals.admittedInPeriod)],
        [t("incubation.report.coaches"), n(coaches.length)],
        [t("impact.coaching.sessions"), n(f.coaching.sessions)],
        [t("impact.coaching.hours"), n(f.coaching.hours)],
        [t("incubation.report.coached"), n(f.coaching.organizations)],
        [t("incubation.report.milestones"), `${n(totals.milestonesDone)} / ${n(totals.milestonesTotal)}`],
      ],
    },
    {
      id: "organizations",
      title: t("incubation.report.organizations"),
      rows: [
        ...ORGANIZATION_KINDS.filter((k) => f.organizations.byKind[k] > 0).map((k) => [t(`kinds.${k}`), n(f.organizations.byKind[k])] as [string, string]),
        [t("impact.organizations.womenLed"), `${pct(f.organizations.womenLedShare)} (${n(f.organizations.womenLed)})`],
        [t("impact.organizations.verified"), n(f.organizations.verified)],
      ],
    },
    {
      id: "regions",
      title: t("impact.organizations.byRegion"),
      rows: Object.entries(f.organizations.byRegion)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, count]) => [regionName(code), n(count)]),
    },
  ];
  // What the members did on the platform over the period, by part of the platform.
  const activity: Group[] = [
    {
      id: "market",
      title: t("impact.marketplace.title"),
      rows: [
        [t("impact.marketplace.products"), n(f.marketplace.productsOnSale)],
        [t("impact.marketplace.orders"), n(f.marketplace.ordersDelivered)],
        [t("impact.marketplace.sales"), formatMad(f.marketplace.salesCentimes, locale)],
      ],
    },
    {
      id: "tandems",
      title: t("impact.tandems.title"),
      rows: [
        [t("impact.tandems.active"), n(f.tandems.active)],
        [t("impact.tandems.completed"), n(f.tandems.completed)],
        [t("impact.tandems.hours"), n(f.tandems.hoursGiven)],
      ],
    },
    { id: "labels", title: t("impact.labels.title"), rows: [[t("impact.labels.awarded"), n(f.labels.awarded)]] },
    {
      id: "events",
      title: t("impact.events.title"),
      rows: [
        [t("incubation.report.events"), n(f.events.held)],
        [t("incubation.report.stands"), n(f.events.exhibitors)],
        [t("incubation.report.attended"), n(f.events.attended)],
      ],
    },
  ];
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <PrintStyles sheet="report-sheet" />
      <div className="space-y-3 print:hidden">
        <p>
          <L to={base}>
            <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("incubation.report.back")}
          </L>
        </p>
        <Form method="get" action={href(`${base}/rapport`)} className="card grid gap-3 sm:grid-cols-4" aria-label={t("incubation.report.choose")}>
          <Field label={t("impact.from")} name="du" type="date" defaultValue={period.from} />
          <Field label={t("impact.to")} name="au" type="date" defaultValue={period.to} />
          <LanguageSelect label={t("incubation.report.language")} />
          <div className="flex items-end">
            <button type="submit" className="btn">{t("incubation.report.update")}</button>
          </div>
        </Form>
        <p className="rounded-lg border border-line bg-white p-3 text-sm text-muted">{t("incubation.report.printHint")}</p>
      </div>
      <article className="report-sheet card space-y-5 text-ink print:border-0 print:p-0 print:shadow-none">
        <header className="space-y-1 border-b border-line pb-3 text-center">
          <p className="text-sm font-semibold tracking-wide text-muted">Tiwizi</p>
          <h1 className="text-2xl font-bold">{t("incubation.report.heading")}</h1>
          <p className="text-lg font-semibold" dir="auto">{ar ? programme.nameAr : programme.nameFr}</p>
          <p>{t("incubation.report.period", { from: day(period.from), to: day(period.to) })}</p>
          <p className="text-sm">
            {t("incubation.report.computedAt")} <Time value={computedAt} withTime />
          </p>
        </header>

        {groups.map((g) => (
          <Figures key={g.id} group={g} level="h2" />
        ))}

        <section aria-labelledby="activity-h" className="space-y-3">
          <h2 id="activity-h" className="text-lg font-semibold">{t("incubation.report.activity")}</h2>
          {activity.map((g) => (
            <Figures key={g.id} group={g} level="h3" />
          ))}
        </section>

        <section aria-labelledby="members-h" className="space-y-2">
          <h2 id="members-h" className="text-lg font-semibold">{t("incubation.report.perOrganization")}</h2>
          {progress.length === 0 ? (
            <p>{t("incubation.members.empty")}</p>
          ) : (
            <div className="overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-labelledby="members-h">
              <table className="w-full border-collapse text-sm">
                <thead>
                  <tr className="border-b border-line">
                    <th className="py-2 pe-4 text-start">{t("incubation.report.organization")}</th>
                    <th className="py-2 pe-2 text-start">{t("impact.region")}</th>
                    <th className="py-2 pe-2 text-start">{t("incubation.report.admittedOn")}</th>
                    <th className="py-2 pe-2 text-end">{t("incubation.members.sessions")}</th>
                    <th className="py-2 pe-2 text-end">{t("incubation.members.hours")}</th>
                    <th className="py-2 text-end">{t("incubation.members.milestones")}</th>
                  </tr>
                </thead>
                <tbody>
                  {progress.map((p) => (
                    <tr key={p.organizationId} className="border-b border-line align-top">
                      <td className="py-2 pe-4" dir="auto">{orgName(p, locale)}</td>
                      <td className="py-2 pe-2">{regionName(p.regionCode)}</td>
                      <td className="py-2 pe-2">{day(p.admittedOn)}</td>
                      <td className="py-2 pe-2 text-end tabular-nums">{n(p.sessions)}</td>
                      <td className="py-2 pe-2 text-end tabular-nums">{n(p.hours)}</td>
                      <td className="py-2 text-end tabular-nums">
                        {n(p.milestonesDone)} / {n(p.milestonesTotal)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        {coaches.length > 0 ? (
          <section aria-labelledby="coaches-h" className="space-y-2">
            <h2 id="coaches-h" className="text-lg font-semibold">{t("incubation.coaches.title")}</h2>
            <p dir="auto">{coaches.join(" · ")}</p>
          </section>
        ) : null}

        <footer className="border-t border-line pt-3 text-sm text-muted">
          <p>{t("incubation.report.method")}</p>
        </footer>
      </article>
    </div>
  );
}
