import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage, Field, Select } from "~/components/form";
import { useHref, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { formatMad } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { payoutBatchSchema } from "~/modules/orders/admin.server";
import { createPayoutBatch, ledgerCooperatives, listPayoutBatches, payableCooperatives } from "~/modules/orders/payouts.server";

// Paying the cooperatives (issue 4, item 5): those with an available balance, their RIB (a missing or
// invalid one cannot be paid), a batch for the chosen ones, the batches' files for the bank, the ledger.

export const meta: MetaFunction = (args) => pageTitle(args, "payouts.page.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const [payable, batches, ledgerOrgs] = await Promise.all([payableCooperatives(db, user), listPayoutBatches(db, user), ledgerCooperatives(db, user)]);
  return { payable, batches: batches.map((b) => ({ ...b, createdAt: b.createdAt.toISOString() })), ledgerOrgs };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const formData = await request.formData();
  const result = parseForm(payoutBatchSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    await createPayoutBatch({ db, actor: user, organizationIds: result.data.organizationId, note: result.data.note });
  } catch (error) {
    return formFailure(error, { note: result.data.note ?? "" });
  }
  throw redirectWithFlash(hrefFor(request, "/admin/paiements"), "payouts.flash.batchCreated");
}

/** 24 digits read in their groups: bank 3, city 3, account 16, key 2. */
function ribGroups(rib: string) {
  return rib.length === 24 ? `${rib.slice(0, 3)} ${rib.slice(3, 6)} ${rib.slice(6, 22)} ${rib.slice(22)}` : rib;
}

export default function Payouts() {
  const t = useT();
  const locale = useLocale();
  const href = useHref();
  const { payable, batches, ledgerOrgs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const mad = (c: number) => formatMad(c, locale);
  const formError = actionData?.messageKey ?? actionData?.errors?.organizationId?.[0] ?? null;
  return (
    <section className="space-y-6">
      <h2 className="text-xl font-semibold">{t("payouts.page.title")}</h2>
      <p className="max-w-prose text-sm text-muted">{t("payouts.page.intro")}</p>

      {payable.length === 0 ? (
        <p className="card">{t("payouts.page.none")}</p>
      ) : (
        <Form method="post" className="space-y-4">
          <FormMessage messageKey={formError} />
          <ul className="grid gap-3 md:grid-cols-2">
            {payable.map((c) => {
              const payableRib = c.ribStatus === "ok";
              return (
                <li key={c.id} className="card">
                  <label className="flex items-start gap-3">
                    <input
                      type="checkbox"
                      name="organizationId"
                      value={c.id}
                      disabled={!payableRib}
                      defaultChecked={false}
                      aria-label={t("payouts.page.payThis", { name: c.name })}
                      className="mt-1 size-5 accent-brand-700"
                    />
                    <span className="flex-1 space-y-1">
                      <span className="block font-semibold">{c.name}</span>
                      <span className="block text-sm">
                        {t("payouts.page.rib")} :{" "}
                        {c.rib ? <bdi dir="ltr" className="font-mono">{ribGroups(c.rib)}</bdi> : "—"}
                      </span>
                      {c.ribStatus !== "ok" ? (
                        <span className="block text-sm text-danger">{t(c.ribStatus === "missing" ? "payouts.page.ribMissing" : "payouts.page.ribInvalid")}</span>
                      ) : null}
                      <span className="flex flex-wrap gap-x-4 text-sm">
                        <span>{t("payouts.page.available")} : <strong>{mad(c.availableCentimes)}</strong></span>
                        <span className="text-muted">{t("payouts.page.pending")} : {mad(c.pendingCentimes)}</span>
                        <span className="text-muted">{t("payouts.page.paidOut")} : {mad(c.paidOutCentimes)}</span>
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <div className="max-w-md space-y-3">
            <Field label={t("payouts.page.note")} name="note" maxLength={200} defaultValue={actionData?.values?.note as string | undefined} errors={actionData?.errors?.note} />
            <button type="submit" className="btn" disabled={busy}>{t("payouts.page.create")}</button>
          </div>
        </Form>
      )}

      <section aria-labelledby="batches-h" className="space-y-3">
        <h3 id="batches-h" className="text-lg font-semibold">{t("payouts.page.batches")}</h3>
        {batches.length === 0 ? (
          <p className="card">{t("payouts.page.noBatches")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-sm">
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="p-2 text-start">{t("payouts.page.reference")}</th>
                  <th scope="col" className="p-2 text-start">{t("payouts.page.date")}</th>
                  <th scope="col" className="p-2 text-start">{t("payouts.page.cooperative")}</th>
                  <th scope="col" className="p-2 text-end">{t("payouts.page.total")}</th>
                  <th scope="col" className="p-2 text-start"><span className="sr-only">{t("payouts.page.download")}</span></th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} className="border-b border-line">
                    <td className="p-2 whitespace-nowrap"><bdi dir="ltr">{b.reference}</bdi>{b.note ? <span className="block text-muted">{b.note}</span> : null}</td>
                    <td className="p-2 whitespace-nowrap"><Time value={b.createdAt} withTime /></td>
                    <td className="p-2">{t("payouts.page.cooperatives", { count: b.cooperatives })}</td>
                    <td className="p-2 text-end whitespace-nowrap">{mad(b.totalCentimes)}</td>
                    <td className="p-2"><a href={href(`/admin/paiements/${b.id}.csv`)} download>{t("payouts.page.download")}</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="ledger-h" className="card space-y-3">
        <h3 id="ledger-h" className="text-lg font-semibold">{t("payouts.page.ledger")}</h3>
        <p className="text-sm text-muted">{t("payouts.page.ledgerHint")}</p>
        {/* A GET form to the CSV: the browser downloads the file. */}
        <form method="get" action="/admin/grand-livre.csv" className="flex flex-wrap items-end gap-3">
          {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
          <div className="min-w-64">
            <Select label={t("payouts.page.ledgerWho")} name="cooperative" defaultValue="">
              <option value="">{t("payouts.page.ledgerAll")}</option>
              {ledgerOrgs.map((o) => (
                <option key={o.id} value={o.id}>{o.name}</option>
              ))}
            </Select>
          </div>
          <button type="submit" className="btn-secondary">{t("payouts.page.ledgerDownload")}</button>
        </form>
      </section>
    </section>
  );
}
