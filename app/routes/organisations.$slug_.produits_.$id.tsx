import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, FormMessage, Select, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { formatMad, formatNumber, type MessageKey } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, isMultipart, load, readUploadedFile } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { photoUrl } from "~/modules/catalog/photos";
import { addProductPhoto, listProductPhotos, MAX_PHOTO_BYTES, removeProductPhoto } from "~/modules/catalog/photos.server";
import { addVariant, archiveProduct, getOwnProduct, publishProduct } from "~/modules/catalog/products.server";
import { variantSchema } from "~/modules/catalog/schemas";
import { VARIANT_UNITS } from "../../db/schema/enums";

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "catalog.heading", { organization: args.data?.product.titleFr ?? "" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const own = await load(() => getOwnProduct({ db, actor: user, cooperativeSlug: params.slug ?? "", productId: params.id ?? "" }));
  return { ...own, photos: await listProductPhotos(db, own.product.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const target = { db, actor: user, cooperativeSlug: params.slug ?? "", productId: params.id ?? "" };
  const here = hrefFor(request, `/organisations/${target.cooperativeSlug}/produits/${target.productId}`);
  // A photo comes as multipart; it is read into memory up to its limit, then checked by its bytes.
  if (isMultipart(request)) {
    try {
      const bytes = await readUploadedFile(request, { field: "photo", maxBytes: MAX_PHOTO_BYTES, tooLarge: "errors.photoTooLarge", missing: "errors.photoMissing" });
      await addProductPhoto({ ...target, bytes });
    } catch (error) {
      return formFailure(error, { intent: "addPhoto" });
    }
    throw redirectWithFlash(here, "catalog.photoAdded");
  }
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  try {
    if (intent === "addVariant") {
      const result = parseForm(variantSchema, formData);
      if (!result.ok) return invalid(result);
      await addVariant({ ...target, input: result.data });
      throw redirectWithFlash(here, "catalog.variantAdded");
    }
    if (intent === "publish") {
      await publishProduct(target);
      throw redirectWithFlash(here, "catalog.published");
    }
    if (intent === "removePhoto") {
      await removeProductPhoto({ ...target, photoId: String(formData.get("photoId") ?? "") });
      throw redirectWithFlash(here, "catalog.photoRemoved");
    }
    if (intent === "archive") {
      await archiveProduct(target);
      throw redirectWithFlash(here, "catalog.archived");
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, { ...formValues(formData), intent });
  }
  return invalid({ ok: false, errors: { intent: ["errors.invalid"] }, values: {} });
}

export default function ProductEditor() {
  const t = useT();
  const locale = useLocale();
  const { cooperative, product, variants, photos } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const title = locale === "ar" && product.titleAr ? product.titleAr : product.titleFr;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <L to={`/organisations/${cooperative.slug}/produits`}><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("catalog.back")}</L>
      </p>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="flex-1 text-2xl font-bold" dir="auto">{title}</h1>
        <span className="badge bg-brand-50 text-brand-800">{t(`catalog.status.${product.status}` as MessageKey)}</span>
      </header>
      <FormMessage messageKey={actionData?.messageKey} />

      <section className="card" aria-labelledby="variants-h">
        <h2 id="variants-h" className="text-lg font-semibold">{t("catalog.variants")}</h2>
        {variants.length === 0 ? (
          <p className="mt-2 text-muted">{t("catalog.noVariants")}</p>
        ) : (
          <table className="mt-2 w-full text-start">
            <thead>
              <tr className="text-sm text-muted">
                <th className="py-1 text-start font-normal">{t("catalog.size")}</th>
                <th className="py-1 text-start font-normal">{t("catalog.price")}</th>
                <th className="py-1 text-start font-normal">{t("catalog.stock")}</th>
              </tr>
            </thead>
            <tbody>
              {variants.map((v) => (
                <tr key={v.id} className="border-t border-line">
                  <td className="py-2">{formatNumber(v.size, locale)} {t(`catalog.units.${v.unit}` as MessageKey)}</td>
                  <td className="py-2">{formatMad(v.priceCentimes, locale)}</td>
                  <td className="py-2">{formatNumber(v.stock, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <Form method="post" className="mt-4 grid gap-3 sm:grid-cols-2" noValidate>
          <input type="hidden" name="intent" value="addVariant" />
          <Select label={t("catalog.unit")} name="unit" defaultValue={valueOf(actionData, "unit")} errors={actionData?.errors?.unit}>
            {VARIANT_UNITS.map((u) => (
              <option key={u} value={u}>{t(`catalog.units.${u}`)}</option>
            ))}
          </Select>
          <Field label={t("catalog.size")} name="size" inputMode="numeric" defaultValue={valueOf(actionData, "size")} errors={actionData?.errors?.size} />
          <Field label={t("catalog.price")} name="price" inputMode="decimal" defaultValue={valueOf(actionData, "price")} errors={actionData?.errors?.price} />
          <Field label={t("catalog.stock")} name="stock" inputMode="numeric" defaultValue={valueOf(actionData, "stock", "0")} errors={actionData?.errors?.stock} />
          <Field label={t("catalog.lot")} name="lot" maxLength={60} defaultValue={valueOf(actionData, "lot")} errors={actionData?.errors?.lot} />
          <Field label={t("catalog.bestBefore")} name="bestBefore" type="date" defaultValue={valueOf(actionData, "bestBefore")} errors={actionData?.errors?.bestBefore} />
          <p className="sm:col-span-2">
            <button type="submit" className="btn">{t("catalog.addVariant")}</button>
          </p>
        </Form>
      </section>

      <section className="card space-y-3" aria-labelledby="photos-h">
        <h2 id="photos-h" className="text-lg font-semibold">{t("catalog.photos")}</h2>
        {photos.length === 0 ? <p className="text-muted">{t("catalog.noPhotos")}</p> : null}
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {photos.map((p, i) => (
            <li key={p.id} className="space-y-1">
              <img src={photoUrl(p.key, 480)} alt={`${title} (${i + 1})`} width={240} height={Math.round((240 * p.height) / p.width)} loading="lazy" className="w-full rounded border border-line object-cover" />
              <Form method="post">
                <input type="hidden" name="intent" value="removePhoto" />
                <input type="hidden" name="photoId" value={p.id} />
                <button type="submit" className="text-sm text-danger underline">{t("catalog.removePhoto")}</button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" encType="multipart/form-data" className="space-y-3">
          <Field label={t("catalog.photoFile")} name="photo" type="file" accept="image/jpeg,image/png,image/webp" />
          <button type="submit" className="btn-secondary">{t("catalog.addPhoto")}</button>
        </Form>
      </section>

      <section className="card flex flex-wrap gap-3">
        {product.status !== "published" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" className="btn">{t("catalog.publish")}</button>
          </Form>
        ) : null}
        {product.status !== "archived" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="archive" />
            <button type="submit" className="btn-secondary">{t("catalog.archive")}</button>
          </Form>
        ) : null}
        {cooperative.verified ? null : <p className="w-full text-warn">{t("catalog.notVerified")}</p>}
      </section>
    </div>
  );
}
