import { Form } from "@remix-run/react";
import { L, useT } from "./i18n";
import { useOrgName } from "./messages";

type Org = { slug: string; name: string; nameAr: string | null };

/**
 * On an organisation's members page: the requests to join this network, for its managers to answer,
 * and the networks this organisation asked to join, which it may withdraw from.
 */
export function JoinRequests({ requests, own }: { requests: Org[]; own: Org[] }) {
  const t = useT();
  const orgName = useOrgName();
  return (
    <>
      {requests.length ? (
        <section className="card space-y-3" aria-labelledby="join-requests-h">
          <h2 id="join-requests-h" className="text-lg font-semibold">{t("networks.requests")}</h2>
          <p className="text-sm text-muted">{t("networks.requestsHint")}</p>
          <ul className="divide-y divide-line">
            {requests.map((r) => (
              <li key={r.slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <L to={`/organisations/${r.slug}`} dir="auto">{orgName(r)}</L>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="memberSlug" value={r.slug} />
                  <button type="submit" name="intent" value="acceptJoinRequest" className="btn" aria-label={`${t("networks.accept")}: ${orgName(r)}`}>
                    {t("networks.accept")}
                  </button>
                  <button type="submit" name="intent" value="declineJoinRequest" className="btn-secondary" aria-label={`${t("networks.decline")}: ${orgName(r)}`}>
                    {t("networks.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {own.length ? (
        <section className="card space-y-3" aria-labelledby="own-requests-h">
          <h2 id="own-requests-h" className="text-lg font-semibold">{t("networks.ownRequests")}</h2>
          <ul className="divide-y divide-line">
            {own.map((n) => (
              <li key={n.slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <L to={`/organisations/${n.slug}`} dir="auto">{orgName(n)}</L>
                <Form method="post">
                  <input type="hidden" name="networkSlug" value={n.slug} />
                  <button type="submit" name="intent" value="cancelJoinRequest" className="btn-secondary" aria-label={`${t("networks.cancelRequest")}: ${orgName(n)}`}>
                    {t("networks.cancelRequest")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
