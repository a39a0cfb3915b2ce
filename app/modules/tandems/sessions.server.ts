// The running tandem's log (issue 5, item 3; decision 016): either side logs a working session, the other
// side confirms it, and only confirmed minutes count against the hours committed. Attachments (minutes,
// slides) are private to the two sides and checked by their content.
import { randomUUID } from "node:crypto";
import { and, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { organizations, tandemAgreements, tandemSessionFiles, tandemSessions, tandems, tandemVolunteers } from "../../../db/schema";
import { queueEmail } from "../../../emails/outbox.server";
import type { Locale } from "~/i18n/i18n";
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { hit } from "~/lib/rate-limit.server";
import { deleteFile, getFile, putFile } from "~/lib/storage.server";
import { audit } from "../moderation/audit.server";
import { absolute } from "../orders/notify.server";
import { orgName } from "../orders/format";
import type { Actor } from "../organizations/authorize.server";
import { lockTandem, managersOf, memberSide, orgOf, otherSide, rolesOf, seesEverything, type Tandem } from "./access.server";
import { spacePath } from "./paths";
import { MAX_FILE_BYTES, MAX_FILES_PER_SESSION, type SessionInput } from "./running-schemas";
import { todayInMorocco } from "./schemas";


export const SESSIONS_PER_DAY = 30;

function requireActive(tandem: Tandem) {
  if (tandem.status !== "active") throw new ConflictError("running.errors.notActive");
}

/** Confirmed minutes of a tandem: what counts as hours given. */
export async function confirmedMinutes(db: DbOrTx, tandemId: string) {
  const [row] = await db
    .select({ minutes: sql<number>`coalesce(sum(${tandemSessions.minutes}), 0)::int` })
    .from(tandemSessions)
    .where(and(eq(tandemSessions.tandemId, tandemId), isNotNull(tandemSessions.confirmedAt)));
  return row?.minutes ?? 0;
}

/** A member of either side logs a session held within the agreed period, not in the future. */
export async function logSession(opts: { db: DbOrTx; actor: Actor; tandemId: string; input: SessionInput; now?: Date }) {
  const { db, actor, input } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    const { side, orgId } = await memberSide(tx, tandem, actor);
    requireActive(tandem);
    const [agreement] = await tx.select().from(tandemAgreements).where(eq(tandemAgreements.tandemId, tandem.id));
    if (!agreement) throw new NotFoundError();
    if (input.heldOn < agreement.startDate || input.heldOn > agreement.endDate) throw new DomainError(400, "running.errors.outsidePeriod");
    if (input.heldOn > todayInMorocco(now)) throw new DomainError(400, "running.errors.future");
    const emails = [...new Set(input.volunteerEmails)];
    if (emails.length > 0) {
      const known = await tx
        .select({ email: tandemVolunteers.email })
        .from(tandemVolunteers)
        .where(and(eq(tandemVolunteers.tandemId, tandem.id), inArray(tandemVolunteers.email, emails)));
      if (known.length !== emails.length) throw new DomainError(400, "running.errors.volunteer");
    }
    await hit(tx, [{ key: `tandem-session:${actor.id}`, max: SESSIONS_PER_DAY, windowSeconds: 86_400 }]);
    const [session] = await tx
      .insert(tandemSessions)
      .values({
        tandemId: tandem.id,
        heldOn: input.heldOn,
        minutes: input.totalMinutes,
        topic: input.topic,
        participants: input.participants,
        notes: input.notes,
        volunteerEmails: emails,
        loggedByOrgId: orgId,
        loggedBy: actor.id,
        createdAt: now,
      })
      .returning();
    await audit(tx, { actorId: actor.id, action: "tandem.logSession", targetType: "tandem", targetId: tandem.id, after: { sessionId: session.id, minutes: session.minutes, heldOn: session.heldOn } });
    await tellOtherSide(tx, tandem, side, { template: "tandemSessionLogged", topic: input.topic, minutes: input.totalMinutes, heldOn: input.heldOn });
    return session;
  });
}

/** E-mails the other side's managers about a session to confirm. */
async function tellOtherSide(tx: DbOrTx, tandem: Tandem, side: "company" | "partner", p: { template: "tandemSessionLogged"; topic: string; minutes: number; heldOn: string }) {
  const [from] = await tx.select({ name: organizations.name, nameAr: organizations.nameAr }).from(organizations).where(eq(organizations.id, orgOf(tandem, side)));
  for (const reader of await managersOf(tx, [orgOf(tandem, otherSide(side))])) {
    const locale = reader.locale as Locale;
    await queueEmail(tx, {
      to: reader.email!,
      locale,
      template: p.template,
      props: { number: tandem.number, from: orgName(from, locale), topic: p.topic, minutes: p.minutes, heldOn: p.heldOn, url: absolute(spacePath(tandem.number), locale) },
    });
  }
}

/** The session, locked, checked to belong to the tandem. */
async function lockSession(tx: DbOrTx, tandemId: string, sessionId: string) {
  if (!isUuid(sessionId)) throw new NotFoundError();
  const [session] = await tx
    .select()
    .from(tandemSessions)
    .where(and(eq(tandemSessions.id, sessionId), eq(tandemSessions.tandemId, tandemId)))
    .for("update");
  if (!session) throw new NotFoundError();
  return session;
}

/** The tandem and one of its sessions, locked, for a participant; the tandem under way, the session not yet confirmed. */
async function unconfirmedSession(tx: DbOrTx, tandemId: string, sessionId: string, actor: NonNullable<Actor>) {
  const tandem = await lockTandem(tx, tandemId);
  const roles = await rolesOf(tx, tandem, actor);
  if (!roles.company && !roles.partner) throw new NotFoundError();
  const session = await lockSession(tx, tandem.id, sessionId);
  requireActive(tandem);
  if (session.confirmedAt) throw new ConflictError("running.errors.alreadyConfirmed");
  return { tandem, roles, session };
}

/** A member of the side that did not log the session confirms it: from then on its minutes count. */
export async function confirmSession(opts: { db: DbOrTx; actor: Actor; tandemId: string; sessionId: string; now?: Date }) {
  const { db, actor } = opts;
  const now = opts.now ?? new Date();
  if (!actor) throw new NotFoundError();
  return db.transaction(async (tx) => {
    const { tandem, roles, session } = await unconfirmedSession(tx, opts.tandemId, opts.sessionId, actor);
    const otherOrg = session.loggedByOrgId === tandem.companyId ? "partner" : "company";
    // The other side vouches for the hours: whoever logged them cannot.
    if (!roles[otherOrg] || session.loggedBy === actor.id) throw new ForbiddenError("running.errors.confirmOwn");
    await tx.update(tandemSessions).set({ confirmedBy: actor.id, confirmedAt: now }).where(eq(tandemSessions.id, session.id));
    await audit(tx, { actorId: actor.id, action: "tandem.confirmSession", targetType: "tandem", targetId: tandem.id, after: { sessionId: session.id, minutes: session.minutes } });
  });
}

/** The side that logged a session may take it back while it is not confirmed. */
export async function deleteSession(opts: { db: DbOrTx; actor: Actor; tandemId: string; sessionId: string }) {
  const { db, actor } = opts;
  if (!actor) throw new NotFoundError();
  const keys = await db.transaction(async (tx) => {
    const { tandem, roles, session } = await unconfirmedSession(tx, opts.tandemId, opts.sessionId, actor);
    const side = session.loggedByOrgId === tandem.companyId ? "company" : "partner";
    if (!roles[side]) throw new ForbiddenError("running.errors.notYours");
    const files = await tx.select({ key: tandemSessionFiles.key }).from(tandemSessionFiles).where(eq(tandemSessionFiles.sessionId, session.id));
    await tx.delete(tandemSessions).where(eq(tandemSessions.id, session.id));
    await audit(tx, { actorId: actor.id, action: "tandem.deleteSession", targetType: "tandem", targetId: tandem.id, before: { sessionId: session.id, minutes: session.minutes, heldOn: session.heldOn } });
    return files.map((f) => f.key);
  });
  // The rows are gone; the bytes follow (a crash here only leaves unreachable files).
  for (const key of keys) await deleteFile(key);
}

type FileKind = { ext: string; contentType: string };
const ZIP_FORMATS: Record<string, string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
};

/**
 * What an attachment is, from its first bytes: PDF, JPEG, PNG, WebP, or an office document (a ZIP whose name
 * says which). The type the browser declared is not trusted; anything else is refused.
 */
export function sniffAttachment(bytes: Uint8Array, fileName: string): FileKind | null {
  const head = (n: number) => String.fromCharCode(...bytes.slice(0, n));
  if (head(5) === "%PDF-") return { ext: "pdf", contentType: "application/pdf" };
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { ext: "jpg", contentType: "image/jpeg" };
  if (head(8) === "\x89PNG\r\n\x1a\n") return { ext: "png", contentType: "image/png" };
  if (head(4) === "RIFF" && String.fromCharCode(...bytes.slice(8, 12)) === "WEBP") return { ext: "webp", contentType: "image/webp" };
  const ext = fileName.toLowerCase().split(".").pop() ?? "";
  if (head(4) === "PK\x03\x04" && ZIP_FORMATS[ext]) return { ext, contentType: ZIP_FORMATS[ext] };
  return null;
}

/**
 * A member of either side attaches a file to a session (PDF, image or office document, 10 MB, 5 per session).
 * Who may is checked before anything about the file, so an outsider learns nothing; the bytes are written
 * once the row is committed, and the row goes again if they cannot be.
 */
export async function attachFile(opts: { db: DbOrTx; actor: Actor; tandemId: string; sessionId: string; bytes: Uint8Array; fileName: string }) {
  const { db, actor, bytes } = opts;
  if (!actor) throw new NotFoundError();
  // A name to show, never a path: no directories, no control characters, 120 characters at most.
  const shownName =
    [...(opts.fileName.split(/[\\/]/).pop() ?? "")]
      .filter((c) => c.charCodeAt(0) > 0x1f && c !== "\u007f" && c !== '"')
      .join("")
      .trim()
      .slice(0, 120) || "document";
  const row = await db.transaction(async (tx) => {
    const tandem = await lockTandem(tx, opts.tandemId);
    await memberSide(tx, tandem, actor);
    const session = await lockSession(tx, tandem.id, opts.sessionId);
    requireActive(tandem);
    if (bytes.length === 0) throw new DomainError(400, "running.errors.fileMissing");
    if (bytes.length > MAX_FILE_BYTES) throw new DomainError(400, "running.errors.fileTooLarge");
    const kind = sniffAttachment(bytes, opts.fileName);
    if (!kind) throw new DomainError(400, "running.errors.fileType");
    const [{ n }] = await tx.select({ n: count() }).from(tandemSessionFiles).where(eq(tandemSessionFiles.sessionId, session.id));
    if (n >= MAX_FILES_PER_SESSION) throw new ConflictError("running.errors.tooManyFiles");
    await hit(tx, [{ key: `tandem-file:${actor.id}`, max: 60, windowSeconds: 3600 }]);
    const [file] = await tx
      .insert(tandemSessionFiles)
      .values({ sessionId: session.id, key: `tandems/${randomUUID()}.${kind.ext}`, fileName: shownName, contentType: kind.contentType, bytes: bytes.length })
      .returning({ id: tandemSessionFiles.id, key: tandemSessionFiles.key });
    await audit(tx, { actorId: actor.id, action: "tandem.attachFile", targetType: "tandem", targetId: tandem.id, after: { sessionId: session.id, fileName: shownName, bytes: bytes.length } });
    return file;
  });
  try {
    await putFile(row.key, bytes);
  } catch (error) {
    await db.delete(tandemSessionFiles).where(eq(tandemSessionFiles.id, row.id));
    throw error;
  }
}

/** An attachment's bytes, for members of either side and the platform's admins and operators. */
export async function readAttachment(opts: { db: DbOrTx; actor: Actor; tandemId: string; fileId: string }) {
  const { db, actor } = opts;
  if (!actor || !isUuid(opts.fileId) || !isUuid(opts.tandemId)) throw new NotFoundError();
  const [row] = await db
    .select({ key: tandemSessionFiles.key, fileName: tandemSessionFiles.fileName, contentType: tandemSessionFiles.contentType, tandemId: tandemSessions.tandemId })
    .from(tandemSessionFiles)
    .innerJoin(tandemSessions, eq(tandemSessions.id, tandemSessionFiles.sessionId))
    .where(and(eq(tandemSessionFiles.id, opts.fileId), eq(tandemSessions.tandemId, opts.tandemId)));
  if (!row) throw new NotFoundError();
  if (!seesEverything(actor)) {
    const [tandem] = await db.select({ id: tandems.id, companyId: tandems.companyId, partnerId: tandems.partnerId }).from(tandems).where(eq(tandems.id, opts.tandemId));
    const roles = await rolesOf(db, tandem, actor);
    if (!roles.company && !roles.partner) throw new NotFoundError();
  }
  const bytes = await getFile(row.key);
  if (!bytes) throw new NotFoundError();
  return { bytes, fileName: row.fileName, contentType: row.contentType };
}
