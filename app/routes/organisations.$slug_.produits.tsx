import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Checkbox, Field, FormMessage, Select, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { createProduct, listOwnProducts } from "~/modules/catalog/products.server";
import { qualitySigns } from "~/modules/catalog/quality-signs.server";
import { productSchema } from "~/modules/catalog/schemas";
import { LowStock } from "~/components/vendor-order";
import { LOW_STOCK_THRESHOLD } from "~/modules/orders/dashboard";
import { lowStockBySlug } from "~/modules/orders/dashboard.server";
import { PRODUCT_CATEGORIES } from "../../db/schema/enums";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "catalog.heading", { organization: args.data?.cooperative.name ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const own = await load(() => listOwnProducts({ db, actor: user, cooperativeSlug: params.slug ?? "" }));
  // Sizes on sale running out, so they are restocked before buyers find them sold out.
  return { ...own, signs: qualitySigns(), lowStock: await lowStockBySlug(db, own.cooperative.slug) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const result = parseForm(productSchema, formData);
  if (!result.ok) return invalid(result);
  let id: string;
  try {
    ({ id } = await createProduct({ db, actor: user, cooperativeSlug: slug, input: result.data }));
  } catch (error) {
    return formFailure(error, formValues(formData));
  }
  throw redirectWithFlash(hrefFor(request, `/organisations/${slug}/produits/${id}`), "catalog.created");
}

export default function Products() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, products, signs, lowStock } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const name = locale === "ar" && cooperative.nameAr ? cooperative.nameAr : cooperative.name;
  const chosenSigns = [actionData?.values?.qualitySigns ?? []].flat();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <L to={`/organisations/${cooperative.slug}`}><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {name}</L>
      </p>
      <header>
        <h1 className="text-2xl font-bold">{t("catalog.heading", { organization: name })}</h1>
        <p className="mt-1 text-muted">{t("catalog.intro")}</p>
        {cooperative.verified ? null : <p className="mt-2 text-warn">{t("catalog.notVerified")}</p>}
        <p className="mt-3">
          <L to={`/organisations/${cooperative.slug}/produits/import`} className="btn-secondary">{t("imports.link")}</L>
        </p>
      </header>

      <LowStock items={lowStock} slug={cooperative.slug} threshold={LOW_STOCK_THRESHOLD} />

      <section className="card" aria-labelledby="list-h">
        <h2 id="list-h" className="text-lg font-semibold">{t("catalog.title")}</h2>
        {products.length === 0 ? (
          <p className="mt-2 text-muted">{t("catalog.empty")}</p>
        ) : (
          <ul className="mt-2 divide-y divide-line">
            {products.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center gap-3 py-3">
                <span className="flex-1" dir="auto">{locale === "ar" && p.titleAr ? p.titleAr : p.titleFr}</span>
                <span className="badge bg-sand">{t(`categories.${p.category}` as MessageKey)}</span>
                <span className="badge bg-brand-50 text-brand-800">{t(`catalog.status.${p.status}` as MessageKey)}</span>
                <L to={`/organisations/${cooperative.slug}/produits/${p.id}`} className="btn-secondary">{t("catalog.edit")}</L>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="new-h">
        <h2 id="new-h" className="mb-3 text-lg font-semibold">{t("catalog.new")}</h2>
        <FormMessage messageKey={actionData?.messageKey} />
        <Form method="post" className="space-y-4" noValidate>
          <Field label={t("catalog.titleFr")} name="titleFr" maxLength={120} required defaultValue={valueOf(actionData, "titleFr")} errors={actionData?.errors?.titleFr} />
          <Field label={t("catalog.titleAr")} name="titleAr" dir="rtl" lang="ar" maxLength={120} defaultValue={valueOf(actionData, "titleAr")} errors={actionData?.errors?.titleAr} />
          <Select label={t("catalog.category")} name="category" defaultValue={valueOf(actionData, "category")} errors={actionData?.errors?.category}>
            {PRODUCT_CATEGORIES.map((c) => (
              <option key={c} value={c}>{t(`categories.${c}`)}</option>
            ))}
          </Select>
          <TextArea label={t("catalog.descriptionFr")} name="descriptionFr" rows={4} maxLength={4000} defaultValue={valueOf(actionData, "descriptionFr")} errors={actionData?.errors?.descriptionFr} />
          <TextArea label={t("catalog.descriptionAr")} name="descriptionAr" dir="rtl" lang="ar" rows={4} maxLength={4000} defaultValue={valueOf(actionData, "descriptionAr")} errors={actionData?.errors?.descriptionAr} />
          <details>
            <summary className="cursor-pointer font-semibold text-brand-700">{t("catalog.qualitySigns")}</summary>
            <div className="mt-2 grid gap-1 sm:grid-cols-2">
              {signs.map((s) => (
                <Checkbox key={s.code} label={`${s.nameFr} (${s.type})`} name="qualitySigns" value={s.code} defaultChecked={chosenSigns.includes(s.code)} />
              ))}
            </div>
            {actionData?.errors?.qualitySigns ? <FormMessage messageKey={actionData.errors.qualitySigns[0]} /> : null}
          </details>
          <Checkbox label={t("catalog.organic")} name="organic" defaultChecked={valueOf(actionData, "organic") === "on"} />
          <Field label={t("catalog.onssaNumber")} name="onssaNumber" maxLength={60} defaultValue={valueOf(actionData, "onssaNumber")} errors={actionData?.errors?.onssaNumber} />
          <button type="submit" className="btn">{t("catalog.create")}</button>
        </Form>
      </section>
    </div>
  );
}
