import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { asc } from "drizzle-orm";
import { db } from "../../db/client";
import { regions } from "../../db/schema";
import { EventFields } from "~/components/event-form";
import { FormMessage } from "~/components/form";
import { useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { authorize } from "~/modules/organizations/authorize.server";
import { loadOrganization } from "~/modules/organizations/organizations.server";
import { createEvent } from "~/modules/events/events.server";
import { eventPath } from "~/modules/events/rules";
import { eventSchema } from "~/modules/events/schemas";
import { orgName } from "~/modules/orders/format";
import { useLocale } from "~/components/i18n";

// A verified organisation's managers propose an event (issue 7, item 1): it waits for an operator's approval and
// is visible, meanwhile, only to them and to operators.

export const meta: MetaFunction = (args) => [...pageTitle(args, "events.form.proposeTitle"), { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { org, role } = await load(() => loadOrganization(db, params.slug ?? "", user));
  await load(async () => authorize(user, "org.events.manage", { membershipRole: role }));
  return { organization: { name: org.name, nameAr: org.nameAr }, regions: await db.select().from(regions).orderBy(asc(regions.code)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const result = parseForm(eventSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    const event = await createEvent({ db, actor: user, input: result.data, organizerSlug: params.slug ?? "" });
    throw redirectWithFlash(hrefFor(request, eventPath(event.slug)), "events.flash.proposed");
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, formValues(formData));
  }
}

export default function ProposeEvent() {
  const t = useT();
  const locale = useLocale();
  const { organization, regions: regionList } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("events.form.proposeTitle")}</h1>
        <p className="text-muted">{orgName(organization, locale)}</p>
        <p className="text-muted">{t("events.form.proposeIntro")}</p>
      </header>
      <FormMessage messageKey={actionData?.messageKey} />
      <Form method="post" className="card space-y-4" noValidate>
        <EventFields values={actionData?.values} errors={actionData?.errors} regions={regionList} />
        <button type="submit" className="btn">{t("events.form.propose")}</button>
      </Form>
    </div>
  );
}
