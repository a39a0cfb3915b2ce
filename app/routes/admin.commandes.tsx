import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { db } from "../../db/client";
import { PAYMENT_METHODS, VENDOR_ORDER_STATUSES } from "../../db/schema/enums";
import { Field, FormMessage, Select, valueOf } from "~/components/form";
import { L, useHref, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { Time } from "~/components/time";
import { formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import {
  adminOrdersListActionSchema,
  listAdminOrders,
  markRemitted,
  orderCooperatives,
  parseAdminOrderFilters,
  pendingManualRefunds,
} from "~/modules/orders/admin.server";
import { markRefundPaid } from "~/modules/orders/refunds.server";

// Every cooperative's orders for platform admins (issue 4, item 8): filters in the URL (a GET form that
// works without JavaScript), pages of 50, the export of the same filters, cash remitted by carriers in
// batches, and refunds still to pay by hand.

export const meta: MetaFunction = (args) => pageTitle(args, "payouts.orders.title");

const FILTERS = ["status", "method", "cooperative", "from", "to", "q"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const filters = parseAdminOrderFilters(new URL(request.url).searchParams);
  const [list, cooperatives, refunds] = await Promise.all([
    listAdminOrders(db, user, filters),
    orderCooperatives(db, user),
    pendingManualRefunds(db, user),
  ]);
  return {
    filters,
    ...list,
    rows: list.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    cooperatives,
    refunds: refunds.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const result = parseForm(adminOrdersListActionSchema, await request.formData());
  if (!result.ok) return invalid(result);
  const back = new URL(request.url);
  const to = hrefFor(request, `/admin/commandes${back.search}`);
  try {
    if (result.data.intent === "remit") {
      await markRemitted({ db, actor: user, vendorOrderIds: result.data.vendorOrderId });
      throw redirectWithFlash(to, "payouts.flash.remitted");
    }
    await markRefundPaid(db, user, result.data.refundId, result.data.reference);
    throw redirectWithFlash(to, "payouts.flash.refundPaid");
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, result.data.intent === "refundPaid" ? { refundId: result.data.refundId, reference: result.data.reference } : {});
  }
}

/** The list's URL with the same filters and another page (or none: the filters alone, for the export). */
function filtersQuery(filters: Record<string, unknown>, extra: Record<string, string> = {}) {
  const params = new URLSearchParams();
  for (const key of FILTERS) {
    const value = filters[key];
    if (typeof value === "string" && value) params.set(key, value);
  }
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default function AdminOrders() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { filters, rows, total, page, pageCount, cooperatives, refunds } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const remittable = rows.filter((r) => r.method === "cod" && r.status === "delivered");
  const remitAction = `/admin/commandes${filtersQuery(filters, page > 1 ? { page: String(page) } : {})}`;
  return (
    <section className="space-y-6">
      <h2 className="text-xl font-semibold">{t("payouts.orders.title")}</h2>
      <FormMessage messageKey={actionData?.messageKey ?? (actionData?.errors ? Object.values(actionData.errors)[0]?.[0] : null)} />

      {refunds.length ? (
        <section aria-labelledby="refunds-h" className="card space-y-3">
          <h3 id="refunds-h" className="text-lg font-semibold">{t("payouts.refunds.title")}</h3>
          <p className="text-sm text-muted">{t("payouts.refunds.hint")}</p>
          <ul className="divide-y divide-line">
            {refunds.map((r) => (
              <li key={r.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
                <span>
                  <L to={`/admin/commandes/${r.vendorOrderId}`} className="font-medium">
                    <bdi dir="ltr">{r.orderNumber}</bdi>
                  </L>{" "}
                  · {r.buyerName} · <bdi dir="ltr">{r.buyerPhone}</bdi> · {t(`orders.method.${r.provider}` as MessageKey)}
                  {r.state === "failed" ? ` · ${t("payouts.refunds.stripeFailed")}` : ""}
                  <span className="block text-sm text-muted">
                    {t("payouts.refunds.reason")} : {r.reason} · <Time value={r.createdAt} />
                  </span>
                </span>
                <strong>{formatMad(r.amountCentimes, locale)}</strong>
                <Form method="post" action={href(remitAction)} className="flex w-full flex-wrap items-end gap-2">
                  <input type="hidden" name="refundId" value={r.id} />
                  <div className="min-w-56 flex-1">
                    <Field
                      label={t("payouts.refunds.reference")}
                      name="reference"
                      required
                      maxLength={120}
                      dir="ltr"
                      defaultValue={actionData?.values?.refundId === r.id ? valueOf(actionData, "reference") : undefined}
                      errors={actionData?.values?.refundId === r.id ? actionData?.errors?.reference : undefined}
                    />
                  </div>
                  <button type="submit" name="intent" value="refundPaid" className="btn-secondary" disabled={busy}>
                    {t("payouts.refunds.markPaid")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Form method="get" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("payouts.orders.filters")}>
        {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
        <div className="sm:col-span-2">
          <Field label={t("payouts.orders.q")} name="q" type="search" defaultValue={filters.q ?? ""} hint={t("payouts.orders.qHint")} maxLength={100} />
        </div>
        <Select label={t("payouts.orders.status")} name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("payouts.orders.anyStatus")}</option>
          {VENDOR_ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>{t(`orders.status.${s}` as MessageKey)}</option>
          ))}
        </Select>
        <Select label={t("payouts.orders.method")} name="method" defaultValue={filters.method ?? ""}>
          <option value="">{t("payouts.orders.anyMethod")}</option>
          {PAYMENT_METHODS.map((m) => (
            <option key={m} value={m}>{t(`orders.method.${m}` as MessageKey)}</option>
          ))}
        </Select>
        <div className="sm:col-span-2">
          <Select label={t("payouts.orders.cooperative")} name="cooperative" defaultValue={filters.cooperative ?? ""}>
            <option value="">{t("payouts.orders.anyCooperative")}</option>
            {cooperatives.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </Select>
        </div>
        <Field label={t("payouts.orders.from")} name="from" type="date" defaultValue={filters.from ?? ""} />
        <Field label={t("payouts.orders.to")} name="to" type="date" defaultValue={filters.to ?? ""} />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-4">
          <button type="submit" className="btn">{t("payouts.orders.apply")}</button>
          <L to="/admin/commandes">{t("payouts.orders.reset")}</L>
        </div>
      </Form>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p role="status">{t("payouts.orders.count", { count: formatNumber(total, locale) })}</p>
        {/* A plain link: the CSV is a download, not a page of the app. */}
        <a href={href(`/admin/commandes.csv${filtersQuery(filters)}`)} className="btn-secondary" download>
          {t("payouts.orders.export")}
        </a>
      </div>

      {rows.length === 0 ? (
        <p className="card">{t("payouts.orders.none")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse bg-white text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="p-2 text-start">{t("payouts.orders.select")}</th>
                <th scope="col" className="p-2 text-start">{t("payouts.orders.number")}</th>
                <th scope="col" className="p-2 text-start">{t("payouts.orders.date")}</th>
                <th scope="col" className="p-2 text-start">{t("payouts.orders.cooperative")}</th>
                <th scope="col" className="p-2 text-start">{t("payouts.orders.buyer")}</th>
                <th scope="col" className="p-2 text-start">{t("payouts.orders.method")}</th>
                <th scope="col" className="p-2 text-start">{t("payouts.orders.status")}</th>
                <th scope="col" className="p-2 text-end">{t("payouts.orders.total")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-line align-top">
                  <td className="p-2">
                    {r.method === "cod" && r.status === "delivered" ? (
                      <input
                        type="checkbox"
                        name="vendorOrderId"
                        value={r.id}
                        form="remit-form"
                        className="size-5 accent-brand-700"
                        aria-label={t("payouts.orders.selectOrder", { number: r.number })}
                      />
                    ) : null}
                  </td>
                  <td className="p-2 whitespace-nowrap">
                    <L to={`/admin/commandes/${r.id}`} className="font-medium" aria-label={t("payouts.orders.open", { number: r.number })}>
                      <bdi dir="ltr">{r.number}</bdi>
                    </L>
                  </td>
                  <td className="p-2 whitespace-nowrap"><Time value={r.createdAt} withTime /></td>
                  <td className="p-2">{r.cooperativeName}</td>
                  <td className="p-2">
                    {r.buyerName}
                    <span className="block text-muted"><bdi dir="ltr">{r.buyerPhone}</bdi> · {r.city}</span>
                  </td>
                  <td className="p-2">
                    {t(`orders.method.${r.method}` as MessageKey)}
                    <span className="block text-muted">{t(`payouts.paymentStatus.${r.paymentStatus}` as MessageKey)}</span>
                  </td>
                  <td className="p-2">{t(`orders.status.${r.status}` as MessageKey)}</td>
                  <td className="p-2 text-end whitespace-nowrap">{formatMad(r.totalCentimes, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `/admin/commandes${filtersQuery(filters, { page: String(p) })}`} />

      {remittable.length ? (
        <Form method="post" action={href(remitAction)} id="remit-form" className="card space-y-2">
          <h3 className="text-lg font-semibold">{t("payouts.orders.remitTitle")}</h3>
          <p className="text-sm text-muted">{t("payouts.orders.remitHint")}</p>
          <button type="submit" name="intent" value="remit" className="btn" disabled={busy}>
            {t("payouts.orders.remitSelected")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
