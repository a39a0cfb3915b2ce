import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useRootData, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, hrefFor } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { resendVerification, verifyEmail } from "~/modules/accounts/accounts.server";
import { checkLinkToken } from "~/modules/accounts/email-tokens.server";
import { getUser, requireUser } from "~/modules/accounts/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "verify.title");

// The link only shows a button: e-mail scanners that follow links must not verify on their own.
export async function loader({ request }: LoaderFunctionArgs) {
  return checkLinkToken(db, new URL(request.url).searchParams.get("token") ?? "", "verify_email");
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  if (formData.get("intent") === "resend") {
    const user = await requireUser(request);
    try {
      await resendVerification({ db, userId: user.id });
    } catch (error) {
      return formFailure(error);
    }
    return { messageKey: "verify.resent", ok: true };
  }
  try {
    await verifyEmail({ db, token: String(formData.get("token") ?? "") });
  } catch (error) {
    return formFailure(error);
  }
  const signedIn = await getUser(request);
  throw redirectWithFlash(hrefFor(request, signedIn ? "/compte" : "/connexion"), "verify.done");
}

export default function VerifyEmail() {
  const t = useT();
  const { token, problem } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const signedIn = !!useRootData()?.viewer;
  const failure = actionData && "ok" in actionData ? null : actionData?.messageKey;
  return (
    <div className="card mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("verify.title")}</h1>
      {actionData && "ok" in actionData ? <FormMessage tone="ok" messageKey={actionData.messageKey} /> : null}
      <FormMessage messageKey={problem ?? failure} />
      {token && !failure ? (
        <Form method="post" className="mt-4">
          <input type="hidden" name="token" value={token} />
          <p className="mb-4">{t("verify.body")}</p>
          <button type="submit" className="btn" name="intent" value="verify">
            {t("verify.submit")}
          </button>
        </Form>
      ) : signedIn ? (
        <Form method="post" className="mt-4">
          <button type="submit" className="btn" name="intent" value="resend">
            {t("verify.resend")}
          </button>
        </Form>
      ) : (
        <p className="mt-4">
          {t("verify.loginToResend")} <L to="/connexion?redirectTo=/compte">{t("nav.login")}</L>
        </p>
      )}
    </div>
  );
}
