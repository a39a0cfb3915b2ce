import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, Select } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { getT } from "~/i18n/catalogs.server";
import { formatNumber, localizeHref } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { seo, seoTags } from "~/lib/seo";
import { orgName } from "~/modules/orders/format";
import { listRegistry, parseRegistryParams, REGISTRY_STATES, type RegistryState } from "~/modules/calls/registry.server";

// The Siraj label's public page (issue 6, item 5): what the label is, and the registry of every label awarded —
// current, expired, suspended or withdrawn — with its verification page. Filters live in the URL (a GET form
// that works without JavaScript, so none is shipped), 20 labels a page.

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

export const handle = { hydrate: false };

const BASE = "/siraj";

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getT(locale);
  const params = parseRegistryParams(new URL(request.url).searchParams);
  const registry = await listRegistry({ db, ...params });
  const name = t("registry.title");
  const description = t("registry.description");
  const url = `${env().appUrl}${localizeHref(BASE, locale)}`;
  return {
    filters: { status: params.status, q: params.q },
    states: REGISTRY_STATES,
    ...registry,
    seo: seo({ type: "website", name, description, url, image: null, locale, jsonLd: { "@context": "https://schema.org", "@type": "WebPage", name, description, url } }),
  };
}

function queryOf(filters: { status: RegistryState | null; q: string }, page = 1) {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.status) params.set("status", filters.status);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

const STATE_STYLE: Record<RegistryState, string> = {
  current: "bg-ok/10 text-ok",
  expired: "bg-sand text-muted",
  suspended: "bg-warn/10 text-warn",
  withdrawn: "bg-danger/10 text-danger",
};

export default function Siraj() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { filters, states, items, page, pageCount, total } = useLoaderData<typeof loader>();
  const ar = locale === "ar";
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold">{t("registry.title")}</h1>
        <p className="max-w-3xl text-lg">{t("registry.lead")}</p>
      </header>
      <section className="card max-w-3xl space-y-3" aria-label={t("registry.title")}>
        <p>{t("registry.how1")}</p>
        <p>{t("registry.how2")}</p>
        <p>{t("registry.how3")}</p>
        <p>
          <L to="/appels" className="btn-secondary">{t("registry.callsLink")}</L>
        </p>
      </section>

      <section aria-labelledby="registry-h" className="space-y-4">
        <h2 id="registry-h" className="text-2xl font-bold">{t("registry.registryTitle")}</h2>
        <Form method="get" action={href(BASE)} className="card grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_auto]" aria-label={t("registry.filters")}>
          {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
          <Field label={t("registry.q")} name="q" type="search" defaultValue={filters.q} hint={t("registry.qHint")} maxLength={100} dir="auto" />
          <Select label={t("registry.status")} name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("registry.anyStatus")}</option>
            {states.map((s) => (
              <option key={s} value={s}>{t(`registry.state.${s}`)}</option>
            ))}
          </Select>
          <div className="flex flex-wrap items-end gap-3 sm:pb-7">
            <button type="submit" className="btn">{t("registry.apply")}</button>
            {filters.q || filters.status ? <L to={BASE}>{t("registry.reset")}</L> : null}
          </div>
        </Form>

        <p role="status">{t("registry.count", { count: formatNumber(total, locale) })}</p>

        {items.length === 0 ? (
          <p className="card">{t("registry.none")}</p>
        ) : (
          <ul className="space-y-3">
            {items.map((item) => {
              const name = orgName(item.organization, locale);
              return (
                <li key={item.code} className="card grid gap-2 text-sm sm:grid-cols-[minmax(0,3fr)_minmax(0,2fr)_auto] sm:items-center">
                  <div className="space-y-1">
                    <h3 className="text-base font-semibold" dir="auto">
                      <L to={`/organisations/${item.organization.slug}`}>{name}</L>
                    </h3>
                    <p>
                      <span className="text-muted">{t("registry.edition")} </span>
                      <span dir="auto">{ar ? item.call.titleAr : item.call.titleFr}</span>
                      {item.organization.city ? <span className="text-muted"> · <span dir="auto">{item.organization.city}</span></span> : null}
                    </p>
                  </div>
                  <dl className="grid grid-cols-2 gap-x-4">
                    <div>
                      <dt className="text-muted">{t("registry.awarded")}</dt>
                      <dd><Time value={`${item.awardedOn}T12:00:00Z`} /></dd>
                    </div>
                    <div>
                      <dt className="text-muted">{t("registry.expires")}</dt>
                      <dd><Time value={`${item.expiresOn}T12:00:00Z`} /></dd>
                    </div>
                  </dl>
                  <div className="flex flex-wrap items-center gap-2 sm:justify-end">
                    <span className={`badge ${STATE_STYLE[item.state]}`}>{t(`registry.state.${item.state}`)}</span>
                    <L to={item.path} aria-label={t("registry.verifyAria", { name })} className="inline-flex min-h-11 items-center">
                      {t("registry.verify")}
                    </L>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        <Pager page={page} pageCount={pageCount} href={(p) => `${BASE}${queryOf(filters, p)}`} />
      </section>
    </div>
  );
}
