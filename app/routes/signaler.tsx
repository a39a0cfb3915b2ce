import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { REPORT_REASONS } from "../../db/schema/enums";
import { FormMessage, Select, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { createReport } from "~/modules/moderation/moderation.server";
import { reportSchema } from "~/modules/moderation/schemas";
import { findReportableReview } from "~/modules/orders/reviews.server";
import { loadOrganization } from "~/modules/organizations/organizations.server";

export const meta: MetaFunction = (args) => pageTitle(args, "report.title");

/** What is reported: a review (`?avis=<id>`) or an organisation (`?organisation=<slug>`), and where it is shown. */
async function reportTarget(request: Request, user: Awaited<ReturnType<typeof requireUser>>) {
  const search = new URL(request.url).searchParams;
  const reviewId = search.get("avis");
  if (reviewId !== null) {
    const review = await load(() => findReportableReview(db, reviewId));
    return { type: "review" as const, id: review.id, href: `/marche/${review.productSlug}`, name: review.productTitleFr, nameAr: review.productTitleAr, author: review.authorName };
  }
  const { org } = await load(() => loadOrganization(db, search.get("organisation") ?? "", user));
  return { type: "organization" as const, id: org.id, href: `/organisations/${org.slug}`, name: org.name, nameAr: null, author: null };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { target: await reportTarget(request, user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = parseForm(reportSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    await createReport({ db, reporterId: user.id, input: result.data });
  } catch (error) {
    return formFailure(error, { reason: result.data.reason, details: result.data.details ?? "" });
  }
  const { targetType, targetId } = result.data;
  if (targetType === "review") {
    const review = await load(() => findReportableReview(db, targetId));
    throw redirectWithFlash(hrefFor(request, `/marche/${review.productSlug}`), "report.thanks");
  }
  const slug = new URL(request.url).searchParams.get("organisation") ?? "";
  throw redirectWithFlash(hrefFor(request, slug ? `/organisations/${slug}` : "/"), "report.thanks");
}

export default function Report() {
  const t = useT();
  const locale = useLocale();
  const { target } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t("report.title")}</h1>
      <div className="card">
        <FormMessage messageKey={actionData?.messageKey} />
        <p className="mb-4">
          {t("report.about")}{" "}
          {target.type === "review" ? (
            <>
              {t("reviews.reportTarget", { author: target.author ?? "" })}{" "}
              <L to={target.href} dir="auto">{locale === "ar" && target.nameAr ? target.nameAr : target.name}</L>
            </>
          ) : (
            <L to={target.href}>{target.name}</L>
          )}
        </p>
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="targetType" value={target.type} />
          <input type="hidden" name="targetId" value={target.id} />
          <Select label={t("report.reason")} name="reason" defaultValue={valueOf(actionData, "reason", "")} errors={actionData?.errors?.reason}>
            <option value="" disabled>{t("fields.choose")}</option>
            {REPORT_REASONS.map((r) => (
              <option key={r} value={r}>{t(`report.reasons.${r}`)}</option>
            ))}
          </Select>
          <TextArea label={t("report.details")} name="details" defaultValue={valueOf(actionData, "details")} errors={actionData?.errors?.details} />
          <button type="submit" className="btn w-full">{t("report.submit")}</button>
        </Form>
      </div>
    </div>
  );
}
