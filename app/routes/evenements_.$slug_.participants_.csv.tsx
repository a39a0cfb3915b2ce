import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { load } from "~/lib/http.server";
import { requireUser } from "~/modules/accounts/session.server";
import { listParticipants } from "~/modules/events/registrations.server";

// A spreadsheet cell: quoted, and a leading formula character neutralised (CSV injection).
const cell = (v: string) => `"${v.replace(/"/g, '""').replace(/^([=+\-@\t\r])/, "'$1")}"`;

/** The participants of an event as CSV, for those who run it only (else 404). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await load(() => listParticipants({ db, actor: user, slug: params.slug ?? "", limit: 100_000 }));
  const lines = [["name", "email", "status", "gender", "organization", "registered_at", "checked_in_at"].join(",")];
  for (const r of page.rows) {
    lines.push([r.name, r.email, r.status, r.gender ?? "", r.organization ?? "", r.createdAt.toISOString(), r.checkedInAt?.toISOString() ?? ""].map(cell).join(","));
  }
  return new Response(`\uFEFF${lines.join("\r\n")}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="participants-${page.event.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
