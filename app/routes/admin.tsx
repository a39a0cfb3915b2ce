import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useHref, useT } from "~/components/i18n";
import { requirePlatform } from "~/modules/accounts/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatform(request, "platform.verify");
  return null;
}

export default function AdminLayout() {
  const t = useT();
  const href = useHref();
  const links = [
    ["/admin", t("admin.dashboard")],
    ["/admin/organisations", t("admin.verification")],
    ["/admin/commandes", t("payouts.nav.orders")],
    ["/admin/paiements", t("payouts.nav.payouts")],
    ["/admin/signalements", t("admin.reports")],
    ["/admin/emails", t("admin.emails")],
    ["/admin/journal", t("admin.audit")],
    ["/programme/tandems", t("programme.nav")],
  ] as const;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("admin.title")}</h1>
      <nav aria-label={t("admin.title")}>
        <ul className="flex flex-wrap gap-2">
          {links.map(([to, label]) => (
            <li key={to}>
              <NavLink end to={href(to)} className={({ isActive }) => `inline-flex min-h-11 items-center rounded-lg px-3 ${isActive ? "bg-brand-700 text-white" : "bg-white"}`}>
                {label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
