import { type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, FormMessage, valueOf } from "~/components/form";
import { useT } from "~/components/i18n";
import { parseForm } from "~/lib/forms";
import { formFailure, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requestPasswordReset } from "~/modules/accounts/accounts.server";
import { requestResetSchema } from "~/modules/accounts/schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "forgot.title");

export async function action({ request, context }: ActionFunctionArgs) {
  const result = parseForm(requestResetSchema, await request.formData());
  if (!result.ok) return invalid(result);
  try {
    await requestPasswordReset({ db, email: result.data.email, ip: context.clientIp });
  } catch (error) {
    return formFailure(error, { email: result.data.email });
  }
  return { sent: true as const };
}

export default function ForgotPassword() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (actionData && "sent" in actionData) {
    return (
      <div className="card mx-auto max-w-md">
        <h1 className="text-2xl font-bold">{t("signup.checkTitle")}</h1>
        <p className="mt-3">{t("forgot.sent")}</p>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t("forgot.title")}</h1>
      <div className="card">
        <FormMessage messageKey={actionData?.messageKey} />
        <p className="mb-4">{t("forgot.body")}</p>
        <Form method="post" className="space-y-4" noValidate>
          <Field label={t("fields.email")} name="email" type="email" autoComplete="email" required defaultValue={valueOf(actionData, "email")} errors={actionData?.errors?.email} />
          <button type="submit" className="btn w-full" disabled={busy}>
            {t("forgot.submit")}
          </button>
        </Form>
      </div>
    </div>
  );
}
