import { render } from "@react-email/render";
import { getT } from "~/i18n/catalogs.server";
import type { Locale } from "~/i18n/i18n";
import { type TemplateName, templates } from "./templates";

export async function renderEmail(template: TemplateName, locale: Locale, props: Record<string, unknown>) {
  const build = templates[template] as (ctx: { t: ReturnType<typeof getT>; locale: Locale }, p: unknown) => {
    subject: string;
    body: JSX.Element;
  };
  const { subject, body } = build({ t: getT(locale), locale }, props);
  const [html, text] = await Promise.all([render(body), render(body, { plainText: true })]);
  return { subject, html, text };
}
