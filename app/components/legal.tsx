import type { MessageKey } from "~/i18n/i18n";
import { useT } from "./i18n";

/** A legal text: `<prefix>.title`, then a heading and a paragraph per section (`<prefix>.<section>.h` / `.p`). */
export function LegalPage({ prefix, paragraphs }: { prefix: "legal.privacy" | "legal.terms" | "orders.saleTerms"; paragraphs: string[] }) {
  const t = useT();
  return (
    <article className="card mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t(`${prefix}.title`)}</h1>
      <p className="text-sm text-muted">{t("legal.updated")}</p>
      {paragraphs.map((p) => (
        <section key={p}>
          <h2 className="text-lg font-semibold">{t(`${prefix}.${p}.h` as MessageKey)}</h2>
          <p className="mt-1">{t(`${prefix}.${p}.p` as MessageKey)}</p>
        </section>
      ))}
    </article>
  );
}
