// The marketplace's e-mails: to the buyer when a checkout is placed and at each step of each
// cooperative's order; to a cooperative's members when an order arrives.
import { Heading, Link, Section, Text } from "@react-email/components";
import { formatDate, formatMad, type MessageKey } from "~/i18n/i18n";
import type { PaymentMethod, VendorOrderStatus } from "../db/schema/enums";
import { Action, type Ctx, wrap } from "./layout";

const muted = { fontSize: 12, color: "#6b6b6b" };

export const orderTemplates = {
  orderPlaced: (
    ctx: Ctx,
    p: {
      name: string;
      number: string;
      method: PaymentMethod;
      totalCentimes: number;
      orders: { number: string; cooperative: string; totalCentimes: number; url: string }[];
      transfer: { rib: string; holder: string; reference: string; deadline: string } | null;
    },
  ) =>
    wrap(
      ctx,
      ctx.t("orders.email.placedSubject", { number: p.number }),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>{ctx.t("orders.email.placedBody", { number: p.number, count: p.orders.length })}</Text>
        {p.orders.map((o) => (
          <Section key={o.number} style={{ borderInlineStart: "3px solid #e5ded6", paddingInlineStart: 12, marginBottom: 12 }}>
            <Text style={{ fontWeight: 600, margin: 0 }} dir="auto">
              {o.cooperative} — {o.number}
            </Text>
            <Text style={{ margin: 0 }}>{formatMad(o.totalCentimes, ctx.locale)}</Text>
            <Link href={o.url}>{ctx.t("orders.email.track")}</Link>
          </Section>
        ))}
        <Text style={{ fontWeight: 600 }}>{ctx.t("orders.email.total", { total: formatMad(p.totalCentimes, ctx.locale) })}</Text>
        <Text>{ctx.t(`orders.email.method.${p.method}` as MessageKey)}</Text>
        {p.transfer ? (
          <Text>
            {ctx.t("orders.email.transfer", {
              holder: p.transfer.holder,
              rib: p.transfer.rib,
              reference: p.transfer.reference,
              deadline: formatDate(p.transfer.deadline, ctx.locale),
            })}
          </Text>
        ) : null}
        <Text style={muted}>{ctx.t("orders.email.keep")}</Text>
      </>,
    ),
  orderStatus: (
    ctx: Ctx,
    p: { name: string; number: string; cooperative: string; status: VendorOrderStatus; reason: string | null; url: string },
  ) =>
    wrap(
      ctx,
      ctx.t("orders.email.statusSubject", { number: p.number, status: ctx.t(`orders.status.${p.status}` as MessageKey) }),
      <>
        <Heading as="h1">{ctx.t("email.hello", { name: p.name })}</Heading>
        <Text>
          {ctx.t(`orders.email.statusBody.${p.status}` as MessageKey, { number: p.number, cooperative: p.cooperative })}
        </Text>
        {p.reason ? (
          <Text style={{ fontStyle: "italic" }} dir="auto">
            {p.reason}
          </Text>
        ) : null}
        <Action url={p.url} label={ctx.t("orders.email.track")} />
      </>,
    ),
  newOrder: (ctx: Ctx, p: { cooperative: string; number: string; totalCentimes: number; units: number; method: PaymentMethod; url: string }) =>
    wrap(
      ctx,
      ctx.t("orders.email.newOrderSubject", { number: p.number }),
      <>
        <Heading as="h1" dir="auto">
          {p.cooperative}
        </Heading>
        <Text>
          {ctx.t("orders.email.newOrderBody", { number: p.number, units: p.units, total: formatMad(p.totalCentimes, ctx.locale) })}
        </Text>
        <Text>{ctx.t(`orders.email.method.${p.method}` as MessageKey)}</Text>
        <Action url={p.url} label={ctx.t("orders.email.openDashboard")} />
      </>,
    ),
} as const;
