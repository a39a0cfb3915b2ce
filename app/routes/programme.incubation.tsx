import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { formatNumber } from "~/i18n/i18n";
import { ForbiddenError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { can } from "~/modules/organizations/authorize.server";
import { createProgramme, listProgrammes } from "~/modules/programmes/programmes.server";
import { programmeSchema } from "~/modules/programmes/schemas";

// Incubation programmes (issue 7, item 3): operators see and create them all; a coach sees the ones they coach.

export const meta: MetaFunction = (args) => [...pageTitle(args, "incubation.title"), { name: "robots", content: "noindex" }];

export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const canCreate = can(user, "platform.programme");
  const programmes = await load(() => listProgrammes(db, user));
  // Neither an operator nor a coach: nothing to see here.
  if (!canCreate && programmes.length === 0) await load(() => Promise.reject(new ForbiddenError()));
  return { canCreate, programmes };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const parsed = parseForm(programmeSchema, formData);
  if (!parsed.ok) return invalid(parsed);
  let slug: string;
  try {
    slug = (await createProgramme({ db, actor: user, input: parsed.data })).slug;
  } catch (error) {
    return formFailure(error, formValues(formData));
  }
  throw redirectWithFlash(hrefFor(request, `/programme/incubation/${slug}`), "incubation.create.created");
}

export default function IncubationProgrammes() {
  const t = useT();
  const locale = useLocale();
  const { canCreate, programmes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("incubation.title")}</h1>
        <p className="text-muted">{t("incubation.intro")}</p>
      </header>
      {programmes.length === 0 ? (
        <p className="card">{t("incubation.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {programmes.map((p) => (
            <li key={p.id} className="card space-y-1 text-sm">
              <h2 className="text-base font-semibold" dir="auto">
                <L to={`/programme/incubation/${p.slug}`}>{locale === "ar" ? p.nameAr : p.nameFr}</L>
              </h2>
              <p className="text-muted">
                <Time value={p.startsOn} /> – <Time value={p.endsOn} /> · {t("incubation.list.members", { count: formatNumber(p.members, locale) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {canCreate ? (
        <section className="card" aria-labelledby="create-h">
          <h2 id="create-h" className="text-lg font-semibold">{t("incubation.create.title")}</h2>
          <FormMessage messageKey={actionData?.messageKey} />
          <Form method="post" className="mt-3 space-y-3">
            <Field label={t("incubation.create.nameFr")} name="nameFr" required maxLength={160} dir="auto" defaultValue={valueOf(actionData, "nameFr")} errors={errors?.nameFr} />
            <Field label={t("incubation.create.nameAr")} name="nameAr" required maxLength={160} dir="rtl" lang="ar" defaultValue={valueOf(actionData, "nameAr")} errors={errors?.nameAr} />
            <TextArea label={t("incubation.create.descriptionFr")} name="descriptionFr" maxLength={4000} dir="auto" defaultValue={valueOf(actionData, "descriptionFr")} errors={errors?.descriptionFr} />
            <TextArea label={t("incubation.create.descriptionAr")} name="descriptionAr" maxLength={4000} dir="rtl" lang="ar" defaultValue={valueOf(actionData, "descriptionAr")} errors={errors?.descriptionAr} />
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t("incubation.create.startsOn")} name="startsOn" type="date" required defaultValue={valueOf(actionData, "startsOn")} errors={errors?.startsOn} />
              <Field label={t("incubation.create.endsOn")} name="endsOn" type="date" required defaultValue={valueOf(actionData, "endsOn")} errors={errors?.endsOn} />
            </div>
            <Field label={t("incubation.create.callCode")} name="callCode" maxLength={40} dir="ltr" hint={t("incubation.create.callHint")} defaultValue={valueOf(actionData, "callCode")} errors={errors?.callCode} />
            <button type="submit" className="btn">{t("incubation.create.submit")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
