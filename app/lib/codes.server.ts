import { randomBytes } from "node:crypto";

// Codes printed on certificates and labels and checked at a public address: 12 characters from 32 (no 0/o,
// 1/l, read aloud or typed from paper), 60 bits, not guessable.
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

export function verificationCode(): string {
  return [...randomBytes(12)].map((b) => ALPHABET[b % 32]).join("");
}

/** Whether a string has the form of a verification code (anything else is a 404 without a query). */
export const isVerificationCode = (code: string) => /^[a-z2-9]{12}$/.test(code);
