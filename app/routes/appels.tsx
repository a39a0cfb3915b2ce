import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { getT } from "~/i18n/catalogs.server";
import { formatDate, formatList, formatNumber, localizeHref, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { env } from "~/lib/env.server";
import { seo, seoTags } from "~/lib/seo";
import { listPublicCalls } from "~/modules/calls/calls.server";

// The public list of calls for applications (issue 6, item 1): open ones first, then upcoming, then closed.

export const meta: MetaFunction<typeof loader> = ({ data }) => seoTags(data);

// A list of links: no client JavaScript needed.
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = resolveLocale(request);
  const t = getT(locale);
  const page = Number(new URL(request.url).searchParams.get("page")) || 1;
  const list = await listPublicCalls(db, { page });
  const name = t("calls.public.title");
  const description = t("calls.public.description");
  const url = `${env().appUrl}${localizeHref("/appels", locale)}`;
  return { ...list, seo: seo({ type: "website", name, description, url, image: null, locale, jsonLd: { "@context": "https://schema.org", "@type": "WebPage", name, description, url } }) };
}

const STATE_STYLE = { open: "bg-ok text-white", upcoming: "bg-brand-50 text-brand-800", closed: "bg-line text-ink" } as const;

export default function Calls() {
  const t = useT();
  const locale = useLocale();
  const { calls, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("calls.public.title")}</h1>
        <p className="text-muted">{t("calls.public.intro")}</p>
      </header>
      {calls.length === 0 ? <p className="card text-muted">{t("calls.public.empty")}</p> : null}
      <ul className="space-y-3">
        {calls.map((c) => (
          <li key={c.code} className="card space-y-2">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span className={`badge ${STATE_STYLE[c.state]}`}>{t(`calls.state.${c.state}` as MessageKey)}</span>
              <span className="badge bg-brand-50 text-brand-800">{t(`calls.kind.${c.kind}` as MessageKey)}</span>
              <span dir="ltr" className="text-muted">{c.code}</span>
            </p>
            <h2 className="text-lg font-semibold">
              <L to={`/appels/${c.code}`}>{locale === "ar" ? c.titleAr : c.titleFr}</L>
            </h2>
            <p className="text-sm">
              {t(c.state === "upcoming" ? "calls.public.opens" : "calls.public.closes", { date: formatDate(c.state === "upcoming" ? c.opensAt : c.closesAt, locale, "datetime") })}
            </p>
            <p className="text-sm text-muted">
              {t("calls.public.audience", { kinds: formatList(c.audience.map((k) => t(`kinds.${k}` as MessageKey)), locale) })} ·{" "}
              {t(c.kind === "label" ? "calls.public.laureates" : "calls.public.seats", { n: formatNumber(c.seats, locale) })}
            </p>
          </li>
        ))}
      </ul>
      <Pager page={page} pageCount={pageCount} href={(p) => `/appels?page=${p}`} />
    </div>
  );
}
