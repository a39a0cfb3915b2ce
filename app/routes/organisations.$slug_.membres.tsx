import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { db } from "../../db/client";
import { MEMBERSHIP_ROLES } from "../../db/schema/enums";
import { Field, FormMessage, Select, valueOf } from "~/components/form";
import { L, useLocale, useRootData, useT } from "~/components/i18n";
import { JoinRequests } from "~/components/join-requests";
import { formatDate } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { redirectWithFlash } from "~/lib/flash.server";
import { parseForm } from "~/lib/forms";
import { formFailure, hrefFor, invalid, load } from "~/lib/http.server";
import { pageTitle } from "~/lib/meta";
import { requireUser } from "~/modules/accounts/session.server";
import { can } from "~/modules/organizations/authorize.server";
import { changeRole, inviteMember, listMembers, removeMember, revokeInvitation } from "~/modules/organizations/members.server";
import {
  addNetworkMember,
  answerJoinRequest,
  cancelJoinRequest,
  answerNetworkProposal,
  listJoinRequests,
  listNetworkProposals,
  listOwnJoinRequests,
  removeNetworkMember,
} from "~/modules/organizations/networks.server";
import { getProfile } from "~/modules/organizations/organizations.server";
import { idSchema, inviteSchema, networkAnswerSchema, networkMemberSchema, roleChangeSchema } from "~/modules/organizations/schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "members.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const { org, role, members, pending } = await load(() => listMembers({ db, actor: user, slug }));
  const canManageNetwork = can(user, "org.network.manage", { membershipRole: role });
  const [profile, proposals, joinRequests, ownRequests] = await Promise.all([
    org.kind === "network" ? getProfile({ db, slug, actor: user }) : null,
    canManageNetwork ? listNetworkProposals(db, org.id) : [],
    canManageNetwork && org.kind === "network" ? listJoinRequests(db, org.id) : [],
    canManageNetwork ? listOwnJoinRequests(db, org.id) : [],
  ]);
  return {
    org: { slug: org.slug, name: org.name, kind: org.kind },
    members: members.map((m) => ({ ...m, since: m.since.toISOString() })),
    pending: pending.map((p) => ({ ...p, expiresAt: p.expiresAt.toISOString() })),
    // Requests to join are answered in their own list, not among the members.
    networkMembers: (profile?.members ?? []).filter((m) => !joinRequests.some((r) => r.slug === m.slug)),
    proposals,
    joinRequests,
    ownRequests,
    canManage: can(user, "org.members.manage", { membershipRole: role }),
    canManageNetwork,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = () => redirectWithFlash(hrefFor(request, `/organisations/${slug}/membres`), "flash.saved");
  try {
    switch (intent) {
      case "invite": {
        const result = parseForm(inviteSchema, formData);
        if (!result.ok) return invalid(result);
        await inviteMember({ db, actor: user, slug, ...result.data, locale: resolveLocale(request) });
        throw redirectWithFlash(hrefFor(request, `/organisations/${slug}/membres`), "members.invited");
      }
      case "role": {
        const result = parseForm(roleChangeSchema, formData);
        if (!result.ok) return invalid(result);
        await changeRole({ db, actor: user, slug, userId: result.data.userId, role: result.data.role });
        throw back();
      }
      case "remove": {
        const result = parseForm(idSchema, formData);
        if (!result.ok) return invalid(result);
        await removeMember({ db, actor: user, slug, userId: result.data.id });
        if (result.data.id === user.id) throw redirect(hrefFor(request, "/compte"));
        throw back();
      }
      case "revoke": {
        const result = parseForm(idSchema, formData);
        if (!result.ok) return invalid(result);
        await revokeInvitation({ db, actor: user, slug, invitationId: result.data.id });
        throw back();
      }
      case "addNetworkMember": {
        const result = parseForm(networkMemberSchema, formData);
        if (!result.ok) return invalid(result);
        const outcome = await addNetworkMember({ db, actor: user, networkSlug: slug, memberSlug: result.data.memberSlug });
        throw redirectWithFlash(
          hrefFor(request, `/organisations/${slug}/membres`),
          outcome === "accepted" ? "networks.requestAccepted" : "members.networkProposed",
        );
      }
      case "acceptNetwork":
      case "declineNetwork": {
        const result = parseForm(networkAnswerSchema, formData);
        if (!result.ok) return invalid(result);
        await answerNetworkProposal({ db, actor: user, memberSlug: slug, networkSlug: result.data.networkSlug, accept: intent === "acceptNetwork" });
        throw back();
      }
      case "acceptJoinRequest":
      case "declineJoinRequest": {
        const result = parseForm(networkMemberSchema, formData);
        if (!result.ok) return invalid(result);
        await answerJoinRequest({ db, actor: user, networkSlug: slug, memberSlug: result.data.memberSlug, accept: intent === "acceptJoinRequest" });
        throw redirectWithFlash(
          hrefFor(request, `/organisations/${slug}/membres`),
          intent === "acceptJoinRequest" ? "networks.requestAccepted" : "networks.requestDeclined",
        );
      }
      case "cancelJoinRequest": {
        const result = parseForm(networkAnswerSchema, formData);
        if (!result.ok) return invalid(result);
        await cancelJoinRequest({ db, actor: user, networkSlug: result.data.networkSlug, memberSlug: slug });
        throw back();
      }
      case "removeNetworkMember": {
        const result = parseForm(networkMemberSchema, formData);
        if (!result.ok) return invalid(result);
        await removeNetworkMember({ db, actor: user, networkSlug: slug, memberSlug: result.data.memberSlug });
        throw back();
      }
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    return formFailure(error, { intent });
  }
  return invalid({ ok: false, errors: { intent: ["errors.invalid"] }, values: {} });
}

export default function Members() {
  const t = useT();
  const locale = useLocale();
  const me = useRootData()?.viewer?.user.id;
  const { org, members, pending, networkMembers, proposals, joinRequests, ownRequests, canManage, canManageNetwork } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const of = (intent: string) => (actionData?.values?.intent === intent ? actionData : undefined);
  return (
    <div className="space-y-6">
      <p>
        <L to={`/organisations/${org.slug}`}><span aria-hidden="true" className="inline-block rtl:rotate-180">←</span> {org.name}</L>
      </p>
      <h1 className="text-2xl font-bold">{t("members.title")}</h1>
      <FormMessage messageKey={actionData?.messageKey} />
      <section className="card" aria-labelledby="people-h">
        <h2 id="people-h" className="text-lg font-semibold">{t("members.people")}</h2>
        <ul className="mt-2 divide-y divide-line">
          {members.map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div>
                <p className="font-medium" dir="auto">{m.name}</p>
                <p className="text-sm text-muted" dir="ltr">{m.email}</p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                {canManage ? (
                  <Form method="post" className="flex items-end gap-2">
                    <input type="hidden" name="intent" value="role" />
                    <input type="hidden" name="userId" value={m.userId} />
                    <Select label={<span className="sr-only">{t("members.roleOf", { name: m.name })}</span>} name="role" defaultValue={m.role}>
                      {MEMBERSHIP_ROLES.map((r) => (
                        <option key={r} value={r}>{t(`roles.${r}`)}</option>
                      ))}
                    </Select>
                    <button type="submit" className="btn-secondary" aria-label={`${t("actions.save")}: ${m.name}`}>{t("actions.save")}</button>
                  </Form>
                ) : (
                  <span className="badge bg-brand-50 text-brand-800">{t(`roles.${m.role}`)}</span>
                )}
                {canManage || m.userId === me ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="id" value={m.userId} />
                    <button type="submit" className="btn-secondary" aria-label={m.userId === me ? undefined : `${t("actions.remove")}: ${m.name}`}>{m.userId === me ? t("members.leave") : t("actions.remove")}</button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>

      {canManage ? (
        <section className="card space-y-3" aria-labelledby="invite-h">
          <h2 id="invite-h" className="text-lg font-semibold">{t("members.invite")}</h2>
          <Form method="post" className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-end" noValidate>
            <input type="hidden" name="intent" value="invite" />
            <Field label={t("fields.email")} name="email" type="email" dir="ltr" defaultValue={valueOf(of("invite"), "email")} errors={of("invite")?.errors?.email} />
            <Select label={t("fields.role")} name="role" defaultValue={valueOf(of("invite"), "role", "member")} errors={of("invite")?.errors?.role}>
              {MEMBERSHIP_ROLES.map((r) => (
                <option key={r} value={r}>{t(`roles.${r}`)}</option>
              ))}
            </Select>
            <button type="submit" className="btn">{t("members.sendInvite")}</button>
          </Form>
          {pending.length ? (
            <>
              <h3 className="font-semibold">{t("members.pending")}</h3>
              <ul className="divide-y divide-line">
                {pending.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      <span dir="ltr">{p.email}</span> · {t(`roles.${p.role}`)} · <span suppressHydrationWarning>{t("members.expires", { date: formatDate(p.expiresAt, locale) })}</span>
                    </span>
                    <Form method="post">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="id" value={p.id} />
                      <button type="submit" className="btn-secondary" aria-label={`${t("members.revoke")}: ${p.email}`}>{t("members.revoke")}</button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {proposals.length ? (
        <section className="card space-y-3" aria-labelledby="proposals-h">
          <h2 id="proposals-h" className="text-lg font-semibold">{t("members.networkProposals")}</h2>
          <p className="text-sm text-muted">{t("members.networkProposalsHint")}</p>
          <ul className="divide-y divide-line">
            {proposals.map((n) => (
              <li key={n.slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <L to={`/organisations/${n.slug}`}>{n.name}</L>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="networkSlug" value={n.slug} />
                  <button type="submit" name="intent" value="acceptNetwork" className="btn" aria-label={`${t("members.acceptNetwork")}: ${n.name}`}>{t("members.acceptNetwork")}</button>
                  <button type="submit" name="intent" value="declineNetwork" className="btn-secondary" aria-label={`${t("members.declineNetwork")}: ${n.name}`}>{t("members.declineNetwork")}</button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <JoinRequests requests={joinRequests} own={ownRequests} />

      {org.kind === "network" ? (
        <section className="card space-y-3" aria-labelledby="network-h">
          <h2 id="network-h" className="text-lg font-semibold">{t("members.networkMembers")}</h2>
          <ul className="divide-y divide-line">
            {networkMembers.map((m) => (
              <li key={m.slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <L to={`/organisations/${m.slug}`}>{m.name}</L>
                  {"pending" in m && m.pending ? <span className="ms-2 badge bg-warn/10 text-warn">{t("members.pendingAcceptance")}</span> : null}
                </span>
                {canManageNetwork ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="removeNetworkMember" />
                    <input type="hidden" name="memberSlug" value={m.slug} />
                    <button type="submit" className="btn-secondary" aria-label={`${t("actions.remove")}: ${m.name}`}>{t("actions.remove")}</button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          {canManageNetwork ? (
            <Form method="post" className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end" noValidate>
              <input type="hidden" name="intent" value="addNetworkMember" />
              <Field label={t("members.memberSlug")} name="memberSlug" dir="ltr" hint={t("members.memberSlugHint")} defaultValue={valueOf(of("addNetworkMember"), "memberSlug")} errors={of("addNetworkMember")?.errors?.memberSlug} />
              <button type="submit" className="btn-secondary">{t("actions.add")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
