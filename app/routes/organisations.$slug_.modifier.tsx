import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { IDENTIFIER_TYPES } from "../../db/schema/enums";
import { Checkbox, Field, FormMessage, Select, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, isMultipart, load, readUploadedFile } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { MAX_LOGO_BYTES, uploadLogo } from "~/modules/organizations/logo.server";
import {
  addIdentifier,
  getForEdit,
  removeIdentifier,
  setBankDetails,
  updateProfile,
} from "~/modules/organizations/organizations.server";
import { getGeography } from "~/modules/organizations/reference.server";
import { bankSchema, identifierSchema, organizationProfileSchema, removeIdentifierSchema } from "~/modules/organizations/schemas";
import { SECTORS, SKILLS, THEMES } from "~/modules/organizations/vocabulary";

export const meta: MetaFunction = (args) => pageTitle(args, "orgEdit.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const edit = await load(() => getForEdit({ db, slug: params.slug ?? "", actor: user }));
  const geography = await getGeography(db);
  return {
    ...geography,
    identifiers: edit.identifiers,
    canEditBank: edit.canEditBank,
    canViewBank: edit.canViewBank,
    org: edit.org,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const back = (key: Parameters<typeof redirectWithFlash>[1]) =>
    redirectWithFlash(hrefFor(request, `/organisations/${slug}/modifier`), key);

  if (isMultipart(request)) {
    try {
      const bytes = await readUploadedFile(request, { field: "logo", maxBytes: MAX_LOGO_BYTES, tooLarge: "errors.logoTooLarge", missing: "errors.logoMissing" });
      await uploadLogo({ db, actor: user, slug, bytes });
    } catch (error) {
      return formFailure(error, { intent: "logo" });
    }
    throw back("orgEdit.logoSaved");
  }

  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  try {
    if (intent === "profile") {
      const result = parseForm(organizationProfileSchema, formData);
      if (!result.ok) return invalid(result);
      await updateProfile({ db, actor: user, slug, input: result.data });
      throw redirectWithFlash(hrefFor(request, `/organisations/${slug}`), "flash.saved");
    }
    if (intent === "addIdentifier") {
      const result = parseForm(identifierSchema, formData);
      if (!result.ok) return invalid(result);
      const { iceWarning } = await addIdentifier({ db, actor: user, slug, input: result.data });
      throw back(iceWarning ? "orgEdit.iceChecksumWarning" : "flash.saved");
    }
    if (intent === "removeIdentifier") {
      const result = parseForm(removeIdentifierSchema, formData);
      if (!result.ok) return invalid(result);
      await removeIdentifier({ db, actor: user, slug, identifierId: result.data.identifierId });
      throw back("flash.saved");
    }
    if (intent === "bank") {
      const result = parseForm(bankSchema, formData);
      if (!result.ok) return invalid(result);
      await setBankDetails({ db, actor: user, slug, input: result.data });
      throw back("flash.saved");
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, { intent });
  }
  return invalid({ ok: false, errors: { intent: ["errors.invalid"] }, values: {} });
}

export default function EditOrganization() {
  const t = useT();
  const locale = useLocale();
  const { org, regions, provinces, identifiers, canEditBank, canViewBank } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const of = (intent: string) => (actionData?.values?.intent === intent ? actionData : undefined);
  const profile = of("profile");
  const err = (name: string) => profile?.errors?.[name];
  const v = (name: string, fallback: string | number | null | undefined) =>
    valueOf(profile, name, fallback === null || fallback === undefined ? "" : String(fallback));
  const checked = (name: string, fallback: boolean) => (profile ? profile.values?.[name] === "on" : fallback);
  const listed = (name: "themes" | "sectors" | "needs" | "offers", value: string) => {
    if (!profile) return org[name].includes(value);
    const sent = profile.values?.[name];
    return Array.isArray(sent) ? sent.includes(value) : sent === value;
  };
  const placeName = (x: { nameFr: string; nameAr: string }) => (locale === "ar" ? x.nameAr : x.nameFr);
  return (
    <div className="space-y-6">
      <p>
        <L to={`/organisations/${org.slug}`}><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("orgEdit.viewPublic")}</L>
      </p>
      <h1 className="text-2xl font-bold">{t("orgEdit.title")}</h1>
      <FormMessage messageKey={actionData?.messageKey} />

      <Form method="post" className="card space-y-4" noValidate>
        <input type="hidden" name="intent" value="profile" />
        <h2 className="text-lg font-semibold">{t("orgEdit.profile")}</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("fields.orgName")} name="name" dir="auto" required defaultValue={v("name", org.name)} errors={err("name")} />
          <Field label={t("fields.orgNameAr")} name="nameAr" lang="ar" dir="rtl" defaultValue={v("nameAr", org.nameAr)} errors={err("nameAr")} />
          <Select label={t("fields.region")} name="regionCode" defaultValue={v("regionCode", org.regionCode)} errors={err("regionCode")}>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>{placeName(r)}</option>
            ))}
          </Select>
          <Select label={t("fields.province")} name="provinceCode" defaultValue={v("provinceCode", org.provinceCode)} errors={err("provinceCode")}>
            <option value="">{t("fields.choose")}</option>
            {regions.map((r) => (
              <optgroup key={r.code} label={placeName(r)}>
                {provinces.filter((p) => p.regionCode === r.code).map((p) => (
                  <option key={p.code} value={p.code}>{placeName(p)}</option>
                ))}
              </optgroup>
            ))}
          </Select>
          <Field label={t("fields.city")} name="city" defaultValue={v("city", org.city)} errors={err("city")} />
          <Field label={t("fields.foundedYear")} name="foundedYear" inputMode="numeric" defaultValue={v("foundedYear", org.foundedYear)} errors={err("foundedYear")} />
          <Field label={t(org.kind === "company" ? "fields.employeesCount" : "fields.membersCount")} name="membersCount" inputMode="numeric" defaultValue={v("membersCount", org.membersCount)} errors={err("membersCount")} />
        </div>
        <Checkbox name="womenLed" label={t("fields.womenLed")} defaultChecked={checked("womenLed", org.womenLed)} />
        <fieldset>
          <legend className="label">{t("fields.themes")}</legend>
          <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-3">
            {THEMES.map((x) => (
              <label key={x} className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="themes" value={x} defaultChecked={listed("themes", x)} className="size-5 accent-brand-700" />
                {t(`themes.${x}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="label">{t("fields.sectors")}</legend>
          <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-3">
            {SECTORS.map((x) => (
              <label key={x} className="flex min-h-11 items-center gap-2">
                <input type="checkbox" name="sectors" value={x} defaultChecked={listed("sectors", x)} className="size-5 accent-brand-700" />
                {t(`sectors.${x}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {(["needs", "offers"] as const).map((field) => (
          <fieldset key={field}>
            <legend className="label">{t(`fields.${field}`)}</legend>
            <div className="grid grid-cols-2 gap-x-4 sm:grid-cols-3">
              {SKILLS.map((x) => (
                <label key={x} className="flex min-h-11 items-center gap-2">
                  <input type="checkbox" name={field} value={x} defaultChecked={listed(field, x)} className="size-5 accent-brand-700" />
                  {t(`skills.${x}`)}
                </label>
              ))}
            </div>
            <TextArea
              label={t(field === "needs" ? "fields.needsText" : "fields.offersText")}
              name={`${field}Text`}
              dir="auto"
              defaultValue={v(`${field}Text`, org[`${field}Text`])}
              errors={err(`${field}Text`)}
            />
          </fieldset>
        ))}
        <TextArea label={t("fields.descriptionFr")} name="descriptionFr" lang="fr" dir="ltr" defaultValue={v("descriptionFr", org.descriptionFr)} errors={err("descriptionFr")} />
        <TextArea label={t("fields.descriptionAr")} name="descriptionAr" lang="ar" dir="rtl" defaultValue={v("descriptionAr", org.descriptionAr)} errors={err("descriptionAr")} />
        <h3 className="pt-2 font-semibold">{t("orgEdit.contact")}</h3>
        <p className="text-sm text-muted">{t("orgEdit.contactHint")}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <Field label={t("fields.phone")} name="phone" type="tel" dir="ltr" autoComplete="tel" defaultValue={v("phone", org.phone)} errors={err("phone")} />
            <Checkbox name="phonePublic" label={t("fields.showPublicly")} aria-label={`${t("fields.showPublicly")}: ${t("fields.phone")}`} defaultChecked={checked("phonePublic", org.phonePublic)} />
          </div>
          <div>
            <Field label={t("fields.whatsapp")} name="whatsapp" type="tel" dir="ltr" defaultValue={v("whatsapp", org.whatsapp)} errors={err("whatsapp")} />
            <Checkbox name="whatsappPublic" label={t("fields.showPublicly")} aria-label={`${t("fields.showPublicly")}: ${t("fields.whatsapp")}`} defaultChecked={checked("whatsappPublic", org.whatsappPublic)} />
          </div>
          <div>
            <Field label={t("fields.contactEmail")} name="email" type="email" dir="ltr" defaultValue={v("email", org.email)} errors={err("email")} />
            <Checkbox name="emailPublic" label={t("fields.showPublicly")} aria-label={`${t("fields.showPublicly")}: ${t("fields.contactEmail")}`} defaultChecked={checked("emailPublic", org.emailPublic)} />
          </div>
          <Field label={t("fields.website")} name="website" type="url" dir="ltr" defaultValue={v("website", org.website)} errors={err("website")} />
        </div>
        <button type="submit" className="btn">{t("actions.save")}</button>
      </Form>

      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <h2 className="text-lg font-semibold">{t("orgEdit.logo")}</h2>
        {org.logoKey ? <img src={`/uploads/${org.logoKey}`} alt="" width={96} height={96} className="size-24 rounded border border-line object-contain" /> : null}
        <Field label={t("orgEdit.logoFile")} name="logo" type="file" accept="image/png,image/jpeg,image/webp" hint={t("orgEdit.logoHint")} errors={of("logo")?.messageKey ? [of("logo")!.messageKey!] : undefined} />
        <button type="submit" className="btn-secondary">{t("orgEdit.uploadLogo")}</button>
      </Form>

      <section className="card space-y-3" aria-labelledby="ids-h">
        <h2 id="ids-h" className="text-lg font-semibold">{t("orgEdit.identifiers")}</h2>
        <ul className="divide-y divide-line">
          {identifiers.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <span className="text-muted">{t(`identifiers.${i.type}`)}</span> <span dir="ltr">{i.value}</span>
                {i.checksumWarning ? <span className="ms-2 badge bg-warn/10 text-warn">{t("orgEdit.iceChecksumShort")}</span> : null}
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="removeIdentifier" />
                <input type="hidden" name="identifierId" value={i.id} />
                <button type="submit" className="btn-secondary" aria-label={`${t("actions.remove")}: ${t(`identifiers.${i.type}`)} ${i.value}`}>{t("actions.remove")}</button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end" noValidate>
          <input type="hidden" name="intent" value="addIdentifier" />
          <Select label={t("fields.identifierType")} name="type" defaultValue={valueOf(of("addIdentifier"), "type", "ice")} errors={of("addIdentifier")?.errors?.type}>
            {IDENTIFIER_TYPES.map((x) => (
              <option key={x} value={x}>{t(`identifiers.${x}`)}</option>
            ))}
          </Select>
          <Field label={t("fields.identifierValue")} name="value" dir="ltr" defaultValue={valueOf(of("addIdentifier"), "value")} errors={of("addIdentifier")?.errors?.value} />
          <button type="submit" className="btn-secondary">{t("actions.add")}</button>
        </Form>
      </section>

      {canViewBank ? (
        <section className="card space-y-3" aria-labelledby="bank-h">
          <h2 id="bank-h" className="text-lg font-semibold">{t("orgEdit.bank")}</h2>
          <p className="text-sm text-muted">{t("orgEdit.bankPrivate")}</p>
          {org.bankRibMasked ? <p dir="ltr" className="text-start font-mono">{org.bankRibMasked}</p> : null}
          {canEditBank ? (
            <Form method="post" className="space-y-3" noValidate>
              <input type="hidden" name="intent" value="bank" />
              <Field label={t("fields.rib")} name="bankRib" inputMode="numeric" dir="ltr" autoComplete="off" defaultValue={valueOf(of("bank"), "bankRib")} errors={of("bank")?.errors?.bankRib} />
              <button type="submit" className="btn-secondary">{t("actions.save")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
