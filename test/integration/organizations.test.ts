import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { addIdentifier, createOrganization, createUser } from "../../db/factories";
import { auditLog, memberships, networkMembers, organizationIdentifiers, organizations, sessions } from "../../db/schema";
import { action as createAction } from "~/routes/organisations.nouvelle";
import { loader as profileLoader } from "~/routes/organisations.$slug";
import { action as editAction, loader as editLoader } from "~/routes/organisations.$slug_.modifier";
import { action as membersAction, loader as membersLoader } from "~/routes/organisations.$slug_.membres";
import { action as inviteAction, loader as inviteLoader } from "~/routes/invitations.$token";
import { loader as uploadLoader } from "~/routes/uploads.$";
import { action as switchAction } from "~/routes/organisations.active";
import { createSession } from "~/modules/accounts/session.server";
import { formRequest, getRequest, run } from "../support/http";
import { lastMailTo, linkIn } from "../support/mail";

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ userId: user.id, platformRole: user.platformRole });
  return { user, cookie: `tiwizi_session=${token}` };
}

const profileFields = (over: Record<string, string | string[]> = {}) => ({
  intent: "profile",
  name: "Coopérative Tafraout Argan",
  nameAr: "تعاونية تافراوت للأركان",
  regionCode: "09",
  provinceCode: "",
  city: "Tafraout",
  foundedYear: "2012",
  membersCount: "45",
  womenLed: "on",
  themes: ["women", "rural"],
  sectors: "argan",
  descriptionFr: "Quarante-cinq femmes pressent l'huile d'argan à la main.",
  descriptionAr: "خمس وأربعون امرأة يعصرن زيت الأركان يدويا.",
  phone: "06 61 23 45 67",
  whatsapp: "0661234567",
  whatsappPublic: "on",
  email: "contact@tafraout.example.ma",
  website: "tafraout.example.ma",
  needs: ["marketing", "digital"],
  needsText: "Vendre notre huile en ligne.",
  ...over,
});

describe("creating an organisation", () => {
  it("a verified person creates a cooperative; it starts not yet verified, with them as owner", async () => {
    const { user, cookie } = await signedIn();
    const res = await run(createAction, formRequest("/organisations/nouvelle", { kind: "cooperative", name: "Coopérative Aït Baha", regionCode: "09" }, { cookie }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/organisations/cooperative-ait-baha/modifier");
    const [org] = await db.select().from(organizations).where(eq(organizations.slug, "cooperative-ait-baha"));
    expect(org.verificationStatus).toBe("pending");
    expect(await db.select().from(memberships).where(eq(memberships.organizationId, org.id))).toEqual([
      expect.objectContaining({ userId: user.id, role: "owner" }),
    ]);
    const second = await run(createAction, formRequest("/organisations/nouvelle", { kind: "cooperative", name: "Coopérative Aït Baha", regionCode: "09" }, { cookie }));
    expect(second.headers.get("Location")).toBe("/organisations/cooperative-ait-baha-2/modifier");
  });

  it("a company needs its ICE; a bad checksum warns but is kept; a taken ICE is refused", async () => {
    const { cookie } = await signedIn();
    const missing = await run(createAction, formRequest("/organisations/nouvelle", { kind: "company", name: "Atlas SA", regionCode: "06" }, { cookie }));
    expect(missing.status).toBe(400);
    expect(missing.data.errors.ice).toEqual(["errors.companyNeedsIce"]);
    expect(missing.data.values).toMatchObject({ kind: "company", name: "Atlas SA", regionCode: "06" });
    const short = await run(createAction, formRequest("/organisations/nouvelle", { kind: "company", name: "Atlas SA", regionCode: "06", ice: "1234" }, { cookie }));
    expect(short.data.errors.ice).toEqual(["errors.iceFormat"]);
    const warned = await run(createAction, formRequest("/organisations/nouvelle", { kind: "company", name: "Atlas SA", regionCode: "06", ice: "123456789000057" }, { cookie }));
    expect(warned.status).toBe(302);
    expect(warned.headers.get("Set-Cookie")).toContain("orgNew.createdIceWarning");
    const taken = await run(createAction, formRequest("/organisations/nouvelle", { kind: "company", name: "Autre SA", regionCode: "06", ice: "123456789000057" }, { cookie }));
    expect(taken.status).toBe(409);
    expect(taken.data.messageKey).toBe("errors.iceTaken");
    expect(await db.select().from(organizations).where(eq(organizations.name, "Autre SA"))).toHaveLength(0);
  });

  it("refuses a person whose e-mail is not verified, and wrong kinds and regions", async () => {
    const { cookie } = await signedIn({ verified: false });
    const res = await run(createAction, formRequest("/organisations/nouvelle", { kind: "cooperative", name: "Coop", regionCode: "09" }, { cookie }));
    expect(res.status).toBe(403);
    const ok = await signedIn();
    const bad = await run(createAction, formRequest("/organisations/nouvelle", { kind: "club", name: "Coop", regionCode: "13" }, { cookie: ok.cookie }));
    expect(bad.data.errors).toEqual({ kind: ["errors.invalidChoice"], regionCode: ["errors.invalidChoice"] });
  });
});

describe("the profile", () => {
  it("owners edit it in French and Arabic; the public page shows only what they chose", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { name: "Coop Tafraout", ownerId: user.id });
    const res = await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, profileFields(), { cookie }), { slug: org.slug });
    expect(res.status).toBe(302);
    const page = await run(profileLoader, getRequest(`/organisations/${org.slug}`), { slug: org.slug });
    const shown = page.data.profile.organization;
    expect(shown).toMatchObject({
      name: "Coopérative Tafraout Argan",
      nameAr: "تعاونية تافراوت للأركان",
      womenLed: true,
      themes: ["women", "rural"],
      sectors: ["argan"],
      website: "https://tafraout.example.ma",
      phone: null, // not chosen public: a manager's number stays private by default
      whatsapp: "+212661234567",
      email: null,
      bankRib: null,
    });
    expect(page.data.region.nameAr).toBe("سوس-ماسة");
    expect(shown).toMatchObject({ needs: ["marketing", "digital"], needsText: "Vendre notre huile en ligne.", offers: [], offersText: null });
    const insider = await run(profileLoader, getRequest(`/organisations/${org.slug}`, { cookie }), { slug: org.slug });
    expect(insider.data.profile.organization.phone).toBe("+212661234567");
  });

  it("bad values come back beside their fields with what was typed", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { ownerId: user.id });
    const res = await run(
      editAction,
      formRequest(`/organisations/${org.slug}/modifier`, profileFields({ phone: "+33 6 12 34 56 78", foundedYear: "1850", provinceCode: "01.511", website: "pas une url", themes: ["women", "cooking"], offers: ["magic"] }), { cookie }),
      { slug: org.slug },
    );
    expect(res.status).toBe(400);
    expect(res.data.errors).toMatchObject({
      phone: ["errors.phone"],
      foundedYear: ["errors.year"],
      website: ["errors.url"],
      themes: ["errors.invalidChoice"],
      offers: ["errors.invalidChoice"],
    });
    expect(res.data.values.phone).toBe("+33 6 12 34 56 78");
    const wrongProvince = await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, profileFields({ provinceCode: "01.511" }), { cookie }), { slug: org.slug });
    expect(wrongProvince.data.errors.provinceCode).toEqual(["errors.provinceRegion"]);
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0].name).toBe(org.name);
  });

  it("a member who is not owner or admin gets 403, and so does a stranger; an unknown slug is 404", async () => {
    const owner = await createUser(db);
    const org = await createOrganization(db, { ownerId: owner.id });
    const member = await signedIn();
    await db.insert(memberships).values({ organizationId: org.id, userId: member.user.id, role: "member" });
    const stranger = await signedIn();
    for (const { cookie } of [member, stranger]) {
      expect((await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, profileFields(), { cookie }), { slug: org.slug })).status).toBe(403);
      expect((await run(editLoader, getRequest(`/organisations/${org.slug}/modifier`, { cookie }), { slug: org.slug })).status).toBe(403);
    }
    expect((await run(profileLoader, getRequest("/organisations/nexiste-pas"), { slug: "nexiste-pas" })).status).toBe(404);
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0].name).toBe(org.name);
  });

  it("a platform admin may edit, and it is audited", async () => {
    const owner = await createUser(db);
    const org = await createOrganization(db, { ownerId: owner.id });
    const { cookie } = await signedIn({ platformRole: "admin" });
    expect((await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, profileFields(), { cookie }), { slug: org.slug })).status).toBe(302);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.targetId, org.id));
    expect(entry.action).toBe("organization.edit");
  });
});

describe("identifiers and bank details", () => {
  it("adds typed identifiers; a company cannot lose its last ICE", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { kind: "company", ownerId: user.id });
    await addIdentifier(db, org.id, "ice", "002136093000040");
    const add = (type: string, value: string) =>
      run(editAction, formRequest(`/organisations/${org.slug}/modifier`, { intent: "addIdentifier", type, value }, { cookie }), { slug: org.slug });
    expect((await add("rc", "RC Casablanca 412873")).status).toBe(302);
    expect((await add("if", "40187365")).status).toBe(302);
    expect((await add("passport", "x")).data.errors.type).toEqual(["errors.invalidChoice"]);
    expect((await add("rc", "RC Casablanca 412873")).data.messageKey).toBe("errors.identifierDuplicate");
    const [ice] = await db
      .select()
      .from(organizationIdentifiers)
      .where(and(eq(organizationIdentifiers.organizationId, org.id), eq(organizationIdentifiers.type, "ice")));
    const removed = await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, { intent: "removeIdentifier", identifierId: ice.id }, { cookie }), { slug: org.slug });
    expect(removed.status).toBe(409);
    expect(removed.data.messageKey).toBe("errors.companyNeedsIce");
    expect(await db.select().from(organizationIdentifiers).where(eq(organizationIdentifiers.id, ice.id))).toHaveLength(1);
  });

  it("a RIB is checked, audited masked, and readable only by owners and platform admins", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { ownerId: user.id });
    const base = "0117800000012100003018";
    const rib = base + String(97n - ((BigInt(base) * 100n) % 97n)).padStart(2, "0");
    const bad = await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, { intent: "bank", bankRib: `${base}00` }, { cookie }), { slug: org.slug });
    expect(bad.data.errors.bankRib).toEqual(["errors.ribKey"]);
    const ok = await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, { intent: "bank", bankRib: rib.replace(/(\d{3})/g, "$1 ") }, { cookie }), { slug: org.slug });
    expect(ok.status).toBe(302);
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "organization.bank.change"));
    expect(JSON.stringify(entry.after)).not.toContain(rib);

    const admin = await signedIn();
    await db.insert(memberships).values({ organizationId: org.id, userId: admin.user.id, role: "admin" });
    expect((await run(profileLoader, getRequest(`/organisations/${org.slug}`, { cookie: admin.cookie }), { slug: org.slug })).data.profile.organization.bankRib).toBeNull();
    expect((await run(profileLoader, getRequest(`/organisations/${org.slug}`, { cookie }), { slug: org.slug })).data.profile.organization.bankRib).toBe(rib);
    const platform = await signedIn({ platformRole: "admin" });
    expect((await run(profileLoader, getRequest(`/organisations/${org.slug}`, { cookie: platform.cookie }), { slug: org.slug })).data.profile.organization.bankRib).toBe(rib);
    const adminTries = await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, { intent: "bank", bankRib: rib }, { cookie: admin.cookie }), { slug: org.slug });
    expect(adminTries.status).toBe(403);
  });
});

describe("logo", () => {
  async function upload(slug: string, cookie: string, file: Blob) {
    return run(editAction, formRequest(`/organisations/${slug}/modifier`, { logo: file }, { cookie }), { slug });
  }

  it("re-encodes a real image to WebP and serves it", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { ownerId: user.id });
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#8a3b12" } }).png().toBuffer();
    expect((await upload(org.slug, cookie, new Blob([png], { type: "image/png" }))).status).toBe(302);
    const [row] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(row.logoKey).toMatch(/^logos\/[0-9a-f-]{36}\.webp$/);
    const served = await uploadLoader({ request: getRequest(`/uploads/${row.logoKey}`), params: { "*": row.logoKey! }, context: { nonce: "", clientIp: "" } });
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect(meta.format).toBe("webp");
    expect(meta.width).toBe(400);
  });

  it("refuses a file that is not an image whatever its name, and one too large; nothing is stored", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { ownerId: user.id });
    const fake = await upload(org.slug, cookie, new File(["<script>alert(1)</script>"], "logo.png", { type: "image/png" }));
    expect(fake.status).toBe(400);
    expect(fake.data.messageKey).toBe("errors.logoType");
    const big = await upload(org.slug, cookie, new File([new Uint8Array(3 * 1024 * 1024)], "big.png", { type: "image/png" }));
    expect(big.status).toBe(400);
    expect(big.data.messageKey).toBe("errors.logoTooLarge");
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0].logoKey).toBeNull();
  });
});

describe("members and invitations", () => {
  it("an owner invites by e-mail; the invited address accepts; another address cannot", async () => {
    const { user, cookie } = await signedIn({ name: "Aicha" });
    const org = await createOrganization(db, { name: "Coopérative Invite", ownerId: user.id });
    const res = await run(membersAction, formRequest(`/organisations/${org.slug}/membres`, { intent: "invite", email: "Samira@Example.ma", role: "admin" }, { cookie }), { slug: org.slug });
    expect(res.status).toBe(302);
    const mail = await lastMailTo("samira@example.ma");
    expect(mail.subject).toBe("Invitation à rejoindre Coopérative Invite");
    const token = linkIn(mail.text, "/invitations/").split("/invitations/")[1];

    const other = await signedIn({ email: "other@example.ma" });
    const refused = await run(inviteAction, formRequest(`/invitations/${token}`, {}, { cookie: other.cookie }), { token });
    expect(refused.status).toBe(403);

    const samira = await signedIn({ email: "samira@example.ma" });
    expect((await run(inviteLoader, getRequest(`/invitations/${token}`, { cookie: samira.cookie }), { token })).data.organization).toBe("Coopérative Invite");
    const accepted = await run(inviteAction, formRequest(`/invitations/${token}`, {}, { cookie: samira.cookie }), { token });
    expect(accepted.status).toBe(302);
    const rows = await db.select().from(memberships).where(eq(memberships.organizationId, org.id));
    expect(rows.find((r) => r.userId === samira.user.id)?.role).toBe("admin");
    expect((await run(inviteLoader, getRequest(`/invitations/${token}`), { token })).data.problem).toBe("errors.invitationUsed");
  });

  it("only owners invite and change roles; the last owner stays", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { ownerId: user.id });
    const admin = await signedIn();
    await db.insert(memberships).values({ organizationId: org.id, userId: admin.user.id, role: "admin" });
    const byAdmin = await run(membersAction, formRequest(`/organisations/${org.slug}/membres`, { intent: "invite", email: "x@example.ma", role: "owner" }, { cookie: admin.cookie }), { slug: org.slug });
    expect(byAdmin.status).toBe(403);
    const demoteSelf = await run(membersAction, formRequest(`/organisations/${org.slug}/membres`, { intent: "role", userId: user.id, role: "member" }, { cookie }), { slug: org.slug });
    expect(demoteSelf.status).toBe(409);
    expect(demoteSelf.data.messageKey).toBe("errors.lastOwner");
    const promote = await run(membersAction, formRequest(`/organisations/${org.slug}/membres`, { intent: "role", userId: admin.user.id, role: "owner" }, { cookie }), { slug: org.slug });
    expect(promote.status).toBe(302);
    expect((await run(membersAction, formRequest(`/organisations/${org.slug}/membres`, { intent: "role", userId: user.id, role: "member" }, { cookie }), { slug: org.slug })).status).toBe(302);
  });

  it("networks list their members and members show their networks", async () => {
    const { user, cookie } = await signedIn();
    const network = await createOrganization(db, { kind: "network", name: "Réseau Test", ownerId: user.id });
    const coop = await createOrganization(db, { name: "Coopérative Membre" });
    const add = await run(membersAction, formRequest(`/organisations/${network.slug}/membres`, { intent: "addNetworkMember", memberSlug: coop.slug }, { cookie }), { slug: network.slug });
    expect(add.status).toBe(302);
    // The proposal waits for the organisation's answer: proposing again says so.
    const again = await run(membersAction, formRequest(`/organisations/${network.slug}/membres`, { intent: "addNetworkMember", memberSlug: coop.slug }, { cookie }), { slug: network.slug });
    expect(again.data.messageKey).toBe("errors.networkProposalPending");
    const self = await run(membersAction, formRequest(`/organisations/${network.slug}/membres`, { intent: "addNetworkMember", memberSlug: network.slug }, { cookie }), { slug: network.slug });
    expect(self.data.messageKey).toBe("errors.networkSelf");
    const publicMembers = async () =>
      (await run(profileLoader, getRequest(`/organisations/${network.slug}`), { slug: network.slug })).data.profile.members.map((m: { slug: string }) => m.slug);
    const publicNetworks = async () =>
      (await run(profileLoader, getRequest(`/organisations/${coop.slug}`), { slug: coop.slug })).data.profile.networks.map((m: { slug: string }) => m.slug);
    // Proposed, not yet accepted: nothing public; the network's own people see it pending.
    expect(await publicMembers()).toEqual([]);
    expect(await publicNetworks()).toEqual([]);
    expect((await run(profileLoader, getRequest(`/organisations/${network.slug}`, { cookie }), { slug: network.slug })).data.profile.members).toEqual([
      expect.objectContaining({ slug: coop.slug, pending: true }),
    ]);
    // Only the member organisation's managers answer.
    const stranger = await signedIn();
    const answer = (who: string, intent: string) =>
      run(membersAction, formRequest(`/organisations/${coop.slug}/membres`, { intent, networkSlug: network.slug }, { cookie: who }), { slug: coop.slug });
    expect((await answer(stranger.cookie, "acceptNetwork")).status).toBe(403);
    const coopManager = await signedIn();
    await db.insert(memberships).values({ organizationId: coop.id, userId: coopManager.user.id, role: "admin" });
    expect((await run(membersLoader, getRequest(`/organisations/${coop.slug}/membres`, { cookie: coopManager.cookie }), { slug: coop.slug })).data.proposals.map((n: { slug: string }) => n.slug)).toEqual([network.slug]);
    expect((await answer(coopManager.cookie, "acceptNetwork")).status).toBe(302);
    expect(await publicMembers()).toEqual([coop.slug]);
    expect(await publicNetworks()).toEqual([network.slug]);
    expect((await answer(coopManager.cookie, "acceptNetwork")).status).toBe(404);
    const coopOwner = await signedIn();
    const notNetwork = await createOrganization(db, { ownerId: coopOwner.user.id });
    const wrong = await run(membersAction, formRequest(`/organisations/${notNetwork.slug}/membres`, { intent: "addNetworkMember", memberSlug: coop.slug }, { cookie: coopOwner.cookie }), { slug: notNetwork.slug });
    expect(wrong.data.messageKey).toBe("errors.notANetwork");
    expect(await db.select().from(networkMembers)).toHaveLength(1);
  });
});


describe("organisation switcher", () => {
  it("switches to an organisation the person belongs to, and to no other", async () => {
    const { user, cookie } = await signedIn();
    const mine = await createOrganization(db, { ownerId: user.id });
    const theirs = await createOrganization(db);
    const ok = await run(switchAction, formRequest("/organisations/active", { slug: mine.slug }, { cookie }));
    expect(ok.status).toBe(302);
    const [row] = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row.activeOrganizationId).toBe(mine.id);
    const refused = await run(switchAction, formRequest("/organisations/active", { slug: theirs.slug }, { cookie }));
    expect(refused.status).toBe(404);
    expect((await db.select().from(sessions).where(eq(sessions.userId, user.id)))[0].activeOrganizationId).toBe(mine.id);
  });
});

describe("trust in the verified badge", () => {
  it("a verified organisation that changes its name or identifiers goes back to review", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { name: "Coop Vérifiée", ownerId: user.id, verificationStatus: "verified", verifiedAt: new Date() });
    const same = profileFields({ name: "Coop Vérifiée" });
    await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, same, { cookie }), { slug: org.slug });
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0].verificationStatus).toBe("verified");
    await run(editAction, formRequest(`/organisations/${org.slug}/modifier`, profileFields({ name: "Autre Nom" }), { cookie }), { slug: org.slug });
    expect((await db.select().from(organizations).where(eq(organizations.id, org.id)))[0].verificationStatus).toBe("pending");
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, org.id), eq(auditLog.action, "organization.reverification")));
    expect(entry.before).toMatchObject({ name: "Coop Vérifiée" });
  });

  it("an invitation needs a verified address, and only those who invite see who is invited", async () => {
    const { user, cookie } = await signedIn();
    const org = await createOrganization(db, { ownerId: user.id });
    await run(membersAction, formRequest(`/organisations/${org.slug}/membres`, { intent: "invite", email: "unverified@example.ma", role: "owner" }, { cookie }), { slug: org.slug });
    const token = linkIn((await lastMailTo("unverified@example.ma")).text, "/invitations/").split("/invitations/")[1];
    const unverified = await signedIn({ email: "unverified@example.ma", verified: false });
    const refused = await run(inviteAction, formRequest(`/invitations/${token}`, {}, { cookie: unverified.cookie }), { token });
    expect(refused.status).toBe(403);
    expect(refused.data.messageKey).toBe("errors.emailNotVerified");
    const member = await signedIn();
    await db.insert(memberships).values({ organizationId: org.id, userId: member.user.id, role: "member" });
    expect((await run(membersLoader, getRequest(`/organisations/${org.slug}/membres`, { cookie: member.cookie }), { slug: org.slug })).data.pending).toEqual([]);
    expect((await run(membersLoader, getRequest(`/organisations/${org.slug}/membres`, { cookie }), { slug: org.slug })).data.pending).toHaveLength(1);
  });
});
