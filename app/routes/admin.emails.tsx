import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { listFailedEmails } from "~/modules/moderation/moderation.server";

export const meta: MetaFunction = (args) => pageTitle(args, "admin.emails");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.mail");
  const emails = await listFailedEmails(db, user);
  return { emails: emails.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) };
}

export default function FailedEmails() {
  const t = useT();
  const { emails } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-semibold">{t("admin.emails")}</h2>
      <p>{t("admin.emailsHelp")} <L to="/dev/mail">{t("admin.localMailbox")}</L></p>
      {emails.length === 0 ? <p className="card">{t("admin.noFailedEmails")}</p> : null}
      <ul className="space-y-2">
        {emails.map((e) => (
          <li key={e.id} className="card text-sm">
            <p className="font-medium" dir="ltr">{e.to} · {e.template}</p>
            <p>{t(e.status === "failed" ? "admin.emailFailed" : "admin.emailRetrying", { attempts: e.attempts })} · <Time value={e.createdAt} withTime /></p>
            {e.lastError ? <p className="text-danger" dir="ltr">{e.lastError}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
