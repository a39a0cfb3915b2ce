import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Checkbox, Field, FormMessage, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { centimesToInput } from "~/modules/orders/dashboard";
import { getShopTermsForm, saveShopTerms, shopTermsSchema } from "~/modules/orders/shop-terms.server";
import { localName } from "~/modules/orders/format";

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, "shop.terms.title"), { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(() => getShopTermsForm({ db, actor: user, slug: params.slug ?? "" }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const result = parseForm(shopTermsSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    await saveShopTerms({ db, actor: user, slug, input: result.data });
  } catch (error) {
    return formFailure(error, formValues(formData));
  }
  throw redirectWithFlash(hrefFor(request, `/organisations/${slug}/boutique/conditions`), "shop.terms.saved");
}

/** The shop's terms of sale: shipping, free shipping, delivery time, minimum order, cash on delivery. */
export default function ShopTermsForm() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, terms } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors;
  const name = localName({ fr: cooperative.name, ar: cooperative.nameAr }, locale);
  // After a refused submission the form shows what was typed; otherwise what is saved.
  const v = (field: string, saved: string) => valueOf(actionData, field, saved);
  const codChecked = actionData?.values ? valueOf(actionData, "codEnabled") === "on" : terms.codEnabled;
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <p>
        <L to={`/organisations/${cooperative.slug}/commandes`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("shop.links.orders")}
        </L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("shop.terms.title")}</h1>
        <p className="text-muted" dir="auto">{t("shop.terms.intro", { organization: name })}</p>
      </header>
      <section className="card">
        <FormMessage messageKey={actionData?.messageKey} />
        <Form method="post" className="space-y-4" noValidate>
          <Field
            label={t("shop.terms.shippingFee")}
            name="shippingFee"
            inputMode="decimal"
            required
            dir="ltr"
            hint={t("shop.terms.shippingFeeHint")}
            defaultValue={v("shippingFee", centimesToInput(terms.shippingFeeCentimes))}
            errors={errors?.shippingFee}
          />
          <Field
            label={t("shop.terms.freeShippingFrom")}
            name="freeShippingFrom"
            inputMode="decimal"
            dir="ltr"
            hint={t("shop.terms.freeShippingFromHint")}
            defaultValue={v("freeShippingFrom", centimesToInput(terms.freeShippingFromCentimes))}
            errors={errors?.freeShippingFrom}
          />
          <fieldset className="space-y-2">
            <legend className="sr-only">{t("shop.terms.deliveryHint")}</legend>
            <div className="grid grid-cols-2 gap-3">
              <Field
                label={t("shop.terms.deliveryDaysMin")}
                name="deliveryDaysMin"
                type="number"
                inputMode="numeric"
                min={0}
                max={60}
                required
                defaultValue={v("deliveryDaysMin", String(terms.deliveryDaysMin))}
                errors={errors?.deliveryDaysMin}
              />
              <Field
                label={t("shop.terms.deliveryDaysMax")}
                name="deliveryDaysMax"
                type="number"
                inputMode="numeric"
                min={0}
                max={60}
                required
                defaultValue={v("deliveryDaysMax", String(terms.deliveryDaysMax))}
                errors={errors?.deliveryDaysMax}
              />
            </div>
            <p className="text-sm text-muted">{t("shop.terms.deliveryHint")}</p>
          </fieldset>
          <Field
            label={t("shop.terms.minimumOrder")}
            name="minimumOrder"
            inputMode="decimal"
            required
            dir="ltr"
            hint={t("shop.terms.minimumOrderHint")}
            defaultValue={v("minimumOrder", centimesToInput(terms.minimumOrderCentimes))}
            errors={errors?.minimumOrder}
          />
          <Checkbox label={t("shop.terms.codEnabled")} name="codEnabled" defaultChecked={codChecked} errors={errors?.codEnabled} />
          <Field
            label={t("shop.terms.codCap")}
            name="codCap"
            inputMode="decimal"
            required
            dir="ltr"
            hint={t("shop.terms.codCapHint")}
            defaultValue={v("codCap", centimesToInput(terms.codCapCentimes))}
            errors={errors?.codCap}
          />
          <button type="submit" className="btn w-full sm:w-auto">{t("shop.terms.save")}</button>
        </Form>
      </section>
    </div>
  );
}
