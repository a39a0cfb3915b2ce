import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { formatMad, type MessageKey } from "~/i18n/i18n";
import { load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { ledgerStatement } from "~/modules/orders/dashboard.server";
import { localName } from "~/modules/orders/format";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "shop.ledger.title", { organization: args.data?.cooperative.name ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return load(() => ledgerStatement({ db, actor: user, slug: params.slug ?? "", page }));
}

/** What the platform owes the cooperative: three balances and every line, newest first, with a CSV. */
export default function LedgerStatement() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { cooperative, balance, lines, page, pageCount } = useLoaderData<typeof loader>();
  const name = localName({ fr: cooperative.name, ar: cooperative.nameAr }, locale);
  const base = `/organisations/${cooperative.slug}/releve`;
  const balances = [
    { key: "available", amount: balance.availableCentimes, hint: "shop.ledger.availableHint" },
    { key: "pending", amount: balance.pendingCentimes, hint: "shop.ledger.pendingHint" },
    { key: "paidOut", amount: balance.paidOutCentimes, hint: "shop.ledger.paidOutHint" },
  ] as const;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={`/organisations/${cooperative.slug}/commandes`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("shop.links.orders")}
        </L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold" dir="auto">{t("shop.ledger.title", { organization: name })}</h1>
        <p className="text-muted">{t("shop.ledger.intro")}</p>
      </header>

      <section aria-labelledby="balances-h">
        <h2 id="balances-h" className="sr-only">{t("shop.ledger.balances")}</h2>
        <dl className="grid gap-3 sm:grid-cols-3">
          {balances.map((b) => (
            <div key={b.key} className="card">
              <dt className="font-semibold">{t(`shop.ledger.${b.key}`)}</dt>
              <dd className="mt-1 text-2xl font-bold" data-balance={b.key}>{formatMad(b.amount, locale)}</dd>
              <dd className="mt-1 text-sm text-muted">{t(b.hint)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card" aria-labelledby="lines-h">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="lines-h" className="text-lg font-semibold">{t("shop.ledger.lines")}</h2>
          {/* A file download: a plain link, never a client-side navigation. */}
          <a href={href(`${base}.csv`)} className="btn-secondary" download>
            {t("shop.ledger.download")}
          </a>
        </div>
        {lines.length === 0 ? (
          <p className="mt-2 text-muted">{t("shop.ledger.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-line">
            {lines.map((l) => (
              <li key={l.id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
                <span className="min-w-0 flex-1">
                  <span className="font-semibold">{t(`shop.ledger.kinds.${l.kind}` as MessageKey)}</span>
                  {l.orderNumber ? <span dir="ltr"> · {l.orderNumber}</span> : l.memo ? <span dir="auto"> · {l.memo}</span> : null}
                  <span className="block text-sm text-muted">
                    <Time value={l.createdAt} />
                  </span>
                </span>
                <span className={`shrink-0 font-semibold ${l.amountCentimes < 0 ? "text-danger" : "text-ok"}`} dir="ltr">
                  {formatMad(l.amountCentimes, locale)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <Pager page={page} pageCount={pageCount} href={(p) => `${base}?page=${p}`} />
      </section>
    </div>
  );
}
