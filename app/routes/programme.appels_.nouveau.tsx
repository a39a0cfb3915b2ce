import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { CallFields } from "~/components/grid-editor";
import { FormMessage, Select } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { callSchema } from "~/modules/calls/call-schemas";
import { callTemplates, createCall } from "~/modules/calls/calls.server";

// An operator creates a call (issue 6, item 1): its fields, and either an empty grid or a copy of an earlier
// call's grid and required documents (a new edition); the call is created private, and the edit page follows for
// the grid, the required documents and the publication.

export const meta: MetaFunction = (args) => [...pageTitle(args, "callsAdmin.new.title"), { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  return { templates: await callTemplates(db, user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const formData = await request.formData();
  const result = parseForm(callSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    const from = String(formData.get("from") ?? "").trim() || null;
    const call = await createCall({ db, actor: user, input: result.data, sections: [], requirements: [], gridPending: true, from });
    throw redirectWithFlash(hrefFor(request, `/programme/appels/${call.code}/modifier`), "callsAdmin.flash.created");
  } catch (error) {
    if (error instanceof Response) throw error;
    const failure = formFailure(error, formValues(formData));
    // A taken code is the code field's error, an unknown template the template field's.
    if (failure.data.messageKey === "calls.errors.codeTaken") failure.data.errors = { code: ["calls.errors.codeTaken"] };
    if (failure.data.messageKey === "callsAdmin.errors.template") failure.data.errors = { from: ["callsAdmin.errors.template"] };
    return failure;
  }
}

export default function NewCall() {
  const t = useT();
  const locale = useLocale();
  const { templates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values as Record<string, string | string[] | undefined> | undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to="/programme/appels">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("callsAdmin.edit.back")}
        </L>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("callsAdmin.new.title")}</h1>
        <p className="text-muted">{t("callsAdmin.new.intro")}</p>
      </header>
      <FormMessage messageKey={actionData?.messageKey} />
      <Form method="post" className="card space-y-4" noValidate>
        <Select label={t("callsAdmin.form.from")} name="from" defaultValue={typeof values?.from === "string" ? values.from : ""} hint={t("callsAdmin.form.fromHint")} errors={actionData?.errors?.from}>
          <option value="">{t("callsAdmin.form.fromNone")}</option>
          {templates.map((c) => (
            <option key={c.code} value={c.code}>{`${c.code} — ${locale === "ar" ? c.titleAr : c.titleFr}`}</option>
          ))}
        </Select>
        <CallFields values={actionData?.values ?? { disagreementThreshold: "20", observationDays: "10" }} errors={actionData?.errors} frozen={{ code: false, kind: false }} />
        <button type="submit" className="btn">{t("callsAdmin.form.create")}</button>
      </Form>
    </div>
  );
}
