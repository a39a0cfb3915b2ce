import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { type ActionErrors, FormMessage, TextArea, valueOf } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { formatNumber, type MessageKey } from "~/i18n/i18n";
import { ConflictError } from "~/lib/errors.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { getViewer } from "~/modules/accounts/viewer.server";
import { getEvent } from "~/modules/events/events.server";
import { eventPath, standPath } from "~/modules/events/rules";
import { applyForStand, standContext, standSchema, withdrawStand } from "~/modules/events/stands.server";
import { orgName } from "~/modules/orders/format";

// A stand at a fair or a travelling market (issue 7): the viewer's active organisation applies (what it will show,
// what the stand needs), sees its application and the organisers' answer, and may withdraw it until the event starts.

export const meta: MetaFunction = (args) => [...pageTitle(args, "eventStands.apply.title"), { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const actor = viewer ? { id: viewer.user.id, platformRole: viewer.user.platformRole } : null;
  const { event } = await load(() => getEvent(db, params.slug ?? "", actor));
  const context = await load(() => standContext(db, { actor, event, activeSlug: viewer?.activeOrganization?.slug ?? null }));
  return {
    event: { slug: event.slug, kind: event.kind, titleFr: event.titleFr, titleAr: event.titleAr, startsAt: event.startsAt, standCapacity: event.standCapacity },
    signedIn: !!viewer,
    context,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const viewer = await getViewer(request);
  const actor = { id: user.id, platformRole: user.platformRole };
  const slug = viewer?.activeOrganization?.slug;
  const formData = await request.formData();
  try {
    const { event } = await getEvent(db, params.slug ?? "", actor);
    if (!slug) throw new ConflictError("eventStands.errors.noOrganization");
    if (formData.get("intent") === "withdraw") {
      await withdrawStand({ db, actor, eventId: event.id, slug });
      throw redirectWithFlash(hrefFor(request, standPath(event.slug)), "eventStands.flash.withdrawn");
    }
    const parsed = parseForm(standSchema, formData);
    if (!parsed.ok) return invalid(parsed);
    await applyForStand({ db, actor, eventId: event.id, slug, input: parsed.data });
    throw redirectWithFlash(hrefFor(request, standPath(event.slug)), "eventStands.flash.applied");
  } catch (error) {
    if (error instanceof Response) throw error;
    const values: Record<string, string> = {};
    for (const key of ["products", "needs"]) if (typeof formData.get(key) === "string") values[key] = formData.get(key) as string;
    return formFailure(error, values);
  }
}

export default function StandPage() {
  const t = useT();
  const locale = useLocale();
  const { event, signedIn, context } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as (ActionErrors & { messageKey?: string | null }) | undefined;
  const ar = locale === "ar";
  const stand = context?.stand;
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <p>
        <L to={eventPath(event.slug)}>
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("eventStands.apply.back")}
        </L>
      </p>
      <header className="space-y-2">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="badge bg-brand-50 text-brand-800">{t(`events.kind.${event.kind}` as MessageKey)}</span>
          {event.standCapacity ? <span className="text-muted">{t("eventStands.apply.stands", { count: formatNumber(event.standCapacity, locale) })}</span> : null}
        </p>
        <h1 className="text-2xl font-bold">{t("eventStands.apply.title")}</h1>
        <p className="text-lg font-semibold">{ar ? event.titleAr : event.titleFr}</p>
        <p className="text-muted">
          <Time value={event.startsAt} withTime />
        </p>
        <p className="text-sm text-muted">{t("eventStands.apply.intro")}</p>
      </header>

      <FormMessage messageKey={actionData?.messageKey} />

      {!signedIn ? (
        <p className="card">{t("eventStands.apply.signIn")}</p>
      ) : !context ? (
        <p className="card">{t("eventStands.apply.noOrganization")}</p>
      ) : (
        <>
          <p className="font-semibold">{t("eventStands.apply.for", { organization: orgName(context.organization, locale) })}</p>
          {stand && stand.status !== "withdrawn" ? (
            <section className="card space-y-3" aria-labelledby="stand-h">
              <h2 id="stand-h" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
                {t("eventStands.apply.current")}
                <span className="badge bg-brand-50 text-brand-800">{t(`eventStands.status.${stand.status}` as MessageKey)}</span>
              </h2>
              <dl className="space-y-2">
                <dt className="text-sm text-muted">{t("eventStands.apply.products")}</dt>
                <dd className="whitespace-pre-line" dir="auto">{stand.products}</dd>
                {stand.needs ? (
                  <>
                    <dt className="text-sm text-muted">{t("eventStands.apply.needs")}</dt>
                    <dd className="whitespace-pre-line" dir="auto">{stand.needs}</dd>
                  </>
                ) : null}
                <dt className="text-sm text-muted">{t("eventStands.apply.sentOn")}</dt>
                <dd><Time value={stand.createdAt} withTime /></dd>
                {stand.decidedAt ? (
                  <>
                    <dt className="text-sm text-muted">{t("eventStands.apply.decidedOn")}</dt>
                    <dd><Time value={stand.decidedAt} withTime /></dd>
                  </>
                ) : null}
              </dl>
              {stand.reason ? <p className="whitespace-pre-line italic" dir="auto">{t("eventStands.apply.reason", { reason: stand.reason })}</p> : null}
              {context.canWithdraw ? (
                <Form method="post" className="space-y-2">
                  <p className="text-sm text-muted">{t("eventStands.apply.withdrawHint")}</p>
                  <button type="submit" name="intent" value="withdraw" className="btn-secondary w-full sm:w-auto">{t("eventStands.apply.withdraw")}</button>
                </Form>
              ) : null}
            </section>
          ) : (
            <>
              {stand?.status === "withdrawn" && context.canApply ? <p className="card">{t("eventStands.apply.applyAgain")}</p> : null}
              {context.refusal ? (
                <p className="card">{t(context.refusal)}</p>
              ) : context.canApply ? (
                <Form method="post" className="card space-y-4">
                  <input type="hidden" name="intent" value="apply" />
                  <TextArea
                    label={t("eventStands.apply.products")}
                    name="products"
                    required
                    minLength={10}
                    maxLength={1000}
                    dir="auto"
                    hint={t("eventStands.apply.productsHint")}
                    defaultValue={valueOf(actionData, "products")}
                    errors={actionData?.errors?.products}
                  />
                  {context.catalogue.length ? (
                    <fieldset className="space-y-1">
                      <legend className="label">{t("eventStands.apply.picked")}</legend>
                      {context.catalogue.map((p) => (
                        <label key={p.id} className="flex items-center gap-2 py-1">
                          <input type="checkbox" name="picked" value={p.id} />
                          <span dir="auto">{ar && p.titleAr ? p.titleAr : p.titleFr}</span>
                        </label>
                      ))}
                      {actionData?.errors?.picked ? <p className="text-sm text-danger">{t("eventStands.errors.picked")}</p> : null}
                    </fieldset>
                  ) : null}
                  <TextArea
                    label={t("eventStands.apply.needs")}
                    name="needs"
                    maxLength={500}
                    dir="auto"
                    hint={t("eventStands.apply.needsHint")}
                    defaultValue={valueOf(actionData, "needs")}
                    errors={actionData?.errors?.needs}
                  />
                  <button type="submit" className="btn w-full sm:w-auto">{t("eventStands.apply.submit")}</button>
                </Form>
              ) : (
                <p className="card">{t("eventStands.apply.managersApply")}</p>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
