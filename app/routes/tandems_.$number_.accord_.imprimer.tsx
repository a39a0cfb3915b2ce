import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { AgreementTerms } from "~/components/agreement";
import { PrintStyles } from "~/components/print";
import { Time } from "~/components/time";
import type { MessageKey } from "~/i18n/i18n";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { orgName } from "~/modules/orders/format";
import { getAgreement } from "~/modules/tandems/agreements.server";
import { tandemIdByNumber } from "~/modules/tandems/access.server";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "agreements.title", { number: args.data?.tandem.number ?? "" }),
  { name: "robots", content: "noindex" },
];

// A printed page: nothing to run in the browser.
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(async () => getAgreement({ db, actor: user, tandemId: await tandemIdByNumber(db, params.number ?? "") }));
}

/**
 * The agreement on paper: both organisations with their legal identifiers, the terms, and who approved
 * which version when. The site's header and footer stay off paper (print: utilities and the rules below).
 */
export default function PrintAgreement() {
  const t = useT();
  const locale = useLocale();
  const { tandem, company, partner, agreement, volunteers } = useLoaderData<typeof loader>();
  const sides = [
    { key: "company", label: t("agreements.company"), org: company },
    { key: "partner", label: t("agreements.partner"), org: partner },
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PrintStyles sheet="agreement-sheet" />
      <div className="space-y-2 print:hidden">
        <p>
          <L to={`/tandems/${tandem.number}/accord`}>
            <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("agreements.title", { number: tandem.number })}
          </L>
        </p>
        <p className="rounded-lg border border-line bg-white p-3 text-sm text-muted">{t("agreements.printHint")}</p>
      </div>
      <article className="agreement-sheet card space-y-5 text-ink print:border-0 print:p-0 print:shadow-none">
        <header className="space-y-1 border-b border-line pb-3 text-center">
          <h1 className="text-2xl font-bold">{t("agreements.printTitle")}</h1>
          <p className="font-semibold">{t("agreements.printNumber", { number: tandem.number })}</p>
          <p className="text-sm">
            {t(`agreements.status.${tandem.status}` as MessageKey)}
            {agreement ? ` · ${t("agreements.version", { version: agreement.version })}` : ""}
          </p>
        </header>

        <section aria-labelledby="parties-h" className="space-y-3">
          <h2 id="parties-h" className="text-lg font-semibold">{t("agreements.parties")}</h2>
          <div className="grid gap-4 sm:grid-cols-2 print:grid-cols-2">
            {sides.map((s) => (
              <div key={s.key} className="space-y-1">
                <h3 className="text-sm font-semibold uppercase text-muted">{s.label}</h3>
                <p className="font-bold">
                  <bdi lang="fr">{s.org.name}</bdi>
                </p>
                {s.org.nameAr ? (
                  <p className="font-semibold">
                    <bdi lang="ar">{s.org.nameAr}</bdi>
                  </p>
                ) : null}
                {s.org.identifiers.length > 0 ? (
                  <dl className="text-sm">
                    {s.org.identifiers.map((i) => (
                      <div key={`${i.type}-${i.value}`} className="flex gap-1">
                        <dt>{t(`identifiers.${i.type}` as MessageKey)} :</dt>
                        <dd>
                          <bdi dir="ltr">{i.value}</bdi>
                        </dd>
                      </div>
                    ))}
                  </dl>
                ) : (
                  <p className="text-sm text-muted">{t("agreements.noIdentifiers")}</p>
                )}
              </div>
            ))}
          </div>
        </section>

        <section aria-labelledby="terms-h" className="space-y-2">
          <h2 id="terms-h" className="text-lg font-semibold">{t("agreements.terms")}</h2>
          {agreement ? (
            <AgreementTerms agreement={agreement} />
          ) : (
            <p>{t("agreements.noAgreement")}</p>
          )}
          {volunteers.length > 0 ? (
            <div>
              <h3 className="font-semibold">{t("agreements.volunteers")}</h3>
              <ul className="list-disc ps-5">
                {volunteers.map((v) => (
                  <li key={v.email} dir="auto">
                    {v.name}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>

        <section aria-labelledby="signatures-h" className="space-y-2 border-t border-line pt-3">
          <h2 id="signatures-h" className="text-lg font-semibold">{t("agreements.signatures")}</h2>
          <ul className="grid gap-3 sm:grid-cols-2 print:grid-cols-2">
            {sides.map((s) => (
              <li key={s.key} className="rounded-lg border border-line p-3">
                <p className="font-semibold" dir="auto">{orgName(s.org, locale)}</p>
                {s.org.approval?.current ? (
                  <p>
                    <bdi>{t("agreements.approvedBy", { name: s.org.approval.approverName ?? "—" })}</bdi> <Time value={s.org.approval.approvedAt} withTime />
                  </p>
                ) : s.org.approval ? (
                  <p>{t("agreements.approvedOld", { version: s.org.approval.agreementVersion })}</p>
                ) : (
                  <p className="text-muted">{t("agreements.notApproved")}</p>
                )}
              </li>
            ))}
          </ul>
          {tandem.activatedAt ? (
            <p className="text-sm">
              {t("agreements.activeSince")} <Time value={tandem.activatedAt} />
            </p>
          ) : null}
          {tandem.endReason ? <p className="text-sm italic" dir="auto">{t("agreements.endReason", { reason: tandem.endReason })}</p> : null}
          <p className="text-sm text-muted">{t("agreements.issuedVia")}</p>
        </section>
      </article>
    </div>
  );
}
