// E-mails of exhibitors' stands at fairs and markets (issue 7): the organisers are told of a new application,
// the organisation of the decision, and exhibitors of an event's cancellation.
import { Heading, Text } from "@react-email/components";
import { Action, type Ctx, wrap } from "./layout";

export const standTemplates = {
  standApplied: (ctx: Ctx, p: { event: string; organization: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("eventStands.email.appliedSubject", { event: p.event }),
      <>
        <Heading as="h1">{ctx.t("eventStands.email.appliedSubject", { event: p.event })}</Heading>
        <Text>{ctx.t("eventStands.email.appliedBody", { organization: p.organization, event: p.event })}</Text>
        <Action url={p.url} label={ctx.t("eventStands.email.appliedAction")} />
      </>,
    ),
  standDecision: (ctx: Ctx, p: { event: string; organization: string; accepted: boolean; reason: string | null; url: string }) =>
    wrap(
      ctx,
      ctx.t(p.accepted ? "eventStands.email.acceptedSubject" : "eventStands.email.declinedSubject", { event: p.event }),
      <>
        <Heading as="h1">{p.organization}</Heading>
        <Text>{ctx.t(p.accepted ? "eventStands.email.acceptedBody" : "eventStands.email.declinedBody", { event: p.event })}</Text>
        {p.reason ? <Text style={{ fontStyle: "italic", whiteSpace: "pre-line" }} dir="auto">{p.reason}</Text> : null}
        <Action url={p.url} label={ctx.t("eventStands.email.decisionAction")} />
      </>,
    ),
  standEventCancelled: (ctx: Ctx, p: { event: string; organization: string; reason: string | null; url: string }) =>
    wrap(
      ctx,
      ctx.t("eventStands.email.cancelledSubject", { event: p.event }),
      <>
        <Heading as="h1">{p.organization}</Heading>
        <Text>{ctx.t("eventStands.email.cancelledBody", { event: p.event })}</Text>
        {p.reason ? <Text style={{ fontStyle: "italic", whiteSpace: "pre-line" }} dir="auto">{p.reason}</Text> : null}
        <Action url={p.url} label={ctx.t("eventStands.email.cancelledAction")} />
      </>,
    ),
};
