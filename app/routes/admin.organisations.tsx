import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { formatDate } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { decideVerification, listPendingOrganizations } from "~/modules/moderation/moderation.server";
import { decisionSchema } from "~/modules/moderation/schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "admin.verification");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.verify");
  const pending = await listPendingOrganizations(db, user);
  return { pending: pending.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.verify");
  const formData = await request.formData();
  const result = parseForm(decisionSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    await decideVerification({ db, actor: user, input: result.data });
  } catch (error) {
    return formFailure(error, { organizationId: result.data.organizationId });
  }
  throw redirectWithFlash(hrefFor(request, "/admin/organisations"), result.data.decision === "verified" ? "admin.verifiedDone" : "admin.refusedDone");
}

export default function Verification() {
  const t = useT();
  const locale = useLocale();
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failedFor = actionData?.values?.organizationId;
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-semibold">{t("admin.verification")}</h2>
      <FormMessage messageKey={actionData?.messageKey} />
      {pending.length === 0 ? <p className="card">{t("admin.nothingPending")}</p> : null}
      <ul className="space-y-4">
        {pending.map((o) => (
          <li key={o.id} className="card space-y-3">
            <div>
              <L to={`/organisations/${o.slug}`} className="text-lg font-semibold">{o.name}</L>
              <p className="text-sm text-muted">
                <span suppressHydrationWarning>{t(`kinds.${o.kind}`)} · {t("admin.since", { date: formatDate(o.createdAt, locale) })}</span>
              </p>
              {o.identifiers.length ? <p className="text-sm" dir="ltr">{o.identifiers.join(" · ")}</p> : null}
            </div>
            <div className="flex flex-wrap items-start gap-4">
              <Form method="post">
                <input type="hidden" name="organizationId" value={o.id} />
                <button type="submit" name="decision" value="verified" className="btn">{t("admin.verify")}</button>
              </Form>
              <Form method="post" className="min-w-64 flex-1 space-y-2">
                <input type="hidden" name="organizationId" value={o.id} />
                <TextArea
                  label={t("admin.refusalReason")}
                  name="reason"
                  defaultValue={failedFor === o.id ? valueOf(actionData, "reason") : undefined}
                  errors={failedFor === o.id ? actionData?.errors?.reason : undefined}
                />
                <button type="submit" name="decision" value="refused" className="btn-danger">{t("admin.refuse")}</button>
              </Form>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
