// E-mails of a running tandem (issue 5, items 3–5): a session to confirm, a new message, reminders, and the
// tandem completed with its certificates.
import { Heading, Text } from "@react-email/components";
import { formatDate, formatNumber, type Locale } from "~/i18n/i18n";
import { Action, type Ctx, wrap } from "./layout";

const hours = (minutes: number, locale: Locale) => formatNumber(Math.round((minutes / 60) * 10) / 10, locale);

export const runningTemplates = {
  tandemSessionLogged: (ctx: Ctx, p: { number: string; from: string; topic: string; minutes: number; heldOn: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("running.email.sessionSubject", { number: p.number }),
      <>
        <Heading as="h1">{ctx.t("running.email.sessionSubject", { number: p.number })}</Heading>
        <Text>{ctx.t("running.email.sessionBody", { from: p.from, date: formatDate(p.heldOn, ctx.locale), hours: hours(p.minutes, ctx.locale) })}</Text>
        <Text dir="auto">{p.topic}</Text>
        <Action url={p.url} label={ctx.t("running.email.confirm")} />
      </>,
    ),
  tandemMessage: (ctx: Ctx, p: { number: string; from: string; excerpt: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("running.email.messageSubject", { number: p.number, from: p.from }),
      <>
        <Heading as="h1">{ctx.t("running.email.messageSubject", { number: p.number, from: p.from })}</Heading>
        <Text dir="auto" style={{ whiteSpace: "pre-wrap" }}>
          {p.excerpt}
        </Text>
        <Action url={p.url} label={ctx.t("running.email.reply")} />
      </>,
    ),
  tandemReminder: (ctx: Ctx, p: { number: string; kind: "idle" | "midterm" | "final"; url: string }) =>
    wrap(
      ctx,
      ctx.t(`running.email.${p.kind}Subject`, { number: p.number }),
      <>
        <Heading as="h1">{ctx.t(`running.email.${p.kind}Subject`, { number: p.number })}</Heading>
        <Text>{ctx.t(`running.email.${p.kind}Body`, { number: p.number })}</Text>
        <Action url={p.url} label={ctx.t("running.email.open")} />
      </>,
    ),
  tandemCompleted: (ctx: Ctx, p: { number: string; certificateUrl: string | null; url: string }) =>
    wrap(
      ctx,
      ctx.t("running.email.completedSubject", { number: p.number }),
      <>
        <Heading as="h1">{ctx.t("running.email.completedSubject", { number: p.number })}</Heading>
        <Text>{ctx.t(p.certificateUrl ? "running.email.completedVolunteer" : "running.email.completedBody", { number: p.number })}</Text>
        <Action url={p.certificateUrl ?? p.url} label={ctx.t(p.certificateUrl ? "running.email.certificate" : "running.email.open")} />
      </>,
    ),
};
