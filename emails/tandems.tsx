// Tandem e-mails (issue 5): to the other side's managers when a proposal arrives, and to the proposer's
// when it is accepted, declined or expires.
import { Heading, Text } from "@react-email/components";
import { formatDate, type MessageKey } from "~/i18n/i18n";
import type { TandemDeclineReason } from "../db/schema/enums";
import { Action, type Ctx, wrap } from "./layout";

export const tandemTemplates = {
  tandemProposed: (
    ctx: Ctx,
    p: { number: string; from: string; to: string; skills: string[]; hours: number; answerBy: string; url: string },
  ) =>
    wrap(
      ctx,
      ctx.t("tandems.email.proposedSubject", { from: p.from }),
      <>
        <Heading as="h1">{ctx.t("tandems.email.proposedSubject", { from: p.from })}</Heading>
        <Text dir="auto">{ctx.t("tandems.email.proposedBody", { from: p.from, to: p.to, number: p.number, hours: p.hours })}</Text>
        <Text>{p.skills.map((s) => ctx.t(`skills.${s}` as MessageKey)).join(" · ")}</Text>
        <Text>{ctx.t("tandems.email.answerBy", { date: formatDate(p.answerBy, ctx.locale) })}</Text>
        <Action url={p.url} label={ctx.t("tandems.email.open")} />
      </>,
    ),
  tandemAnswered: (
    ctx: Ctx,
    p: {
      number: string;
      other: string;
      outcome: "accepted" | "declined" | "expired" | "withdrawn";
      reason: TandemDeclineReason | null;
      text: string | null;
      url: string;
    },
  ) =>
    wrap(
      ctx,
      ctx.t(`tandems.email.${p.outcome}Subject`, { number: p.number, other: p.other }),
      <>
        <Heading as="h1">{ctx.t(`tandems.email.${p.outcome}Subject`, { number: p.number, other: p.other })}</Heading>
        <Text dir="auto">{ctx.t(`tandems.email.${p.outcome}Body`, { number: p.number, other: p.other })}</Text>
        {p.reason ? <Text>{ctx.t("tandems.email.reason", { reason: ctx.t(`tandems.declineReason.${p.reason}`) })}</Text> : null}
        {p.text ? <Text dir="auto">{p.text}</Text> : null}
        <Action url={p.url} label={ctx.t("tandems.email.open")} />
      </>,
    ),
};
