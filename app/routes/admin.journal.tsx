import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { L, useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { pageTitle } from "~/lib/meta";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { listAuditWithActors } from "~/modules/moderation/audit.server";

export const meta: MetaFunction = (args) => pageTitle(args, "admin.audit");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.audit");
  const before = Number(new URL(request.url).searchParams.get("avant")) || undefined;
  const entries = await listAuditWithActors(db, user, { before });
  return {
    entries: entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    next: entries.length === 50 ? entries[entries.length - 1].id : null,
  };
}

export default function AuditLog() {
  const t = useT();
  const { entries, next } = useLoaderData<typeof loader>();
  return (
    <section className="space-y-4">
      <h2 className="text-xl font-semibold">{t("admin.audit")}</h2>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm">
          <thead>
            <tr className="border-b border-line text-start">
              <th scope="col" className="p-2 text-start">{t("admin.when")}</th>
              <th scope="col" className="p-2 text-start">{t("admin.who")}</th>
              <th scope="col" className="p-2 text-start">{t("admin.what")}</th>
              <th scope="col" className="p-2 text-start">{t("admin.before")}</th>
              <th scope="col" className="p-2 text-start">{t("admin.after")}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-b border-line align-top">
                <td className="p-2 whitespace-nowrap"><Time value={e.createdAt} withTime /></td>
                <td className="p-2">{e.actorName ?? "—"}</td>
                <td className="p-2"><code>{e.action}</code> · {e.targetType} <code dir="ltr">{e.targetId.slice(0, 8)}</code></td>
                <td className="p-2"><pre dir="ltr" className="max-w-64 overflow-x-auto text-xs">{e.before ? JSON.stringify(e.before, null, 1) : ""}</pre></td>
                <td className="p-2"><pre dir="ltr" className="max-w-64 overflow-x-auto text-xs">{e.after ? JSON.stringify(e.after, null, 1) : ""}</pre></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {next ? <L to={`/admin/journal?avant=${next}`}>{t("actions.older")}</L> : null}
    </section>
  );
}
