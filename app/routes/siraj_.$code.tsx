import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FormMessage, Select, TextArea, valueOf } from "~/components/form";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { PrintStyles } from "~/components/print";
import { Time } from "~/components/time";
import { resolveLocale } from "~/i18n/locale.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { getViewer } from "~/modules/accounts/viewer.server";
import { can } from "~/modules/organizations/authorize.server";
import { pageTitle } from "~/lib/meta";
import { setLabelStatus, verifyLabel } from "~/modules/calls/decisions.server";
import { LABEL_STATUSES } from "../../db/schema/enums";
import { labelPath, labelState } from "~/modules/calls/rules";
import { todayInMorocco } from "~/modules/tandems/schemas";
import { absolute } from "~/modules/orders/notify.server";
import { orgName } from "~/modules/orders/format";

// The public verification page of one Siraj label (issue 6, item 5): anyone with the code (printed on a
// badge, linked from the registry and the profile) sees whether it is genuine and whether it is current,
// expired, suspended (with the reason) or withdrawn. Printable; an unknown code is a plain 404.

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "registry.check.pageTitle", { name: args.data?.organization.name ?? "" }),
  { name: "robots", content: "noindex" },
];

// A printed page and a public check: nothing to run in the browser (the operators' form posts plainly).
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const label = await load(() => verifyLabel(db, params.code ?? ""));
  const viewer = await getViewer(request);
  const { id, ...shown } = label;
  return {
    ...shown,
    // Operators suspend, withdraw or restore the label from here, with a reason.
    manageId: viewer && can(viewer.user, "platform.calls") ? id : null,
    state: labelState(label, todayInMorocco()),
    verifyUrl: absolute(labelPath(label.code), resolveLocale(request)),
  };
}

const statusSchema = z.object({
  labelId: z.string().uuid("errors.invalid"),
  status: z.enum(LABEL_STATUSES),
  reason: z.string({ required_error: "calls.errors.reason" }).trim().min(10, "calls.errors.reason").max(2000, "calls.errors.reason"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const result = parseForm(statusSchema, await request.formData());
  if (!result.ok) return invalid(result);
  try {
    await setLabelStatus({ db, actor: user, labelId: result.data.labelId, status: result.data.status, reason: result.data.reason });
  } catch (error) {
    return formFailure(error, { status: result.data.status, reason: result.data.reason });
  }
  throw redirectWithFlash(hrefFor(request, labelPath(params.code ?? "")), "registry.manage.saved");
}

const TONE = { current: "border-ok text-ok", expired: "border-line text-muted", suspended: "border-warn text-warn", withdrawn: "border-danger text-danger" } as const;

export default function LabelCheck() {
  const t = useT();
  const locale = useLocale();
  const l = useLoaderData<typeof loader>();
  const valid = l.state === "current";
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <PrintStyles sheet="label-sheet" />
      <p role="status" className={`rounded-lg border bg-white p-3 font-semibold ${TONE[l.state]}`}>
        {t(`registry.check.${l.state}Text`)}
      </p>
      <article className="label-sheet card space-y-5 text-center text-ink print:border-0 print:shadow-none">
        <header className="space-y-1">
          <p className="text-sm uppercase tracking-wide text-muted">Tiwizi</p>
          <h1 className="text-2xl font-bold">{t("registry.check.heading")}</h1>
          <p className="text-sm">{t("registry.check.genuine")}</p>
        </header>
        <section className="space-y-2">
          <p className="text-sm text-muted">{t("registry.check.organization")}</p>
          <p className="text-3xl font-bold" dir="auto">
            <L to={`/organisations/${l.organization.slug}`}>{orgName(l.organization, locale)}</L>
          </p>
          <p dir="auto">
            <span className="text-muted">{t("registry.edition")} </span>
            {locale === "ar" ? l.call.titleAr : l.call.titleFr}
          </p>
          <p className={`inline-block rounded-full px-3 py-1 font-semibold ${valid ? "bg-ok/10 text-ok" : "bg-sand text-ink"}`}>{t(`registry.state.${l.state}`)}</p>
          {(l.state === "suspended" || l.state === "withdrawn") && l.statusReason ? <p dir="auto">{t("registry.check.reason", { reason: l.statusReason })}</p> : null}
          <dl className="mx-auto grid max-w-md grid-cols-2 gap-x-4 pt-2">
            <div>
              <dt className="text-sm text-muted">{t("registry.awarded")}</dt>
              <dd className="font-semibold"><Time value={`${l.awardedOn}T12:00:00Z`} /></dd>
            </div>
            <div>
              <dt className="text-sm text-muted">{t("registry.expires")}</dt>
              <dd className="font-semibold"><Time value={`${l.expiresOn}T12:00:00Z`} /></dd>
            </div>
          </dl>
        </section>
        <section className="space-y-1 border-t border-line pt-3 text-sm">
          <p>
            {t("registry.check.code")} <span dir="ltr" className="font-mono">{l.code}</span>
          </p>
          <p>{t("registry.check.url")}</p>
          <p dir="ltr" className="break-all font-mono">{l.verifyUrl}</p>
        </section>
      </article>
      <p className="text-sm text-muted print:hidden">{t("registry.check.printHint")}</p>
      {l.manageId && l.status !== "withdrawn" ? <ManageForm labelId={l.manageId} status={l.status} /> : null}
      <p className="print:hidden">
        <L to="/siraj">{t("registry.check.registry")}</L>
      </p>
    </div>
  );
}

/** The operators' form: suspend, withdraw or restore, with a reason shown on this page. */
function ManageForm({ labelId, status }: { labelId: string; status: string }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? {};
  return (
    <section className="card space-y-3 print:hidden" aria-labelledby="manage-h">
      <h2 id="manage-h" className="text-lg font-semibold">{t("registry.manage.title")}</h2>
      <FormMessage messageKey={actionData?.messageKey} />
      <Form method="post" className="space-y-3">
        <input type="hidden" name="labelId" value={labelId} />
        <Select label={t("registry.manage.status")} name="status" errors={errors.status} defaultValue={valueOf(actionData, "status", "")}>
          <option value="">—</option>
          {(["current", "suspended", "withdrawn"] as const)
            .filter((s) => s !== status)
            .map((s) => (
              <option key={s} value={s}>
                {t(`registry.manage.to.${s}`)}
              </option>
            ))}
        </Select>
        <TextArea label={t("registry.manage.reason")} name="reason" rows={3} errors={errors.reason} defaultValue={valueOf(actionData, "reason")} dir="auto" />
        <button type="submit" className="btn">{t("registry.manage.submit")}</button>
      </Form>
    </section>
  );
}
