// The tandem agreement's e-mails: a company's volunteer invited to a tandem, one side's approval for the
// other side's managers, and the tandem's start for everyone on it.
import { Heading, Text } from "@react-email/components";
import { Action, type Ctx, wrap } from "./layout";

export const agreementTemplates = {
  tandemVolunteerInvite: (ctx: Ctx, p: { name: string; inviter: string; company: string; partner: string; number: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("agreements.email.inviteSubject", { number: p.number }),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>{ctx.t("agreements.email.inviteBody", { inviter: p.inviter, company: p.company, partner: p.partner, number: p.number })}</Text>
        <Action url={p.url} label={ctx.t("agreements.email.inviteAction")} />
        <Text>{ctx.t("agreements.email.inviteAccount")}</Text>
      </>,
    ),
  tandemApproval: (ctx: Ctx, p: { number: string; organization: string; version: number; url: string }) =>
    wrap(
      ctx,
      ctx.t("agreements.email.approvalSubject", { number: p.number, organization: p.organization }),
      <>
        <Heading as="h1">{ctx.t("agreements.email.approvalSubject", { number: p.number, organization: p.organization })}</Heading>
        <Text>{ctx.t("agreements.email.approvalBody", { organization: p.organization, version: p.version })}</Text>
        <Action url={p.url} label={ctx.t("agreements.email.approvalAction")} />
      </>,
    ),
  tandemActive: (ctx: Ctx, p: { number: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("agreements.email.activeSubject", { number: p.number }),
      <>
        <Heading as="h1">{ctx.t("agreements.email.activeSubject", { number: p.number })}</Heading>
        <Text>{ctx.t("agreements.email.activeBody", { number: p.number })}</Text>
        <Action url={p.url} label={ctx.t("agreements.email.activeAction")} />
      </>,
    ),
};
