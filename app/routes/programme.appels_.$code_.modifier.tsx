import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { CallFields, GridEditor, RequirementsEditor } from "~/components/grid-editor";
import { L, useLocale, useT } from "~/components/i18n";
import { formatDate, formatNumber, type MessageKey } from "~/i18n/i18n";
import { DomainError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { instantToMoroccoLocal } from "~/lib/morocco-time";
import { requirePlatform } from "~/modules/accounts/guards.server";
import {
  applyGridIntent,
  applyRequirementsIntent,
  callSchema,
  type GridDraft,
  gridProblemField,
  gridToDraft,
  parseGridForm,
  parseRequirementsForm,
  readGridDraft,
  readRequirementsDraft,
  type RequirementDraft,
  requirementToDraft,
} from "~/modules/calls/call-schemas";
import { getCallForEdit, GridInvalid, publishCall, saveGrid, setRequirements, updateCall } from "~/modules/calls/calls.server";

// An operator edits a call (issue 6, item 1): its fields (instants typed in Morocco time), its criteria grid and
// its required documents — each its own form, working without JavaScript (none is shipped: the add/remove
// buttons post the whole form and get it back changed, unsaved) — and publishes it.

export const meta: MetaFunction = (args) => [...pageTitle(args, "callsAdmin.edit.title", { code: String(args.params.code ?? "") }), { name: "robots", content: "noindex" }];

export const handle = { hydrate: false };

const editPath = (code: string) => `/programme/appels/${code}/modifier`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const edit = await load(() => getCallForEdit({ db, actor: user, code: params.code ?? "" }));
  const { call } = edit;
  return {
    code: call.code,
    state: edit.state,
    publishedAt: call.publishedAt?.toISOString() ?? null,
    gridVersion: call.gridVersion,
    applications: edit.applications,
    values: {
      code: call.code,
      kind: call.kind,
      audience: call.audience as string[],
      titleFr: call.titleFr,
      titleAr: call.titleAr,
      descriptionFr: call.descriptionFr,
      descriptionAr: call.descriptionAr,
      opensAt: instantToMoroccoLocal(call.opensAt),
      closesAt: instantToMoroccoLocal(call.closesAt),
      seats: String(call.seats),
      labelValidityMonths: call.labelValidityMonths === null ? "" : String(call.labelValidityMonths),
      disagreementThreshold: String(call.disagreementThreshold),
      observationDays: String(call.observationDays),
    },
    grid: gridToDraft(edit.grid),
    requirements: edit.requirements.map(requirementToDraft),
  };
}

type Editor = "call" | "grid" | "requirements" | "publish";
type Result = {
  editor: Editor;
  errors: Record<string, string[]>;
  values: Record<string, string | string[]>;
  messageKey: string | null;
  grid?: GridDraft;
  requirements?: RequirementDraft[];
  unsaved?: boolean;
};
const reply = (result: Result, status = 200) => data(result, { status });

/** Domain refusals of a call's fields, shown beside the field they concern. */
const FIELD_OF: Record<string, string> = {
  "calls.errors.codeTaken": "code",
  "callsAdmin.errors.codeFrozen": "code",
  "callsAdmin.errors.kindFrozen": "kind",
  "callsAdmin.errors.closesInPast": "closesAt",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.calls");
  const { call } = await load(() => getCallForEdit({ db, actor: user, code: params.code ?? "" }));
  const formData = await request.formData();
  const values = formValues(formData);
  const editor = String(formData.get("editor") ?? "") as Editor;
  const intent = String(formData.get("intent") ?? "");
  const refused = (error: unknown, extra: Partial<Result> = {}): ReturnType<typeof reply> => {
    if (error instanceof Response) throw error;
    if (error instanceof DomainError && [400, 409].includes(error.status)) {
      const field = editor === "call" ? FIELD_OF[error.messageKey] : undefined;
      return reply({ editor, errors: field ? { [field]: [error.messageKey] } : {}, values, messageKey: field ? null : error.messageKey, ...extra }, error.status);
    }
    return formFailure(error) as never;
  };

  if (editor === "call") {
    const result = parseForm(callSchema, formData);
    if (!result.ok) return reply({ editor, errors: result.errors, values, messageKey: null }, 400);
    try {
      const updated = await updateCall({ db, actor: user, callId: call.id, input: result.data });
      throw redirectWithFlash(hrefFor(request, editPath(updated.code)), "callsAdmin.flash.saved");
    } catch (error) {
      return refused(error);
    }
  }

  if (editor === "grid") {
    if (intent !== "saveGrid") {
      const grid = applyGridIntent(readGridDraft(values), intent);
      if (!grid) return reply({ editor, errors: {}, values: {}, messageKey: "errors.invalid", grid: readGridDraft(values) }, 400);
      return reply({ editor, errors: {}, values: {}, messageKey: null, grid, unsaved: true });
    }
    const parsed = parseGridForm(values);
    if (!parsed.ok) return reply({ editor, errors: parsed.errors, values: {}, messageKey: null, grid: parsed.draft }, 400);
    try {
      await saveGrid({ db, actor: user, callId: call.id, sections: parsed.sections });
      throw redirectWithFlash(hrefFor(request, editPath(call.code)), "callsAdmin.flash.gridSaved");
    } catch (error) {
      if (error instanceof GridInvalid) {
        const errors: Record<string, string[]> = {};
        for (const p of error.problems) {
          const list = (errors[gridProblemField(p)] ??= []);
          if (!list.includes(p.code)) list.push(p.code);
        }
        return reply({ editor, errors, values: {}, messageKey: null, grid: parsed.draft }, 400);
      }
      return refused(error, { grid: parsed.draft });
    }
  }

  if (editor === "requirements") {
    if (intent !== "saveRequirements") {
      const requirements = applyRequirementsIntent(readRequirementsDraft(values), intent);
      if (!requirements) return reply({ editor, errors: {}, values: {}, messageKey: "errors.invalid", requirements: readRequirementsDraft(values) }, 400);
      return reply({ editor, errors: {}, values: {}, messageKey: null, requirements, unsaved: true });
    }
    const parsed = parseRequirementsForm(values);
    if (!parsed.ok) return reply({ editor, errors: parsed.errors, values: {}, messageKey: null, requirements: parsed.draft }, 400);
    try {
      await setRequirements({ db, actor: user, callId: call.id, requirements: parsed.rows });
      throw redirectWithFlash(hrefFor(request, editPath(call.code)), "callsAdmin.flash.requirementsSaved");
    } catch (error) {
      return refused(error, { requirements: parsed.draft });
    }
  }

  if (editor === "publish") {
    try {
      await publishCall({ db, actor: user, callId: call.id });
      throw redirectWithFlash(hrefFor(request, editPath(call.code)), "callsAdmin.flash.published");
    } catch (error) {
      return refused(error);
    }
  }

  return reply({ editor: "call", errors: {}, values: {}, messageKey: "errors.invalid" }, 400);
}

export default function EditCall() {
  const t = useT();
  const locale = useLocale();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const of = (editor: Editor) => (result?.editor === editor ? result : undefined);
  const frozen = loaded.applications.total > 0;
  const n = (v: number) => formatNumber(v, locale);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        <L to="/programme/appels">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("callsAdmin.edit.back")}
        </L>
        <L to={`/programme/appels/${loaded.code}`}>{t("callsAdmin.list.open", { code: loaded.code })}</L>
        <L to={`/appels/${loaded.code}`}>{t("callsAdmin.edit.viewPage")}</L>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">
          {t("callsAdmin.edit.title", { code: loaded.code })}
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="badge bg-brand-50 text-brand-800">{t(`calls.state.${loaded.state}` as MessageKey)}</span>
          <span className="text-muted">{t("callsAdmin.edit.applications", { count: n(loaded.applications.total), submitted: n(loaded.applications.submitted) })}</span>
        </p>
      </header>

      <section className="card space-y-4" aria-labelledby="fields-h">
        <h2 id="fields-h" className="text-lg font-semibold">{t("callsAdmin.edit.fields")}</h2>
        {frozen ? <p className="text-sm text-muted">{t("callsAdmin.edit.frozenNote")}</p> : null}
        <FormMessage messageKey={of("call")?.messageKey} />
        <Form method="post" className="space-y-4" noValidate>
          <input type="hidden" name="editor" value="call" />
          <CallFields values={of("call")?.values ?? loaded.values} errors={of("call")?.errors} frozen={{ code: !!loaded.publishedAt, kind: frozen }} />
          <button type="submit" className="btn">{t("callsAdmin.form.save")}</button>
        </Form>
      </section>

      <section className="card space-y-4" aria-labelledby="grid-h">
        <div className="space-y-1">
          <h2 id="grid-h" className="text-lg font-semibold">
            {t("callsAdmin.grid.title")} <span className="text-sm font-normal text-muted">{t("callsAdmin.grid.version", { n: n(loaded.gridVersion) })}</span>
          </h2>
          <p className="text-sm text-muted">{t("callsAdmin.grid.intro")}</p>
        </div>
        <FormMessage messageKey={of("grid")?.messageKey} />
        <GridEditor draft={of("grid")?.grid ?? loaded.grid} errors={of("grid")?.errors} unsaved={!!of("grid")?.unsaved} version={loaded.gridVersion} newVersion={loaded.applications.submitted > 0} />
      </section>

      <section className="card space-y-4" aria-labelledby="requirements-h">
        <div className="space-y-1">
          <h2 id="requirements-h" className="text-lg font-semibold">{t("callsAdmin.requirements.title")}</h2>
          <p className="text-sm text-muted">{t("callsAdmin.requirements.intro")}</p>
        </div>
        <FormMessage messageKey={of("requirements")?.messageKey} />
        <RequirementsEditor draft={of("requirements")?.requirements ?? loaded.requirements} errors={of("requirements")?.errors} unsaved={!!of("requirements")?.unsaved} frozen={loaded.applications.submitted > 0} />
      </section>

      <section className="card space-y-3" aria-labelledby="publish-h">
        <h2 id="publish-h" className="text-lg font-semibold">{t("callsAdmin.publish.title")}</h2>
        <FormMessage messageKey={of("publish")?.messageKey} />
        {loaded.publishedAt ? (
          <p>{t("callsAdmin.publish.published", { date: formatDate(loaded.publishedAt, locale, "datetime") })}</p>
        ) : (
          <Form method="post" className="space-y-3">
            <input type="hidden" name="editor" value="publish" />
            <p className="text-sm text-muted">{t("callsAdmin.publish.hint")}</p>
            <button type="submit" className="btn">{t("callsAdmin.publish.button")}</button>
          </Form>
        )}
      </section>
    </div>
  );
}
