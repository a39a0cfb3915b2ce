import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { db } from "../../db/client";
import { FormMessage, Field, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { adminOrderActionSchema, adminOrderDetail, groupOfOrder, markRemitted } from "~/modules/orders/admin.server";
import { sizeLabel } from "~/modules/orders/format";
import { cancelOrderAsAdmin } from "~/modules/orders/lifecycle.server";
import { recordTransfer } from "~/modules/orders/payments.server";
import { CANCELLABLE } from "~/modules/orders/states";

// One cooperative's order as platform admins see it: the whole group (buyer, address, payment), the
// items, the history, and what an admin may do from here: cancel with a reason, record a bank transfer,
// record the cash the carrier paid over.

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "payouts.detail.title", { number: args.data?.order.number ?? "" });


export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const detail = await load(() => adminOrderDetail(db, user, params.id ?? ""));
  const { order, group } = detail;
  return {
    ...detail,
    can: {
      cancel: CANCELLABLE.includes(order.status),
      transfer: group.paymentMethod === "bank_transfer" && (group.paymentStatus === "awaiting" || group.paymentStatus === "expired"),
      remit: group.paymentMethod === "cod" && order.status === "delivered",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const formData = await request.formData();
  const result = parseForm(adminOrderActionSchema, formData);
  if (!result.ok) return invalid(result);
  const input = result.data;
  const here = hrefFor(request, `/admin/commandes/${params.id}`);
  try {
    if (input.intent === "cancel") {
      await cancelOrderAsAdmin({ db, actor: user, vendorOrderId: params.id ?? "", reason: input.reason });
      throw redirectWithFlash(here, "payouts.flash.cancelled");
    }
    if (input.intent === "transfer") {
      const groupId = await groupOfOrder(db, user, params.id ?? "");
      const outcome = await recordTransfer({ db, actor: user, groupId, bankReference: input.bankReference });
      throw redirectWithFlash(here, outcome === "paid" ? "payouts.flash.transferRecorded" : outcome === "late-refunded" ? "payouts.flash.transferLate" : "payouts.flash.transferAlready");
    }
    await markRemitted({ db, actor: user, vendorOrderIds: [params.id ?? ""] });
    throw redirectWithFlash(here, "payouts.flash.remitted");
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, { intent: input.intent, ...(input.intent === "transfer" ? { bankReference: input.bankReference } : {}), ...(input.intent === "cancel" ? { reason: input.reason } : {}) });
  }
}

/** A Latin order number inside Arabic text keeps its own direction (Unicode isolates). */
const isolate = (text: string) => `\u2066${text}\u2069`;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="font-medium">{label} :</dt>
      <dd>{children}</dd>
    </div>
  );
}

export default function AdminOrder() {
  const t = useT();
  const locale = useLocale();
  const { order, group, cooperative, regionFr, regionAr, items, events, siblings, attempts, refunds, can } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failed = actionData?.values?.intent;
  const mad = (c: number) => formatMad(c, locale);
  return (
    <article className="space-y-6">
      <p>
        <L to="/admin/commandes"><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("payouts.detail.back")}</L>
      </p>
      <header className="space-y-1">
        <h2 className="text-xl font-semibold">{t("payouts.detail.title", { number: isolate(order.number) })}</h2>
        <p className="text-muted">
          {cooperative.name} · {t(`orders.status.${order.status}` as MessageKey)}
          {order.statusReason ? ` — ${order.statusReason}` : ""}
        </p>
      </header>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="group-h" className="card space-y-2">
          <h3 id="group-h" className="text-lg font-semibold">{t("payouts.detail.group", { number: isolate(group.number) })}</h3>
          <dl className="space-y-1 text-sm">
            <Row label={t("payouts.detail.placedAt")}><Time value={group.createdAt} withTime /></Row>
            <Row label={t("payouts.detail.buyer")}>{group.buyerName}</Row>
            <Row label={t("payouts.detail.phone")}><bdi dir="ltr">{group.buyerPhone}</bdi></Row>
            <Row label={t("payouts.detail.email")}><bdi dir="ltr">{group.buyerEmail}</bdi></Row>
            <Row label={t("payouts.detail.address")}>
              {group.addressLine}, {group.city}{group.postalCode ? ` ${group.postalCode}` : ""}, {locale === "ar" ? regionAr : regionFr}
            </Row>
            {group.companyName ? <Row label={t("payouts.detail.company")}>{group.companyName}</Row> : null}
            {group.companyIce ? <Row label={t("payouts.detail.ice")}><bdi dir="ltr">{group.companyIce}</bdi></Row> : null}
            <Row label={t("payouts.detail.method")}>{t(`orders.method.${group.paymentMethod}` as MessageKey)}</Row>
            <Row label={t("payouts.detail.paymentStatus")}>{t(`payouts.paymentStatus.${group.paymentStatus}` as MessageKey)}</Row>
            {group.paymentReference ? <Row label={t("payouts.detail.paymentReference")}><bdi dir="ltr">{group.paymentReference}</bdi></Row> : null}
            <Row label={t("payouts.detail.total")}>{mad(group.totalCentimes)}</Row>
          </dl>
          {siblings.length ? (
            <>
              <h4 className="font-semibold">{t("payouts.detail.siblings")}</h4>
              <ul className="text-sm">
                {siblings.map((s) => (
                  <li key={s.id}>
                    <L to={`/admin/commandes/${s.id}`}><bdi dir="ltr">{s.number}</bdi></L> · {s.cooperativeName} · {t(`orders.status.${s.status}` as MessageKey)} · {mad(s.totalCentimes)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>

        <section aria-labelledby="items-h" className="card space-y-2">
          <h3 id="items-h" className="text-lg font-semibold">{t("payouts.detail.items")}</h3>
          <ul className="divide-y divide-line text-sm">
            {items.map((i) => (
              <li key={i.id} className="flex justify-between gap-2 py-1">
                <span>
                  {locale === "ar" && i.titleAr ? i.titleAr : i.titleFr} · {sizeLabel(i.unit, i.size, locale, t)} × {formatNumber(i.quantity, locale)}
                </span>
                <span className="whitespace-nowrap">{mad(i.lineTotalCentimes)}</span>
              </li>
            ))}
          </ul>
          <dl className="space-y-1 text-sm">
            <Row label={t("payouts.detail.itemsTotal")}>{mad(order.itemsTotalCentimes)}</Row>
            <Row label={t("payouts.detail.shipping")}>{mad(order.shippingFeeCentimes)}</Row>
            {order.commissionCentimes ? <Row label={t("payouts.detail.commission")}>{mad(order.commissionCentimes)}</Row> : null}
            <Row label={t("payouts.detail.total")}>{mad(order.totalCentimes)}</Row>
            {order.codAmountCentimes ? <Row label={t("payouts.detail.cod")}>{mad(order.codAmountCentimes)}</Row> : null}
            {order.carrier ? <Row label={t("payouts.detail.carrier")}>{order.carrier} <bdi dir="ltr">{order.trackingNumber ?? ""}</bdi></Row> : null}
          </dl>
        </section>
      </div>

      <section aria-labelledby="actions-h" className="card space-y-4">
        <h3 id="actions-h" className="text-lg font-semibold">{t("payouts.detail.actions")}</h3>
        <FormMessage messageKey={actionData?.messageKey} />
        {!can.cancel && !can.transfer && !can.remit ? <p>{t("payouts.detail.noActions")}</p> : null}
        {can.remit ? (
          <Form method="post">
            <button type="submit" name="intent" value="remit" className="btn" disabled={busy}>{t("payouts.detail.remit")}</button>
          </Form>
        ) : null}
        {can.transfer ? (
          <Form method="post" className="max-w-md space-y-2">
            <Field
              label={t("payouts.detail.bankReference")}
              name="bankReference"
              required
              maxLength={100}
              dir="ltr"
              hint={t("payouts.detail.transferHint", { amount: mad(group.totalCentimes), reference: group.paymentReference ?? group.number })}
              defaultValue={failed === "transfer" ? valueOf(actionData, "bankReference") : undefined}
              errors={failed === "transfer" || actionData?.errors?.bankReference ? actionData?.errors?.bankReference : undefined}
            />
            <button type="submit" name="intent" value="transfer" className="btn" disabled={busy}>{t("payouts.detail.transfer")}</button>
          </Form>
        ) : null}
        {can.cancel ? (
          <Form method="post" className="max-w-md space-y-2">
            <TextArea
              label={t("payouts.detail.cancelReason")}
              name="reason"
              required
              minLength={5}
              maxLength={500}
              hint={t("payouts.detail.cancelHint")}
              defaultValue={failed === "cancel" ? valueOf(actionData, "reason") : undefined}
              errors={actionData?.errors?.reason}
            />
            <button type="submit" name="intent" value="cancel" className="btn-danger" disabled={busy}>{t("payouts.detail.cancel")}</button>
          </Form>
        ) : null}
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="history-h" className="card space-y-2">
          <h3 id="history-h" className="text-lg font-semibold">{t("payouts.detail.history")}</h3>
          <ol className="space-y-1 text-sm">
            {events.map((e) => (
              <li key={e.id}>
                <Time value={e.createdAt} withTime /> · {t(`orders.status.${e.toStatus}` as MessageKey)}
                {e.actorName ? ` · ${t("payouts.detail.by", { name: e.actorName })}` : ""}
                {e.note ? ` — ${e.note}` : ""}
              </li>
            ))}
          </ol>
        </section>
        <section aria-labelledby="payments-h" className="card space-y-2">
          <h3 id="payments-h" className="text-lg font-semibold">{t("payouts.detail.attempts")}</h3>
          {attempts.length ? (
            <ul className="space-y-1 text-sm">
              {attempts.map((a) => (
                <li key={a.id}>
                  <Time value={a.createdAt} withTime /> · {t(`orders.method.${a.provider}` as MessageKey)} · {t(`payouts.attemptState.${a.state}` as MessageKey)} · {mad(a.amountCentimes)}
                  {a.providerRef ? <> · <bdi dir="ltr">{a.providerRef}</bdi></> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm">{t("payouts.detail.none")}</p>
          )}
          <h4 className="font-semibold">{t("payouts.detail.refunds")}</h4>
          {refunds.length ? (
            <ul className="space-y-1 text-sm">
              {refunds.map((r) => (
                <li key={r.id}>
                  <Time value={r.createdAt} withTime /> · {mad(r.amountCentimes)} · {t(`payouts.refundState.${r.state}` as MessageKey)} — {r.reason}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm">{t("payouts.detail.none")}</p>
          )}
        </section>
      </div>
    </article>
  );
}
