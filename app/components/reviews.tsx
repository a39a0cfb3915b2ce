// Verified-purchase reviews as product and shop pages show them: the summary (average, count, stars
// given), then the reviews ten at a time, each with the cooperative's reply and a link to report it.
import { Form, useLocation } from "@remix-run/react";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { L, useLocale, useT } from "./i18n";
import { Pager } from "./messages";
import { Time } from "./time";

export type ReviewItem = {
  id: string;
  rating: number;
  body: string | null;
  authorName: string;
  reply: string | null;
  repliedAt: Date | string | null;
  createdAt: Date | string;
  productSlug: string;
  productTitleFr: string;
  productTitleAr: string | null;
};
export type ReviewPageData = { items: ReviewItem[]; page: number; pageCount: number; total: number };
export type RatingSummaryData = { count: number; average: number | null; distribution: Record<1 | 2 | 3 | 4 | 5, number> };

/** Five stars, drawn for the eye; said as "4 out of 5" to a screen reader. */
export function Stars({ rating, className = "" }: { rating: number; className?: string }) {
  const t = useT();
  const locale = useLocale();
  const full = Math.round(rating);
  return (
    <span className={`inline-flex items-center ${className}`}>
      <span aria-hidden="true" className="tracking-tight text-brand-700">
        {"★".repeat(full)}
        <span className="text-line">{"★".repeat(5 - full)}</span>
      </span>
      <span className="sr-only">{t("reviews.stars", { rating: formatNumber(rating, locale) })}</span>
    </span>
  );
}

export function RatingSummary({ summary }: { summary: RatingSummaryData }) {
  const t = useT();
  const locale = useLocale();
  if (summary.count === 0 || summary.average === null) return <p className="text-muted">{t("reviews.none")}</p>;
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3">
      <p className="flex items-baseline gap-2">
        <span className="text-3xl font-bold">{formatNumber(summary.average, locale)}</span>
        <Stars rating={summary.average} className="text-xl" />
        <span className="text-muted">{t("reviews.count", { count: formatNumber(summary.count, locale) })}</span>
      </p>
      <ul className="min-w-48 flex-1 space-y-1 text-sm" aria-label={t("reviews.distribution")}>
        {([5, 4, 3, 2, 1] as const).map((stars) => (
          <li key={stars} className="flex items-center gap-2">
            <span className="w-20 shrink-0">{t("reviews.starsShort", { rating: formatNumber(stars, locale) })}</span>
            <span aria-hidden="true" className="h-2 flex-1 overflow-hidden rounded bg-sand">
              <span className="block h-2 rounded bg-brand-600" style={{ width: `${(summary.distribution[stars] / summary.count) * 100}%` }} />
            </span>
            <span className="w-8 shrink-0 text-end">{formatNumber(summary.distribution[stars], locale)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The reviews section. `reviews` and `summary` come from productReviews/shopReviews and ratingSummary;
 * `showProduct` names each review's product (shop pages); `pageParam` is the query parameter of its pages.
 */
export function ReviewList({
  reviews,
  summary,
  showProduct = false,
  pageParam = "avis",
}: {
  reviews: ReviewPageData;
  summary: RatingSummaryData;
  showProduct?: boolean;
  pageParam?: string;
}) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const href = (page: number) => {
    const search = new URLSearchParams(location.search);
    if (page > 1) search.set(pageParam, String(page));
    else search.delete(pageParam);
    const q = search.toString();
    return `${location.pathname}${q ? `?${q}` : ""}#avis`;
  };
  return (
    <section id="avis" className="card space-y-4" aria-labelledby="avis-h">
      <h2 id="avis-h" className="text-lg font-semibold">{t("reviews.title")}</h2>
      <RatingSummary summary={summary} />
      {reviews.items.length > 0 ? (
        <ul className="divide-y divide-line">
          {reviews.items.map((r) => (
            <li key={r.id} className="space-y-1 py-3">
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Stars rating={r.rating} />
                <span className="font-medium" dir="auto">{r.authorName}</span>
                <span className="badge bg-brand-50 text-brand-800">{t("reviews.verified")}</span>
                <span className="text-sm text-muted">
                  <Time value={r.createdAt} />
                </span>
              </p>
              {showProduct ? (
                <p className="text-sm">
                  <L to={`/marche/${r.productSlug}`} dir="auto">
                    {locale === "ar" && r.productTitleAr ? r.productTitleAr : r.productTitleFr}
                  </L>
                </p>
              ) : null}
              {r.body ? <p className="whitespace-pre-line" dir="auto">{r.body}</p> : null}
              {r.reply ? (
                <div className="ms-4 border-s-4 border-line ps-3">
                  <p className="text-sm font-semibold">{t("reviews.replyBy")}</p>
                  <p className="whitespace-pre-line" dir="auto">{r.reply}</p>
                </div>
              ) : null}
              <p className="text-end text-sm">
                <L to={`/signaler?avis=${r.id}`} rel="nofollow" className="text-muted">
                  {t("reviews.report")}
                </L>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      <Pager page={reviews.page} pageCount={reviews.pageCount} href={href} />
    </section>
  );
}

type ReportedReviewData = {
  id: string;
  rating: number;
  body: string | null;
  authorName: string;
  status: "published" | "hidden";
  reply: string | null;
  productSlug: string;
  productTitle: string;
  cooperativeName: string;
  cooperativeSlug: string;
} | null;

/** A reported review in the admins' queue: what it says, where, and the button that hides it. */
export function ReportedReview({ review, reason, reportId }: { review: ReportedReviewData; reason: string; reportId: string }) {
  const t = useT();
  if (!review) return <p>{t("admin.targetGone")}</p>;
  return (
    <div className="space-y-2">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-semibold">{t("reviews.admin.review")}</span>
        <Stars rating={review.rating} />
        <span dir="auto">{review.authorName}</span>
        <span>·</span>
        <L to={`/marche/${review.productSlug}`} dir="auto">{review.productTitle}</L>
        <span>·</span>
        <L to={`/cooperatives/${review.cooperativeSlug}`} dir="auto">{review.cooperativeName}</L>
        <span>· {t(`report.reasons.${reason}` as MessageKey)}</span>
        {review.status === "hidden" ? <span className="badge bg-sand text-warn">{t("reviews.hidden")}</span> : null}
      </p>
      {review.body ? <blockquote className="whitespace-pre-line border-s-4 border-line ps-3" dir="auto">{review.body}</blockquote> : null}
      {review.reply ? (
        <p className="ms-4 whitespace-pre-line text-sm text-muted" dir="auto">
          {t("reviews.replyBy")} {review.reply}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="reviewStatus" />
        <input type="hidden" name="reviewId" value={review.id} />
        <input type="hidden" name="reportId" value={reportId} />
        {review.status === "published" ? (
          <button type="submit" name="status" value="hidden" className="btn-danger">{t("reviews.admin.hide")}</button>
        ) : (
          <button type="submit" name="status" value="published" className="btn-secondary">{t("reviews.admin.publish")}</button>
        )}
      </Form>
    </div>
  );
}
