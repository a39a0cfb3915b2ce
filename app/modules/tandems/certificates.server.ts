// Certificates of a completed tandem (issue 5, item 5): one for the company and one per volunteer, each
// with a random code; anyone who has the code checks it at its public page, which is also the printable
// certificate.
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { organizations, tandemAgreements, tandemCertificates, tandems, tandemSessions, tandemVolunteers } from "../../../db/schema";
import { isVerificationCode, verificationCode } from "~/lib/codes.server";
import { NotFoundError } from "~/lib/errors.server";


/**
 * Issues the certificates in the completing transaction: the company's for every confirmed minute, and
 * each volunteer's for the confirmed sessions they took part in. Returns them for the e-mails.
 */
export async function issueCertificates(tx: DbOrTx, tandem: typeof tandems.$inferSelect, issuedAt: Date) {
  const sessions = await tx
    .select({ minutes: tandemSessions.minutes, volunteerEmails: tandemSessions.volunteerEmails })
    .from(tandemSessions)
    .where(and(eq(tandemSessions.tandemId, tandem.id), isNotNull(tandemSessions.confirmedAt)));
  const total = sessions.reduce((sum, s) => sum + s.minutes, 0);
  const volunteers = await tx
    .select({ email: tandemVolunteers.email, name: tandemVolunteers.name })
    .from(tandemVolunteers)
    .where(eq(tandemVolunteers.tandemId, tandem.id))
    .orderBy(asc(tandemVolunteers.invitedAt));
  const [company] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, tandem.companyId));
  const rows = [
    { tandemId: tandem.id, code: verificationCode(), holderName: company.name, volunteerEmail: null, minutes: total, issuedAt },
    // A volunteer's certificate counts the confirmed sessions they took part in; one who took part in none gets none.
    ...volunteers
      .map((v) => ({
        tandemId: tandem.id,
        code: verificationCode(),
        holderName: v.name,
        volunteerEmail: v.email,
        minutes: sessions.filter((s) => s.volunteerEmails.includes(v.email)).reduce((sum, s) => sum + s.minutes, 0),
        issuedAt,
      }))
      .filter((c) => c.minutes > 0),
  ];
  return tx.insert(tandemCertificates).values(rows).returning();
}

/** A tandem's certificates, for its page. */
export function certificatesOf(db: DbOrTx, tandemId: string) {
  return db
    .select({ code: tandemCertificates.code, holderName: tandemCertificates.holderName, volunteerEmail: tandemCertificates.volunteerEmail, minutes: tandemCertificates.minutes })
    .from(tandemCertificates)
    .where(eq(tandemCertificates.tandemId, tandemId))
    .orderBy(sql`${tandemCertificates.volunteerEmail} is not null`, asc(tandemCertificates.holderName));
}

/** What the public page shows for a code, or 404: no more than the certificate itself says. */
export async function verifyCertificate(db: DbOrTx, code: string) {
  if (!isVerificationCode(code)) throw new NotFoundError();
  const [cert] = await db
    .select({
      code: tandemCertificates.code,
      holderName: tandemCertificates.holderName,
      volunteer: sql<boolean>`${tandemCertificates.volunteerEmail} is not null`,
      minutes: tandemCertificates.minutes,
      issuedAt: tandemCertificates.issuedAt,
      tandemId: tandems.id,
      number: tandems.number,
      status: tandems.status,
      skills: tandems.skills,
      companyId: tandems.companyId,
      partnerId: tandems.partnerId,
      startDate: tandemAgreements.startDate,
      endDate: tandemAgreements.endDate,
    })
    .from(tandemCertificates)
    .innerJoin(tandems, eq(tandems.id, tandemCertificates.tandemId))
    .innerJoin(tandemAgreements, eq(tandemAgreements.tandemId, tandems.id))
    .where(eq(tandemCertificates.code, code));
  if (!cert) throw new NotFoundError();
  const orgs = await db
    .select({ id: organizations.id, name: organizations.name, nameAr: organizations.nameAr, slug: organizations.slug })
    .from(organizations)
    .where(inArray(organizations.id, [cert.companyId, cert.partnerId]));
  const org = (id: string) => orgs.find((o) => o.id === id)!;
  const { tandemId: _id, companyId, partnerId, ...shown } = cert;
  return { ...shown, company: org(companyId), partner: org(partnerId) };
}
