import { Heading, Link, Text } from "@react-email/components";
import { agreementTemplates } from "./agreements";
import { applicationTemplates } from "./applications";
import { callTemplates } from "./calls";
import { eventTemplates } from "./events";
import { labelTemplates } from "./labels";
import { Action, type Ctx, wrap } from "./layout";
import { orderTemplates } from "./orders";
import { returnTemplates } from "./returns";
import { standTemplates } from "./stands";
import { runningTemplates } from "./running";
import { tandemTemplates } from "./tandems";

export const templates = {
  verifyEmail: (ctx: Ctx, p: { name: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("email.verify.subject"),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>{ctx.t("email.verify.body")}</Text>
        <Action url={p.url} label={ctx.t("email.verify.action")} />
        <Text>{ctx.t("email.verify.expiry")}</Text>
      </>,
    ),
  alreadyRegistered: (ctx: Ctx, p: { name: string; loginUrl: string; resetUrl: string }) =>
    wrap(
      ctx,
      ctx.t("email.alreadyRegistered.subject"),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>{ctx.t("email.alreadyRegistered.body")}</Text>
        <Action url={p.loginUrl} label={ctx.t("email.alreadyRegistered.login")} />
        <Text>
          <Link href={p.resetUrl}>{ctx.t("email.alreadyRegistered.reset")}</Link>
        </Text>
      </>,
    ),
  resetPassword: (ctx: Ctx, p: { name: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("email.reset.subject"),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>{ctx.t("email.reset.body")}</Text>
        <Action url={p.url} label={ctx.t("email.reset.action")} />
        <Text>{ctx.t("email.reset.expiry")}</Text>
      </>,
    ),
  passwordChanged: (ctx: Ctx, p: { name: string; resetUrl: string }) =>
    wrap(
      ctx,
      ctx.t("email.passwordChanged.subject"),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>{ctx.t("email.passwordChanged.body")}</Text>
        <Text>
          <Link href={p.resetUrl}>{ctx.t("email.passwordChanged.notMe")}</Link>
        </Text>
      </>,
    ),
  invitation: (ctx: Ctx, p: { organization: string; inviter: string; role: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("email.invitation.subject", { organization: p.organization }),
      <>
        <Heading as="h1">{ctx.t("email.invitation.subject", { organization: p.organization })}</Heading>
        <Text>{ctx.t("email.invitation.body", { inviter: p.inviter, organization: p.organization, role: p.role })}</Text>
        <Action url={p.url} label={ctx.t("email.invitation.action")} />
        <Text>{ctx.t("email.invitation.expiry")}</Text>
      </>,
    ),
  verificationDecision: (
    ctx: Ctx,
    p: { organization: string; decision: "verified" | "refused"; reason: string | null; url: string },
  ) =>
    wrap(
      ctx,
      ctx.t(p.decision === "verified" ? "email.decision.verifiedSubject" : "email.decision.refusedSubject", {
        organization: p.organization,
      }),
      <>
        <Heading as="h1">{p.organization}</Heading>
        <Text>
          {ctx.t(p.decision === "verified" ? "email.decision.verifiedBody" : "email.decision.refusedBody")}
        </Text>
        {p.reason ? <Text style={{ fontStyle: "italic" }}>{p.reason}</Text> : null}
        <Action url={p.url} label={ctx.t("email.decision.action")} />
      </>,
    ),
  // Names the two organisations only: the writer's own address never reaches the other side.
  newMessage: (ctx: Ctx, p: { from: string; to: string; subject: string; excerpt: string; reply: boolean; url: string }) =>
    wrap(
      ctx,
      ctx.t(p.reply ? "messages.email.replySubject" : "messages.email.subject", { organization: p.from }),
      <>
        <Heading as="h1">{ctx.t(p.reply ? "messages.email.replySubject" : "messages.email.subject", { organization: p.from })}</Heading>
        <Text>{ctx.t("messages.email.body", { from: p.from, to: p.to })}</Text>
        <Text style={{ fontWeight: 600 }} dir="auto">{p.subject}</Text>
        <Text style={{ whiteSpace: "pre-line", borderInlineStart: "3px solid #e5ded6", paddingInlineStart: 12 }} dir="auto">
          {p.excerpt}
        </Text>
        <Action url={p.url} label={ctx.t("messages.email.action")} />
        <Text style={{ fontSize: 12, color: "#6b6b6b" }}>{ctx.t("messages.email.noReply")}</Text>
      </>,
    ),
  // A network proposes that an organisation join it, or an organisation asks to join a network:
  // the managers of the side that must answer are told where to answer.
  networkLink: (ctx: Ctx, p: { network: string; member: string; direction: "proposal" | "request"; url: string }) =>
    wrap(
      ctx,
      ctx.t(`networks.email.${p.direction}Subject`, { network: p.network, member: p.member }),
      <>
        <Heading as="h1">{ctx.t(`networks.email.${p.direction}Subject`, { network: p.network, member: p.member })}</Heading>
        <Text>{ctx.t(`networks.email.${p.direction}Body`, { network: p.network, member: p.member })}</Text>
        <Action url={p.url} label={ctx.t("networks.email.action")} />
      </>,
    ),
  ...orderTemplates,
  ...returnTemplates,
  ...tandemTemplates,
  ...agreementTemplates,
  ...runningTemplates,
  ...callTemplates,
  ...applicationTemplates,
  ...labelTemplates,
  ...eventTemplates,
  ...standTemplates,
} as const;

export type TemplateName = keyof typeof templates;
export type TemplateProps<N extends TemplateName> = Parameters<(typeof templates)[N]>[1];
