import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { hrefFor } from "~/lib/http.server";
import { clearSessionCookie, getSession, invalidateSession } from "~/modules/accounts/session.server";

export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const found = await getSession(request);
  if (found) await invalidateSession(found.session.id);
  throw redirect(hrefFor(request, "/"), { headers: { "Set-Cookie": clearSessionCookie() } });
}
