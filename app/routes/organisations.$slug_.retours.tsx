import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { REVIEW_MAX_CHARS, returnDecisionSchema } from "~/modules/orders/after-sale-schemas";
import { localName, sizeLabel } from "~/modules/orders/format";
import { decideReturn, listReturns } from "~/modules/orders/returns.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "reviews.returns.coopTitle", { organization: args.data?.cooperative.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => listReturns({ db, actor: user, cooperativeSlug: params.slug ?? "" }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = parseForm(returnDecisionSchema, formData);
  if (!result.ok) return invalid(result);
  let decided: Awaited<ReturnType<typeof decideReturn>>;
  try {
    decided = await decideReturn({ db, actor: user, input: result.data });
  } catch (error) {
    return formFailure(error, formValues(formData));
  }
  throw redirectWithFlash(
    hrefFor(request, `/organisations/${params.slug ?? ""}/retours`),
    decided.status === "accepted" ? "reviews.returns.acceptedDone" : "reviews.returns.refusedDone",
  );
}

export default function Returns() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const name = localName({ fr: cooperative.name, ar: cooperative.nameAr }, locale);
  const open = requests.filter((r) => r.status === "requested");
  const decided = requests.filter((r) => r.status !== "requested");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <L to={`/organisations/${cooperative.slug}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {name}
        </L>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{t("reviews.returns.coopTitle", { organization: name })}</h1>
        <p className="mt-1 text-muted">{t("reviews.returns.coopIntro")}</p>
        <p className="mt-2 flex flex-wrap gap-2">
          <L to={`/organisations/${cooperative.slug}/commandes`} className="btn-secondary">{t("orders.email.openDashboard")}</L>
          <L to={`/organisations/${cooperative.slug}/avis`} className="btn-secondary">{t("reviews.coop.link")}</L>
        </p>
      </header>

      <section className="space-y-3" aria-labelledby="open-h">
        <h2 id="open-h" className="text-lg font-semibold">{t("reviews.returns.open", { count: formatNumber(open.length, locale) })}</h2>
        {open.length === 0 ? <p className="card text-muted">{t("reviews.returns.noneOpen")}</p> : null}
        {open.map((r) => {
          const mine = actionData?.values?.returnRequestId === r.id ? actionData : undefined;
          return (
            <article key={r.id} className="card space-y-3" aria-labelledby={`r-${r.id}`}>
              <h3 id={`r-${r.id}`} className="font-semibold">
                {r.orderNumber} · <span dir="auto">{r.buyerName}</span>
              </h3>
              <p className="text-sm text-muted">
                {t("reviews.returns.askedOn")} <Time value={r.createdAt} withTime />
                {r.deliveredAt ? (
                  <>
                    {" · "}
                    {t("reviews.returns.deliveredOn")} <Time value={r.deliveredAt} />
                  </>
                ) : null}
                {" · "}
                <a href={`tel:${r.buyerPhone}`} dir="ltr">{r.buyerPhone}</a>
              </p>
              <ul className="list-disc ps-5">
                {r.items.map((i, n) => (
                  <li key={n} dir="auto">
                    {formatNumber(i.quantity, locale)} × {localName({ fr: i.titleFr, ar: i.titleAr }, locale)} ({sizeLabel(i.unit, i.size, locale, t)}) —{" "}
                    {formatMad(i.unitPriceCentimes * i.quantity, locale)}
                  </li>
                ))}
              </ul>
              <p className="font-medium">{t("reviews.returns.value", { amount: formatMad(r.valueCentimes, locale) })}</p>
              <blockquote className="border-s-4 border-line ps-3 italic" dir="auto">{r.reason}</blockquote>
              <FormMessage messageKey={mine?.messageKey} />
              <Form method="post" className="space-y-3" noValidate>
                <input type="hidden" name="returnRequestId" value={r.id} />
                <TextArea
                  label={t("reviews.returns.decisionReason")}
                  hint={t("reviews.returns.decisionHint")}
                  name="reason"
                  rows={2}
                  maxLength={REVIEW_MAX_CHARS}
                  defaultValue={valueOf(mine, "reason")}
                  errors={mine?.errors?.reason}
                />
                <div className="flex flex-wrap gap-2">
                  <button type="submit" name="decision" value="accepted" className="btn">{t("reviews.returns.accept")}</button>
                  <button type="submit" name="decision" value="refused" className="btn-danger">{t("reviews.returns.refuse")}</button>
                </div>
              </Form>
            </article>
          );
        })}
      </section>

      {decided.length > 0 ? (
        <section className="card" aria-labelledby="decided-h">
          <h2 id="decided-h" className="text-lg font-semibold">{t("reviews.returns.decided")}</h2>
          <ul className="mt-2 divide-y divide-line">
            {decided.map((r) => (
              <li key={r.id} className="py-2 text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{r.orderNumber}</span>
                  <span className="badge bg-sand">{t(`reviews.returns.status.${r.status}` as MessageKey)}</span>
                  {r.decidedAt ? <Time value={r.decidedAt} /> : null}
                  {r.status === "accepted" ? <span>{formatMad(r.refundCentimes, locale)}</span> : null}
                </p>
                {r.decisionReason ? <p className="italic" dir="auto">{r.decisionReason}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
