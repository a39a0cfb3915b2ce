import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { auditLog, memberships, networkMembers, users } from "../../db/schema";
import { loader as profileLoader } from "~/routes/organisations.$slug";
import { action as joinAction, loader as joinLoader } from "~/routes/organisations.$slug_.adherer";
import { action as membersAction, loader as membersLoader } from "~/routes/organisations.$slug_.membres";
import { createSession } from "~/modules/accounts/session.server";
import { formRequest, getRequest, run } from "../support/http";
import { lastMailTo, linkIn } from "../support/mail";
import { listLocalMail } from "../../emails/transport.server";

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ userId: user.id, platformRole: user.platformRole });
  return { user, cookie: `tiwizi_session=${token}` };
}

async function member(orgId: string, role: "owner" | "admin" | "member") {
  const person = await signedIn();
  await db.insert(memberships).values({ organizationId: orgId, userId: person.user.id, role });
  return person;
}

async function networkAndCoop() {
  const network = await createOrganization(db, { kind: "network", name: "Réseau Souss Solidaire" });
  const networkAdmin = await member(network.id, "admin");
  const coop = await createOrganization(db, { name: "Coopérative Argan Tiznit" });
  const coopOwner = await member(coop.id, "owner");
  return { network, networkAdmin, coop, coopOwner };
}

const ask = (networkSlug: string, memberSlug: string, cookie: string) =>
  run(joinAction, formRequest(`/organisations/${networkSlug}/adherer`, { memberSlug }, { cookie }), { slug: networkSlug });
const onMembersPage = (slug: string, fields: Record<string, string>, cookie: string) =>
  run(membersAction, formRequest(`/organisations/${slug}/membres`, fields, { cookie }), { slug });
const linkOf = async (networkId: string, memberId: string) =>
  (await db.select().from(networkMembers).where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.memberId, memberId))))[0];
const publicMembers = async (slug: string, query = "") =>
  (await run(profileLoader, getRequest(`/organisations/${slug}${query}`), { slug })).data.networkMembers;

describe("asking to join a network", () => {
  it("a member organisation's manager asks; the network's admins see it and accept; only then is it public", async () => {
    const { network, networkAdmin, coop, coopOwner } = await networkAndCoop();
    const options = await run(joinLoader, getRequest(`/organisations/${network.slug}/adherer`, { cookie: coopOwner.cookie }), { slug: network.slug });
    expect(options.data.candidates).toEqual([expect.objectContaining({ slug: coop.slug, standing: null })]);

    const res = await ask(network.slug, coop.slug, coopOwner.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/organisations/${network.slug}`);
    expect(res.headers.get("Set-Cookie")).toContain("networks.requested");
    expect(await linkOf(network.id, coop.id)).toMatchObject({ status: "pending", requestedBy: "member" });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "network.request"), eq(auditLog.targetId, network.id)))).toEqual([
      expect.objectContaining({ actorId: coopOwner.user.id, after: { memberId: coop.id, status: "pending", requestedBy: "member" } }),
    ]);
    expect((await publicMembers(network.slug)).total).toBe(0);
    expect((await run(joinLoader, getRequest(`/organisations/${network.slug}/adherer`, { cookie: coopOwner.cookie }), { slug: network.slug })).data.candidates[0].standing).toBe("requested");

    const networkPage = await run(membersLoader, getRequest(`/organisations/${network.slug}/membres`, { cookie: networkAdmin.cookie }), { slug: network.slug });
    expect(networkPage.data.joinRequests.map((r: { slug: string }) => r.slug)).toEqual([coop.slug]);
    expect(networkPage.data.networkMembers).toEqual([]);
    const coopPage = await run(membersLoader, getRequest(`/organisations/${coop.slug}/membres`, { cookie: coopOwner.cookie }), { slug: coop.slug });
    expect(coopPage.data.ownRequests.map((r: { slug: string }) => r.slug)).toEqual([network.slug]);
    // Its own request is not a proposal it could accept on the network's behalf.
    expect(coopPage.data.proposals).toEqual([]);
    expect((await onMembersPage(coop.slug, { intent: "acceptNetwork", networkSlug: network.slug }, coopOwner.cookie)).status).toBe(404);
    expect((await linkOf(network.id, coop.id)).status).toBe("pending");

    const accepted = await onMembersPage(network.slug, { intent: "acceptJoinRequest", memberSlug: coop.slug }, networkAdmin.cookie);
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Set-Cookie")).toContain("networks.requestAccepted");
    expect(await linkOf(network.id, coop.id)).toMatchObject({ status: "accepted", acceptedAt: expect.any(Date) });
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "network.request.accept"), eq(auditLog.targetId, network.id)))).toEqual([
      expect.objectContaining({ actorId: networkAdmin.user.id }),
    ]);
    expect((await publicMembers(network.slug)).items.map((m: { slug: string }) => m.slug)).toEqual([coop.slug]);
    const coopProfile = await run(profileLoader, getRequest(`/organisations/${coop.slug}`), { slug: coop.slug });
    expect(coopProfile.data.profile.networks.map((n: { slug: string }) => n.slug)).toEqual([network.slug]);
  });

  it("tells the managers of the side that must answer by e-mail, with the page where they answer", async () => {
    const { network, networkAdmin, coop, coopOwner } = await networkAndCoop();
    const plainMember = await member(network.id, "member");
    await ask(network.slug, coop.slug, coopOwner.cookie);
    const toNetwork = await lastMailTo(networkAdmin.user.email!);
    expect(toNetwork.subject).toBe("Coopérative Argan Tiznit demande à rejoindre Réseau Souss Solidaire");
    expect(linkIn(toNetwork.text, `/organisations/${network.slug}/membres`)).toBeTruthy();
    expect((await listLocalMail()).some((m) => m.to === plainMember.user.email)).toBe(false);

    // The other way: a network proposes; the organisation's owner hears of it, in Arabic if that is their language.
    const other = await createOrganization(db, { name: "Coopérative Tighanimine", nameAr: "تعاونية تيغانيمين" });
    const owner = await member(other.id, "owner");
    await db.update(users).set({ locale: "ar" }).where(eq(users.id, owner.user.id));
    await onMembersPage(network.slug, { intent: "addNetworkMember", memberSlug: other.slug }, networkAdmin.cookie);
    const toMember = await lastMailTo(owner.user.email!);
    expect(toMember.subject).toContain("تعاونية تيغانيمين");
    expect(linkIn(toMember.text, `/organisations/${other.slug}/membres?lang=ar`)).toBeTruthy();
  });

  it("the network declines, or the organisation withdraws: the request is gone, and audited", async () => {
    const { network, networkAdmin, coop, coopOwner } = await networkAndCoop();
    await ask(network.slug, coop.slug, coopOwner.cookie);
    const declined = await onMembersPage(network.slug, { intent: "declineJoinRequest", memberSlug: coop.slug }, networkAdmin.cookie);
    expect(declined.headers.get("Set-Cookie")).toContain("networks.requestDeclined");
    expect(await linkOf(network.id, coop.id)).toBeUndefined();
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "network.request.decline"), eq(auditLog.targetId, network.id)))).toHaveLength(1);
    // Declined, it may ask again; then withdraw it itself.
    expect((await ask(network.slug, coop.slug, coopOwner.cookie)).status).toBe(302);
    expect((await onMembersPage(coop.slug, { intent: "cancelJoinRequest", networkSlug: network.slug }, coopOwner.cookie)).status).toBe(302);
    expect(await linkOf(network.id, coop.id)).toBeUndefined();
    expect((await onMembersPage(network.slug, { intent: "acceptJoinRequest", memberSlug: coop.slug }, networkAdmin.cookie)).status).toBe(404);
  });

  it("asking when the network had already proposed it is consent: the link is accepted at once, and the other way round", async () => {
    const { network, networkAdmin, coop, coopOwner } = await networkAndCoop();
    await onMembersPage(network.slug, { intent: "addNetworkMember", memberSlug: coop.slug }, networkAdmin.cookie);
    expect(await linkOf(network.id, coop.id)).toMatchObject({ status: "pending", requestedBy: "network" });
    const res = await ask(network.slug, coop.slug, coopOwner.cookie);
    expect(res.headers.get("Set-Cookie")).toContain("networks.joined");
    expect((await linkOf(network.id, coop.id)).status).toBe("accepted");

    const other = await createOrganization(db, { name: "Association Tifawt" });
    const otherOwner = await member(other.id, "owner");
    await ask(network.slug, other.slug, otherOwner.cookie);
    const proposed = await onMembersPage(network.slug, { intent: "addNetworkMember", memberSlug: other.slug }, networkAdmin.cookie);
    expect(proposed.headers.get("Set-Cookie")).toContain("networks.requestAccepted");
    expect((await linkOf(network.id, other.id)).status).toBe("accepted");
  });

  it("refuses what does not make sense, with a clear message, and changes nothing", async () => {
    const { network, networkAdmin, coop, coopOwner } = await networkAndCoop();
    const plainMember = await member(coop.id, "member");
    expect((await ask(network.slug, coop.slug, plainMember.cookie)).status).toBe(403);
    const stranger = await signedIn();
    expect((await ask(network.slug, coop.slug, stranger.cookie)).status).toBe(403);
    expect(await linkOf(network.id, coop.id)).toBeUndefined();

    await ask(network.slug, coop.slug, coopOwner.cookie);
    const twice = await ask(network.slug, coop.slug, coopOwner.cookie);
    expect(twice.status).toBe(409);
    expect(twice.data.messageKey).toBe("errors.networkRequestPending");
    expect(twice.data.values).toEqual({ memberSlug: coop.slug });

    const notANetwork = await createOrganization(db, { name: "Coopérative Voisine" });
    expect((await run(joinLoader, getRequest(`/organisations/${notANetwork.slug}/adherer`, { cookie: coopOwner.cookie }), { slug: notANetwork.slug })).status).toBe(404);
    expect((await ask(notANetwork.slug, coop.slug, coopOwner.cookie)).data.messageKey).toBe("errors.notANetwork");
    const networkOwner = await member(network.id, "owner");
    expect((await ask(network.slug, network.slug, networkOwner.cookie)).data.messageKey).toBe("errors.networkSelf");
    expect((await ask(network.slug, "", coopOwner.cookie)).data.errors.memberSlug).toEqual(["errors.required"]);
    expect((await ask("inconnu", coop.slug, coopOwner.cookie)).status).toBe(404);

    // Only the network's managers answer.
    const networkMember = await member(network.id, "member");
    expect((await onMembersPage(network.slug, { intent: "acceptJoinRequest", memberSlug: coop.slug }, networkMember.cookie)).status).toBe(403);
    expect((await onMembersPage(network.slug, { intent: "acceptJoinRequest", memberSlug: coop.slug }, coopOwner.cookie)).status).toBe(403);
    expect((await linkOf(network.id, coop.id)).status).toBe("pending");
    await onMembersPage(network.slug, { intent: "acceptJoinRequest", memberSlug: coop.slug }, networkAdmin.cookie);
    const already = await ask(network.slug, coop.slug, coopOwner.cookie);
    expect(already.data.messageKey).toBe("errors.alreadyInNetwork");
  });

  it("platform admins neither ask, propose nor answer for organisations: a link needs both sides' consent", async () => {
    const { network, coop } = await networkAndCoop();
    const admin = await signedIn({ platformRole: "admin" });
    expect((await ask(network.slug, coop.slug, admin.cookie)).status).toBe(403);
    expect((await onMembersPage(network.slug, { intent: "addNetworkMember", memberSlug: coop.slug }, admin.cookie)).status).toBe(403);
    expect(await linkOf(network.id, coop.id)).toBeUndefined();
  });

  it("a withdrawal removes only the organisation's own pending request, never a proposal or a membership", async () => {
    const { network, networkAdmin, coop, coopOwner } = await networkAndCoop();
    await onMembersPage(network.slug, { intent: "addNetworkMember", memberSlug: coop.slug }, networkAdmin.cookie);
    const proposalAgain = await onMembersPage(network.slug, { intent: "addNetworkMember", memberSlug: coop.slug }, networkAdmin.cookie);
    expect(proposalAgain.data.messageKey).toBe("errors.networkProposalPending");
    expect((await onMembersPage(coop.slug, { intent: "cancelJoinRequest", networkSlug: network.slug }, coopOwner.cookie)).status).toBe(404);
    expect((await linkOf(network.id, coop.id)).requestedBy).toBe("network");
    await ask(network.slug, coop.slug, coopOwner.cookie); // consent: now a member
    expect((await onMembersPage(coop.slug, { intent: "cancelJoinRequest", networkSlug: network.slug }, coopOwner.cookie)).status).toBe(404);
    expect((await linkOf(network.id, coop.id)).status).toBe("accepted");
  });

  it("proposals and requests, each e-mailing the other side, are rate-limited with a clear message", async () => {
    const network = await createOrganization(db, { kind: "network", name: "Réseau Pressé" });
    const networkAdmin = await member(network.id, "admin");
    const targets = await Promise.all(Array.from({ length: 11 }, (_, i) => createOrganization(db, { name: `Coopérative Cible ${i}` })));
    for (const target of targets.slice(0, 10)) {
      expect((await onMembersPage(network.slug, { intent: "addNetworkMember", memberSlug: target.slug }, networkAdmin.cookie)).status).toBe(302);
    }
    const eleventh = await onMembersPage(network.slug, { intent: "addNetworkMember", memberSlug: targets[10].slug }, networkAdmin.cookie);
    expect(eleventh.status).toBe(429);
    expect(eleventh.data.messageKey).toBe("errors.rateLimited");
    expect(await linkOf(network.id, targets[10].id)).toBeUndefined();
  });

  it("anonymous visitors are sent to log in first", async () => {
    const { network, coop } = await networkAndCoop();
    const res = await run(joinAction, formRequest(`/organisations/${network.slug}/adherer`, { memberSlug: coop.slug }), { slug: network.slug });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/connexion/);
  });
});

describe("a network's public member list", () => {
  it("lists accepted members only, searchable by name without accents or case, a page at a time", async () => {
    const network = await createOrganization(db, { kind: "network", name: "Réseau National" });
    const names = [
      "Coopérative Él Amal",
      "Association Ennour",
      "Coopérative Tighanimine",
      ...Array.from({ length: 32 }, (_, i) => `Coopérative Membre ${String(i + 1).padStart(2, "0")}`),
    ];
    for (const name of names) {
      const org = await createOrganization(db, { name, nameAr: name === "Association Ennour" ? "جمعية النور" : null });
      await db.insert(networkMembers).values({ networkId: network.id, memberId: org.id, status: "accepted", acceptedAt: new Date() });
    }
    const pending = await createOrganization(db, { name: "Coopérative Amal En Attente" });
    await db.insert(networkMembers).values({ networkId: network.id, memberId: pending.id, requestedBy: "member" });

    const first = await publicMembers(network.slug);
    expect(first).toMatchObject({ total: 35, matching: 35, page: 1, pageCount: 2 });
    expect(first.items).toHaveLength(30);
    expect(first.items[0].name).toBe("Association Ennour");
    const second = await publicMembers(network.slug, "?page=2");
    expect(second.items).toHaveLength(5);
    expect([...first.items, ...second.items].map((m: { name: string }) => m.name)).not.toContain("Coopérative Amal En Attente");
    // A page past the end shows the last one; nonsense shows the first.
    expect((await publicMembers(network.slug, "?page=99")).page).toBe(2);
    expect((await publicMembers(network.slug, "?page=abc")).page).toBe(1);

    const amal = await publicMembers(network.slug, "?q=el%20AMAL");
    expect(amal).toMatchObject({ total: 35, matching: 1, q: "el AMAL" });
    expect(amal.items.map((m: { name: string }) => m.name)).toEqual(["Coopérative Él Amal"]);
    expect((await publicMembers(network.slug, `?q=${encodeURIComponent("النور")}`)).items.map((m: { name: string }) => m.name)).toEqual(["Association Ennour"]);
    expect((await publicMembers(network.slug, "?q=cooperative%20membre&page=2")).items).toHaveLength(2);
    expect(await publicMembers(network.slug, "?q=%25")).toMatchObject({ matching: 0, items: [] });
    expect(await publicMembers(network.slug, "?q=introuvable")).toMatchObject({ matching: 0, items: [], pageCount: 1 });
  });

  it("is not shown for organisations that are not networks", async () => {
    const coop = await createOrganization(db);
    expect(await publicMembers(coop.slug)).toBeNull();
  });
});
