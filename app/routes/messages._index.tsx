import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { FormMessage } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { Pager, useOrgName } from "~/components/messages";
import { formatDate } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { listBlocks, unblockOrganization } from "~/modules/messages/blocks.server";
import { listInbox } from "~/modules/messages/messages.server";
import { blockSchema } from "~/modules/messages/schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "messages.inboxTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Number.parseInt(new URL(request.url).searchParams.get("page") ?? "1", 10);
  const [inbox, blocks] = await Promise.all([
    listInbox({ db, userId: user.id, page: Number.isFinite(page) && page > 0 ? page : 1 }),
    listBlocks(db, user.id),
  ]);
  return {
    ...inbox,
    items: inbox.items.map((c) => ({ ...c, lastMessageAt: c.lastMessageAt.toISOString() })),
    blocks,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = parseForm(blockSchema, await request.formData());
  if (!result.ok) return invalid(result);
  try {
    await unblockOrganization({ db, actor: user, slug: result.data.organization, otherSlug: result.data.other });
  } catch (error) {
    return formFailure(error);
  }
  throw redirectWithFlash(hrefFor(request, "/messages"), "messages.unblocked");
}

export default function Inbox() {
  const t = useT();
  const locale = useLocale();
  const orgName = useOrgName();
  const { items, page, pageCount, blocks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const severalOrganizations = new Set(items.map((c) => c.mine.slug)).size > 1;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("messages.inboxTitle")}</h1>
      <FormMessage messageKey={actionData?.messageKey} />
      {items.length === 0 ? (
        <p className="card">{t("messages.inboxEmpty")}</p>
      ) : (
        <ul className="divide-y divide-line rounded-xl border border-line bg-white">
          {items.map((c) => (
            <li key={c.id}>
              <L to={`/messages/${c.id}`} className="block px-4 py-3 text-ink no-underline hover:bg-brand-50">
                <span className="flex flex-wrap items-center justify-between gap-2">
                  <span className={c.unread ? "font-bold" : "font-medium"} dir="auto">{orgName(c.other)}</span>
                  <span className="text-sm text-muted" suppressHydrationWarning>{formatDate(c.lastMessageAt, locale, "datetime")}</span>
                </span>
                <span className="mt-1 flex flex-wrap items-center gap-2">
                  {c.unread ? <span className="badge bg-brand-700 text-white">{t("messages.unread")}</span> : null}
                  <span className={c.unread ? "font-semibold" : undefined} dir="auto">{c.subject}</span>
                </span>
                {severalOrganizations ? (
                  <span className="mt-1 block text-sm text-muted">{t("messages.forOrganization", { organization: orgName(c.mine) })}</span>
                ) : null}
              </L>
            </li>
          ))}
        </ul>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => (p > 1 ? `/messages?page=${p}` : "/messages")} />

      {blocks.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="blocks-h">
          <h2 id="blocks-h" className="text-lg font-semibold">{t("messages.blocksTitle")}</h2>
          <p className="text-sm text-muted">{t("messages.blocksHint")}</p>
          <ul className="divide-y divide-line">
            {blocks.map((b) => (
              <li key={`${b.blocker.slug}:${b.blocked.slug}`} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <L to={`/organisations/${b.blocked.slug}`} dir="auto">{orgName(b.blocked)}</L>
                  <span className="ms-2 text-sm text-muted">{t("messages.blockedBy", { organization: orgName(b.blocker) })}</span>
                </span>
                <Form method="post">
                  <input type="hidden" name="organization" value={b.blocker.slug} />
                  <input type="hidden" name="other" value={b.blocked.slug} />
                  <button type="submit" className="btn-secondary" aria-label={`${t("messages.unblock")}: ${orgName(b.blocked)}`}>
                    {t("messages.unblock")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
