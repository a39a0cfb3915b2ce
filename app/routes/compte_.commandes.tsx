import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { formatMad, type MessageKey } from "~/i18n/i18n";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { reviewPage } from "~/modules/orders/after-sale-schemas";
import { localName } from "~/modules/orders/format";
import { orderHistory } from "~/modules/orders/history.server";

export const meta: MetaFunction = (args) => [...pageTitle(args, "reviews.history.title"), { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return orderHistory({ db, userId: user.id, page: reviewPage(request.url, "page") });
}

export default function OrderHistory() {
  const t = useT();
  const locale = useLocale();
  const { groups, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <L to="/compte">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("account.title")}
        </L>
      </p>
      <h1 className="text-2xl font-bold">{t("reviews.history.title")}</h1>
      {groups.length === 0 ? (
        <div className="card space-y-3">
          <p>{t("reviews.history.empty")}</p>
          <p>
            <L to="/marche" className="btn">{t("reviews.history.shop")}</L>
          </p>
        </div>
      ) : (
        <ul className="space-y-4">
          {groups.map((g) => (
            <li key={g.id} className="card space-y-2">
              <h2 className="flex flex-wrap items-baseline justify-between gap-2 text-lg font-semibold">
                <span>{t("reviews.history.group", { number: g.number })}</span>
                <span className="text-base font-normal text-muted">
                  <Time value={g.createdAt} />
                </span>
              </h2>
              <p className="text-sm text-muted">
                {t(`orders.method.${g.paymentMethod}` as MessageKey)} · {formatMad(g.totalCentimes, locale)}
              </p>
              <ul className="divide-y divide-line">
                {g.orders.map((o) => (
                  <li key={o.number} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <span className="font-medium">{o.number}</span> · <span dir="auto">{localName({ fr: o.name, ar: o.nameAr }, locale)}</span>
                      <span className="block text-sm text-muted">{formatMad(o.totalCentimes, locale)}</span>
                    </span>
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="badge bg-sand">{t(`orders.status.${o.status}` as MessageKey)}</span>
                      <L to={`/commande/${o.token}`} className="btn-secondary" aria-label={t("reviews.history.trackLabel", { number: o.number })}>
                        {t("orders.email.track")}
                      </L>
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `/compte/commandes?page=${p}`} />
    </div>
  );
}
