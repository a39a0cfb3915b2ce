import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { formatMad, formatNumber } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { getUser } from "~/modules/accounts/session.server";
import { photoUrl } from "~/modules/catalog/photos";
import { addToCart, cartCookie, cartView, createCart, deleteCart, findCart, removeFromCart, setCartQuantity } from "~/modules/orders/cart.server";
import { localName, sizeLabel } from "~/modules/orders/format";
import { cartSchema } from "~/modules/orders/schemas";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "cart.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const cart = await findCart(db, request, user?.id ?? null);
  return { view: await cartView(db, cart?.id ?? null) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  const formData = await request.formData();
  const result = parseForm(cartSchema, formData);
  if (!result.ok) return invalid(result);
  const input = result.data;
  let cart = await findCart(db, request, user?.id ?? null);
  const created = !cart;
  if (!cart) {
    if (input.intent !== "add") {
      return data({ errors: {} as Record<string, string[]>, values: {}, messageKey: "cart.errors.unavailable" as string | null }, { status: 404 });
    }
    cart = await createCart(db, user?.id ?? null);
  }
  try {
    if (input.intent === "add") await addToCart(db, cart, input.variantId, input.quantity);
    else if (input.intent === "set") await setCartQuantity(db, cart, input.variantId, input.quantity);
    else await removeFromCart(db, cart, input.variantId);
  } catch (error) {
    // A cart made for a line that could not be added is not kept.
    if (created) await deleteCart(db, cart.id);
    return formFailure(error, formValues(formData));
  }
  // Every change renews the cookie's life; a guest's first line gives it its cart.
  throw redirectWithFlash(hrefFor(request, "/panier"), input.intent === "add" ? "cart.added" : "cart.updated", {
    headers: { "Set-Cookie": cartCookie(cart.token) },
  });
}

export default function Cart() {
  const t = useT();
  const locale = useLocale();
  const { view } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header>
        <h1 className="text-2xl font-bold">{t("cart.title")}</h1>
        {view.units > 0 ? <p className="mt-1 text-muted">{t("cart.summary", { count: formatNumber(view.units, locale), cooperatives: formatNumber(view.groups.length, locale) })}</p> : null}
      </header>
      <FormMessage messageKey={actionData?.messageKey ?? actionData?.errors?.quantity?.[0] ?? actionData?.errors?.variantId?.[0]} />
      {view.groups.length === 0 ? (
        <section className="card">
          <p>{t("cart.empty")}</p>
          <p className="mt-3">
            <L to="/marche" className="btn">{t("cart.browse")}</L>
          </p>
        </section>
      ) : (
        <>
          {view.groups.map((g) => (
            <section key={g.organization.id} className="card space-y-3" aria-labelledby={`coop-${g.organization.id}`}>
              <h2 id={`coop-${g.organization.id}`} className="text-lg font-semibold" dir="auto">
                {localName({ fr: g.organization.name, ar: g.organization.nameAr }, locale)}
              </h2>
              <ul className="divide-y divide-line">
                {g.lines.map((line) => (
                  <li key={line.variantId} className="flex flex-wrap items-center gap-3 py-3">
                    {line.photoKey ? (
                      <img src={photoUrl(line.photoKey, 480)} alt="" width={64} height={64} loading="lazy" className="size-16 rounded object-cover" />
                    ) : (
                      <span aria-hidden="true" className="size-16 rounded bg-sand" />
                    )}
                    <div className="min-w-40 flex-1">
                      <p className="font-medium" dir="auto">{localName({ fr: line.titleFr, ar: line.titleAr }, locale)}</p>
                      <p className="text-sm text-muted">
                        {sizeLabel(line.unit, line.size, locale, t)} · {formatMad(line.unitPriceCentimes, locale)}
                      </p>
                      {line.problem ? (
                        <p className="text-sm text-danger">
                          {t(`cart.problem.${line.problem}`, { stock: formatNumber(line.stock, locale) })}
                        </p>
                      ) : null}
                    </div>
                    {line.problem === "unavailable" ? null : (
                      <Form method="post" className="flex items-end gap-2">
                        <input type="hidden" name="intent" value="set" />
                        <input type="hidden" name="variantId" value={line.variantId} />
                        <label className="text-sm">
                          <span className="sr-only">{t("cart.quantity")}</span>
                          <input
                            type="number"
                            name="quantity"
                            inputMode="numeric"
                            min={0}
                            max={Math.min(99, Math.max(line.stock, 1))}
                            defaultValue={line.quantity}
                            className="input w-20"
                            aria-label={t("cart.quantityOf", { product: localName({ fr: line.titleFr, ar: line.titleAr }, locale) })}
                          />
                        </label>
                        <button type="submit" className="btn-secondary" disabled={busy}>{t("cart.update")}</button>
                      </Form>
                    )}
                    <p className="w-28 text-end font-semibold">{formatMad(line.lineTotalCentimes, locale)}</p>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="variantId" value={line.variantId} />
                      <button type="submit" className="btn-secondary" disabled={busy}>
                        {t("cart.remove")}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
              <dl className="grid grid-cols-2 gap-1 text-sm">
                <dt>{t("cart.subtotal")}</dt>
                <dd className="text-end">{formatMad(g.subtotalCentimes, locale)}</dd>
                <dt>{t("cart.shipping")}</dt>
                <dd className="text-end">{g.shippingCentimes === 0 && g.subtotalCentimes > 0 ? t("cart.freeShipping") : formatMad(g.shippingCentimes, locale)}</dd>
                <dt>{t("cart.delivery")}</dt>
                <dd className="text-end">{t("cart.deliveryDays", { min: formatNumber(g.terms.deliveryDaysMin, locale), max: formatNumber(g.terms.deliveryDaysMax, locale) })}</dd>
              </dl>
              {g.terms.freeShippingFromCentimes !== null && g.shippingCentimes > 0 ? (
                <p className="text-sm text-muted">{t("cart.freeFrom", { amount: formatMad(g.terms.freeShippingFromCentimes, locale) })}</p>
              ) : null}
              {g.belowMinimumCentimes > 0 ? (
                <p className="text-sm text-warn" role="status">
                  {t("cart.belowMinimum", { minimum: formatMad(g.terms.minimumOrderCentimes, locale), missing: formatMad(g.belowMinimumCentimes, locale) })}
                </p>
              ) : null}
            </section>
          ))}
          <section className="card space-y-3" aria-labelledby="total-h">
            <h2 id="total-h" className="sr-only">{t("cart.total")}</h2>
            <dl className="grid grid-cols-2 gap-1">
              <dt>{t("cart.items")}</dt>
              <dd className="text-end">{formatMad(view.itemsTotalCentimes, locale)}</dd>
              <dt>{t("cart.shipping")}</dt>
              <dd className="text-end">{formatMad(view.shippingTotalCentimes, locale)}</dd>
              <dt className="text-lg font-bold">{t("cart.total")}</dt>
              <dd className="text-end text-lg font-bold">{formatMad(view.totalCentimes, locale)}</dd>
            </dl>
            {view.ready ? (
              <L to="/panier/commande" className="btn w-full justify-center">{t("cart.checkout")}</L>
            ) : (
              <p className="text-warn">{t("cart.fixFirst")}</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
