import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { db } from "../../db/client";
import { Checkbox, Field, FormMessage, Select, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { formatMad, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { getUser } from "~/modules/accounts/session.server";
import { cartView, findCart, fitCartToStock } from "~/modules/orders/cart.server";
import { CartChangedError, placeOrder } from "~/modules/orders/checkout.server";
import { localName, sizeLabel } from "~/modules/orders/format";
import { availableMethods, transferDetails } from "~/modules/orders/payment-methods.server";
import { checkoutSchema } from "~/modules/orders/schemas";
import { getGeography } from "~/modules/organizations/reference.server";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "orders.checkout.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const cart = await findCart(db, request, user?.id ?? null);
  const view = await cartView(db, cart?.id ?? null);
  if (!view.ready) throw redirect(hrefFor(request, "/panier"));
  const { regions } = await getGeography(db);
  return {
    view,
    regions,
    methods: availableMethods(),
    transfer: transferDetails() !== null,
    buyer: user ? { name: user.name, email: user.email } : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const formData = await request.formData();
  const result = parseForm(checkoutSchema, formData);
  if (!result.ok) return invalid(result);
  const cart = await findCart(db, request, user?.id ?? null);
  if (!cart) throw redirect(hrefFor(request, "/panier"));
  try {
    const placed = await placeOrder({ db, cartId: cart.id, buyerUserId: user?.id ?? null, ip: context.clientIp, locale: resolveLocale(request), input: result.data });
    if (placed.paymentMethod === "stripe") throw redirect(hrefFor(request, `/paiement/${placed.groupId}`));
    throw redirectWithFlash(hrefFor(request, `/commande/${placed.orders[0].trackingToken}?merci=1`), "orders.placed");
  } catch (error) {
    if (error instanceof CartChangedError) {
      // Back to the cart, brought down to what is left: the buyer sees the new quantities and why.
      await fitCartToStock(db, cart.id, error.variantIds);
      throw redirectWithFlash(hrefFor(request, "/panier"), error.messageKey);
    }
    if (error instanceof Response) throw error;
    return formFailure(error, formValues(formData));
  }
}

export default function Checkout() {
  const t = useT();
  const locale = useLocale();
  const { view, regions, methods, buyer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const errors = actionData?.errors;
  const chosen = valueOf(actionData, "paymentMethod", "cod");
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <L to="/panier"><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("cart.title")}</L>
      </p>
      <h1 className="text-2xl font-bold">{t("orders.checkout.title")}</h1>
      <FormMessage messageKey={actionData?.messageKey} />
      <Form method="post" className="space-y-6" noValidate>
        <input type="hidden" name="expectedTotal" value={view.totalCentimes} />
        <input type="hidden" name="country" value="MA" />
        <section className="card space-y-4" aria-labelledby="buyer-h">
          <h2 id="buyer-h" className="text-lg font-semibold">{t("orders.checkout.buyer")}</h2>
          {buyer ? null : (
            <p className="text-sm text-muted">
              {t("orders.checkout.guest")} <L to="/connexion?redirectTo=/panier/commande">{t("orders.checkout.signIn")}</L>
            </p>
          )}
          <Field label={t("orders.checkout.name")} name="name" autoComplete="name" required maxLength={100} defaultValue={valueOf(actionData, "name", buyer?.name)} errors={errors?.name} />
          <Field label={t("orders.checkout.phone")} name="phone" type="tel" autoComplete="tel" inputMode="tel" required hint={t("orders.checkout.phoneHint")} defaultValue={valueOf(actionData, "phone")} errors={errors?.phone} />
          <Field label={t("orders.checkout.email")} name="email" type="email" autoComplete="email" required defaultValue={valueOf(actionData, "email", buyer?.email)} errors={errors?.email} />
        </section>
        <section className="card space-y-4" aria-labelledby="address-h">
          <h2 id="address-h" className="text-lg font-semibold">{t("orders.checkout.address")}</h2>
          <p className="text-sm text-muted">{t("orders.checkout.moroccoOnly")}</p>
          <Field label={t("orders.checkout.addressLine")} name="addressLine" autoComplete="street-address" required maxLength={200} defaultValue={valueOf(actionData, "addressLine")} errors={errors?.addressLine} />
          <Field label={t("orders.checkout.city")} name="city" autoComplete="address-level2" required maxLength={80} defaultValue={valueOf(actionData, "city")} errors={errors?.city} />
          <Select label={t("orders.checkout.region")} name="regionCode" required defaultValue={valueOf(actionData, "regionCode", "")} errors={errors?.regionCode ?? errors?.country}>
            <option value="" disabled>{t("orders.checkout.chooseRegion")}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>{locale === "ar" ? r.nameAr : r.nameFr}</option>
            ))}
          </Select>
          <Field label={t("orders.checkout.postalCode")} name="postalCode" autoComplete="postal-code" inputMode="numeric" maxLength={5} defaultValue={valueOf(actionData, "postalCode")} errors={errors?.postalCode} />
          <details className="rounded-lg border border-line p-3" open={Boolean(valueOf(actionData, "companyName") || valueOf(actionData, "companyIce"))}>
            <summary className="cursor-pointer font-medium">{t("orders.checkout.invoice")}</summary>
            <div className="mt-3 space-y-4">
              <Field label={t("orders.checkout.companyName")} name="companyName" autoComplete="organization" maxLength={150} defaultValue={valueOf(actionData, "companyName")} errors={errors?.companyName} />
              <Field label={t("orders.checkout.companyIce")} name="companyIce" inputMode="numeric" maxLength={20} hint={t("orders.checkout.iceHint")} defaultValue={valueOf(actionData, "companyIce")} errors={errors?.companyIce} />
            </div>
          </details>
        </section>
        <fieldset className="card space-y-3">
          <legend className="text-lg font-semibold">{t("orders.checkout.payment")}</legend>
          {methods.map((m) => (
            <label key={m} className="flex min-h-11 items-start gap-3 rounded-lg border border-line p-3">
              <input type="radio" name="paymentMethod" value={m} defaultChecked={chosen === m} className="mt-1 size-5 accent-brand-700" />
              <span>
                <span className="block font-medium">{t(`orders.method.${m}` as MessageKey)}</span>
                <span className="block text-sm text-muted">{t(`orders.methodHint.${m}` as MessageKey)}</span>
              </span>
            </label>
          ))}
          {errors?.paymentMethod ? <p className="text-sm text-danger">{t("errors.invalidChoice")}</p> : null}
        </fieldset>
        <section className="card space-y-3" aria-labelledby="summary-h">
          <h2 id="summary-h" className="text-lg font-semibold">{t("orders.checkout.summary")}</h2>
          {view.groups.map((g) => (
            <div key={g.organization.id} className="border-b border-line pb-3">
              <p className="font-medium" dir="auto">{localName({ fr: g.organization.name, ar: g.organization.nameAr }, locale)}</p>
              <ul className="text-sm">
                {g.lines.map((l) => (
                  <li key={l.variantId} className="flex justify-between gap-2">
                    <span dir="auto">
                      {l.quantity} × {localName({ fr: l.titleFr, ar: l.titleAr }, locale)} ({sizeLabel(l.unit, l.size, locale, t)})
                    </span>
                    <span>{formatMad(l.lineTotalCentimes, locale)}</span>
                  </li>
                ))}
                <li className="flex justify-between gap-2 text-muted">
                  <span>{t("cart.shipping")}</span>
                  <span>{formatMad(g.shippingCentimes, locale)}</span>
                </li>
              </ul>
            </div>
          ))}
          <p className="flex justify-between text-lg font-bold">
            <span>{t("cart.total")}</span>
            <span>{formatMad(view.totalCentimes, locale)}</span>
          </p>
          <Checkbox
            name="acceptTerms"
            label={
              <>
                {t("orders.checkout.accept")} <L to="/conditions-de-vente" target="_blank">{t("orders.saleTerms.title")}</L>
              </>
            }
            errors={errors?.acceptTerms}
          />
          <button type="submit" className="btn w-full justify-center" disabled={busy}>
            {t("orders.checkout.place", { total: formatMad(view.totalCentimes, locale) })}
          </button>
        </section>
      </Form>
    </div>
  );
}
