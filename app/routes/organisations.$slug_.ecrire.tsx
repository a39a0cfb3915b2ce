import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, FormMessage, Select, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useRootData, useT } from "~/components/i18n";
import { useOrgName } from "~/components/messages";
import { formatNumber } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { getComposeOptions, startConversation } from "~/modules/messages/messages.server";
import { BODY_MAX, SUBJECT_MAX } from "~/modules/messages/limits";
import { composeSchema } from "~/modules/messages/schemas";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, "messages.composeHeading", { organization: args.data?.to.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => getComposeOptions({ db, actor: user, toSlug: params.slug ?? "" }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = parseForm(composeSchema, formData);
  if (!result.ok) return invalid(result);
  let id: string;
  try {
    ({ id } = await startConversation({ db, actor: user, toSlug: params.slug ?? "", input: result.data }));
  } catch (error) {
    // Blocked, rate-limited: the person keeps what they wrote.
    return formFailure(error, formValues(formData));
  }
  throw redirectWithFlash(hrefFor(request, `/messages/${id}`), "messages.sent");
}

export default function Compose() {
  const t = useT();
  const locale = useLocale();
  const orgName = useOrgName();
  const { to, senders } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const active = useRootData()?.viewer?.activeOrganization?.slug;
  const defaultFrom = senders.some((s) => s.slug === active) ? active : senders[0]?.slug;
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <p>
        <L to={`/organisations/${to.slug}`}><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {orgName(to)}</L>
      </p>
      <h1 className="text-2xl font-bold">{t("messages.composeHeading", { organization: orgName(to) })}</h1>
      {senders.length === 0 ? (
        <div className="card space-y-3">
          <p>{t("messages.noOrganization")}</p>
          <L to="/organisations/nouvelle" className="btn">{t("nav.newOrganization")}</L>
        </div>
      ) : (
        <div className="card">
          <FormMessage messageKey={actionData?.messageKey} />
          <p className="mb-4 text-muted">{t("messages.composeHint", { organization: orgName(to) })}</p>
          <Form method="post" className="space-y-4" noValidate>
            {senders.length > 1 ? (
              <Select label={t("messages.from")} name="from" defaultValue={valueOf(actionData, "from", defaultFrom)} errors={actionData?.errors?.from}>
                {senders.map((s) => (
                  <option key={s.slug} value={s.slug}>{orgName(s)}</option>
                ))}
              </Select>
            ) : (
              <p>
                {t("messages.fromOnly")} <strong dir="auto">{orgName(senders[0])}</strong>
                <input type="hidden" name="from" value={senders[0].slug} />
              </p>
            )}
            <Field
              label={t("messages.subject")}
              name="subject"
              dir="auto"
              maxLength={SUBJECT_MAX}
              hint={t("messages.maxChars", { max: formatNumber(SUBJECT_MAX, locale) })}
              defaultValue={valueOf(actionData, "subject")}
              errors={actionData?.errors?.subject}
            />
            <TextArea
              label={t("messages.body")}
              name="body"
              dir="auto"
              rows={10}
              maxLength={BODY_MAX}
              hint={t("messages.maxChars", { max: formatNumber(BODY_MAX, locale) })}
              defaultValue={valueOf(actionData, "body")}
              errors={actionData?.errors?.body}
            />
            <button type="submit" className="btn">{t("messages.send")}</button>
          </Form>
        </div>
      )}
    </div>
  );
}
