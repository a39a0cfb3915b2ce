// The tracking page's sections after delivery: asking for a return (and where it stands), and a review
// per product. The forms post to the tracking page itself (intents "return" and "review").
import { Form } from "@remix-run/react";
import { formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { localName, sizeLabel } from "~/modules/orders/format";
import { REVIEW_MAX_CHARS } from "~/modules/orders/after-sale-schemas";
import { FormMessage, TextArea, valueOf } from "./form";
import { useErrorText, useLocale, useT } from "./i18n";
import { Stars } from "./reviews";
import { Time } from "./time";

type ActionData = { errors?: Record<string, string[]>; values?: Record<string, string | string[]>; messageKey?: string | null } | undefined;

type Item = { id: string; titleFr: string; titleAr: string | null; unit: string; size: number; quantity: number; returnedQuantity: number; perishable: boolean };

type AfterSale = {
  returns: {
    deadline: Date | string | null;
    canRequest: boolean;
    block: "notDelivered" | "tooLate" | "open" | "nothing" | null;
    returnable: { orderItemId: string; max: number }[];
    hasPerishable: boolean;
    requests: {
      id: string;
      status: "requested" | "accepted" | "refused";
      reason: string;
      decisionReason: string | null;
      refundCentimes: number;
      createdAt: Date | string;
      decidedAt: Date | string | null;
      items: { orderItemId: string; quantity: number }[];
    }[];
  };
  reviews: {
    canReview: boolean;
    products: {
      productId: string;
      titleFr: string;
      titleAr: string | null;
      review: { id: string; rating: number; body: string | null; status: "published" | "hidden"; reply: string | null } | null;
    }[];
  };
};

function FieldErrors({ errors }: { errors?: string[] }) {
  const text = useErrorText();
  if (!errors?.length) return null;
  return (
    <ul className="mt-1 text-sm text-danger">
      {errors.map((e) => (
        <li key={e}>{text(e)}</li>
      ))}
    </ul>
  );
}

export function ReturnSection({ afterSale, items, actionData }: { afterSale: AfterSale; items: Item[]; actionData: ActionData }) {
  const t = useT();
  const locale = useLocale();
  const { returns } = afterSale;
  if (returns.block === "notDelivered" && returns.requests.length === 0) return null;
  const mine = actionData?.values?.intent === "return" ? actionData : undefined;
  const title = (orderItemId: string) => {
    const i = items.find((x) => x.id === orderItemId);
    return i ? `${localName({ fr: i.titleFr, ar: i.titleAr }, locale)} (${sizeLabel(i.unit, i.size, locale, t)})` : "—";
  };
  return (
    <section id="retour" className="card space-y-3" aria-labelledby="retour-h">
      <h2 id="retour-h" className="text-lg font-semibold">{t("reviews.returns.title")}</h2>
      {returns.requests.length > 0 ? (
        <ul className="space-y-3">
          {returns.requests.map((r) => (
            <li key={r.id} className="rounded-lg border border-line p-3 text-sm">
              <p className="flex flex-wrap items-center gap-2">
                <span className={`badge ${r.status === "accepted" ? "bg-brand-50 text-ok" : r.status === "refused" ? "bg-sand text-danger" : "bg-sand"}`}>
                  {t(`reviews.returns.status.${r.status}` as MessageKey)}
                </span>
                <span className="text-muted">
                  {t("reviews.returns.askedOn")} <Time value={r.createdAt} />
                </span>
              </p>
              <ul className="mt-1 list-disc ps-5">
                {r.items.map((i) => (
                  <li key={i.orderItemId} dir="auto">
                    {formatNumber(i.quantity, locale)} × {title(i.orderItemId)}
                  </li>
                ))}
              </ul>
              {r.status === "accepted" && r.refundCentimes > 0 ? (
                <p className="mt-1">{t("reviews.returns.refund", { amount: formatMad(r.refundCentimes, locale) })}</p>
              ) : null}
              {r.decisionReason ? (
                <p className="mt-1 italic" dir="auto">
                  {r.decisionReason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}

      {returns.canRequest ? (
        <>
          <p className="text-sm">
            {t("reviews.returns.intro")}{" "}
            {returns.deadline ? (
              <strong>
                {t("reviews.returns.until")} <Time value={returns.deadline} withTime />
              </strong>
            ) : null}
          </p>
          {returns.hasPerishable ? <p className="text-sm text-muted">{t("reviews.returns.perishableNote")}</p> : null}
          <FormMessage messageKey={mine?.messageKey} />
          <Form method="post" className="space-y-3" noValidate preventScrollReset>
            <input type="hidden" name="intent" value="return" />
            <fieldset className="space-y-2">
              <legend className="font-medium">{t("reviews.returns.which")}</legend>
              {returns.returnable.map((r) => {
                const id = `qty-${r.orderItemId}`;
                return (
                  <div key={r.orderItemId} className="flex flex-wrap items-center justify-between gap-3">
                    <label htmlFor={id} dir="auto" className="flex-1">
                      {title(r.orderItemId)}
                      <span className="block text-sm text-muted">{t("reviews.returns.max", { count: formatNumber(r.max, locale) })}</span>
                    </label>
                    <input
                      id={id}
                      name={`qty.${r.orderItemId}`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={r.max}
                      step={1}
                      defaultValue={valueOf(mine, `qty.${r.orderItemId}`, "0")}
                      className="input w-24"
                    />
                  </div>
                );
              })}
              <FieldErrors errors={mine?.errors?.items} />
            </fieldset>
            <TextArea label={t("reviews.returns.reason")} name="reason" rows={3} maxLength={REVIEW_MAX_CHARS} required defaultValue={valueOf(mine, "reason")} errors={mine?.errors?.reason} />
            <button type="submit" className="btn w-full sm:w-auto">{t("reviews.returns.submit")}</button>
          </Form>
        </>
      ) : returns.block === "tooLate" && returns.deadline ? (
        <p className="text-sm text-muted">
          {t("reviews.returns.closed")} <Time value={returns.deadline} />
        </p>
      ) : returns.block === "open" ? (
        <p className="text-sm">{t("reviews.returns.pending")}</p>
      ) : null}
    </section>
  );
}

export function ReviewSection({ afterSale, actionData }: { afterSale: AfterSale; actionData: ActionData }) {
  const t = useT();
  const locale = useLocale();
  const { reviews } = afterSale;
  if (!reviews.canReview || reviews.products.length === 0) return null;
  return (
    <section id="avis" className="card space-y-4" aria-labelledby="avis-h">
      <h2 id="avis-h" className="text-lg font-semibold">{t("reviews.give")}</h2>
      <p className="text-sm text-muted">{t("reviews.giveIntro")}</p>
      <ul className="divide-y divide-line">
        {reviews.products.map((p) => {
          const name = localName({ fr: p.titleFr, ar: p.titleAr }, locale);
          const mine = actionData?.values?.intent === "review" && actionData.values.productId === p.productId ? actionData : undefined;
          return (
            <li key={p.productId} className="space-y-2 py-3">
              <h3 className="font-semibold" dir="auto">{name}</h3>
              {p.review ? (
                <div className="space-y-1">
                  <Stars rating={p.review.rating} />
                  {p.review.body ? <p className="whitespace-pre-line" dir="auto">{p.review.body}</p> : null}
                  {p.review.status === "hidden" ? <p className="text-sm text-warn">{t("reviews.hiddenNote")}</p> : null}
                  {p.review.reply ? (
                    <div className="ms-4 border-s-4 border-line ps-3">
                      <p className="text-sm font-semibold">{t("reviews.replyBy")}</p>
                      <p className="whitespace-pre-line" dir="auto">{p.review.reply}</p>
                    </div>
                  ) : null}
                </div>
              ) : (
                <Form method="post" className="space-y-3" noValidate preventScrollReset>
                  <FormMessage messageKey={mine?.messageKey} />
                  <input type="hidden" name="intent" value="review" />
                  <input type="hidden" name="productId" value={p.productId} />
                  <fieldset>
                    <legend className="label">{t("reviews.rating", { product: name })}</legend>
                    <div className="flex flex-wrap gap-2">
                      {[1, 2, 3, 4, 5].map((n) => (
                        <label key={n} className="flex min-h-11 items-center gap-2 rounded-lg border border-line px-3">
                          <input type="radio" name="rating" value={n} defaultChecked={valueOf(mine, "rating") === String(n)} className="size-5 accent-brand-700" />
                          <span>{t("reviews.starsShort", { rating: formatNumber(n, locale) })}</span>
                        </label>
                      ))}
                    </div>
                    <FieldErrors errors={mine?.errors?.rating} />
                  </fieldset>
                  <TextArea
                    label={t("reviews.body")}
                    name="body"
                    rows={3}
                    maxLength={REVIEW_MAX_CHARS}
                    hint={t("reviews.bodyHint", { max: formatNumber(REVIEW_MAX_CHARS, locale) })}
                    defaultValue={valueOf(mine, "body")}
                    errors={mine?.errors?.body}
                  />
                  <button type="submit" className="btn w-full sm:w-auto">{t("reviews.submit")}</button>
                </Form>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
