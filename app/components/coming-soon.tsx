import type { MessageKey } from "~/i18n/i18n";
import { L, useT } from "./i18n";

/** An honest page for a capability that is not built yet: what it will do, and where to go meanwhile. */
export function ComingSoon({ title, body }: { title: MessageKey; body: MessageKey }) {
  const t = useT();
  return (
    <section className="card mx-auto max-w-2xl space-y-3">
      <p className="badge bg-warn/10 text-warn">{t("soon.badge")}</p>
      <h1 className="text-2xl font-bold">{t(title)}</h1>
      <p>{t(body)}</p>
      <p>{t("soon.meanwhile")}</p>
      <p className="flex flex-wrap gap-2">
        <L to="/inscription" className="btn">{t("home.ctaJoin")}</L>
        <L to="/" className="btn-secondary">{t("nav.home")}</L>
      </p>
    </section>
  );
}
