// The Siraj label's e-mails: the reminders to the labelled organisation's managers, 90 and 30 days before
// the label expires, with the way to apply again.
import { Heading, Link, Text } from "@react-email/components";
import { formatDate } from "~/i18n/i18n";
import { Action, type Ctx, wrap } from "./layout";

export const labelTemplates = {
  labelExpiry: (ctx: Ctx, p: { organization: string; days: number; expiresOn: string; url: string; renewUrl: string }) =>
    wrap(
      ctx,
      ctx.t("registry.email.expirySubject", { days: String(p.days) }),
      <>
        <Heading as="h1">{ctx.t("registry.email.expirySubject", { days: String(p.days) })}</Heading>
        <Text dir="auto">{ctx.t("registry.email.expiryBody", { organization: p.organization, date: formatDate(`${p.expiresOn}T12:00:00Z`, ctx.locale, "date") })}</Text>
        <Text>{ctx.t("registry.email.renew")}</Text>
        <Action url={p.renewUrl} label={ctx.t("registry.email.renewAction")} />
        <Text>
          <Link href={p.url}>{ctx.t("registry.email.verify")}</Link>
        </Text>
      </>,
    ),
};
