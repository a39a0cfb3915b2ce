// E-mails of a call's review (issue 6, item 3): a juror invited to a call's jury.
import { Heading, Text } from "@react-email/components";
import { Action, type Ctx, wrap } from "./layout";

export const callTemplates = {
  // Sent to the invited address; the juror is whoever signs in with it, verified (decision 017).
  callJurorInvite: (ctx: Ctx, p: { name: string; inviter: string; call: string; email: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("review.email.jurorInviteSubject", { call: p.call }),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>{ctx.t("review.email.jurorInviteBody", { inviter: p.inviter, call: p.call })}</Text>
        <Text>{ctx.t("review.email.jurorInviteAccount", { email: p.email })}</Text>
        <Text>{ctx.t("review.email.jurorInviteConflict")}</Text>
        <Action url={p.url} label={ctx.t("review.email.jurorInviteAction")} />
      </>,
    ),
};
