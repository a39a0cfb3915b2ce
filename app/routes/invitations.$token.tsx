import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { DomainError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formFailure, hrefFor } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { getUser, requireUser } from "~/modules/accounts/session.server";
import { acceptInvitation, findInvitation } from "~/modules/organizations/members.server";

export const meta: MetaFunction = (args) => pageTitle(args, "invitation.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  try {
    const invitation = await findInvitation(db, params.token ?? "");
    return {
      problem: null,
      organization: invitation.organizationName,
      role: invitation.role,
      email: invitation.email,
      signedInAs: user?.email ?? null,
    };
  } catch (error) {
    if (error instanceof DomainError) return { problem: error.messageKey as string, organization: null, role: null, email: null, signedInAs: user?.email ?? null };
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const { slug } = await acceptInvitation({ db, user, token: params.token ?? "" });
    throw redirectWithFlash(hrefFor(request, `/organisations/${slug}`), "invitation.accepted");
  } catch (error) {
    if (error instanceof Response) throw error;
    // Signed in with another address, or not yet verified: say so here, where the person can act on it.
    if (error instanceof DomainError && error.status === 403) {
      return data({ messageKey: error.messageKey as string | null }, { status: 403 });
    }
    return formFailure(error);
  }
}

export default function Invitation() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const here = useLocation().pathname;
  return (
    <div className="card mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("invitation.title")}</h1>
      <FormMessage messageKey={data.problem ?? actionData?.messageKey} />
      {data.organization ? (
        <>
          <p>{t("invitation.body", { organization: data.organization, role: t(`roles.${data.role!}`) })}</p>
          {data.signedInAs ? (
            <Form method="post">
              <button type="submit" className="btn">{t("invitation.accept")}</button>
            </Form>
          ) : (
            <p className="flex flex-wrap gap-2">
              <L to={`/connexion?redirectTo=${encodeURIComponent(here)}`} className="btn">{t("nav.login")}</L>
              <L to="/inscription" className="btn-secondary">{t("nav.signup")}</L>
            </p>
          )}
        </>
      ) : null}
    </div>
  );
}
