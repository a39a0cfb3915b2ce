// The most common passwords of at least 8 characters in public breach corpora (top of the
// NCSC/SecLists "100k most used" list, filtered to length ≥ 8), plus local favourites.
// Compared case-insensitively, after trimming.
export const COMMON_PASSWORDS = new Set([
  "12345678", "123456789", "1234567890", "password", "password1", "password123", "qwertyuiop", "11111111",
  "00000000", "iloveyou", "1q2w3e4r", "1q2w3e4r5t", "qwerty123", "qwertyui", "azertyuiop", "azerty123",
  "abc12345", "abcd1234", "12341234", "87654321", "11223344", "88888888", "66666666", "99999999", "12121212",
  "123123123", "1234qwer", "q1w2e3r4", "q1w2e3r4t5", "zaq12wsx", "1qaz2wsx", "sunshine", "princess",
  "football", "baseball", "welcome1", "welcome123", "trustno1", "superman", "starwars", "whatever",
  "computer", "michelle", "jennifer", "passw0rd", "p@ssw0rd", "p@ssword", "letmein1", "monkey123",
  "dragon123", "master123", "liverpool", "chelsea1", "arsenal1", "football1", "samsung1", "internet",
  "asdfghjkl", "asdf1234", "qwer1234", "zxcvbnm1", "zxcvbnm123", "1234abcd", "admin123", "administrator",
  "changeme", "motdepasse", "motdepasse1", "bonjour1", "soleil123", "marseille", "doudou123", "loulou123",
  "maroc123", "morocco1", "morocco123", "casablanca", "casablanca1", "rabat123", "marrakech", "agadir123",
  "raja1949", "wydad1937", "allahakbar", "bismillah", "mohammed1", "mohamed123", "hamza123", "youssef123",
  "tiwizi123", "tiwizi2026", "azerty12", "azertyui", "123456789a", "a123456789", "aa123456", "password12",
  "qwerty12", "iloveyou1", "1234567a", "q2w3e4r5", "123qweasd", "qweasdzxc", "abcdefgh", "abcdefg1",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.trim().toLowerCase());
}
