import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { TANDEM_DECLINE_REASONS } from "../../db/schema/enums";
import { FormMessage, Select, TextArea } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { formatDate, formatNumber } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { localName } from "~/modules/orders/format";
import { answerProposal, listTandemsFor } from "~/modules/tandems/proposals.server";
import { answerSchema } from "~/modules/tandems/schemas";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "tandems.list.title", { name: args.data?.org.name ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1") || 1;
  const list = await load(() => listTandemsFor({ db, actor: user, slug: params.slug ?? "", page }));
  const { org } = list;
  return { ...list, org: { slug: org.slug, name: org.name, nameAr: org.nameAr } };
}

/** Accept, decline (with a reason) or withdraw: the same page again with a confirmation, or why not. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = parseForm(answerSchema, formData);
  if (!result.ok) return invalid(result);
  const input = result.data;
  try {
    await answerProposal({
      db,
      actor: user,
      tandemId: input.tandemId,
      action: input.intent,
      ...(input.intent === "decline" ? { reason: input.reason, text: input.text } : {}),
    });
  } catch (error) {
    return formFailure(error, formValues(formData));
  }
  const url = new URL(request.url);
  const done = { accept: "tandems.list.accepted", decline: "tandems.list.declined", withdraw: "tandems.list.withdrawn" } as const;
  throw redirectWithFlash(`${url.pathname}${url.search}`, done[input.intent]);
}

export default function OrganizationTandems() {
  const t = useT();
  const locale = useLocale();
  const { org, items, page, pageCount, awaiting } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const name = localName({ fr: org.name, ar: org.nameAr }, locale);
  const base = `/organisations/${org.slug}/tandems`;
  const failedId = actionData?.values?.tandemId;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={`/organisations/${org.slug}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {name}
        </L>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold" dir="auto">{t("tandems.list.title", { name })}</h1>
        <p className="text-muted">{t("tandems.list.intro")}</p>
        {awaiting > 0 ? <p className="badge bg-brand-50 text-brand-800">{t("tandems.propose.awaiting", { count: formatNumber(awaiting, locale) })}</p> : null}
      </header>
      {actionData && !items.some((i) => i.id === failedId) ? <FormMessage messageKey={actionData.messageKey} /> : null}

      {items.length === 0 ? (
        <p className="card text-muted">{t("tandems.list.empty")}</p>
      ) : (
        <ul className="space-y-4">
          {items.map((item) => {
            const other = localName({ fr: item.other.name, ar: item.other.nameAr }, locale);
            const mine = actionData && failedId === item.id ? actionData : null;
            return (
              <li key={item.id} className="card space-y-3" aria-labelledby={`tandem-${item.id}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 id={`tandem-${item.id}`} className="text-lg font-semibold" dir="auto">
                    {t(item.side === "recipient" ? "tandems.list.received" : "tandems.list.sent", { name: other })}
                  </h2>
                  <span className="badge bg-brand-50 text-brand-800">{t(`tandems.status.${item.status}`)}</span>
                </div>
                <p className="text-sm text-muted">
                  <span dir="ltr">{item.number}</span> · {t(`tandems.format.${item.format}`)} · {t("tandems.list.hours", { hours: formatNumber(item.expectedHours, locale) })}
                </p>
                <p className="text-sm">{item.skills.map((s) => t(`skills.${s}` as Parameters<typeof t>[0])).join(" · ")}</p>
                <p className="text-sm">
                  {t("tandems.list.period", { start: formatDate(item.periodStart, locale), end: formatDate(item.periodEnd, locale) })}
                </p>
                <p className="whitespace-pre-line" dir="auto">{item.objectives}</p>
                {item.message ? <p className="whitespace-pre-line border-s-4 border-line ps-3 text-sm" dir="auto">{item.message}</p> : null}
                {item.declineReason ? (
                  <p className="text-sm">
                    {t(`tandems.declineReason.${item.declineReason}`)}
                    {item.declineText ? <span dir="auto"> — {item.declineText}</span> : null}
                  </p>
                ) : null}
                {item.status === "proposed" ? (
                  <p className="text-sm text-muted" suppressHydrationWarning>{t("tandems.list.answerBy", { date: formatDate(item.answerBy, locale) })}</p>
                ) : null}
                {item.status !== "declined" && item.status !== "withdrawn" && item.status !== "expired" ? (
                  <p>
                    <L to={`/tandems/${item.number}`} className="btn-secondary min-h-11">{t("tandems.list.open", { number: item.number })}</L>
                  </p>
                ) : null}
                {mine?.messageKey ? <FormMessage messageKey={mine.messageKey} /> : null}
                {item.actions.length ? (
                  <div className="flex flex-wrap items-start gap-2">
                    {item.actions.includes("accept") ? (
                      <Form method="post">
                        <input type="hidden" name="tandemId" value={item.id} />
                        <button type="submit" name="intent" value="accept" className="btn-primary min-h-11">{t("tandems.list.accept")}</button>
                      </Form>
                    ) : null}
                    {item.actions.includes("withdraw") ? (
                      <Form method="post">
                        <input type="hidden" name="tandemId" value={item.id} />
                        <button type="submit" name="intent" value="withdraw" className="btn-secondary min-h-11">{t("tandems.list.withdraw")}</button>
                      </Form>
                    ) : null}
                    {item.actions.includes("decline") ? (
                      <details className="w-full">
                        <summary className="btn-secondary inline-flex min-h-11 cursor-pointer items-center">{t("tandems.list.decline")}</summary>
                        <Form method="post" className="mt-3 space-y-3" noValidate>
                          <input type="hidden" name="tandemId" value={item.id} />
                          <Select label={t("tandems.list.declineReason")} name="reason" required errors={mine?.errors?.reason} defaultValue="">
                            <option value="" disabled>—</option>
                            {TANDEM_DECLINE_REASONS.map((r) => (
                              <option key={r} value={r}>{t(`tandems.declineReason.${r}`)}</option>
                            ))}
                          </Select>
                          <TextArea label={t("tandems.list.declineText")} name="text" rows={3} maxLength={2000} errors={mine?.errors?.text} />
                          <button type="submit" name="intent" value="decline" className="btn-primary min-h-11">{t("tandems.list.decline")}</button>
                        </Form>
                      </details>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => `${base}${p > 1 ? `?page=${p}` : ""}`} />
    </div>
  );
}
