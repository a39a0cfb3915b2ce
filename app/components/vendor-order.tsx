// What the cooperative's order pages share: the one-tap steps of an order, and the low-stock warning.
import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { Field, FormMessage, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { intentFor, NEEDS_REASON, type StepIntent } from "~/modules/orders/dashboard";
import { localName, sizeLabel } from "~/modules/orders/format";
import type { VendorOrderStatus } from "../../db/schema/enums";

export type StepActionData =
  | { errors?: Record<string, string[]>; values?: Record<string, string | string[]>; messageKey?: string | null }
  | undefined;

/**
 * The buttons for the steps an order may take from where it is (states.ts decides), each its own form
 * posting `intent` and `vendorOrderId` to the page. Shipping takes an optional carrier and tracking number;
 * refusing and cancelling open a field for the reason the buyer will read.
 */
export function OrderSteps({ orderId, number, steps, actionData }: { orderId: string; number: string; steps: VendorOrderStatus[]; actionData: StepActionData }) {
  const t = useT();
  const mine = actionData?.values?.vendorOrderId === orderId ? actionData : undefined;
  const failedIntent = mine ? valueOf(mine, "intent") : undefined;
  const intents = steps.map(intentFor).filter((i): i is StepIntent => i !== null);
  if (intents.length === 0) return null;
  return (
    <div className="space-y-2">
      {mine?.messageKey ? <FormMessage messageKey={mine.messageKey} /> : null}
      {mine?.errors?.vendorOrderId || mine?.errors?.intent ? <FormMessage messageKey={(mine.errors.vendorOrderId ?? mine.errors.intent)[0]} /> : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-start">
        {intents.map((intent) =>
          NEEDS_REASON.includes(intent) ? (
            <details key={intent} className="rounded-lg border border-line sm:min-w-64" open={failedIntent === intent || undefined}>
              <summary className="flex min-h-11 cursor-pointer items-center px-4 font-semibold text-danger">{t(`shop.steps.${intent}`)}</summary>
              <Form method="post" className="space-y-2 p-3" noValidate>
                <input type="hidden" name="vendorOrderId" value={orderId} />
                <Field
                  label={t("shop.steps.reason")}
                  name="reason"
                  required
                  minLength={3}
                  maxLength={300}
                  dir="auto"
                  defaultValue={failedIntent === intent ? valueOf(mine, "reason") : undefined}
                  errors={failedIntent === intent ? mine?.errors?.reason : undefined}
                />
                <button type="submit" name="intent" value={intent} className="btn-danger w-full" aria-label={`${t(intent === "refuse" ? "shop.steps.confirmRefuse" : "shop.steps.confirmCancel")} — ${number}`}>
                  {t(intent === "refuse" ? "shop.steps.confirmRefuse" : "shop.steps.confirmCancel")}
                </button>
              </Form>
            </details>
          ) : intent === "ship" ? (
            <Form key={intent} method="post" className="space-y-2 rounded-lg border border-line p-3 sm:min-w-64" noValidate>
              <input type="hidden" name="vendorOrderId" value={orderId} />
              <div className="grid grid-cols-2 gap-2">
                <Field label={t("shop.steps.carrier")} name="carrier" maxLength={60} defaultValue={failedIntent === "ship" ? valueOf(mine, "carrier") : undefined} errors={failedIntent === "ship" ? mine?.errors?.carrier : undefined} />
                <Field label={t("shop.steps.trackingNumber")} name="trackingNumber" maxLength={60} dir="ltr" defaultValue={failedIntent === "ship" ? valueOf(mine, "trackingNumber") : undefined} errors={failedIntent === "ship" ? mine?.errors?.trackingNumber : undefined} />
              </div>
              <button type="submit" name="intent" value="ship" className="btn w-full" aria-label={`${t("shop.steps.ship")} — ${number}`}>
                {t("shop.steps.ship")}
              </button>
            </Form>
          ) : (
            <Form key={intent} method="post" noValidate>
              <input type="hidden" name="vendorOrderId" value={orderId} />
              <button type="submit" name="intent" value={intent} className="btn w-full sm:w-auto" aria-label={`${t(`shop.steps.${intent}`)} — ${number}`}>
                {t(`shop.steps.${intent}`)}
              </button>
            </Form>
          ),
        )}
      </div>
    </div>
  );
}

export type LowStockItem = { productId: string; variantId: string; titleFr: string; titleAr: string | null; unit: string; size: number; stock: number };

/** Sizes on sale that are running out or sold out, each linking to its product. */
export function LowStock({ items, slug, threshold }: { items: LowStockItem[]; slug: string; threshold: number }) {
  const t = useT();
  const locale = useLocale();
  if (items.length === 0) return null;
  return (
    <section className="card border-warn/40" aria-labelledby="low-stock-h">
      <h2 id="low-stock-h" className="text-lg font-semibold text-warn">{t("shop.lowStock.title")}</h2>
      <p className="mt-1 text-sm text-muted">{t("shop.lowStock.intro", { count: formatNumber(threshold, locale) })}</p>
      <ul className="mt-2 divide-y divide-line">
        {items.map((v) => (
          <li key={v.variantId} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <L to={`/organisations/${slug}/produits/${v.productId}`} className="inline-flex min-h-11 items-center" dir="auto">
              {localName({ fr: v.titleFr, ar: v.titleAr }, locale)} ({sizeLabel(v.unit, v.size, locale, t)})
            </L>
            <span className={`badge ${v.stock === 0 ? "bg-danger/10 text-danger" : "bg-warn/10 text-warn"}`}>
              {v.stock === 0 ? t("shop.lowStock.out") : t("shop.lowStock.left", { count: formatNumber(v.stock, locale) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A payment method and where its payment stands, in words ("cash on delivery" says it all until then). */
export function paymentLabel(t: (key: MessageKey) => string, method: string, status: string) {
  const how = t(`orders.method.${method}` as MessageKey);
  return status === "due_on_delivery" ? how : `${how} · ${t(`shop.paymentStatus.${status}` as MessageKey)}`;
}

// Printed documents (packing slip, invoice) are the page itself: the site's header and footer, the
// flash message and anything marked .no-print are left off paper, and the page uses its whole width.
const PRINT_CSS = `@media print {
  @page { margin: 12mm; }
  body { background: #fff !important; }
  body > header, body > footer, body > a[href="#main"], main > p[role="status"], .no-print { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  .print-sheet { border: 0 !important; padding: 0 !important; box-shadow: none !important; }
  .print-sheet a { color: inherit !important; text-decoration: none !important; }
  .print-sheet table { page-break-inside: auto; }
  .print-sheet tr { page-break-inside: avoid; }
}`;

/** The print stylesheet of the packing slip and the invoice, and the way back to the order (not printed). */
export function PrintFrame({ backTo, children }: { backTo: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      {/* A constant stylesheet (React would escape the ">" of its selectors as text). */}
      <style dangerouslySetInnerHTML={{ __html: PRINT_CSS }} />
      <div className="no-print space-y-2">
        <p>
          <L to={backTo}>
            <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("shop.print.back")}
          </L>
        </p>
        <p className="rounded-lg border border-line bg-white p-3 text-sm text-muted">{t("shop.print.hint")}</p>
      </div>
      <article className="print-sheet card space-y-5 text-ink">{children}</article>
    </div>
  );
}
