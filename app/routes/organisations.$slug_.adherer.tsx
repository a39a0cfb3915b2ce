import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage, Select, valueOf } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { useOrgName } from "~/components/messages";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { getJoinOptions, requestToJoinNetwork } from "~/modules/organizations/networks.server";
import { networkMemberSchema } from "~/modules/organizations/schemas";

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, "networks.joinTitle", { network: args.data?.network.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => getJoinOptions({ db, actor: user, networkSlug: params.slug ?? "" }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const networkSlug = params.slug ?? "";
  const result = parseForm(networkMemberSchema, await request.formData());
  if (!result.ok) return invalid(result);
  let outcome: "requested" | "joined";
  try {
    outcome = await requestToJoinNetwork({ db, actor: user, networkSlug, memberSlug: result.data.memberSlug });
  } catch (error) {
    return formFailure(error, { memberSlug: result.data.memberSlug });
  }
  throw redirectWithFlash(hrefFor(request, `/organisations/${networkSlug}`), outcome === "joined" ? "networks.joined" : "networks.requested");
}

export default function JoinNetwork() {
  const t = useT();
  const orgName = useOrgName();
  const { network, candidates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const open = candidates.filter((c) => c.standing === null);
  return (
    <div className="mx-auto max-w-xl space-y-4">
      <p>
        <L to={`/organisations/${network.slug}`}><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {orgName(network)}</L>
      </p>
      <h1 className="text-2xl font-bold">{t("networks.joinTitle", { network: orgName(network) })}</h1>
      <div className="card space-y-4">
        <FormMessage messageKey={actionData?.messageKey} />
        {candidates.length === 0 ? (
          <p>{t("networks.noManagedOrganization")}</p>
        ) : (
          <>
            <p className="text-muted">{t("networks.joinHint")}</p>
            {candidates.some((c) => c.standing) ? (
              <ul className="space-y-1 text-sm">
                {candidates
                  .filter((c) => c.standing)
                  .map((c) => (
                    <li key={c.slug}>
                      <span dir="auto">{orgName(c)}</span> · {t(`networks.standing.${c.standing!}`)}
                      {c.standing === "proposed" ? (
                        <> · <L to={`/organisations/${c.slug}/membres`}>{t("networks.answerProposal")}</L></>
                      ) : null}
                    </li>
                  ))}
              </ul>
            ) : null}
            {open.length > 0 ? (
              <Form method="post" className="space-y-4" noValidate>
                <Select label={t("networks.joinAs")} name="memberSlug" defaultValue={valueOf(actionData, "memberSlug", open[0].slug)} errors={actionData?.errors?.memberSlug}>
                  {open.map((c) => (
                    <option key={c.slug} value={c.slug}>{orgName(c)}</option>
                  ))}
                </Select>
                <button type="submit" className="btn">{t("networks.joinSubmit")}</button>
              </Form>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
