import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { REPORT_REASONS } from "../../db/schema/enums";
import { FormMessage, Select, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { useOrgName } from "~/components/messages";
import { formatDate, formatNumber } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { blockOrganization, unblockOrganization } from "~/modules/messages/blocks.server";
import { getConversation, replyToConversation } from "~/modules/messages/messages.server";
import { BODY_MAX } from "~/modules/messages/limits";
import { blockSchema, replySchema } from "~/modules/messages/schemas";
import { createReport } from "~/modules/moderation/moderation.server";
import { reportSchema } from "~/modules/moderation/schemas";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, "messages.threadTitle", { subject: args.data?.subject ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conversation = await load(() => getConversation({ db, actor: user, id: params.id ?? "" }));
  return {
    ...conversation,
    messages: conversation.messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = (message: Parameters<typeof redirectWithFlash>[1]) => redirectWithFlash(hrefFor(request, `/messages/${id}`), message);
  try {
    switch (intent) {
      case "reply": {
        const result = parseForm(replySchema, formData);
        if (!result.ok) return invalid(result);
        await replyToConversation({ db, actor: user, id, input: result.data });
        throw back("messages.replySent");
      }
      case "block":
      case "unblock": {
        const result = parseForm(blockSchema, formData);
        if (!result.ok) return invalid(result);
        const change = intent === "block" ? blockOrganization : unblockOrganization;
        await change({ db, actor: user, slug: result.data.organization, otherSlug: result.data.other });
        throw back(intent === "block" ? "messages.blocked" : "messages.unblocked");
      }
      case "report": {
        const result = parseForm(reportSchema, formData);
        if (!result.ok) return invalid(result);
        await createReport({ db, reporterId: user.id, input: result.data });
        throw back("report.thanks");
      }
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    // Blocked or rate-limited: what was typed stays in the form.
    return formFailure(error, formValues(formData));
  }
  return invalid({ ok: false, errors: { intent: ["errors.invalid"] }, values: {} });
}

export default function Conversation() {
  const t = useT();
  const locale = useLocale();
  const orgName = useOrgName();
  const c = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const of = (intent: string, targetId?: string) =>
    actionData?.values?.intent === intent && (!targetId || actionData.values.targetId === targetId) ? actionData : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <p>
        <L to="/messages"><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("messages.back")}</L>
      </p>
      <header>
        <h1 className="text-2xl font-bold" dir="auto">{c.subject}</h1>
        <p className="text-muted">
          {t("messages.between", { mine: orgName(c.mine), other: orgName(c.other) })}
          {" · "}
          <L to={`/organisations/${c.other.slug}`}>{t("messages.seeProfile", { organization: orgName(c.other) })}</L>
        </p>
      </header>
      {of("reply") || of("block") || of("unblock") ? <FormMessage messageKey={actionData?.messageKey} /> : null}

      <ol className="space-y-3">
        {c.messages.map((m) => (
          <li key={m.id} className={`card ${m.ours ? "ms-8 bg-brand-50" : "me-8"}`}>
            <p className="flex flex-wrap justify-between gap-2 text-sm text-muted">
              <span>
                <span className="font-semibold text-ink" dir="auto">{orgName(m.fromSide)}</span>
                {m.senderName ? (
                  <>
                    <span aria-hidden="true"> · </span>
                    <span dir="auto">{m.senderName}</span>
                  </>
                ) : null}
              </span>
              <span suppressHydrationWarning>{formatDate(m.createdAt, locale, "datetime")}</span>
            </p>
            <p className="mt-2 whitespace-pre-line break-words" dir="auto">{m.body}</p>
            {m.ours ? null : (
              <details className="mt-3 text-sm" open={!!of("report", m.id)}>
                <summary className="inline-flex min-h-11 cursor-pointer items-center text-brand-700">{t("messages.report")}</summary>
                <Form method="post" className="mt-2 space-y-3" noValidate>
                  <FormMessage messageKey={of("report", m.id)?.messageKey} />
                  <input type="hidden" name="intent" value="report" />
                  <input type="hidden" name="targetType" value="message" />
                  <input type="hidden" name="targetId" value={m.id} />
                  <Select label={t("report.reason")} name="reason" defaultValue={valueOf(of("report", m.id), "reason", "")} errors={of("report", m.id)?.errors?.reason}>
                    <option value="" disabled>{t("fields.choose")}</option>
                    {REPORT_REASONS.map((r) => (
                      <option key={r} value={r}>{t(`report.reasons.${r}`)}</option>
                    ))}
                  </Select>
                  <TextArea label={t("report.details")} name="details" defaultValue={valueOf(of("report", m.id), "details")} errors={of("report", m.id)?.errors?.details} />
                  <button type="submit" className="btn-secondary">{t("report.submit")}</button>
                </Form>
              </details>
            )}
          </li>
        ))}
      </ol>

      {c.block ? (
        <p role="status" className="rounded-lg border border-warn/40 bg-white p-3 text-warn">
          {t(c.block === "byUs" ? "messages.blockedByUs" : "messages.blockedByThem")}
        </p>
      ) : (
        <section className="card" aria-labelledby="reply-h">
          <h2 id="reply-h" className="mb-3 text-lg font-semibold">{t("messages.reply")}</h2>
          {/* A new key once the reply is in the thread, so the box comes back empty. */}
          <Form key={c.messages.length} method="post" className="space-y-4" noValidate>
            <input type="hidden" name="intent" value="reply" />
            {c.bothSides ? (
              <Select label={t("messages.replyAs")} name="from" defaultValue={valueOf(of("reply"), "from", c.mine.slug)}>
                {c.bothSides.map((s) => (
                  <option key={s.slug} value={s.slug}>{orgName(s)}</option>
                ))}
              </Select>
            ) : null}
            <TextArea
              label={t("messages.body")}
              name="body"
              dir="auto"
              rows={6}
              maxLength={BODY_MAX}
              hint={t("messages.maxChars", { max: formatNumber(BODY_MAX, locale) })}
              defaultValue={valueOf(of("reply"), "body")}
              errors={of("reply")?.errors?.body}
            />
            <button type="submit" className="btn">{t("messages.send")}</button>
          </Form>
        </section>
      )}

      {c.canBlock ? (
        <Form method="post" className="text-sm">
          <input type="hidden" name="organization" value={c.mine.slug} />
          <input type="hidden" name="other" value={c.other.slug} />
          {c.block === "byUs" ? (
            <button type="submit" name="intent" value="unblock" className="btn-secondary">
              {t("messages.unblockNamed", { organization: orgName(c.other) })}
            </button>
          ) : (
            <>
              <p className="mb-2 text-muted">{t("messages.blockHint")}</p>
              <button type="submit" name="intent" value="block" className="btn-secondary">
                {t("messages.block", { organization: orgName(c.other) })}
              </button>
            </>
          )}
        </Form>
      ) : null}
    </div>
  );
}
