import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, FormMessage, Select, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { resolveLocale } from "~/i18n/locale.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { getUser } from "~/modules/accounts/session.server";
import { getRegistrationPage, registerForEvent, registrationSchema } from "~/modules/events/registrations.server";
import { eventPath, ticketPath } from "~/modules/events/rules";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "eventRegistrations.register.title", { title: args.data?.event.titleFr ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const page = await load(() => getRegistrationPage(db, params.slug ?? "", user));
  return { event: page.event, summary: page.summary, organizations: page.organizations, account: user ? { name: user.name, email: user.email } : null, started: page.event.startsAt <= new Date() };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const result = parseForm(registrationSchema, await request.formData());
  if (!result.ok) return invalid(result);
  let token: string;
  let waitlisted: boolean;
  try {
    const registration = await registerForEvent({ db, actor: user, slug: params.slug ?? "", input: result.data, locale: resolveLocale(request), ip: context.clientIp });
    token = registration.token;
    waitlisted = registration.status === "waitlisted";
  } catch (error) {
    const d = result.data;
    return formFailure(error, { name: d.name, email: d.email ?? "", gender: d.gender ?? "", organizationId: d.organizationId ?? "" });
  }
  throw redirectWithFlash(hrefFor(request, ticketPath(token)), waitlisted ? "eventRegistrations.flash.waitlisted" : "eventRegistrations.flash.registered");
}

export default function Register() {
  const t = useT();
  const locale = useLocale();
  const { event, summary, organizations, account } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const title = locale === "ar" ? event.titleAr : event.titleFr;
  const full = actionData?.messageKey === "eventRegistrations.errors.full";
  const left = summary.capacity === null ? null : Math.max(0, summary.capacity - summary.registered);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p>
        <L to={eventPath(event.slug)}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("eventRegistrations.register.back")}
        </L>
      </p>
      <h1 className="text-2xl font-bold" dir="auto">{t("eventRegistrations.register.title", { title })}</h1>
      <p className="text-muted">
        <Time value={event.startsAt} withTime />
        {left !== null ? <> · {t("eventRegistrations.register.places", { left, capacity: summary.capacity! })}</> : null}
      </p>
      <div className="card space-y-4">
        <FormMessage messageKey={actionData?.messageKey} tone={full ? "warn" : "danger"} />
        {full ? (
          <Form method="post" className="space-y-2">
            <p>{t("eventRegistrations.register.fullOffer")}</p>
            {(["name", "email", "gender", "organizationId"] as const).map((k) => (
              <input key={k} type="hidden" name={k} value={valueOf(actionData, k, "") ?? ""} />
            ))}
            <button type="submit" name="intent" value="waitlist" className="btn">{t("eventRegistrations.register.waitlist")}</button>
          </Form>
        ) : null}
        <p className="text-muted">{t("eventRegistrations.register.intro")} {account ? null : t("eventRegistrations.register.guest")}</p>
        <Form method="post" className="space-y-4" noValidate>
          <Field label={t("eventRegistrations.register.name")} name="name" required maxLength={120} autoComplete="name" defaultValue={valueOf(actionData, "name", account?.name ?? "")} errors={actionData?.errors?.name} />
          {account ? (
            <Field label={t("eventRegistrations.register.email")} name="email" type="email" value={account.email} readOnly hint={t("eventRegistrations.register.emailFixed")} dir="ltr" />
          ) : (
            <Field label={t("eventRegistrations.register.email")} name="email" type="email" required maxLength={254} autoComplete="email" dir="ltr" defaultValue={valueOf(actionData, "email", "")} errors={actionData?.errors?.email} />
          )}
          <fieldset>
            <legend className="label">{t("eventRegistrations.register.gender")}</legend>
            <p id="gender-hint" className="mb-1 text-sm text-muted">{t("eventRegistrations.register.genderHint")}</p>
            {([["woman", "genderWoman"], ["man", "genderMan"], ["", "genderNone"]] as const).map(([value, key]) => (
              <label key={key} className="flex items-center gap-2 py-1">
                <input type="radio" name="gender" value={value} aria-describedby="gender-hint" defaultChecked={(valueOf(actionData, "gender", "") ?? "") === value} />
                {t(`eventRegistrations.register.${key}`)}
              </label>
            ))}
            {actionData?.errors?.gender ? <p className="text-sm text-danger">{t("eventRegistrations.errors.gender")}</p> : null}
          </fieldset>
          {organizations.length > 0 ? (
            <Select label={t("eventRegistrations.register.organization")} name="organizationId" defaultValue={valueOf(actionData, "organizationId", "")} errors={actionData?.errors?.organizationId}>
              <option value="">{t("eventRegistrations.register.noOrganization")}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>{locale === "ar" && o.nameAr ? o.nameAr : o.name}</option>
              ))}
            </Select>
          ) : null}
          <button type="submit" name="intent" value="register" className="btn w-full sm:w-auto">{t("eventRegistrations.register.submit")}</button>
        </Form>
      </div>
    </div>
  );
}
