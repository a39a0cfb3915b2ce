import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { Checkbox, Field, FormMessage, Select } from "~/components/form";
import { L, useLocale, useT } from "~/components/i18n";
import { formatDate } from "~/i18n/i18n";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import {
  changePassword,
  deleteAccount,
  OwnershipHandoverRequired,
  setUserLocale,
} from "~/modules/accounts/accounts.server";
import { changePasswordSchema, deleteAccountSchema, localeSchema } from "~/modules/accounts/schemas";
import {
  clearSessionCookie,
  endSessionByReference,
  invalidateUserSessions,
  listSessions,
  requireSession,
} from "~/modules/accounts/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "account.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { session, user } = await requireSession(request);
  const sessions = await listSessions(user.id);
  return {
    user,
    sessions: sessions.map((s) => ({
      id: s.id.slice(0, 12),
      current: s.id === session.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      userAgent: s.userAgent,
      ip: s.ip,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { session, user } = await requireSession(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "locale") {
      const result = parseForm(localeSchema, formData);
      if (!result.ok) return invalid(result);
      await setUserLocale({ db, userId: user.id, locale: result.data.locale });
      throw redirectWithFlash(hrefFor(request, "/compte"), "flash.saved");
    }
    if (intent === "password") {
      const result = parseForm(changePasswordSchema, formData);
      if (!result.ok) return invalid(result);
      await changePassword({ db, userId: user.id, sessionId: session.id, input: result.data });
      throw redirectWithFlash(hrefFor(request, "/compte"), "account.passwordChanged");
    }
    if (intent === "revoke") {
      const ended = await endSessionByReference(user.id, String(formData.get("session") ?? ""));
      if (ended === session.id) throw redirect(hrefFor(request, "/connexion"), { headers: { "Set-Cookie": clearSessionCookie() } });
      throw redirectWithFlash(hrefFor(request, "/compte"), "account.sessionEnded");
    }
    if (intent === "revokeAll") {
      await invalidateUserSessions(user.id);
      throw redirectWithFlash(hrefFor(request, "/connexion"), "account.signedOutEverywhere", {
        headers: { "Set-Cookie": clearSessionCookie() },
      });
    }
    if (intent === "delete") {
      const result = parseForm(deleteAccountSchema, formData);
      if (!result.ok) return invalid(result);
      await deleteAccount({ db, userId: user.id, password: result.data.password });
      throw redirectWithFlash(hrefFor(request, "/"), "account.deleted", { headers: { "Set-Cookie": clearSessionCookie() } });
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    if (error instanceof OwnershipHandoverRequired) {
      return { errors: {}, values: { intent: "delete" }, messageKey: error.messageKey as string, organizations: error.organizations };
    }
    return formFailure(error, { intent: String(intent) });
  }
  return invalid({ ok: false, errors: { intent: ["errors.invalid"] }, values: {} });
}

export default function Account() {
  const t = useT();
  const locale = useLocale();
  const { user, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const blocking = actionData && "organizations" in actionData ? actionData.organizations : null;
  // Two forms share field names (password): errors go to the form that was sent.
  const errorsOf = (intent: string, field: string) =>
    actionData?.values?.intent === intent ? (actionData.errors as Record<string, string[]>)[field] : undefined;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("account.title")}</h1>
      <p>
        <L to="/compte/favoris">{t("market.favourites.nav")}</L>
        {" · "}
        <L to="/compte/commandes">{t("reviews.history.nav")}</L>
      </p>
      <FormMessage messageKey={actionData?.messageKey} />
      {blocking ? (
        <ul className="card list-disc ps-8">
          {blocking.map((o) => (
            <li key={o.slug}>
              <L to={`/organisations/${o.slug}/membres`}>{o.name}</L>
            </li>
          ))}
        </ul>
      ) : null}

      <section className="card" aria-labelledby="profile-h">
        <h2 id="profile-h" className="text-lg font-semibold">{t("account.profile")}</h2>
        <dl className="mt-2 grid gap-1 sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted">{t("fields.name")}</dt>
          <dd>{user.name}</dd>
          <dt className="text-muted">{t("fields.email")}</dt>
          <dd dir="ltr" className="text-start">{user.email}</dd>
        </dl>
        {user.emailVerified ? (
          <p className="mt-2 text-ok">{t("account.emailVerified")}</p>
        ) : (
          <Form method="post" action="/verification-email" className="mt-3">
            <p className="mb-2 text-warn">{t("account.emailNotVerified")}</p>
            <button type="submit" name="intent" value="resend" className="btn-secondary">{t("verify.resend")}</button>
          </Form>
        )}
        <Form method="post" className="mt-4 flex flex-wrap items-end gap-3">
          <input type="hidden" name="intent" value="locale" />
          <div className="min-w-48">
            <Select label={t("account.emailLanguage")} name="locale" defaultValue={user.locale}>
              <option value="fr" lang="fr">Français</option>
              <option value="ar" lang="ar">العربية</option>
              <option value="en" lang="en">English</option>
            </Select>
          </div>
          <button type="submit" className="btn-secondary">{t("actions.save")}</button>
        </Form>
        <p className="mt-4">
          <L to="/organisations/nouvelle">{t("nav.newOrganization")}</L>
        </p>
      </section>

      <section className="card" aria-labelledby="password-h">
        <h2 id="password-h" className="text-lg font-semibold">{t("account.changePassword")}</h2>
        <Form method="post" className="mt-3 max-w-md space-y-4" noValidate>
          <input type="hidden" name="intent" value="password" />
          <Field label={t("fields.currentPassword")} name="currentPassword" type="password" autoComplete="current-password" errors={errorsOf("password", "currentPassword")} />
          <Field label={t("fields.newPassword")} name="password" type="password" autoComplete="new-password" hint={t("signup.passwordHint")} errors={errorsOf("password", "password")} />
          <Field label={t("fields.confirmPassword")} name="confirm" type="password" autoComplete="new-password" errors={errorsOf("password", "confirm")} />
          <button type="submit" className="btn">{t("account.changePassword")}</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="sessions-h">
        <h2 id="sessions-h" className="text-lg font-semibold">{t("account.sessions")}</h2>
        <ul className="mt-3 divide-y divide-line">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div>
                <p className="font-medium">
                  {s.userAgent ?? t("account.unknownDevice")} {s.current ? <span className="badge bg-brand-50 text-brand-700">{t("account.thisDevice")}</span> : null}
                </p>
                <p className="text-sm text-muted">
                  <span suppressHydrationWarning>{t("account.lastSeen", { date: formatDate(s.lastSeenAt, locale, "datetime") })}</span> · <span dir="ltr">{s.ip}</span>
                </p>
              </div>
              <Form method="post">
                <input type="hidden" name="intent" value="revoke" />
                <input type="hidden" name="session" value={s.id} />
                <button type="submit" className="btn-secondary" aria-label={`${t("account.endSession")}: ${s.userAgent ?? t("account.unknownDevice")}`}>{t("account.endSession")}</button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" className="mt-3">
          <button type="submit" name="intent" value="revokeAll" className="btn-secondary">{t("account.signOutEverywhere")}</button>
        </Form>
      </section>

      <section className="card" aria-labelledby="data-h">
        <h2 id="data-h" className="text-lg font-semibold">{t("account.personalData")}</h2>
        <p className="mt-2">{t("account.personalDataBody")}</p>
        <p className="mt-3">
          <a href="/compte/export" download className="btn-secondary">{t("account.export")}</a>
        </p>
        <Form method="post" className="mt-6 max-w-md space-y-3 border-t border-line pt-4" noValidate>
          <input type="hidden" name="intent" value="delete" />
          <h3 className="font-semibold text-danger">{t("account.delete")}</h3>
          <p className="text-sm">{t("account.deleteBody")}</p>
          <Field label={t("fields.password")} name="password" type="password" autoComplete="current-password" errors={errorsOf("delete", "password")} />
          <Checkbox name="confirm" label={t("account.deleteConfirm")} errors={errorsOf("delete", "confirm")} />
          <button type="submit" className="btn-danger">{t("account.delete")}</button>
        </Form>
      </section>
    </div>
  );
}
