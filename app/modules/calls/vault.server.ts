// The organisation's private document vault (issue 6, item 2; decision 017): its managers upload the pieces
// calls ask for once and attach them to any application. A document is checked by its content and size,
// stored under a server-made name, and read only by the organisation's members, the programme's operators and
// the jurors of an application it is attached to who declared no conflict of interest. Anyone else is told
// it does not exist.
import { randomUUID } from "node:crypto";
import { and, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import type { MessageKey } from "~/i18n/i18n";
import { applicationDocuments, applications, callJurors, organizationDocuments, reviewAssignments, users } from "../../../db/schema";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { hit } from "~/lib/rate-limit.server";
import { deleteFile, getFile, putFile } from "~/lib/storage.server";
import { audit } from "../moderation/audit.server";
import { can, type Actor } from "../organizations/authorize.server";
import { getMembershipRole, loadOrganization } from "../organizations/organizations.server";
import { sniffAttachment } from "../tandems/sessions.server";
import { MAX_DOCUMENT_BYTES } from "./call-schemas";
import { DOCUMENTS_PER_PAGE, documentSchema, formatOf } from "./documents";

export { documentFits } from "./documents";

export const UPLOADS_PER_HOUR = 60;

/**
 * The organisation and the actor's role in it, for its members (and platform admins). Someone outside it
 * learns nothing of its vault, not even that it exists: 404.
 */
async function vaultOf(db: DbOrTx, slug: string, actor: Actor) {
  if (!actor) throw new NotFoundError();
  const { org, role } = await loadOrganization(db, slug, actor);
  if (!can(actor, "org.members.view", { membershipRole: role })) throw new NotFoundError();
  return { org, role, canManage: can(actor, "org.documents.manage", { membershipRole: role }) };
}

/** Whether the actor may upload to and delete from this organisation's vault: checked before reading a file. */
export async function assertCanManageVault(opts: { db: DbOrTx; actor: Actor; slug: string }) {
  const vault = await vaultOf(opts.db, opts.slug, opts.actor);
  if (!vault.canManage) throw new ForbiddenError("vault.errors.forbidden");
  return vault;
}

/** A name to show, never a path: no directories, no control characters or quotes, 120 characters at most. */
function shownName(fileName: string) {
  return (
    [...(fileName.split(/[\\/]/).pop() ?? "")]
      .filter((c) => c.charCodeAt(0) > 0x1f && c !== "\u007f" && c !== '"')
      .join("")
      .trim()
      .slice(0, 120) || "document"
  );
}

/** What the bytes are, among the vault's formats (PDF, JPEG, PNG, DOCX, XLSX); the browser's word is not taken. */
function checkFile(bytes: Uint8Array, fileName: string) {
  if (bytes.length === 0) throw new DomainError(400, "vault.errors.fileMissing");
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new DomainError(400, "vault.errors.fileTooLarge");
  const kind = sniffAttachment(bytes, fileName);
  if (!kind || !formatOf(kind.contentType)) throw new DomainError(400, "vault.errors.fileType");
  return kind;
}

/**
 * An owner or admin of the organisation (verified or not) uploads a document. Who may is checked first, then
 * the form, then the bytes; the row is committed before the bytes are written, and goes again if they cannot be.
 */
export async function uploadDocument(opts: { db: DbOrTx; actor: Actor; slug: string; kind: string; title: string; bytes: Uint8Array; fileName: string }) {
  const { db, actor, bytes } = opts;
  const { org } = await assertCanManageVault({ db, actor, slug: opts.slug });
  const parsed = documentSchema.safeParse({ kind: opts.kind, title: opts.title });
  if (!parsed.success) throw new DomainError(400, parsed.error.issues[0].message as MessageKey);
  const file = checkFile(bytes, opts.fileName);
  const fileName = shownName(opts.fileName);
  const row = await db.transaction(async (tx) => {
    await hit(tx, [{ key: `vault-upload:${actor!.id}`, max: UPLOADS_PER_HOUR, windowSeconds: 3600 }]);
    const [document] = await tx
      .insert(organizationDocuments)
      .values({
        organizationId: org.id,
        kind: parsed.data.kind,
        title: parsed.data.title,
        key: `vault/${randomUUID()}.${file.ext}`,
        fileName,
        contentType: file.contentType,
        bytes: bytes.length,
        uploadedBy: actor!.id,
      })
      .returning();
    await audit(tx, {
      actorId: actor!.id,
      action: "organization.uploadDocument",
      targetType: "organization",
      targetId: org.id,
      after: { documentId: document.id, kind: document.kind, fileName, bytes: bytes.length },
    });
    return document;
  });
  try {
    await putFile(row.key, bytes);
  } catch (error) {
    await db.delete(organizationDocuments).where(eq(organizationDocuments.id, row.id));
    throw error;
  }
  return row;
}

/** The vault's documents for the organisation's members, newest first, 20 a page, with whether each can still go. */
export async function listDocuments(opts: { db: DbOrTx; actor: Actor; slug: string; page?: number }) {
  const { db, actor } = opts;
  const { org, canManage } = await vaultOf(db, opts.slug, actor);
  const [{ n }] = await db.select({ n: count() }).from(organizationDocuments).where(eq(organizationDocuments.organizationId, org.id));
  const pageCount = Math.max(1, Math.ceil(n / DOCUMENTS_PER_PAGE));
  const page = Math.min(Math.max(1, Math.trunc(opts.page ?? 1) || 1), pageCount);
  const documents = await db
    .select({
      id: organizationDocuments.id,
      kind: organizationDocuments.kind,
      title: organizationDocuments.title,
      fileName: organizationDocuments.fileName,
      contentType: organizationDocuments.contentType,
      bytes: organizationDocuments.bytes,
      createdAt: organizationDocuments.createdAt,
      // Attached to an application past its draft: kept as the jury saw it.
      // (Written out: a one-table select names its columns without their table, which a subquery needs.)
      locked: sql<boolean>`exists (
        select 1 from application_documents ad join applications a on a.id = ad.application_id
        where ad.document_id = organization_documents.id and a.status <> 'draft')`,
    })
    .from(organizationDocuments)
    .where(eq(organizationDocuments.organizationId, org.id))
    .orderBy(desc(organizationDocuments.createdAt), desc(organizationDocuments.id))
    .limit(DOCUMENTS_PER_PAGE)
    .offset((page - 1) * DOCUMENTS_PER_PAGE);
  return { org, canManage, documents, page, pageCount, total: n };
}

/**
 * An owner or admin deletes a document, unless an application past its draft carries it (the jury must
 * see what was submitted): then a 409. Drafts that carried it lose the attachment. The bytes go once the
 * rows are gone.
 */
export async function deleteDocument(opts: { db: DbOrTx; actor: Actor; slug: string; documentId: string }) {
  const { db, actor } = opts;
  const { org } = await assertCanManageVault({ db, actor, slug: opts.slug });
  if (!isUuid(opts.documentId)) throw new NotFoundError();
  let key: string;
  try {
    key = await db.transaction(async (tx) => {
      const [document] = await tx
        .select()
        .from(organizationDocuments)
        .where(and(eq(organizationDocuments.id, opts.documentId), eq(organizationDocuments.organizationId, org.id)))
        .for("update");
      if (!document) throw new NotFoundError();
      // The applications carrying it, locked so none is submitted meanwhile.
      const carriers = await tx
        .select({ id: applications.id, status: applications.status })
        .from(applicationDocuments)
        .innerJoin(applications, eq(applications.id, applicationDocuments.applicationId))
        .where(eq(applicationDocuments.documentId, document.id))
        .for("update", { of: applications });
      if (carriers.some((a) => a.status !== "draft")) throw new ConflictError("vault.errors.attached");
      await tx.delete(applicationDocuments).where(eq(applicationDocuments.documentId, document.id));
      await tx.delete(organizationDocuments).where(eq(organizationDocuments.id, document.id));
      await audit(tx, {
        actorId: actor!.id,
        action: "organization.deleteDocument",
        targetType: "organization",
        targetId: org.id,
        before: { documentId: document.id, kind: document.kind, fileName: document.fileName, detachedFrom: carriers.map((a) => a.id) },
      });
      return document.key;
    });
  } catch (error) {
    // Attached to an application at the same instant: the foreign key refuses, and so do we.
    if ((error as { cause?: { code?: string } }).cause?.code === "23503") throw new ConflictError("vault.errors.attached");
    throw error;
  }
  // The row is gone; the bytes follow (a crash here only leaves an unreachable file).
  await deleteFile(key);
}

/**
 * Whether the actor judges an application carrying the document, with no conflict of interest declared:
 * a juror of that call by account, or by the verified address the invitation went to.
 */
async function judgesDocument(db: DbOrTx, actorId: string, documentId: string) {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(applicationDocuments)
    .innerJoin(applications, eq(applications.id, applicationDocuments.applicationId))
    .innerJoin(reviewAssignments, eq(reviewAssignments.applicationId, applications.id))
    .innerJoin(callJurors, and(eq(callJurors.id, reviewAssignments.jurorId), eq(callJurors.callId, applications.callId)))
    .where(
      and(
        eq(applicationDocuments.documentId, documentId),
        eq(reviewAssignments.conflict, "none"),
        or(
          eq(callJurors.userId, actorId),
          // The invited address counts only while no account is linked, as for the dossier itself.
          and(
            isNull(callJurors.userId),
            sql`lower(${callJurors.email}) = (select lower(${users.email}::text) from ${users}
            where ${users.id} = ${actorId} and ${users.emailVerifiedAt} is not null and ${users.deletedAt} is null)`,
          ),
        ),
      ),
    )
    .limit(1);
  return !!row;
}

/**
 * A document's bytes, for the organisation's members, platform admins and operators, and the jurors of an
 * application carrying it who declared no conflict. Everyone else, and any guessed id: 404, never 403.
 */
export async function readDocument(opts: { db: DbOrTx; actor: Actor; documentId: string }) {
  const { db, actor } = opts;
  if (!actor || !isUuid(opts.documentId)) throw new NotFoundError();
  const [row] = await db
    .select({ key: organizationDocuments.key, fileName: organizationDocuments.fileName, contentType: organizationDocuments.contentType, organizationId: organizationDocuments.organizationId })
    .from(organizationDocuments)
    .where(eq(organizationDocuments.id, opts.documentId));
  if (!row) throw new NotFoundError();
  const allowed =
    can(actor, "platform.calls") || (await getMembershipRole(db, row.organizationId, actor.id)) !== null || (await judgesDocument(db, actor.id, opts.documentId));
  if (!allowed) throw new NotFoundError();
  const bytes = await getFile(row.key);
  if (!bytes) throw new NotFoundError();
  return { bytes, fileName: row.fileName, contentType: row.contentType };
}

/** One document of this organisation's vault, or null: what its applications may attach (another's never). */
export async function ownDocument(db: DbOrTx, organizationId: string, documentId: string) {
  if (!isUuid(documentId)) return null;
  const [row] = await db
    .select()
    .from(organizationDocuments)
    .where(and(eq(organizationDocuments.id, documentId), eq(organizationDocuments.organizationId, organizationId)));
  return row ?? null;
}
