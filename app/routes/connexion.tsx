import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, FormMessage, valueOf } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { logIn } from "~/modules/accounts/accounts.server";
import { loginSchema } from "~/modules/accounts/schemas";
import { getUser, safeRedirect, sessionCookie } from "~/modules/accounts/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "login.title");

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect(hrefFor(request, "/compte"));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const result = parseForm(loginSchema, formData);
  if (!result.ok) return invalid(result);
  let created;
  try {
    created = await logIn({
      db,
      email: result.data.email,
      password: result.data.password,
      ip: context.clientIp,
      userAgent: request.headers.get("User-Agent"),
    });
  } catch (error) {
    return formFailure(error, { email: result.data.email });
  }
  throw redirect(safeRedirect(result.data.redirectTo, hrefFor(request, "/compte")), {
    headers: { "Set-Cookie": sessionCookie(created.token, created.expiresAt) },
  });
}

export default function LogIn() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t("login.title")}</h1>
      <div className="card">
        <FormMessage messageKey={actionData?.messageKey} />
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <Field label={t("fields.email")} name="email" type="email" autoComplete="email" required defaultValue={valueOf(actionData, "email")} errors={actionData?.errors?.email} />
          <Field label={t("fields.password")} name="password" type="password" autoComplete="current-password" required errors={actionData?.errors?.password} />
          <button type="submit" className="btn w-full" disabled={busy}>
            {t("login.submit")}
          </button>
        </Form>
        <p className="mt-4 text-sm">
          <L to="/mot-de-passe-oublie">{t("login.forgot")}</L>
        </p>
      </div>
      <p className="mt-4 text-center">
        {t("login.noAccount")} <L to="/inscription">{t("nav.signup")}</L>
      </p>
    </div>
  );
}
