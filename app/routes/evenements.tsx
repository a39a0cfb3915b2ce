import type { MetaFunction } from "@remix-run/node";
import { ComingSoon } from "~/components/coming-soon";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "soon.events.title");

// A content page: no client JavaScript needed.
export const handle = { hydrate: false };

export default function Page() {
  return <ComingSoon title="soon.events.title" body="soon.events.body" />;
}
