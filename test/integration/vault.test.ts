import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "../../db/client";
import { createOrganization, createUser } from "../../db/factories";
import { applicationDocuments, applications, callJurors, callRequirements, memberships, organizationDocuments, reviewAssignments, type GridSection } from "../../db/schema";
import { ar, en, fr } from "~/i18n/messages";
import { callSchema, MAX_DOCUMENT_BYTES } from "~/modules/calls/call-schemas";
import { createCall } from "~/modules/calls/calls.server";
import { documentFits } from "~/modules/calls/documents";
import { readDocument, uploadDocument } from "~/modules/calls/vault.server";
import { createSession } from "~/modules/accounts/session.server";
import { loader as downloadLoader } from "~/routes/documents.$id";
import { action as vaultAction, loader as vaultLoader } from "~/routes/organisations.$slug_.documents";
import { formRequest, getRequest, run } from "../support/http";

// The organisation's private document vault (issue 6, item 2): its managers upload documents checked by
// their content and size, its members list them, and only they, the programme's operators and the jurors of
// an application carrying a document with no conflict declared may download it. Anyone else — or anyone
// guessing an id — is told it does not exist; refusals are translated and write nothing.

let seq = 0;

// A disk that refuses to write, when a test says so.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock("~/lib/storage.server", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/lib/storage.server")>();
  return {
    ...real,
    putFile: async (key: string, bytes: Uint8Array) => {
      if (disk.full) throw new Error("ENOSPC: no space left on device");
      return real.putFile(key, bytes);
    },
  };
});

async function signedIn(opts: Parameters<typeof createUser>[1] = {}) {
  const user = await createUser(db, opts);
  const { token } = await createSession({ db, userId: user.id, platformRole: user.platformRole, userAgent: null, ip: "203.0.113.7" });
  return { user, cookie: `tiwizi_session=${token}`, actor: { id: user.id, platformRole: user.platformRole } };
}

/** An association with an owner and a plain member, and someone outside it. */
async function vault() {
  const owner = await signedIn();
  const member = await signedIn();
  const outsider = await signedIn();
  const org = await createOrganization(db, { kind: "association", name: `Association Amal ${++seq}`, ownerId: owner.user.id });
  await db.insert(memberships).values({ organizationId: org.id, userId: member.user.id, role: "member" });
  return { org, slug: org.slug, owner, member, outsider };
}

const pdf = (name = "statuts.pdf", text = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF") => new File([new TextEncoder().encode(text)], name, { type: "application/pdf" });
const page = (slug: string) => `/organisations/${slug}/documents`;
const upload = (slug: string, cookie: string, file: Blob, fields: Record<string, string> = {}) =>
  run(vaultAction, formRequest(page(slug), { kind: "statutes", title: "Statuts de l’association", ...fields, file }, { cookie }), { slug });
const download = (id: string, cookie: string) => run(downloadLoader, getRequest(`/documents/${id}`, { cookie }), { id });
const documentsOf = (organizationId: string) => db.select().from(organizationDocuments).where(eq(organizationDocuments.organizationId, organizationId));
const vaultFiles = () => {
  const dir = path.join(process.env.DATA_DIR!, "uploads", "vault");
  return existsSync(dir) ? readdirSync(dir) : [];
};
const stored = (key: string) => existsSync(path.join(process.env.DATA_DIR!, "uploads", key));

const GRID: GridSection[] = [
  ["relevance", 30],
  ["capacity", 25],
  ["potential", 25],
  ["commitment", 20],
].map(([id, weight]) => ({
  id: id as string,
  titleFr: `Critère ${id}`,
  titleAr: "معيار",
  weight: weight as number,
  criteria: [{ id: `${id}-1`, titleFr: `Critère ${id}`, titleAr: "معيار", max: 10, minimum: null, guidanceFr: null, guidanceAr: null, questions: [] }],
}));

/** A call requiring statutes (PDF), an application of the organisation carrying `documentId`, and a juror assigned to it. */
async function applicationCarrying(organizationId: string, documentId: string, opts: { status?: "draft" | "submitted" | "under_review"; conflict?: "pending" | "none" | "declared" } = {}) {
  const operator = await signedIn({ platformRole: "operator" });
  const parsed = callSchema.safeParse({
    code: `VLT${++seq}-2026`,
    kind: "selection",
    audience: ["association"],
    titleFr: "Appel à manifestation d’intérêt",
    titleAr: "طلب إبداء الاهتمام",
    descriptionFr: "Sélection d’organisations de la société civile accompagnées par le programme.",
    descriptionAr: "انتقاء منظمات من المجتمع المدني يواكبها البرنامج.",
    opensAt: "2026-05-01T09:00",
    closesAt: "2026-06-30T20:00",
    seats: "150",
    labelValidityMonths: "",
  });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const call = await createCall({
    db,
    actor: operator.actor,
    input: parsed.data,
    sections: GRID,
    requirements: [{ kind: "statutes", labelFr: "Statuts", labelAr: "القانون الأساسي", formats: ["pdf"], maxBytes: MAX_DOCUMENT_BYTES, required: true }],
  });
  const [requirement] = await db.select().from(callRequirements).where(eq(callRequirements.callId, call.id));
  const status = opts.status ?? "submitted";
  const [application] = await db
    .insert(applications)
    .values({ reference: `${call.code}-${String(seq).padStart(4, "0")}`, callId: call.id, organizationId, status, gridVersion: 1, submittedAt: status === "draft" ? null : new Date() })
    .returning();
  await db.insert(applicationDocuments).values({ applicationId: application.id, requirementId: requirement.id, documentId });
  // Invited by address: the juror's account is linked by their verified e-mail, not (yet) by id.
  const juror = await signedIn();
  const [seat] = await db.insert(callJurors).values({ callId: call.id, email: juror.user.email, name: "Karima Jurée", userId: null }).returning();
  const [assignment] = await db.insert(reviewAssignments).values({ applicationId: application.id, jurorId: seat.id, conflict: opts.conflict ?? "none" }).returning();
  return { call, application, juror, seat, assignment, operator };
}

describe("the document vault", () => {
  it("an owner uploads a PDF, checked by its content; members list it, newest first", async () => {
    const v = await vault();
    const ok = await upload(v.slug, v.owner.cookie, pdf());
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(page(v.slug));
    const [document] = await documentsOf(v.org.id);
    expect(document).toMatchObject({ kind: "statutes", title: "Statuts de l’association", fileName: "statuts.pdf", contentType: "application/pdf", uploadedBy: v.owner.user.id });
    expect(document.key).toMatch(/^vault\/[0-9a-f-]{36}\.pdf$/);
    expect(stored(document.key)).toBe(true);
    // A second one, a PNG whatever the browser called it; listed first.
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], "scan.bin", { type: "application/octet-stream" });
    expect((await upload(v.slug, v.owner.cookie, png, { kind: "legal_registration", title: "Récépissé" })).status).toBe(302);

    const listed = await run(vaultLoader, getRequest(page(v.slug), { cookie: v.member.cookie }), { slug: v.slug });
    expect(listed.status).toBe(200);
    expect(listed.data.canManage).toBe(false);
    expect(listed.data.documents.map((d: { title: string }) => d.title)).toEqual(["Récépissé", "Statuts de l’association"]);
    expect(listed.data.documents[0]).toMatchObject({ contentType: "image/png", locked: false });
    const asOwner = await run(vaultLoader, getRequest(page(v.slug), { cookie: v.owner.cookie }), { slug: v.slug });
    expect(asOwner.data.canManage).toBe(true);
  });

  it("refuses a wrong type, an oversized file, a missing file or title with a translated error, writing nothing", async () => {
    const v = await vault();
    const before = vaultFiles().length;
    const html = new File(["<html><script>alert(1)</script></html>"], "piege.pdf", { type: "application/pdf" });
    const refused = await upload(v.slug, v.owner.cookie, html);
    expect(refused).toMatchObject({ status: 400, data: { messageKey: "vault.errors.fileType" } });
    // A WebP passes the tandems' check but is not one of the vault's formats.
    const webp = new File([new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 ")], "photo.webp");
    expect(await upload(v.slug, v.owner.cookie, webp)).toMatchObject({ status: 400, data: { messageKey: "vault.errors.fileType" } });
    // A ZIP is only an office document when its name says so.
    const zip = new File([new TextEncoder().encode("PK\u0003\u0004rest")], "archive.zip");
    expect(await upload(v.slug, v.owner.cookie, zip)).toMatchObject({ status: 400, data: { messageKey: "vault.errors.fileType" } });

    const big = new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x25);
    big.set(new TextEncoder().encode("%PDF-1.7\n"));
    const tooBig = await upload(v.slug, v.owner.cookie, new File([big], "gros.pdf", { type: "application/pdf" }));
    expect(tooBig).toMatchObject({ status: 400, data: { messageKey: "vault.errors.fileTooLarge" } });
    // The service says the same to a caller that did not go through the form.
    await expect(uploadDocument({ db, actor: v.owner.actor, slug: v.slug, kind: "statutes", title: "Trop gros", bytes: big, fileName: "gros.pdf" })).rejects.toMatchObject({
      status: 400,
      messageKey: "vault.errors.fileTooLarge",
    });

    const empty = await upload(v.slug, v.owner.cookie, new File([], "vide.pdf"));
    expect(empty).toMatchObject({ status: 400, data: { messageKey: "vault.errors.fileMissing" } });
    const untitled = await upload(v.slug, v.owner.cookie, pdf(), { title: " " });
    expect(untitled).toMatchObject({ status: 400, data: { errors: { title: ["vault.errors.title"] } } });
    const noKind = await upload(v.slug, v.owner.cookie, pdf(), { kind: "passport" });
    expect(noKind).toMatchObject({ status: 400, data: { errors: { kind: ["vault.errors.kind"] } } });

    expect(await documentsOf(v.org.id)).toHaveLength(0);
    expect(vaultFiles()).toHaveLength(before);
    // Each refusal reads in all three languages.
    for (const catalog of [fr, ar, en]) {
      for (const key of ["fileType", "fileTooLarge", "fileMissing", "title", "kind", "attached"] as const) expect(catalog.vault.errors[key]).toBeTruthy();
    }
  });

  it("when the bytes cannot be written, the row goes too", async () => {
    const v = await vault();
    disk.full = true;
    try {
      await expect(uploadDocument({ db, actor: v.owner.actor, slug: v.slug, kind: "statutes", title: "Statuts", bytes: new TextEncoder().encode("%PDF-1.7\n%%EOF"), fileName: "statuts.pdf" })).rejects.toThrow(/ENOSPC/);
    } finally {
      disk.full = false;
    }
    expect(await documentsOf(v.org.id)).toHaveLength(0);
  });

  it("a plain member cannot upload (403) but lists; an outsider is not found anywhere", async () => {
    const v = await vault();
    const byMember = await upload(v.slug, v.member.cookie, pdf());
    expect(byMember.status).toBe(403);
    expect(await documentsOf(v.org.id)).toHaveLength(0);
    await upload(v.slug, v.owner.cookie, pdf());
    const [document] = await documentsOf(v.org.id);
    const listed = await run(vaultLoader, getRequest(page(v.slug), { cookie: v.member.cookie }), { slug: v.slug });
    expect(listed.data.documents).toHaveLength(1);
    // The member may download it too.
    expect((await download(document.id, v.member.cookie)).status).toBe(200);

    expect((await run(vaultLoader, getRequest(page(v.slug), { cookie: v.outsider.cookie }), { slug: v.slug })).status).toBe(404);
    expect((await upload(v.slug, v.outsider.cookie, pdf())).status).toBe(404);
    expect((await download(document.id, v.outsider.cookie)).status).toBe(404);
    const deleteByOutsider = await run(vaultAction, formRequest(page(v.slug), { intent: "delete", documentId: document.id }, { cookie: v.outsider.cookie }), { slug: v.slug });
    expect(deleteByOutsider.status).toBe(404);
    const deleteByMember = await run(vaultAction, formRequest(page(v.slug), { intent: "delete", documentId: document.id }, { cookie: v.member.cookie }), { slug: v.slug });
    expect(deleteByMember.status).toBe(403);
    expect(await documentsOf(v.org.id)).toHaveLength(1);
    // Not signed in: to the login page, nothing learnt.
    const anonymous = await run(downloadLoader, getRequest(`/documents/${document.id}`), { id: document.id });
    expect(anonymous.status).toBe(302);
  });

  it("downloads as an attachment, privately, for the owner and the programme's operators", async () => {
    const v = await vault();
    await upload(v.slug, v.owner.cookie, pdf("Statuts «2025».pdf"));
    const [document] = await documentsOf(v.org.id);
    const got = await downloadLoader({ request: getRequest(`/documents/${document.id}`, { cookie: v.owner.cookie }), params: { id: document.id }, context: {} as never });
    expect(got.status).toBe(200);
    expect(got.headers.get("Content-Type")).toBe("application/pdf");
    expect(got.headers.get("Content-Disposition")).toBe(`attachment; filename*=UTF-8''${encodeURIComponent("Statuts «2025».pdf")}`);
    expect(got.headers.get("Cache-Control")).toBe("private, no-store");
    expect(got.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(got.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(new TextDecoder().decode(await got.arrayBuffer())).toMatch(/^%PDF-1\.7/);

    const operator = await signedIn({ platformRole: "operator" });
    expect((await download(document.id, operator.cookie)).status).toBe(200);
    const admin = await signedIn({ platformRole: "admin" });
    expect((await download(document.id, admin.cookie)).status).toBe(200);
    // Platform staff read a vault, never fill it.
    expect((await upload(v.slug, admin.cookie, pdf())).status).toBe(403);
  });

  it("a juror reads a document of an application assigned to them only once they declared no conflict", async () => {
    const v = await vault();
    await upload(v.slug, v.owner.cookie, pdf());
    await upload(v.slug, v.owner.cookie, pdf("rapport.pdf"), { kind: "activity_report", title: "Rapport d’activité" });
    const [other, document] = await documentsOf(v.org.id).then((rows) => rows.sort((a, b) => (a.title < b.title ? -1 : 1)));
    expect(document.title).toBe("Statuts de l’association");
    const a = await applicationCarrying(v.org.id, document.id);

    // By the verified address the invitation went to.
    expect((await download(document.id, a.juror.cookie)).status).toBe(200);
    // A document of the same organisation that the application does not carry stays closed.
    expect((await download(other.id, a.juror.cookie)).status).toBe(404);
    for (const conflict of ["declared", "pending"] as const) {
      await db.update(reviewAssignments).set({ conflict }).where(eq(reviewAssignments.id, a.assignment.id));
      expect((await download(document.id, a.juror.cookie)).status, conflict).toBe(404);
    }
    // By the account the invitation was accepted with, whatever the address.
    await db.update(reviewAssignments).set({ conflict: "none" }).where(eq(reviewAssignments.id, a.assignment.id));
    const linked = await signedIn();
    await db.update(callJurors).set({ userId: linked.user.id, email: "autre-adresse@example.ma" }).where(eq(callJurors.id, a.seat.id));
    expect((await download(document.id, linked.cookie)).status).toBe(200);
    expect((await download(document.id, a.juror.cookie)).status).toBe(404);

    // An address nobody proved is theirs opens nothing.
    const unverified = await signedIn({ verified: false });
    await db.update(callJurors).set({ userId: null, email: unverified.user.email }).where(eq(callJurors.id, a.seat.id));
    expect((await download(document.id, unverified.cookie)).status).toBe(404);
    // A juror of another call, with no conflict on their own application, sees nothing of this one.
    const elsewhere = await applicationCarrying(v.org.id, other.id);
    expect((await download(document.id, elsewhere.juror.cookie)).status).toBe(404);
  });

  it("no document is reachable by guessing its id", async () => {
    const v = await vault();
    const w = await vault();
    await upload(v.slug, v.owner.cookie, pdf());
    const [document] = await documentsOf(v.org.id);
    // The owner of another organisation, a random id, a malformed one, the storage key: all not found.
    expect((await download(document.id, w.owner.cookie)).status).toBe(404);
    expect((await download(crypto.randomUUID(), v.owner.cookie)).status).toBe(404);
    expect((await download("1", v.owner.cookie)).status).toBe(404);
    expect((await download(document.key, v.owner.cookie)).status).toBe(404);
    await expect(readDocument({ db, actor: null, documentId: document.id })).rejects.toMatchObject({ status: 404 });
    // Another organisation's document cannot be deleted through one's own vault either.
    const cross = await run(vaultAction, formRequest(page(w.slug), { intent: "delete", documentId: document.id }, { cookie: w.owner.cookie }), { slug: w.slug });
    expect(cross.status).toBe(404);
    expect(await documentsOf(v.org.id)).toHaveLength(1);
  });

  it("a document attached to a submitted application cannot be deleted (409); an unattached one goes with its bytes", async () => {
    const v = await vault();
    await upload(v.slug, v.owner.cookie, pdf());
    await upload(v.slug, v.owner.cookie, pdf("rapport.pdf"), { kind: "activity_report", title: "Rapport d’activité" });
    await upload(v.slug, v.owner.cookie, pdf("brouillon.pdf"), { kind: "other", title: "Brouillon" });
    const rows = await documentsOf(v.org.id);
    const byTitle = (t: string) => rows.find((r) => r.title === t)!;
    const submitted = byTitle("Statuts de l’association");
    const loose = byTitle("Rapport d’activité");
    const inDraft = byTitle("Brouillon");
    await applicationCarrying(v.org.id, submitted.id, { status: "submitted" });
    const draft = await applicationCarrying(v.org.id, inDraft.id, { status: "draft" });

    const listed = await run(vaultLoader, getRequest(page(v.slug), { cookie: v.owner.cookie }), { slug: v.slug });
    expect(Object.fromEntries(listed.data.documents.map((d: { title: string; locked: boolean }) => [d.title, d.locked]))).toEqual({
      "Statuts de l’association": true,
      "Rapport d’activité": false,
      Brouillon: false,
    });

    const refused = await run(vaultAction, formRequest(page(v.slug), { intent: "delete", documentId: submitted.id }, { cookie: v.owner.cookie }), { slug: v.slug });
    expect(refused).toMatchObject({ status: 409, data: { messageKey: "vault.errors.attached" } });
    expect(stored(submitted.key)).toBe(true);

    const gone = await run(vaultAction, formRequest(page(v.slug), { intent: "delete", documentId: loose.id }, { cookie: v.owner.cookie }), { slug: v.slug });
    expect(gone.status).toBe(302);
    expect(stored(loose.key)).toBe(false);
    expect((await download(loose.id, v.owner.cookie)).status).toBe(404);

    // A draft that carried a document simply loses it.
    expect((await run(vaultAction, formRequest(page(v.slug), { intent: "delete", documentId: inDraft.id }, { cookie: v.owner.cookie }), { slug: v.slug })).status).toBe(302);
    expect(await db.select().from(applicationDocuments).where(eq(applicationDocuments.applicationId, draft.application.id))).toHaveLength(0);
    expect(stored(inDraft.key)).toBe(false);
    expect((await documentsOf(v.org.id)).map((d) => d.id)).toEqual([submitted.id]);
  });

  it("pages the list 20 at a time", async () => {
    const v = await vault();
    const base = Date.now() - 3_600_000;
    await db.insert(organizationDocuments).values(
      Array.from({ length: 23 }, (_, i) => ({
        organizationId: v.org.id,
        kind: "supporting" as const,
        title: `Pièce ${i + 1}`,
        key: `vault/${crypto.randomUUID()}.pdf`,
        fileName: `piece-${i + 1}.pdf`,
        contentType: "application/pdf",
        bytes: 1000,
        createdAt: new Date(base + i * 1000),
      })),
    );
    const first = await run(vaultLoader, getRequest(page(v.slug), { cookie: v.member.cookie }), { slug: v.slug });
    expect(first.data).toMatchObject({ page: 1, pageCount: 2 });
    expect(first.data.documents).toHaveLength(20);
    expect(first.data.documents[0].title).toBe("Pièce 23");
    const second = await run(vaultLoader, getRequest(`${page(v.slug)}?page=2`, { cookie: v.member.cookie }), { slug: v.slug });
    expect(second.data.documents.map((d: { title: string }) => d.title)).toEqual(["Pièce 3", "Pièce 2", "Pièce 1"]);
  });

  it("a document fits a requirement by its format and size", () => {
    const requirement = { formats: ["pdf", "docx"], maxBytes: 1024 * 1024 };
    expect(documentFits({ contentType: "application/pdf", bytes: 1024 * 1024 }, requirement)).toBe(true);
    expect(documentFits({ contentType: "application/pdf", bytes: 1024 * 1024 + 1 }, requirement)).toBe(false);
    expect(documentFits({ contentType: "image/png", bytes: 10 }, requirement)).toBe(false);
    expect(documentFits({ contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: 10 }, requirement)).toBe(true);
    expect(documentFits({ contentType: "text/html", bytes: 10 }, { formats: ["pdf", "jpeg", "png", "docx", "xlsx"], maxBytes: 1024 })).toBe(false);
  });
});
