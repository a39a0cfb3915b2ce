import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { db } from "../../db/client";
import { CallFields } from "~/components/grid-editor";
import { FormMessage } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { callSchema } from "~/modules/calls/call-schemas";
import { createCall } from "~/modules/calls/calls.server";

// An operator creates a call (issue 6, item 1): its fields only; the call is created private with an empty
// grid, and the edit page follows for the grid, the required documents and the publication.

export const meta: MetaFunction = (args) => [...pageTitle(args, "callsAdmin.new.title"), { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatform(request, "platform.calls");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const formData = await request.formData();
  const result = parseForm(callSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    const call = await createCall({ db, actor: user, input: result.data, sections: [], requirements: [], gridPending: true });
    throw redirectWithFlash(hrefFor(request, `/programme/appels/${call.code}/modifier`), "callsAdmin.flash.created");
  } catch (error) {
    if (error instanceof Response) throw error;
    const failure = formFailure(error, formValues(formData));
    // A taken code is the code field's error.
    if (failure.data.messageKey === "calls.errors.codeTaken") failure.data.errors = { code: ["calls.errors.codeTaken"] };
    return failure;
  }
}

export default function NewCall() {
  const t = useT();
  const actionData = useActionData<typeof action>();
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
        <CallFields values={actionData?.values ?? { disagreementThreshold: "20", observationDays: "10" }} errors={actionData?.errors} frozen={{ code: false, kind: false }} />
        <button type="submit" className="btn">{t("callsAdmin.form.create")}</button>
      </Form>
    </div>
  );
}
