import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { ORGANIZATION_KINDS } from "../../db/schema/enums";
import { Field, FormMessage, Select, valueOf } from "~/components/form";
import { useErrorText, useLocale, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireSession, setActiveOrganization } from "~/modules/accounts/session.server";
import { createOrganization } from "~/modules/organizations/organizations.server";
import { getGeography } from "~/modules/organizations/reference.server";
import { organizationCreateSchema } from "~/modules/organizations/schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "orgNew.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSession(request);
  const { regions } = await getGeography(db);
  return { regions, emailVerified: user.emailVerified };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireSession(request);
  const formData = await request.formData();
  const result = parseForm(organizationCreateSchema, formData);
  if (!result.ok) return invalid(result);
  let created;
  try {
    created = await createOrganization({ db, actor: user, input: result.data });
  } catch (error) {
    return formFailure(error, Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])));
  }
  await setActiveOrganization(session.id, created.id);
  throw redirectWithFlash(
    hrefFor(request, `/organisations/${created.slug}/modifier`),
    created.iceWarning ? "orgNew.createdIceWarning" : "orgNew.created",
  );
}

export default function NewOrganization() {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  const { regions, emailVerified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const kind = valueOf(actionData, "kind");
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="mb-4 text-2xl font-bold">{t("orgNew.title")}</h1>
      {!emailVerified ? <FormMessage tone="warn" messageKey="errors.emailNotVerified" /> : null}
      <div className="card">
        <FormMessage messageKey={actionData?.messageKey} />
        <Form method="post" className="space-y-4" noValidate>
          <fieldset aria-describedby={actionData?.errors?.kind ? "kind-error" : undefined}>
            <legend className="label">{t("fields.kind")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {ORGANIZATION_KINDS.map((k) => (
                <label key={k} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg border border-line p-2">
                  <input type="radio" name="kind" value={k} defaultChecked={kind === k} className="size-5 accent-brand-700" />
                  <span>
                    <span className="font-medium">{t(`kinds.${k}`)}</span>
                    <span className="block text-sm text-muted">{t(`kindHints.${k}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            {actionData?.errors?.kind ? <p id="kind-error" className="mt-1 text-sm text-danger">{errorText(actionData.errors.kind[0])}</p> : null}
          </fieldset>
          <Field label={t("fields.orgName")} name="name" dir="auto" required defaultValue={valueOf(actionData, "name")} errors={actionData?.errors?.name} />
          <Select label={t("fields.region")} name="regionCode" required defaultValue={valueOf(actionData, "regionCode", "")} errors={actionData?.errors?.regionCode}>
            <option value="" disabled>{t("fields.choose")}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>{locale === "ar" ? r.nameAr : r.nameFr}</option>
            ))}
          </Select>
          <Field label={t("fields.ice")} name="ice" inputMode="numeric" dir="ltr" defaultValue={valueOf(actionData, "ice")} hint={t("orgNew.iceHint")} errors={actionData?.errors?.ice} />
          <button type="submit" className="btn w-full" disabled={!emailVerified}>{t("orgNew.submit")}</button>
        </Form>
      </div>
    </div>
  );
}
