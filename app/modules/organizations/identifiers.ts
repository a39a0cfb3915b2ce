import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/** ICE: 15 digits (9 enterprise + 4 establishment + 2 control). */
export const ICE_PATTERN = /^[0-9]{15}$/;

/**
 * The control rule is inferred from real numbers (the whole number is divisible by 97), not
 * published by OMPIC: a number that fails it gets a warning, not a rejection.
 */
export function iceChecksumOk(ice: string): boolean {
  return ICE_PATTERN.test(ice) && BigInt(ice) % 97n === 0n;
}

/** RIB: 24 digits (bank 3, city 3, account 16, key 2); valid when the whole number is divisible by 97. */
export function ribValid(rib: string): boolean {
  return /^[0-9]{24}$/.test(rib) && BigInt(rib) % 97n === 0n;
}

export function normalizeDigits(value: string): string {
  return value.replace(/[\s.-]/g, "");
}

/**
 * A Moroccan phone number in E.164, or null. libphonenumber files Laâyoune and Dakhla landlines
 * under "EH": those are Moroccan numbers too.
 */
export function parseMoroccanPhone(value: string): string | null {
  const parsed = parsePhoneNumberFromString(value.trim(), "MA");
  if (!parsed || !parsed.isValid()) return null;
  if (parsed.country !== "MA" && parsed.country !== "EH") return null;
  return parsed.number;
}

export function whatsappLink(e164: string): string {
  return `https://wa.me/${e164.replace(/^\+/, "")}`;
}

export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
