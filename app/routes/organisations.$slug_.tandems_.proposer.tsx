import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { TANDEM_FORMATS } from "../../db/schema/enums";
import { Field, FormMessage, Select, TextArea, valueOf } from "~/components/form";
import { L, useErrorText, useLocale, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { localName } from "~/modules/orders/format";
import { SKILLS } from "~/modules/organizations/vocabulary";
import { proposalForm, proposeTandem, tandemsPath } from "~/modules/tandems/proposals.server";
import { proposalSchema, todayInMorocco } from "~/modules/tandems/schemas";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "tandems.propose.title", { name: args.data?.to.name ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const toSlug = new URL(request.url).searchParams.get("avec") ?? "";
  const form = await load(() => proposalForm({ db, actor: user, fromSlug: params.slug ?? "", toSlug }));
  return { ...form, today: todayInMorocco() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = parseForm(proposalSchema, formData);
  if (!result.ok) return invalid(result);
  const slug = params.slug ?? "";
  try {
    await proposeTandem({ db, actor: user, fromSlug: slug, toSlug: String(formData.get("avec") ?? new URL(request.url).searchParams.get("avec") ?? ""), input: result.data });
  } catch (error) {
    return formFailure(error, formValues(formData));
  }
  throw redirectWithFlash(hrefFor(request, tandemsPath(slug)), "tandems.propose.sent");
}

export default function ProposeTandem() {
  const t = useT();
  const errorText = useErrorText();
  const locale = useLocale();
  const { to, verified, prefill, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? {};
  const sent = actionData?.values?.skills;
  const checked = new Set(sent === undefined ? prefill : Array.isArray(sent) ? sent : [sent]);
  const toName = localName({ fr: to.name, ar: to.nameAr }, locale);
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <p>
        <L to={`/organisations/${to.slug}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {toName}
        </L>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold" dir="auto">{t("tandems.propose.title", { name: toName })}</h1>
        <p className="text-muted">{t("tandems.propose.intro")}</p>
      </header>
      {verified ? null : <FormMessage messageKey="tandems.errors.notVerified" tone="warn" />}
      <FormMessage messageKey={actionData?.messageKey} />
      <Form method="post" className="card space-y-4" noValidate>
        <fieldset aria-describedby={errors.skills ? "skills-e" : undefined}>
          <legend className="label">{t("tandems.propose.skills")}</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {SKILLS.map((skill) => (
              <label key={skill} className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="skills" value={skill} defaultChecked={checked.has(skill)} className="size-5 accent-brand-700" />
                {t(`skills.${skill}` as MessageKey)}
              </label>
            ))}
          </div>
          {errors.skills ? (
            <p id="skills-e" className="mt-1 text-sm text-danger">
              {errorText(errors.skills[0])}
            </p>
          ) : null}
        </fieldset>
        <TextArea label={t("tandems.propose.objectives")} name="objectives" rows={5} minLength={20} maxLength={2000} required errors={errors.objectives} defaultValue={valueOf(actionData, "objectives")} />
        <Field label={t("tandems.propose.expectedHours")} name="expectedHours" type="number" inputMode="numeric" min={1} max={2000} step={1} required errors={errors.expectedHours} defaultValue={valueOf(actionData, "expectedHours")} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("tandems.propose.periodStart")} name="periodStart" type="date" min={today} required errors={errors.periodStart} defaultValue={valueOf(actionData, "periodStart")} />
          <Field label={t("tandems.propose.periodEnd")} name="periodEnd" type="date" min={today} required errors={errors.periodEnd} defaultValue={valueOf(actionData, "periodEnd")} />
        </div>
        <Select label={t("tandems.propose.format")} name="format" errors={errors.format} defaultValue={valueOf(actionData, "format") ?? "hybrid"}>
          {TANDEM_FORMATS.map((f) => (
            <option key={f} value={f}>{t(`tandems.format.${f}`)}</option>
          ))}
        </Select>
        <TextArea label={t("tandems.propose.message")} name="message" rows={4} maxLength={2000} errors={errors.message} defaultValue={valueOf(actionData, "message")} />
        <input type="hidden" name="avec" value={to.slug} />
        <button type="submit" className="btn-primary min-h-11">{t("tandems.propose.submit")}</button>
      </Form>
    </div>
  );
}
