import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager } from "~/components/messages";
import { RatingSummary, Stars } from "~/components/reviews";
import { Time } from "~/components/time";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { replySchema, REVIEW_MAX_CHARS, reviewPage } from "~/modules/orders/after-sale-schemas";
import { localName } from "~/modules/orders/format";
import { listCooperativeReviews, replyToReview } from "~/modules/orders/reviews.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "reviews.coop.title", { organization: args.data?.cooperative.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => listCooperativeReviews({ db, actor: user, cooperativeSlug: params.slug ?? "", page: reviewPage(request.url, "page") }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = parseForm(replySchema, formData);
  if (!result.ok) return invalid(result);
  try {
    await replyToReview({ db, actor: user, reviewId: result.data.reviewId, reply: result.data.reply });
  } catch (error) {
    return formFailure(error, formValues(formData));
  }
  throw redirectWithFlash(hrefFor(request, `/organisations/${params.slug ?? ""}/avis`), "reviews.coop.replied");
}

export default function CooperativeReviews() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, reviews, summary } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const name = localName({ fr: cooperative.name, ar: cooperative.nameAr }, locale);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <L to={`/organisations/${cooperative.slug}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {name}
        </L>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("reviews.coop.title", { organization: name })}</h1>
        <p className="text-muted">{t("reviews.coop.intro")}</p>
        <p>
          <L to={`/organisations/${cooperative.slug}/retours`} className="btn-secondary">{t("reviews.returns.link")}</L>
        </p>
      </header>
      <section className="card">
        <RatingSummary summary={summary} />
      </section>
      <ul className="space-y-3">
        {reviews.items.map((r) => {
          const mine = actionData?.values?.reviewId === r.id ? actionData : undefined;
          return (
            <li key={r.id} className="card space-y-2">
              <p className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <Stars rating={r.rating} />
                <span className="font-medium" dir="auto">{r.authorName}</span>
                <span className="text-sm text-muted">
                  {r.orderNumber} · <Time value={r.createdAt} />
                </span>
                {r.status === "hidden" ? <span className="badge bg-sand text-warn">{t("reviews.hidden")}</span> : null}
              </p>
              <p className="text-sm">
                <L to={`/marche/${r.productSlug}`} dir="auto">{localName({ fr: r.productTitleFr, ar: r.productTitleAr }, locale)}</L>
              </p>
              {r.body ? <p className="whitespace-pre-line" dir="auto">{r.body}</p> : null}
              {r.reply ? (
                <div className="ms-4 border-s-4 border-line ps-3">
                  <p className="text-sm font-semibold">{t("reviews.replyBy")}</p>
                  <p className="whitespace-pre-line" dir="auto">{r.reply}</p>
                </div>
              ) : (
                <Form method="post" className="space-y-2" noValidate>
                  <FormMessage messageKey={mine?.messageKey} />
                  <input type="hidden" name="reviewId" value={r.id} />
                  <TextArea label={t("reviews.coop.reply")} hint={t("reviews.coop.replyHint")} name="reply" rows={2} maxLength={REVIEW_MAX_CHARS} defaultValue={valueOf(mine, "reply")} errors={mine?.errors?.reply} />
                  <button type="submit" className="btn-secondary">{t("reviews.coop.send")}</button>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
      <Pager page={reviews.page} pageCount={reviews.pageCount} href={(p) => `/organisations/${cooperative.slug}/avis?page=${p}`} />
    </div>
  );
}
