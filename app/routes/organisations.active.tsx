import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { db } from "../../db/client";
import { hrefFor, load } from "~/lib/http.server";
import { requireSession, setActiveOrganization } from "~/modules/accounts/session.server";
import { loadOrganization } from "~/modules/organizations/organizations.server";
import { NotFoundError } from "~/lib/errors.server";

export async function loader() {
  throw redirect("/");
}

/** The organisation switcher: the active organisation must be one the person belongs to. */
export async function action({ request }: ActionFunctionArgs) {
  const { session, user } = await requireSession(request);
  const slug = String((await request.formData()).get("slug") ?? "");
  const { org } = await load(async () => {
    const found = await loadOrganization(db, slug, user);
    if (!found.role) throw new NotFoundError();
    return found;
  });
  await setActiveOrganization(session.id, org.id);
  throw redirect(hrefFor(request, `/organisations/${org.slug}`));
}
