// Browser-safe parts of the cooperative's orders dashboard: its tabs, the intents its buttons post, the
// low-stock threshold. The rules live in dashboard.server.ts.
import type { VendorOrderStatus } from "../../../db/schema/enums";

/** A size with this many units left, or fewer, is flagged on the dashboard and the products page. */
export const LOW_STOCK_THRESHOLD = 3;

export const ORDERS_PER_PAGE = 20;
export const LEDGER_LINES_PER_PAGE = 50;

/**
 * The dashboard's tabs, in the order of the work: to confirm (call or WhatsApp the buyer), to prepare and
 * hand to the carrier, on the road, delivered, and everything. `slug` is the tab's value in the URL.
 */
export const ORDER_TABS = [
  { key: "toConfirm", slug: "a-confirmer", statuses: ["placed"] },
  { key: "toPrepare", slug: "a-preparer", statuses: ["confirmed"] },
  { key: "onTheRoad", slug: "en-route", statuses: ["shipped"] },
  { key: "delivered", slug: "livrees", statuses: ["delivered", "remitted", "settled"] },
  { key: "all", slug: "toutes", statuses: null },
] as const satisfies readonly { key: string; slug: string; statuses: readonly VendorOrderStatus[] | null }[];

export type OrderTab = (typeof ORDER_TABS)[number];
export type OrderTabKey = OrderTab["key"];

/** The tab named in the URL, else the first one (orders to confirm). */
export function tabFromSlug(slug: string | null | undefined): OrderTab {
  return ORDER_TABS.find((t) => t.slug === slug) ?? ORDER_TABS[0];
}

/** What each button posts, and the state it moves the order to. */
export const STEP_INTENTS = {
  confirm: "confirmed",
  ship: "shipped",
  deliver: "delivered",
  refuse: "refused",
  cancel: "cancelled",
} as const satisfies Record<string, VendorOrderStatus>;

export type StepIntent = keyof typeof STEP_INTENTS;

export function intentFor(status: VendorOrderStatus): StepIntent | null {
  const found = (Object.entries(STEP_INTENTS) as [StepIntent, VendorOrderStatus][]).find(([, to]) => to === status);
  return found ? found[0] : null;
}

/** Steps that need the reason the buyer will read. */
export const NEEDS_REASON: readonly StepIntent[] = ["refuse", "cancel"];

/** Centimes as a person types them in a form: 3500 → "35,00". */
export function centimesToInput(centimes: number | null): string {
  if (centimes === null) return "";
  return (centimes / 100).toFixed(2).replace(".", ",");
}
