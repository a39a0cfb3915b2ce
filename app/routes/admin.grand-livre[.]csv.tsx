import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { load } from "~/lib/http.server";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { ledgerCsvRows } from "~/modules/orders/payouts.server";

/** Every ledger line, or one cooperative's (`?cooperative=<id>`), for the accounts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const organizationId = new URL(request.url).searchParams.get("cooperative") || null;
  const rows = await load(() => ledgerCsvRows(db, user, { organizationId }, getT(resolveLocale(request))));
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(toCsv(rows), `grand-livre-${day}.csv`);
}
