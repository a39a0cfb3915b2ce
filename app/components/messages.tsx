import { formatDate, formatNumber } from "~/i18n/i18n";
import { L, useLocale, useRootData, useT } from "./i18n";

type Named = { name: string; nameAr: string | null };

/** An organisation's name in the page's language when it has one. */
export function useOrgName() {
  const locale = useLocale();
  return (o: Named) => (locale === "ar" && o.nameAr ? o.nameAr : o.name);
}

/** The header's link to the inbox, with the number of conversations waiting. */
export function InboxLink() {
  const data = useRootData();
  const t = useT();
  const locale = useLocale();
  if (!data?.viewer || data.viewer.organizations.length === 0) return null;
  const unread = data.unreadConversations ?? 0;
  return (
    <L to="/messages" className="inline-flex min-h-11 items-center gap-2 rounded-lg px-3 text-sm font-medium no-underline hover:bg-brand-50">
      {t("messages.nav")}
      {unread > 0 ? (
        <span className="badge bg-brand-700 text-white">
          <span aria-hidden="true">{formatNumber(unread, locale)}</span>
          <span className="sr-only">{t("messages.unreadCount", { count: formatNumber(unread, locale) })}</span>
        </span>
      ) : null}
    </L>
  );
}

/** Previous / next links that keep the other query parameters (the search, the language). */
export function Pager(props: { page: number; pageCount: number; href: (page: number) => string }) {
  const t = useT();
  const locale = useLocale();
  if (props.pageCount <= 1) return null;
  return (
    <nav aria-label={t("pager.nav")} className="mt-4 flex flex-wrap items-center justify-between gap-2">
      {props.page > 1 ? (
        <L to={props.href(props.page - 1)} rel="prev" className="btn-secondary">
          <span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {t("pager.previous")}
        </L>
      ) : (
        <span />
      )}
      <span className="text-sm text-muted">
        {t("pager.pageOf", { page: formatNumber(props.page, locale), count: formatNumber(props.pageCount, locale) })}
      </span>
      {props.page < props.pageCount ? (
        <L to={props.href(props.page + 1)} rel="next" className="btn-secondary">
          {t("pager.next")} <span aria-hidden="true" className="inline-block rtl:rotate-180">→</span>
        </L>
      ) : (
        <span />
      )}
    </nav>
  );
}

type ReportedMessageData = {
  body: string;
  sentAt: string;
  subject: string;
  sender: { name: string; slug: string };
  recipient: { name: string; slug: string };
} | null;

/** A reported message as the admins' queue shows it: enough to judge it and reach both organisations. */
export function ReportedMessage({ message, reason }: { message: ReportedMessageData; reason: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-2">
      <p>
        <span className="badge bg-brand-50 text-brand-800">{t("messages.reportedMessage")}</span>
        {" · "}
        {t(`report.reasons.${reason}` as never)}
      </p>
      {message ? (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted">{t("messages.sender")}</dt>
            <dd><L to={`/organisations/${message.sender.slug}`}>{message.sender.name}</L></dd>
            <dt className="text-muted">{t("messages.recipient")}</dt>
            <dd><L to={`/organisations/${message.recipient.slug}`}>{message.recipient.name}</L></dd>
            <dt className="text-muted">{t("messages.subject")}</dt>
            <dd dir="auto">{message.subject}</dd>
            <dt className="text-muted">{t("messages.sentAt")}</dt>
            <dd suppressHydrationWarning>{formatDate(message.sentAt, locale, "datetime")}</dd>
          </dl>
          <blockquote className="whitespace-pre-line border-s-4 border-line ps-3" dir="auto">
            {message.body}
          </blockquote>
        </>
      ) : (
        <p>{t("admin.targetGone")}</p>
      )}
    </div>
  );
}
