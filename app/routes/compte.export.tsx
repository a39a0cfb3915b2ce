import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { exportPersonalData } from "~/modules/accounts/accounts.server";
import { requireUser } from "~/modules/accounts/session.server";

/** Law 09-08 right of access: everything about the person, as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const payload = await exportPersonalData({ db, userId: user.id });
  return new Response(JSON.stringify(payload, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="tiwizi-donnees-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
