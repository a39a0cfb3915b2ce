// Events (issue 7): the e-mails of people's registrations — the ticket (or the waiting list) on registering, the
// place freed for the first waitlisted, the reminder the day before, and the event's cancellation — and the answer
// to an organisation's proposal.
import { Heading, Text } from "@react-email/components";
import { formatDate } from "~/i18n/i18n";
import { Action, type Ctx, wrap } from "./layout";

type Base = { name: string; title: string; startsAt: string; url: string };
const when = (ctx: Ctx, startsAt: string) => formatDate(startsAt, ctx.locale, "datetime");

export const eventTemplates = {
  eventRegistered: (ctx: Ctx, p: Base & { waitlisted: boolean }) =>
    wrap(
      ctx,
      ctx.t(p.waitlisted ? "eventRegistrations.email.waitlistedSubject" : "eventRegistrations.email.registeredSubject", { title: p.title }),
      <>
        <Heading as="h1" dir="auto">{p.title}</Heading>
        <Text dir="auto">{ctx.t(p.waitlisted ? "eventRegistrations.email.waitlistedBody" : "eventRegistrations.email.registeredBody", { name: p.name, title: p.title, when: when(ctx, p.startsAt) })}</Text>
        <Text style={{ fontSize: 12, color: "#6b6b6b" }}>{ctx.t("eventRegistrations.email.moroccoTime")}</Text>
        <Action url={p.url} label={ctx.t("eventRegistrations.email.ticket")} />
        <Text>{ctx.t("eventRegistrations.email.cancelHint")}</Text>
      </>,
    ),
  eventPromoted: (ctx: Ctx, p: Base) =>
    wrap(
      ctx,
      ctx.t("eventRegistrations.email.promotedSubject", { title: p.title }),
      <>
        <Heading as="h1" dir="auto">{p.title}</Heading>
        <Text dir="auto">{ctx.t("eventRegistrations.email.promotedBody", { name: p.name, title: p.title, when: when(ctx, p.startsAt) })}</Text>
        <Action url={p.url} label={ctx.t("eventRegistrations.email.ticket")} />
        <Text>{ctx.t("eventRegistrations.email.cancelHint")}</Text>
      </>,
    ),
  eventReminder: (ctx: Ctx, p: Base) =>
    wrap(
      ctx,
      ctx.t("eventRegistrations.email.reminderSubject", { title: p.title }),
      <>
        <Heading as="h1" dir="auto">{p.title}</Heading>
        <Text dir="auto">{ctx.t("eventRegistrations.email.reminderBody", { name: p.name, title: p.title, when: when(ctx, p.startsAt) })}</Text>
        <Text style={{ fontSize: 12, color: "#6b6b6b" }}>{ctx.t("eventRegistrations.email.moroccoTime")}</Text>
        <Action url={p.url} label={ctx.t("eventRegistrations.email.ticket")} />
        <Text>{ctx.t("eventRegistrations.email.cancelHint")}</Text>
      </>,
    ),
  eventCancelled: (ctx: Ctx, p: Base & { reason: string | null }) =>
    wrap(
      ctx,
      ctx.t("eventRegistrations.email.cancelledSubject", { title: p.title }),
      <>
        <Heading as="h1" dir="auto">{p.title}</Heading>
        <Text dir="auto">{ctx.t("eventRegistrations.email.cancelledBody", { name: p.name, title: p.title, when: when(ctx, p.startsAt) })}</Text>
        {p.reason ? <Text dir="auto" style={{ fontStyle: "italic" }}>{ctx.t("eventRegistrations.email.reason", { reason: p.reason })}</Text> : null}
      </>,
    ),
  eventReviewed: (ctx: Ctx, p: { title: string; approved: boolean; reason: string | null; url: string }) =>
    wrap(
      ctx,
      ctx.t(p.approved ? "events.email.approvedSubject" : "events.email.rejectedSubject", { title: p.title }),
      <>
        <Heading as="h1" dir="auto">{p.title}</Heading>
        <Text dir="auto">{ctx.t(p.approved ? "events.email.approvedBody" : "events.email.rejectedBody", { title: p.title })}</Text>
        {p.reason ? <Text dir="auto" style={{ fontStyle: "italic" }}>{p.reason}</Text> : null}
        <Action url={p.url} label={ctx.t("events.email.view")} />
      </>,
    ),
};
