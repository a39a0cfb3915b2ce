import { and, asc, count, eq } from "drizzle-orm";
import sharp from "sharp";
import type { DbOrTx } from "../../../db/client";
import { productPhotos, products } from "../../../db/schema";
import { ConflictError, DomainError, NotFoundError } from "~/lib/errors.server";
import { isUuid } from "~/lib/ids.server";
import { deleteFile, putFile } from "~/lib/storage.server";
import type { Actor } from "../organizations/authorize.server";
import { sniffImage } from "../organizations/logo.server";
import { PHOTO_WIDTHS } from "./photos";
import { getOwnProduct } from "./products.server";

// Under the server's 4 MB body limit: a phone's photo, not a camera's RAW.
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024 - 64 * 1024;
export const MAX_PHOTOS = 8;
const MAX_PIXELS = 50_000_000;

/** Checks what the bytes are, then re-encodes them (no metadata, no hidden payload) at each width. */
async function encode(bytes: Uint8Array) {
  if (bytes.length === 0) throw new DomainError(400, "errors.photoMissing");
  if (bytes.length > MAX_PHOTO_BYTES) throw new DomainError(400, "errors.photoTooLarge");
  if (!sniffImage(bytes)) throw new DomainError(400, "errors.photoType");
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: "error" }).rotate();
    const sizes = await Promise.all(
      PHOTO_WIDTHS.map((width) => image.clone().resize({ width, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer({ resolveWithObject: true })),
    );
    return sizes.map(({ data, info }, i) => ({ width: PHOTO_WIDTHS[i], data, info }));
  } catch (error) {
    throw new DomainError(400, "errors.photoType", { cause: error });
  }
}

/** Adds a photo to one of the cooperative's products, at most MAX_PHOTOS of them. */
export async function addProductPhoto(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; productId: string; bytes: Uint8Array }) {
  const { db } = opts;
  const { product } = await getOwnProduct(opts);
  const sizes = await encode(opts.bytes);
  const key = `products/${crypto.randomUUID()}`;
  await Promise.all(sizes.map((s) => putFile(`${key}-${s.width}.webp`, s.data)));
  try {
    await db.transaction(async (tx) => {
      // One upload at a time per product, so two at once cannot make a ninth photo.
      await tx.select({ id: products.id }).from(products).where(eq(products.id, product.id)).for("update");
      const [{ n }] = await tx.select({ n: count() }).from(productPhotos).where(eq(productPhotos.productId, product.id));
      if (n >= MAX_PHOTOS) throw new ConflictError("errors.tooManyPhotos");
      const large = sizes[sizes.length - 1].info;
      await tx.insert(productPhotos).values({ productId: product.id, key, width: large.width, height: large.height, position: n });
    });
  } catch (error) {
    await Promise.all(PHOTO_WIDTHS.map((w) => deleteFile(`${key}-${w}.webp`)));
    throw error;
  }
  return key;
}

export async function removeProductPhoto(opts: { db: DbOrTx; actor: Actor; cooperativeSlug: string; productId: string; photoId: string }) {
  const { db } = opts;
  const { product } = await getOwnProduct(opts);
  if (!isUuid(opts.photoId)) throw new NotFoundError();
  const [removed] = await db
    .delete(productPhotos)
    .where(and(eq(productPhotos.id, opts.photoId), eq(productPhotos.productId, product.id)))
    .returning({ key: productPhotos.key });
  if (!removed) throw new NotFoundError();
  await Promise.all(PHOTO_WIDTHS.map((w) => deleteFile(`${removed.key}-${w}.webp`)));
}

export async function listProductPhotos(db: DbOrTx, productId: string) {
  return db
    .select({ id: productPhotos.id, key: productPhotos.key, width: productPhotos.width, height: productPhotos.height })
    .from(productPhotos)
    .where(eq(productPhotos.productId, productId))
    .orderBy(asc(productPhotos.position), asc(productPhotos.createdAt));
}
