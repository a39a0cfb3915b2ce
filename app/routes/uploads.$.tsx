import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/lib/errors.server";
import { getFile, isValidKey } from "~/lib/storage.server";

/** Public uploads (logos, product photos). Names are server-made UUIDs, so a URL never changes content: cached for good. */
export async function loader({ params }: LoaderFunctionArgs) {
  const key = params["*"] ?? "";
  if (!(key.startsWith("logos/") || key.startsWith("products/")) || !isValidKey(key)) notFound();
  const bytes = await getFile(key);
  if (!bytes) notFound();
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
