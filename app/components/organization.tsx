import { useT } from "./i18n";

export function OrganizationBadges(props: { kind: string; verificationStatus: string; womenLed: boolean }) {
  const t = useT();
  return (
    <p className="mt-2 flex flex-wrap gap-2">
      <span className="badge bg-brand-50 text-brand-800">{t(`kinds.${props.kind}` as never)}</span>
      {props.verificationStatus === "verified" ? (
        <span className="badge bg-ok/10 text-ok">✓ {t("verification.verified")}</span>
      ) : (
        <span className="badge bg-warn/10 text-warn">{t("verification.notYet")}</span>
      )}
      {props.womenLed ? <span className="badge bg-brand-100 text-brand-800">{t("profile.womenLed")}</span> : null}
    </p>
  );
}
