import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Field, FormMessage, Select, TextArea, valueOf } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { AgreementTerms } from "~/components/agreement";
import { Time } from "~/components/time";
import type { MessageKey } from "~/i18n/i18n";
import { DomainError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { orgName } from "~/modules/orders/format";
import { agreementSchema, approveSchema, endEarlySchema, MAX_VOLUNTEERS, volunteerSchema } from "~/modules/tandems/agreement-schemas";
import {
  approveAgreement,
  endTandemEarly,
  getAgreement,
  inviteVolunteer,
  removeVolunteer,
  updateAgreement,
} from "~/modules/tandems/agreements.server";
import { tandemIdByNumber } from "~/modules/tandems/access.server";
import { useLocale } from "~/components/i18n";

export const meta: MetaFunction<typeof loader> = (args) => [
  ...pageTitle(args, "agreements.title", { number: args.data?.tandem.number ?? "" }),
  { name: "robots", content: "noindex" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return load(async () => getAgreement({ db, actor: user, tandemId: await tandemIdByNumber(db, params.number ?? "") }));
}

const FLASH: Record<string, MessageKey> = {
  save: "agreements.saved",
  approve: "agreements.approved",
  invite: "agreements.invited",
  remove: "agreements.removed",
  end: "agreements.ended",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  const tandemId = await load(() => tandemIdByNumber(db, params.number ?? ""));
  try {
    if (intent === "save") {
      const result = parseForm(agreementSchema, formData);
      if (!result.ok) return invalid(result);
      await updateAgreement({ db, actor: user, tandemId, input: result.data });
    } else if (intent === "approve") {
      const result = parseForm(approveSchema, formData);
      if (!result.ok) return invalid(result);
      const side = formData.get("side");
      await approveAgreement({ db, actor: user, tandemId, version: result.data.version, side: side === "company" || side === "partner" ? side : undefined });
    } else if (intent === "invite") {
      const result = parseForm(volunteerSchema, formData);
      if (!result.ok) return invalid(result);
      await inviteVolunteer({ db, actor: user, tandemId, ...result.data });
    } else if (intent === "remove") {
      await removeVolunteer({ db, actor: user, tandemId, email: String(formData.get("email") ?? "") });
    } else if (intent === "end") {
      const result = parseForm(endEarlySchema, formData);
      if (!result.ok) return invalid(result);
      await endTandemEarly({ db, actor: user, tandemId, reason: result.data.reason });
    } else {
      return data({ errors: {} as Record<string, string[]>, values, messageKey: "errors.invalid" as string | null }, { status: 400 });
    }
  } catch (error) {
    // The focal person is checked against the partner's members: shown beside its field.
    if (error instanceof DomainError && error.messageKey === "agreements.errors.focalPerson") {
      return data({ errors: { focalPersonId: [error.messageKey] } as Record<string, string[]>, values, messageKey: null as string | null }, { status: 400 });
    }
    return formFailure(error, values);
  }
  throw redirectWithFlash(new URL(request.url).pathname + new URL(request.url).search, FLASH[intent]);
}

export default function AgreementPage() {
  const t = useT();
  const locale = useLocale();
  const { tandem, company, partner, agreement, volunteers, partnerMembers, viewer } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = actionData?.errors ?? {};
  const sides = [
    { key: "company" as const, label: t("agreements.company"), org: company },
    { key: "partner" as const, label: t("agreements.partner"), org: partner },
  ];
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to={`/tandems/${tandem.number}`}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("agreements.back")}
        </L>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{t("agreements.title", { number: tandem.number })}</h1>
        <p>
          {t("agreements.statusLabel")} : <span className="font-semibold text-brand-700">{t(`agreements.status.${tandem.status}` as MessageKey)}</span>
          {agreement ? <span className="text-muted"> · {t("agreements.version", { version: agreement.version })}</span> : null}
        </p>
        {tandem.activatedAt ? (
          <p className="text-sm">
            {t("agreements.activeSince")} <Time value={tandem.activatedAt} />
          </p>
        ) : null}
        {tandem.endReason ? <p className="italic" dir="auto">{t("agreements.endReason", { reason: tandem.endReason })}</p> : null}
      </header>
      <FormMessage messageKey={actionData?.messageKey} />

      <section className="card space-y-2" aria-labelledby="parties-h">
        <h2 id="parties-h" className="text-lg font-semibold">{t("agreements.parties")}</h2>
        <dl className="grid gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr]">
          {sides.map((s) => (
            <div key={s.key} className="contents">
              <dt className="text-muted">{s.label}</dt>
              <dd>
                <L to={`/organisations/${s.org.slug}`} dir="auto">{orgName(s.org, locale)}</L>
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card space-y-3" aria-labelledby="terms-h">
        <h2 id="terms-h" className="text-lg font-semibold">{t("agreements.terms")}</h2>
        {agreement ? (
          <AgreementTerms agreement={agreement} />
        ) : (
          <p className="text-muted">{t("agreements.noAgreement")}</p>
        )}
        <p>
          <L to={`/tandems/${tandem.number}/accord/imprimer`} className="btn-secondary">{t("agreements.print")}</L>
        </p>
      </section>

      <section className="card space-y-3" aria-labelledby="approvals-h">
        <h2 id="approvals-h" className="text-lg font-semibold">{t("agreements.approvals")}</h2>
        <ul className="space-y-1">
          {sides.map((s) => (
            <li key={s.key}>
              <span className="font-semibold" dir="auto">{orgName(s.org, locale)}</span> :{" "}
              {s.org.approval?.current ? (
                <span>
                  <bdi>{t("agreements.approvedBy", { name: s.org.approval.approverName ?? "—" })}</bdi> <Time value={s.org.approval.approvedAt} withTime />
                </span>
              ) : s.org.approval ? (
                <span className="text-warn">{t("agreements.approvedOld", { version: s.org.approval.agreementVersion })}</span>
              ) : (
                <span className="text-muted">{t("agreements.notApproved")}</span>
              )}
            </li>
          ))}
        </ul>
        {agreement
          ? viewer.approveAs.map((side) => (
              <Form method="post" key={side}>
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="side" value={side} />
                <input type="hidden" name="version" value={agreement.version} />
                <button type="submit" className="btn">
                  {t("agreements.approveAs", { version: agreement.version, organization: orgName(side === "company" ? company : partner, locale) })}
                </button>
              </Form>
            ))
          : null}
      </section>

      {viewer.canEdit && agreement ? (
        <section className="card space-y-3" aria-labelledby="edit-h">
          <h2 id="edit-h" className="text-lg font-semibold">{t("agreements.edit")}</h2>
          <p className="text-sm text-muted">{t("agreements.hints.edit")}</p>
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="save" />
            <TextArea label={t("agreements.fields.objectives")} name="objectives" rows={5} hint={t("agreements.hints.objectives")} errors={errors.objectives} defaultValue={valueOf(actionData, "objectives", agreement.objectives)} />
            <TextArea label={t("agreements.fields.deliverables")} name="deliverables" rows={4} errors={errors.deliverables} defaultValue={valueOf(actionData, "deliverables", agreement.deliverables)} />
            <Field label={t("agreements.fields.hoursCommitted")} name="hoursCommitted" type="number" inputMode="numeric" min={1} max={2000} step={1} hint={t("agreements.hints.hours")} errors={errors.hoursCommitted} defaultValue={valueOf(actionData, "hoursCommitted", String(agreement.hoursCommitted))} />
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t("agreements.fields.startDate")} name="startDate" type="date" errors={errors.startDate} defaultValue={valueOf(actionData, "startDate", agreement.startDate)} />
              <Field label={t("agreements.fields.endDate")} name="endDate" type="date" hint={t("agreements.hints.period")} errors={errors.endDate} defaultValue={valueOf(actionData, "endDate", agreement.endDate)} />
            </div>
            <Select label={t("agreements.fields.focalPerson")} name="focalPersonId" errors={errors.focalPersonId} defaultValue={valueOf(actionData, "focalPersonId", agreement.focalPersonId ?? "")}>
              <option value="">{t("agreements.fields.choose")}</option>
              {partnerMembers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </Select>
            <TextArea label={t("agreements.fields.confidentialityNote")} name="confidentialityNote" rows={3} errors={errors.confidentialityNote} defaultValue={valueOf(actionData, "confidentialityNote", agreement.confidentialityNote)} />
            <button type="submit" className="btn">{t("agreements.save")}</button>
          </Form>
        </section>
      ) : null}

      <section className="card space-y-3" aria-labelledby="volunteers-h">
        <h2 id="volunteers-h" className="text-lg font-semibold">{t("agreements.volunteers")}</h2>
        {volunteers.length === 0 ? <p className="text-muted">{t("agreements.noVolunteers")}</p> : null}
        <ul className="divide-y divide-line">
          {volunteers.map((v) => (
            <li key={v.email} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span>
                <span className="font-semibold" dir="auto">{v.name}</span> · <bdi dir="ltr" className="break-all">{v.email}</bdi>
                <span className="text-sm text-muted"> · {v.joinedAt ? t("agreements.joined") : t("agreements.pending")}</span>
              </span>
              {viewer.canManageVolunteers ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="email" value={v.email} />
                  <button type="submit" className="btn-secondary" aria-label={t("agreements.removeLabel", { name: v.name })}>
                    {t("agreements.remove")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {viewer.canManageVolunteers && volunteers.length < MAX_VOLUNTEERS ? (
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <p className="text-sm text-muted">{t("agreements.maxVolunteers", { max: MAX_VOLUNTEERS })}</p>
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label={t("agreements.volunteerName")} name="name" autoComplete="off" errors={errors.name} />
              <Field label={t("agreements.volunteerEmail")} name="email" type="email" dir="ltr" autoComplete="off" errors={errors.email} />
            </div>
            <button type="submit" className="btn-secondary">{t("agreements.invite")}</button>
          </Form>
        ) : null}
      </section>

      {viewer.canEndEarly ? (
        <section className="card space-y-3" aria-labelledby="end-h">
          <h2 id="end-h" className="text-lg font-semibold">{t("agreements.endEarly")}</h2>
          <p className="text-sm text-muted">{t("agreements.endEarlyHelp")}</p>
          <Form method="post" className="space-y-3" noValidate>
            <input type="hidden" name="intent" value="end" />
            <TextArea label={t("agreements.reason")} name="reason" rows={3} errors={errors.reason} defaultValue={valueOf(actionData, "reason")} />
            <button type="submit" className="btn-danger">{t("agreements.endSubmit")}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
