import { hash, verify } from "@node-rs/argon2";

// OWASP ASVS L2: argon2id, 64 MiB, t=3, p=1.
const PARAMS = { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 65536, timeCost: 3, parallelism: 1 } as const;
const CURRENT = `$argon2id$v=19$m=${PARAMS.memoryCost},t=${PARAMS.timeCost},p=${PARAMS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), PARAMS);
}

export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password.normalize("NFC"));
  } catch {
    return false;
  }
}

/** True when the stored hash was made with other parameters: rehash it at the next successful login. */
export function needsRehash(phc: string): boolean {
  return !phc.startsWith(CURRENT);
}

// A hash of nothing anyone knows, verified when the account does not exist so timing does not tell.
let decoy: Promise<string> | undefined;
export async function spendVerifyTime(password: string) {
  decoy ??= hashPassword("decoy-password-that-matches-nothing");
  await verifyPassword(await decoy, password);
}
