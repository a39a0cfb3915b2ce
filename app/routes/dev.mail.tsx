import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { Fragment } from "react";
import { useT } from "~/components/i18n";
import { Time } from "~/components/time";
import { pageTitle } from "~/lib/meta";
import { readMailbox, requireMailboxAccess } from "~/modules/accounts/mailbox.server";

export const meta: MetaFunction = (args) => pageTitle(args, "mailbox.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireMailboxAccess(request, context);
  const to = new URL(request.url).searchParams.get("to");
  const messages = await readMailbox({ to });
  return { messages: messages.map(({ id, to, subject, text, date }) => ({ id, to, subject, text, date })) };
}

function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s\])]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part} dir="ltr" className="break-all">
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export default function Mailbox() {
  const t = useT();
  const { messages } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("mailbox.title")}</h1>
      <p>{t("mailbox.explain")}</p>
      <Form method="get" className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="to" className="label">{t("mailbox.filter")}</label>
          <input id="to" name="to" type="email" dir="ltr" defaultValue={params.get("to") ?? ""} className="input" />
        </div>
        <button type="submit" className="btn-secondary">{t("actions.filter")}</button>
      </Form>
      {messages.length === 0 ? <p className="card">{t("mailbox.empty")}</p> : null}
      <ul className="space-y-3">
        {messages.map((m) => (
          <li key={m.id} className="card">
            <article aria-label={m.subject}>
              <h2 className="font-semibold">{m.subject}</h2>
              <p className="text-sm text-muted">
                <span dir="ltr">{m.to}</span> · <Time value={m.date} withTime />
              </p>
              <div className="mt-2 whitespace-pre-line text-sm">
                <Linkified text={m.text} />
              </div>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
