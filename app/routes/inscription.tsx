import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { db } from "../../db/client";
import { Checkbox, Field, FormMessage, valueOf } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { signUp } from "~/modules/accounts/accounts.server";
import { signUpSchema } from "~/modules/accounts/schemas";
import { getUser } from "~/modules/accounts/session.server";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "signup.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(hrefFor(request, "/compte"));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = parseForm(signUpSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    await signUp({ db, input: result.data, locale: resolveLocale(request), ip: context.clientIp });
  } catch (error) {
    return formFailure(error, { name: result.data.name, email: result.data.email });
  }
  throw redirect(hrefFor(request, "/inscription/verifiez"));
}

export default function SignUp() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t("signup.title")}</h1>
      <div className="card">
        <FormMessage messageKey={actionData?.messageKey} />
        <Form method="post" className="space-y-4" noValidate>
          <Field label={t("fields.name")} name="name" dir="auto" autoComplete="name" required defaultValue={valueOf(actionData, "name")} errors={actionData?.errors?.name} />
          <Field label={t("fields.email")} name="email" type="email" autoComplete="email" required defaultValue={valueOf(actionData, "email")} errors={actionData?.errors?.email} />
          <Field label={t("fields.password")} name="password" type="password" autoComplete="new-password" required minLength={8} hint={t("signup.passwordHint")} errors={actionData?.errors?.password} />
          <Checkbox
            name="consent"
            label={
              <>
                {t("signup.consent")} <L to="/confidentialite">{t("footer.privacy")}</L> · <L to="/conditions">{t("footer.terms")}</L>
              </>
            }
            errors={actionData?.errors?.consent}
          />
          <button type="submit" className="btn w-full" disabled={busy}>
            {t("signup.submit")}
          </button>
        </Form>
      </div>
      <p className="mt-4 text-center">
        {t("signup.haveAccount")} <L to="/connexion">{t("nav.login")}</L>
      </p>
    </div>
  );
}
