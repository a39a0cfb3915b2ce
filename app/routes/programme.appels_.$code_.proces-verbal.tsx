import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { APPLICATION_DECISIONS } from "../../db/schema/enums";
import { L, useLocale, useT } from "~/components/i18n";
import { PrintStyles } from "~/components/print";
import { Time } from "~/components/time";
import { formatNumber } from "~/i18n/i18n";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { callMinutes } from "~/modules/calls/operations.server";
import { orgName } from "~/modules/orders/format";

// The jury's minutes (issue 6, item 4), printed or saved as PDF by the browser: the call, the jury, the date, each
// decided application with its rank, mean score and the decision with its reasons, the counts, and signatures.

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, "callOps.minutes.title", { code: args.data?.call.code ?? "" }), { name: "robots", content: "noindex" }];

// A printed page: nothing to run in the browser.
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const minutes = await load(() => callMinutes({ db, actor: user, code: params.code ?? "" }));
  const { call } = minutes;
  return {
    call: { code: call.code, kind: call.kind, titleFr: call.titleFr, titleAr: call.titleAr, seats: call.seats, closesAt: call.closesAt, releasedAt: call.releasedAt },
    jurors: minutes.jurors,
    applications: minutes.applications,
    decisions: minutes.decisions,
    drawnUpAt: new Date(),
  };
}

export default function Minutes() {
  const t = useT();
  const locale = useLocale();
  const { call, jurors, applications, decisions, drawnUpAt } = useLoaderData<typeof loader>();
  const ar = locale === "ar";
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <PrintStyles sheet="minutes-sheet" />
      <div className="space-y-2 print:hidden">
        <p>
          <L to={`/programme/appels/${call.code}?vue=deliberation`}>
            <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("callOps.minutes.back")}
          </L>
        </p>
        <p className="rounded-lg border border-line bg-white p-3 text-sm text-muted">{t("callOps.minutes.printHint")}</p>
      </div>
      <article className="minutes-sheet card space-y-5 text-ink print:border-0 print:p-0 print:shadow-none">
        <header className="space-y-1 border-b border-line pb-3 text-center">
          <h1 className="text-2xl font-bold">{t("callOps.minutes.heading")}</h1>
          <p className="text-lg font-semibold">{ar ? call.titleAr : call.titleFr}</p>
          <p className="text-sm">
            <bdi dir="ltr">{call.code}</bdi> · {t(`calls.kind.${call.kind}`)} · {t("callOps.closesAt")} <Time value={call.closesAt} withTime />
          </p>
          <p className="text-sm">
            {t("callOps.minutes.date")} <Time value={drawnUpAt} withTime />
          </p>
        </header>

        <section aria-labelledby="jury-h" className="space-y-2">
          <h2 id="jury-h" className="text-lg font-semibold">{t("callOps.minutes.jury")}</h2>
          {jurors.length === 0 ? (
            <p>{t("callOps.minutes.noJury")}</p>
          ) : (
            <ul className="list-disc ps-5">
              {jurors.map((name, i) => (
                <li key={i} dir="auto">{name}</li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="decisions-h" className="space-y-2">
          <h2 id="decisions-h" className="text-lg font-semibold">{t("callOps.minutes.decisions")}</h2>
          {applications.length === 0 ? (
            <p>{t("callOps.minutes.none")}</p>
          ) : (
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr className="border-b border-line">
                  <th className="py-2 pe-2 text-start">{t("callOps.results.rank")}</th>
                  <th className="py-2 pe-2 text-start">{t("callOps.csv.reference")}</th>
                  <th className="py-2 pe-2 text-start">{t("callOps.csv.organization")}</th>
                  <th className="py-2 pe-2 text-end">{t("callOps.csv.mean")}</th>
                  <th className="py-2 text-start">{t("callOps.csv.decision")}</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((a) => (
                  <tr key={a.id} className="border-b border-line align-top">
                    <td className="py-2 pe-2 tabular-nums">{a.rank ? n(a.rank) : "—"}</td>
                    <td className="py-2 pe-2">
                      <bdi dir="ltr">{a.reference}</bdi>
                    </td>
                    <td className="py-2 pe-2" dir="auto">{orgName(a.organization, locale)}</td>
                    <td className="py-2 pe-2 text-end tabular-nums">{a.mean === null ? "—" : n(a.mean)}</td>
                    <td className="py-2">
                      <strong>{t(`calls.decision.${a.decision}`)}</strong>
                      {a.decisionReason ? <span className="block whitespace-pre-wrap" dir="auto">{a.decisionReason}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="counts-h" className="space-y-2">
          <h2 id="counts-h" className="text-lg font-semibold">{t("callOps.minutes.counts")}</h2>
          <ul className="list-disc ps-5">
            {APPLICATION_DECISIONS.filter((x) => decisions[x]).map((x) => (
              <li key={x}>
                {t(`calls.decision.${x}`)} : {n(decisions[x] ?? 0)}
              </li>
            ))}
          </ul>
          <p>{t("callOps.minutes.seats", { n: n(call.seats) })}</p>
        </section>

        <section aria-labelledby="signatures-h" className="space-y-2 border-t border-line pt-3">
          <h2 id="signatures-h" className="text-lg font-semibold">{t("callOps.minutes.signatures")}</h2>
          <ul className="grid gap-3 sm:grid-cols-2 print:grid-cols-2">
            {(["chair", "secretary"] as const).map((who) => (
              <li key={who} className="min-h-32 rounded-lg border border-line p-3">
                <p className="font-semibold">{t(`callOps.minutes.${who}`)}</p>
                <p className="text-sm text-muted">{t("callOps.minutes.signHere")}</p>
              </li>
            ))}
          </ul>
        </section>
      </article>
    </div>
  );
}
