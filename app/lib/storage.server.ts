import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "./env.server";

// Files live under DATA_DIR/uploads with server-made names only; see docs/decisions for why S3 waits.
function root() {
  return path.join(env().dataDir, "uploads");
}

function resolveKey(key: string) {
  if (!/^[a-z]+\/[a-z0-9-]+\.[a-z0-9]+$/.test(key)) throw new Error("invalid storage key");
  return path.join(root(), key);
}

export async function putFile(key: string, bytes: Uint8Array) {
  const file = resolveKey(key);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, file);
}

export async function getFile(key: string): Promise<Buffer | null> {
  try {
    return await readFile(resolveKey(key));
  } catch {
    return null;
  }
}

export async function deleteFile(key: string) {
  await rm(resolveKey(key), { force: true });
}

export function isValidKey(key: string) {
  return /^[a-z]+\/[a-z0-9-]+\.[a-z0-9]+$/.test(key);
}
