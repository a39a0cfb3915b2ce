// A tandem's pages, for links in pages and e-mails alike (browser-safe).

/** The tandem's shared space. */
export const spacePath = (number: string) => `/tandems/${number}`;

/** The page of a tandem's agreement. */
export const agreementPath = (number: string) => `/tandems/${number}/accord`;

/** The public page of a certificate: it shows it and vouches for it. */
export const certificatePath = (code: string) => `/tandems/certificat/${code}`;
