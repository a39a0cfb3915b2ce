import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useT } from "~/components/i18n";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { adminCounts } from "~/modules/moderation/moderation.server";

export const meta: MetaFunction = (args) => pageTitle(args, "admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.verify");
  return adminCounts(db, user);
}

export default function AdminHome() {
  const t = useT();
  const counts = useLoaderData<typeof loader>();
  const cards = [
    ["/admin/organisations", t("admin.pendingCount", { count: counts.pending })],
    ["/admin/signalements", t("admin.reportsCount", { count: counts.reports })],
    ["/admin/emails", t("admin.failedEmailsCount", { count: counts.failedEmails })],
  ] as const;
  return (
    <ul className="grid gap-4 sm:grid-cols-3">
      {cards.map(([to, label]) => (
        <li key={to} className="card">
          <L to={to} className="text-lg font-semibold">{label}</L>
        </li>
      ))}
    </ul>
  );
}
