import { formatNumber } from "~/i18n/i18n";
import { L, useLocale, useRootData, useT } from "./i18n";
import { Pager, useOrgName } from "./messages";

export type NetworkMemberPage = {
  items: { slug: string; name: string; nameAr: string | null; kind: string }[];
  total: number;
  matching: number;
  q: string;
  page: number;
  pageCount: number;
};

/**
 * A network's accepted members on its public profile: a plain GET search (`q`, accents ignored on
 * the server) and pages, so it works without JavaScript.
 */
export function NetworkMembers({ slug, members }: { slug: string; members: NetworkMemberPage }) {
  const t = useT();
  const locale = useLocale();
  const orgName = useOrgName();
  const base = `/organisations/${slug}`;
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (members.q) params.set("q", members.q);
    if (page > 1) params.set("page", String(page));
    const query = params.toString();
    return `${base}${query ? `?${query}` : ""}#members-h`;
  };
  return (
    <section className="card" aria-labelledby="members-h">
      <h2 id="members-h" className="text-lg font-semibold">
        {t("profile.networkMembers", { count: formatNumber(members.total, locale) })}
      </h2>
      {members.total > 0 ? (
        <form method="get" action={`${base}#members-h`} role="search" className="mt-3 flex flex-wrap items-end gap-2">
          {locale !== "fr" ? <input type="hidden" name="lang" value={locale} /> : null}
          <div className="min-w-48 flex-1">
            <label htmlFor="network-member-q" className="label">{t("networks.search")}</label>
            <input id="network-member-q" name="q" type="search" className="input" defaultValue={members.q} maxLength={100} />
          </div>
          <button type="submit" className="btn-secondary">{t("networks.searchSubmit")}</button>
          {members.q ? <L to={`${base}#members-h`} className="inline-flex min-h-11 items-center">{t("networks.showAll")}</L> : null}
        </form>
      ) : (
        <p className="mt-2 text-muted">{t("networks.noMembers")}</p>
      )}
      {members.q ? (
        <p role="status" className="mt-3 text-sm text-muted">
          {members.matching > 0
            ? t("networks.matching", { count: formatNumber(members.matching, locale), q: members.q })
            : t("networks.noMatch", { q: members.q })}
        </p>
      ) : null}
      <ul className="mt-3 grid gap-1 sm:grid-cols-2">
        {members.items.map((m) => (
          <li key={m.slug}>
            <L to={`/organisations/${m.slug}`} className="inline-flex min-h-6 items-center" dir="auto">{orgName(m)}</L>
            <span className="ms-2 text-sm text-muted">{t(`kinds.${m.kind}` as never)}</span>
          </li>
        ))}
      </ul>
      <Pager page={members.page} pageCount={members.pageCount} href={href} />
    </section>
  );
}

/**
 * "Write to this organisation" and, on a network, "Ask to join": shown to visitors who do not belong
 * to it. Anonymous visitors go through the login page first.
 */
export function ProfileConnectLinks({ slug, kind, isMember }: { slug: string; kind: string; isMember: boolean }) {
  const t = useT();
  const viewer = useRootData()?.viewer;
  if (isMember) return null;
  const via = (path: string) => (viewer ? path : `/connexion?redirectTo=${encodeURIComponent(path)}`);
  // The roles that may manage network links (org.network.manage); the server checks again.
  const managesAnother = viewer?.organizations.some((o) => o.slug !== slug && (o.role === "owner" || o.role === "admin"));
  return (
    <>
      <L to={via(`/organisations/${slug}/ecrire`)} className="btn">{t("messages.writeTo")}</L>
      {kind === "network" && (!viewer || managesAnother) ? (
        <L to={via(`/organisations/${slug}/adherer`)} className="btn-secondary">{t("networks.join")}</L>
      ) : null}
    </>
  );
}
