import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, FormMessage } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { resetPassword } from "~/modules/accounts/accounts.server";
import { checkLinkToken } from "~/modules/accounts/email-tokens.server";
import { resetPasswordSchema } from "~/modules/accounts/schemas";
import { clearSessionCookie } from "~/modules/accounts/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "reset.title");

export async function loader({ request }: LoaderFunctionArgs) {
  return checkLinkToken(db, new URL(request.url).searchParams.get("token") ?? "", "reset_password");
}

export async function action({ request }: ActionFunctionArgs) {
  const result = parseForm(resetPasswordSchema, await request.formData());
  if (!result.ok) return invalid(result);
  try {
    await resetPassword({ db, token: result.data.token, password: result.data.password });
  } catch (error) {
    return formFailure(error);
  }
  // Every session ended with the reset, this browser's too: sign in again with the new password.
  throw redirectWithFlash(hrefFor(request, "/connexion"), "reset.done", {
    headers: { "Set-Cookie": clearSessionCookie() },
  });
}

export default function ResetPassword() {
  const t = useT();
  const { token, problem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failure = problem ?? actionData?.messageKey;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t("reset.title")}</h1>
      <div className="card">
        <FormMessage messageKey={failure} />
        {token && !actionData?.messageKey ? (
          <Form method="post" className="space-y-4" noValidate>
            <input type="hidden" name="token" value={token} />
            <Field label={t("fields.newPassword")} name="password" type="password" autoComplete="new-password" required minLength={8} hint={t("signup.passwordHint")} errors={actionData?.errors?.password} />
            <Field label={t("fields.confirmPassword")} name="confirm" type="password" autoComplete="new-password" required errors={actionData?.errors?.confirm} />
            <button type="submit" className="btn w-full">
              {t("reset.submit")}
            </button>
          </Form>
        ) : (
          <L to="/mot-de-passe-oublie" className="btn">
            {t("reset.newLink")}
          </L>
        )}
      </div>
    </div>
  );
}
