// An application's e-mails to the applicant organisation's managers: the receipt when it is submitted, the
// reason when an operator reopens it, and the news that its result (or the answer to its observations) is there.
import { Heading, Text } from "@react-email/components";
import { formatDate } from "~/i18n/i18n";
import { Action, type Ctx, wrap } from "./layout";

type Base = { reference: string; call: string; organization: string; url: string };

export const applicationTemplates = {
  applicationReceipt: (ctx: Ctx, p: Base & { submittedAt: string }) =>
    wrap(
      ctx,
      ctx.t("calls.email.receiptSubject", { reference: p.reference }),
      <>
        <Heading as="h1">{ctx.t("calls.email.receiptSubject", { reference: p.reference })}</Heading>
        <Text dir="auto">{ctx.t("calls.email.receiptBody", { organization: p.organization, call: p.call, date: formatDate(p.submittedAt, ctx.locale, "datetime") })}</Text>
        <Action url={p.url} label={ctx.t("calls.email.open")} />
      </>,
    ),
  applicationReopened: (ctx: Ctx, p: Base & { reason: string }) =>
    wrap(
      ctx,
      ctx.t("calls.email.reopenedSubject", { reference: p.reference }),
      <>
        <Heading as="h1">{ctx.t("calls.email.reopenedSubject", { reference: p.reference })}</Heading>
        <Text dir="auto">{ctx.t("calls.email.reopenedBody", { call: p.call })}</Text>
        <Text dir="auto">{p.reason}</Text>
        <Action url={p.url} label={ctx.t("calls.email.open")} />
      </>,
    ),
  // The result is there (with scores, or only the screening's reason), or the answer to the observations.
  applicationResult: (ctx: Ctx, p: Omit<Base, "organization"> & { news: "result" | "ineligible" | "answer" }) =>
    wrap(
      ctx,
      ctx.t(p.news === "answer" ? "calls.email.answerSubject" : "calls.email.resultSubject", { reference: p.reference }),
      <>
        <Heading as="h1">{ctx.t(p.news === "answer" ? "calls.email.answerSubject" : "calls.email.resultSubject", { reference: p.reference })}</Heading>
        <Text dir="auto">{ctx.t(`calls.email.${p.news}Body`, { call: p.call })}</Text>
        <Action url={p.url} label={ctx.t("calls.email.open")} />
      </>,
    ),
};
