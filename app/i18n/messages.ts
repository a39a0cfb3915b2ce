// The catalogs: the core namespaces (fr.json, ar.json, en.json) and one trilingual file per marketplace
// feature under features/, so each feature keeps its three languages side by side.
import arCore from "./ar.json";
import enCore from "./en.json";
import frCore from "./fr.json";
import agreements from "./features/agreements.json";
import callOps from "./features/callOps.json";
import calls from "./features/calls.json";
import callsAdmin from "./features/callsAdmin.json";
import review from "./features/review.json";
import cart from "./features/cart.json";
import certificates from "./features/certificates.json";
import evaluations from "./features/evaluations.json";
import eventRegistrations from "./features/eventRegistrations.json";
import events from "./features/events.json";
import eventStands from "./features/eventStands.json";
import imports from "./features/imports.json";
import impact from "./features/impact.json";
import incubation from "./features/incubation.json";
import jury from "./features/jury.json";
import market from "./features/market.json";
import orders from "./features/orders.json";
import payment from "./features/payment.json";
import payouts from "./features/payouts.json";
import registry from "./features/registry.json";
import programme from "./features/programme.json";
import reviews from "./features/reviews.json";
import running from "./features/running.json";
import shop from "./features/shop.json";
import tandems from "./features/tandems.json";
import vault from "./features/vault.json";

const features = { market, cart, orders, shop, imports, reviews, payouts, payment, tandems, agreements, programme, running, evaluations, certificates, calls, vault, review, jury, callsAdmin, callOps, registry, events, eventRegistrations, eventStands, incubation, impact };
type Features = typeof features;

function withFeatures<C extends object, L extends "fr" | "ar" | "en">(core: C, locale: L) {
  const extra = Object.fromEntries(Object.entries(features).map(([ns, file]) => [ns, file[locale]])) as {
    [K in keyof Features]: Features[K][L];
  };
  return { ...core, ...extra };
}

export const fr = withFeatures(frCore, "fr");
export const ar = withFeatures(arCore, "ar");
export const en = withFeatures(enCore, "en");
