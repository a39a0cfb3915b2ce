import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { getT } from "~/i18n/catalogs.server";
import { resolveLocale } from "~/i18n/locale.server";
import { csvResponse, toCsv } from "~/lib/csv.server";
import { notFound } from "~/lib/errors.server";
import { load } from "~/lib/http.server";
import { requirePlatform } from "~/modules/accounts/guards.server";
import { payoutBatchCsv } from "~/modules/orders/payouts.server";

/** A payout batch for the bank, at /admin/paiements/<batchId>.csv: beneficiary, RIB, amount, reference. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePlatform(request, "platform.orders");
  const batchId = /^([0-9a-f-]{36})\.csv$/i.exec(params.file ?? "")?.[1];
  if (!batchId) notFound();
  const { rows, fileName } = await load(() => payoutBatchCsv(db, user, batchId, getT(resolveLocale(request))));
  return csvResponse(toCsv(rows), fileName);
}
