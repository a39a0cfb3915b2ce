import type { MetaFunction } from "@remix-run/node";
import { L, useT } from "~/components/i18n";
import { pageTitle } from "~/lib/meta";

export const meta: MetaFunction = (args) => pageTitle(args, "signup.checkTitle");

export default function CheckMailbox() {
  const t = useT();
  return (
    <div className="card mx-auto max-w-md">
      <h1 className="text-2xl font-bold">{t("signup.checkTitle")}</h1>
      <p className="mt-3">{t("signup.checkBody")}</p>
      <p className="mt-3 text-sm text-muted">{t("signup.checkHint")}</p>
      <p className="mt-4">
        <L to="/connexion" className="btn">{t("nav.login")}</L>
      </p>
    </div>
  );
}
