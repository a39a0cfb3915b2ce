import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { emailTokens } from "../../../db/schema";
import { DomainError } from "~/lib/errors.server";
import { generateToken, hashToken } from "./session.server";

export type EmailTokenPurpose = "verify_email" | "reset_password";
export const TOKEN_TTL = { verify_email: 48 * 3600_000, reset_password: 3600_000 } as const;

/** A link token is invalid, expired or already used: the page says so and offers a new one. */
export class TokenError extends DomainError {
  constructor(readonly reason: "invalid" | "expired" | "used") {
    super(400, reason === "used" ? "errors.tokenUsed" : reason === "expired" ? "errors.tokenExpired" : "errors.tokenInvalid");
  }
}

export async function createEmailToken(tx: DbOrTx, userId: string, purpose: EmailTokenPurpose): Promise<string> {
  const token = generateToken();
  await tx.insert(emailTokens).values({
    id: hashToken(token),
    userId,
    purpose,
    expiresAt: new Date(Date.now() + TOKEN_TTL[purpose]),
  });
  return token;
}

/** Checks a token without using it (to show the right page before the person confirms). */
export async function inspectEmailToken(tx: DbOrTx, token: string, purpose: EmailTokenPurpose) {
  const [row] = await tx
    .select()
    .from(emailTokens)
    .where(and(eq(emailTokens.id, hashToken(token)), eq(emailTokens.purpose, purpose)));
  if (!row) throw new TokenError("invalid");
  if (row.usedAt) throw new TokenError("used");
  if (row.expiresAt.getTime() <= Date.now()) throw new TokenError("expired");
  return { userId: row.userId };
}

/** For the page a link opens: the token if it can still be used, or the reason it cannot (translated). */
export async function checkLinkToken(tx: DbOrTx, token: string, purpose: EmailTokenPurpose) {
  try {
    await inspectEmailToken(tx, token, purpose);
    return { token, problem: null };
  } catch (error) {
    if (error instanceof TokenError) return { token: null, problem: error.messageKey as string };
    throw error;
  }
}

/** Uses a token once; a second use, even concurrent, fails. */
export async function consumeEmailToken(tx: DbOrTx, token: string, purpose: EmailTokenPurpose) {
  const { userId } = await inspectEmailToken(tx, token, purpose);
  const used = await tx
    .update(emailTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(emailTokens.id, hashToken(token)), isNull(emailTokens.usedAt)))
    .returning({ id: emailTokens.id });
  if (used.length === 0) throw new TokenError("used");
  return { userId };
}
