import sharp from "sharp";
import { DomainError } from "~/lib/errors.server";
import { deleteFile, putFile } from "~/lib/storage.server";
import type { DbOrTx } from "../../../db/client";
import type { Actor } from "./authorize.server";
import { setLogoKey } from "./organizations.server";

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const ALLOWED = new Set(["jpeg", "png", "webp"]);

/** What the bytes are, read from their first bytes; the declared type and the file name are not trusted. */
export function sniffImage(bytes: Uint8Array): "jpeg" | "png" | "webp" | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return "png";
  if (
    bytes.length >= 12 &&
    String.fromCharCode(...bytes.slice(0, 4)) === "RIFF" &&
    String.fromCharCode(...bytes.slice(8, 12)) === "WEBP"
  )
    return "webp";
  return null;
}

/** Checks, re-encodes (strips metadata and anything hidden) and stores a logo; returns its key. */
export async function processLogo(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.length === 0) throw new DomainError(400, "errors.logoMissing");
  if (bytes.length > MAX_LOGO_BYTES) throw new DomainError(400, "errors.logoTooLarge");
  if (!sniffImage(bytes)) throw new DomainError(400, "errors.logoType");
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: "error" });
    const meta = await image.metadata();
    if (!meta.format || !ALLOWED.has(meta.format)) throw new DomainError(400, "errors.logoType");
    return await image
      .rotate()
      .resize(400, 400, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(400, "errors.logoType", { cause: error });
  }
}

export async function uploadLogo(opts: { db: DbOrTx; actor: Actor; slug: string; bytes: Uint8Array }) {
  const webp = await processLogo(opts.bytes);
  const key = `logos/${crypto.randomUUID()}.webp`;
  await putFile(key, webp);
  try {
    const { previous } = await setLogoKey({ db: opts.db, actor: opts.actor, slug: opts.slug, logoKey: key });
    if (previous) await deleteFile(previous);
  } catch (error) {
    await deleteFile(key);
    throw error;
  }
  return key;
}
