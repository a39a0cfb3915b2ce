import type { MessageKey } from "~/i18n/i18n";
import { useT } from "./i18n";

export function LegalPage({ section, paragraphs }: { section: "privacy" | "terms"; paragraphs: string[] }) {
  const t = useT();
  return (
    <article className="card mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t(`legal.${section}.title`)}</h1>
      <p className="text-sm text-muted">{t("legal.updated")}</p>
      {paragraphs.map((p) => (
        <section key={p}>
          <h2 className="text-lg font-semibold">{t(`legal.${section}.${p}.h` as MessageKey)}</h2>
          <p className="mt-1">{t(`legal.${section}.${p}.p` as MessageKey)}</p>
        </section>
      ))}
    </article>
  );
}
