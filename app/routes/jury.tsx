import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { jurorAssignments } from "~/modules/calls/review.server";
import { orgName } from "~/modules/orders/format";

// The jury's space (issue 6, item 3): the applications given to the signed-in person across calls, grouped by
// call, with what is left to do on each (declare a conflict of interest, score, nothing). 50 a page.

export const meta: MetaFunction = (args) => [...pageTitle(args, "jury.title"), { name: "robots", content: "noindex" }];

// A list of links: no JavaScript needed.
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Number(new URL(request.url).searchParams.get("page")) || 1;
  return load(() => jurorAssignments({ db, actor: user, page }));
}

type Row = Awaited<ReturnType<typeof loader>>["assignments"][number];

/** Consecutive rows of one call (the module orders by call) as one group. */
function byCall<R extends { call: { id: string } }>(rows: R[]) {
  const groups: { call: R["call"]; rows: R[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.call.id === row.call.id) last.rows.push(row);
    else groups.push({ call: row.call, rows: [row] });
  }
  return groups;
}

const SHEET_TONE: Record<string, string> = {
  declare: "bg-sand text-warn",
  score: "bg-brand-50 text-brand-800",
  draft: "bg-brand-50 text-brand-800",
  submitted: "bg-ok/10 text-ok",
  closed: "bg-line text-muted",
};

export default function JuryPage() {
  const t = useT();
  const locale = useLocale();
  const { assignments, page, pageCount } = useLoaderData<typeof loader>();
  const groups = byCall(assignments as Row[]);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("jury.title")}</h1>
        <p className="text-muted">{t("jury.intro")}</p>
      </header>
      {groups.length === 0 ? (
        <section className="card space-y-2">
          <p className="font-semibold">{t("jury.empty")}</p>
          <p className="text-sm text-muted">{t("jury.emptyHint")}</p>
        </section>
      ) : null}
      {groups.map(({ call, rows }) => (
        <section key={call.id} className="card space-y-3" aria-labelledby={`call-${call.id}`}>
          <header className="space-y-1">
            <h2 id={`call-${call.id}`} className="text-lg font-semibold">
              {locale === "ar" ? call.titleAr : call.titleFr}
            </h2>
            <p className="text-sm text-muted">
              <bdi dir="ltr">{call.code}</bdi> · {t("jury.count", { n: formatNumber(rows.length, locale) })} · {t("jury.callClosed")} <Time value={call.closesAt} withTime />
            </p>
          </header>
          <ul className="divide-y divide-line">
            {rows.map((row) => (
              <li key={row.assignmentId} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div className="min-w-0 space-y-1">
                  <p className="font-semibold">
                    <bdi dir="ltr">{row.reference}</bdi>
                  </p>
                  <p dir="auto">{orgName(row.organization, locale)}</p>
                  <p className="flex flex-wrap gap-2 text-sm">
                    <span className="badge bg-white">{t(`review.conflict.${row.conflict}` as MessageKey)}</span>
                    <span className={`badge ${SHEET_TONE[row.state] ?? ""}`}>{t(`jury.sheet.${row.state}` as MessageKey)}</span>
                  </p>
                  {row.conflict === "declared" ? <p className="text-sm text-muted">{t("jury.declaredNote")}</p> : null}
                </div>
                {row.conflict === "declared" ? null : (
                  <L to={`/jury/${row.assignmentId}`} className={row.state === "declare" || row.state === "score" || row.state === "draft" ? "btn" : "btn-secondary"}>
                    {t("jury.open")} <span className="sr-only">{row.reference}</span>
                  </L>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <Pager page={page} pageCount={pageCount} href={(p) => `/jury?page=${p}`} />
    </div>
  );
}
