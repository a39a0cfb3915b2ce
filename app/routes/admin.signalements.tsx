import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useLocale, useT } from "~/components/i18n";
import { ReportedMessage } from "~/components/messages";
import { formatDate } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { listReports, resolveReport } from "~/modules/moderation/moderation.server";
import { resolveReportSchema } from "~/modules/moderation/schemas";
import { reviewStatusSchema } from "~/modules/orders/after-sale-schemas";
import { setReviewStatus } from "~/modules/orders/reviews.server";
import { ReportedReview } from "~/components/reviews";

export const meta: MetaFunction = (args) => pageTitle(args, "admin.reports");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.moderate");
  const reports = await listReports(db, user, "open");
  return {
    reports: reports.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      message: r.message ? { ...r.message, sentAt: r.message.sentAt.toISOString() } : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.moderate");
  const formData = await request.formData();
  if (formData.get("intent") === "reviewStatus") {
    // Hiding a reported review takes it off every public list; the report is closed with it.
    const review = parseForm(reviewStatusSchema, formData);
    if (!review.ok) return invalid(review);
    const { reviewId, status, reportId } = review.data;
    await load(() => setReviewStatus({ db, actor: user, reviewId, status }));
    if (reportId) await load(() => resolveReport({ db, actor: user, reportId, status: "resolved" }));
    throw redirectWithFlash(hrefFor(request, "/admin/signalements"), "flash.saved");
  }
  const result = parseForm(resolveReportSchema, formData);
  if (!result.ok) return invalid(result);
  await load(() => resolveReport({ db, actor: user, ...result.data }));
  throw redirectWithFlash(hrefFor(request, "/admin/signalements"), "flash.saved");
}

export default function Reports() {
  const t = useT();
  const locale = useLocale();
  const { reports } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-semibold">{t("admin.reports")}</h2>
      {reports.length === 0 ? <p className="card">{t("admin.noReports")}</p> : null}
      <ul className="space-y-3">
        {reports.map((r) => (
          <li key={r.id} className="card space-y-2">
            {r.targetType === "message" ? (
              <ReportedMessage message={r.message} reason={r.reason} />
            ) : r.targetType === "review" ? (
              <ReportedReview review={r.review} reason={r.reason} reportId={r.id} />
            ) : (
              <p>
                {r.targetSlug ? <L to={`/organisations/${r.targetSlug}`} className="font-semibold">{r.targetName}</L> : t("admin.targetGone")}
                {" · "}
                {t(`report.reasons.${r.reason}`)}
              </p>
            )}
            {r.details ? <p className="whitespace-pre-line" dir="auto">{r.details}</p> : null}
            <p className="text-sm text-muted"><span suppressHydrationWarning>{t("admin.reportedBy", { name: r.reporterName ?? "—", date: formatDate(r.createdAt, locale, "datetime") })}</span></p>
            <Form method="post" className="flex flex-wrap gap-2">
              <input type="hidden" name="reportId" value={r.id} />
              <button type="submit" name="status" value="resolved" className="btn">{t("admin.resolve")}</button>
              <button type="submit" name="status" value="dismissed" className="btn-secondary">{t("admin.dismiss")}</button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
