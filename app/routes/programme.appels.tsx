import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { APPLICATION_STATUSES } from "../../db/schema/enums";
import { Field } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { formatDate, formatNumber, type MessageKey } from "~/i18n/i18n";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { listCallsForOperators } from "~/modules/calls/calls.server";

// Calls for applications, for operators and admins (issue 6, item 1): every call, drafts included, its state
// and its applications by status (one aggregate query a page), a search in the URL (a GET form, no
// JavaScript shipped), pages of 20; each call links to its operations page and to its edition.

export const meta: MetaFunction = (args) => [...pageTitle(args, "callsAdmin.list.title"), { name: "robots", content: "noindex" }];

export const handle = { hydrate: false };

const BASE = "/programme/appels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const params = new URL(request.url).searchParams;
  const q = (params.get("q") ?? "").trim().slice(0, 100);
  const list = await listCallsForOperators({ db, actor: user, page: Number(params.get("page") ?? 1) || 1, q });
  return {
    q,
    ...list,
    calls: list.calls.map((c) => ({ ...c, opensAt: c.opensAt.toISOString(), closesAt: c.closesAt.toISOString(), publishedAt: c.publishedAt?.toISOString() ?? null, releasedAt: c.releasedAt?.toISOString() ?? null })),
  };
}

const queryOf = (q: string, page = 1) => {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
};

export default function ProgrammeCalls() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { q, calls, total, page, pageCount } = useLoaderData<typeof loader>();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="space-y-6">
      <nav className="flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label={t("callsAdmin.list.title")}>
        <L to="/programme/tandems">{t("callsAdmin.list.programme")}</L>
        <L to="/appels">{t("callsAdmin.list.public")}</L>
      </nav>
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-2">
          <h1 className="text-2xl font-bold">{t("callsAdmin.list.title")}</h1>
          <p className="text-muted">{t("callsAdmin.list.intro")}</p>
        </div>
        <L to={`${BASE}/nouveau`} className="btn">{t("callsAdmin.list.new")}</L>
      </header>

      <Form method="get" action={href(BASE)} className="card flex flex-wrap items-end gap-3" role="search">
        {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
        <div className="min-w-0 flex-1 basis-64">
          <Field label={t("callsAdmin.list.q")} name="q" type="search" defaultValue={q} hint={t("callsAdmin.list.qHint")} maxLength={100} dir="auto" />
        </div>
        <div className="flex flex-wrap items-center gap-3 pb-7">
          <button type="submit" className="btn">{t("callsAdmin.list.search")}</button>
          {q ? <L to={BASE}>{t("callsAdmin.list.reset")}</L> : null}
        </div>
      </Form>

      <p role="status">{t("callsAdmin.list.count", { count: n(total) })}</p>

      {calls.length === 0 ? (
        <p className="card">{t("callsAdmin.list.none")}</p>
      ) : (
        <ul className="space-y-3">
          {calls.map((call) => (
            <li key={call.id} className="card space-y-2 text-sm" aria-labelledby={`call-${call.id}`}>
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h2 id={`call-${call.id}`} className="text-base font-semibold">
                  <L to={`${BASE}/${call.code}`} aria-label={t("callsAdmin.list.open", { code: call.code })}>
                    <bdi dir="ltr">{call.code}</bdi>
                  </L>
                </h2>
                <span className="badge bg-brand-50 text-brand-800">{t(`calls.state.${call.state}` as MessageKey)}</span>
                <span className="badge bg-sand">{t(`calls.kind.${call.kind}` as MessageKey)}</span>
                {call.releasedAt ? <span className="badge bg-sand">{t("callsAdmin.list.released")}</span> : null}
              </div>
              <p className="font-medium" dir="auto">{locale === "ar" ? call.titleAr : call.titleFr}</p>
              <p className="text-muted">
                {t("callsAdmin.list.period", { opens: formatDate(call.opensAt, locale, "datetime"), closes: formatDate(call.closesAt, locale, "datetime") })}
              </p>
              {call.applications === 0 ? (
                <p className="text-muted">{t("callsAdmin.list.noApplications")}</p>
              ) : (
                <div className="space-y-1">
                  <p>{t("callsAdmin.list.applications", { count: n(call.applications) })}</p>
                  <ul className="flex flex-wrap gap-1">
                    {APPLICATION_STATUSES.filter((s) => call.byStatus[s] > 0).map((s) => (
                      <li key={s} className="badge bg-sand">
                        {t(`calls.status.${s}`)} <span className="tabular-nums">{n(call.byStatus[s])}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <p className="flex flex-wrap gap-3">
                <L to={`${BASE}/${call.code}/modifier`} className="btn-secondary min-h-9 px-3 py-1">
                  {t("callsAdmin.list.edit")}
                  <span className="sr-only"> {call.code}</span>
                </L>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `${BASE}${queryOf(q, p)}`} />
    </div>
  );
}
