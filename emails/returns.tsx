// Returns' e-mails: to a cooperative's members when a buyer asks to return items, and to the buyer when
// the cooperative decides.
import { Heading, Text } from "@react-email/components";
import { formatMad, type MessageKey } from "~/i18n/i18n";
import type { PaymentMethod } from "../db/schema/enums";
import { Action, type Ctx, wrap } from "./layout";

export const returnTemplates = {
  returnRequested: (ctx: Ctx, p: { cooperative: string; number: string; units: number; reason: string; url: string }) =>
    wrap(
      ctx,
      ctx.t("reviews.returns.email.requestedSubject", { number: p.number }),
      <>
        <Heading as="h1" dir="auto">
          {p.cooperative}
        </Heading>
        <Text>{ctx.t("reviews.returns.email.requestedBody", { number: p.number, units: p.units })}</Text>
        <Text style={{ fontStyle: "italic" }} dir="auto">
          {p.reason}
        </Text>
        <Action url={p.url} label={ctx.t("reviews.returns.email.openReturns")} />
      </>,
    ),
  returnDecision: (
    ctx: Ctx,
    p: {
      name: string;
      number: string;
      cooperative: string;
      decision: "accepted" | "refused";
      reason: string | null;
      refundCentimes: number;
      method: PaymentMethod;
      orderReturned: boolean;
      url: string;
    },
  ) =>
    wrap(
      ctx,
      ctx.t(p.decision === "accepted" ? "reviews.returns.email.acceptedSubject" : "reviews.returns.email.refusedSubject", { number: p.number }),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>
          {p.decision === "accepted"
            ? ctx.t("reviews.returns.email.acceptedBody", { number: p.number, cooperative: p.cooperative, amount: formatMad(p.refundCentimes, ctx.locale) })
            : ctx.t("reviews.returns.email.refusedBody", { number: p.number, cooperative: p.cooperative })}
        </Text>
        {p.reason ? (
          <Text style={{ fontStyle: "italic" }} dir="auto">
            {p.reason}
          </Text>
        ) : null}
        {p.decision === "accepted" ? <Text>{ctx.t(`reviews.returns.email.refundBy.${p.method}` as MessageKey)}</Text> : null}
        {p.orderReturned ? <Text>{ctx.t("reviews.returns.email.orderReturned", { number: p.number })}</Text> : null}
        <Action url={p.url} label={ctx.t("orders.email.track")} />
      </>,
    ),
} as const;
