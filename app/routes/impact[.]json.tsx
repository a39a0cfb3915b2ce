import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../../db/client";
import { env } from "~/lib/env.server";
import { IMPACT_LICENCE, impactFigures, impactFilters, impactRows } from "~/modules/impact/impact.server";

/** The impact figures as JSON (open data), with the period, the region, when they were computed and the licence. */
export async function loader({ request }: LoaderFunctionArgs) {
  const filters = impactFilters(new URL(request.url).searchParams);
  const figures = await impactFigures(db, filters);
  const body = {
    source: `${env().appUrl}/impact`,
    licence: IMPACT_LICENCE,
    computedAt: figures.computedAt.toISOString(),
    period: { from: filters.from, to: filters.to, timeZone: "Africa/Casablanca" },
    region: filters.region,
    figures: impactRows(figures),
  };
  return new Response(JSON.stringify(body, null, 2), { headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" } });
}
