import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { asc } from "drizzle-orm";
import { db } from "../../db/client";
import { regions } from "../../db/schema";
import { EventFields } from "~/components/event-form";
import { FormMessage } from "~/components/form";
import { L, useT } from "~/components/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { formValues, parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { createEvent } from "~/modules/events/events.server";
import { eventPath } from "~/modules/events/rules";
import { eventSchema } from "~/modules/events/schemas";

// An operator publishes an event for the platform (issue 7, item 1): it is in the agenda at once.

export const meta: MetaFunction = (args) => [...pageTitle(args, "events.form.newTitle"), { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatform(request, "platform.events");
  return { regions: await db.select().from(regions).orderBy(asc(regions.code)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePlatform(request, "platform.events");
  const formData = await request.formData();
  const result = parseForm(eventSchema, formData);
  if (!result.ok) return invalid(result);
  try {
    const event = await createEvent({ db, actor: user, input: result.data });
    throw redirectWithFlash(hrefFor(request, eventPath(event.slug)), "events.flash.created");
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, formValues(formData));
  }
}

export default function NewEvent() {
  const t = useT();
  const { regions: regionList } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p>
        <L to="/programme/evenements">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("events.ops.title")}
        </L>
      </p>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold">{t("events.form.newTitle")}</h1>
        <p className="text-muted">{t("events.form.newIntro")}</p>
      </header>
      <FormMessage messageKey={actionData?.messageKey} />
      <Form method="post" className="card space-y-4" noValidate>
        <EventFields values={actionData?.values} errors={actionData?.errors} regions={regionList} />
        <button type="submit" className="btn">{t("events.form.create")}</button>
      </Form>
    </div>
  );
}
