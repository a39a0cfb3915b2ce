// The organisation's document vault, what pages may know of it too (issue 6, item 2; decision 017): which
// format a stored document is, whether it fits what a call requires, and what an upload's form holds.
import { z } from "zod";
import { DOCUMENT_KINDS } from "../../../db/schema/enums";
import { DOCUMENT_FORMATS } from "./call-schemas";

export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The format of each content type the vault keeps (set by the server from the bytes, never by the browser). */
export const FORMAT_OF_CONTENT_TYPE: Record<string, DocumentFormat> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpeg",
  "image/png": "png",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

export function formatOf(contentType: string): DocumentFormat | null {
  return FORMAT_OF_CONTENT_TYPE[contentType] ?? null;
}

/** A document fits a requirement when its format is among those accepted and it is no larger than allowed. */
export function documentFits(document: { contentType: string; bytes: number }, requirement: { formats: readonly string[]; maxBytes: number }) {
  const format = formatOf(document.contentType);
  return format !== null && requirement.formats.includes(format) && document.bytes <= requirement.maxBytes;
}

/** What the upload form sends beside the file; error messages are translation keys. */
export const documentSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS, { errorMap: () => ({ message: "vault.errors.kind" }) }),
  title: z
    .string({ required_error: "vault.errors.title" })
    .trim()
    .min(2, "vault.errors.title")
    .max(200, "vault.errors.title")
    .refine((v) => !v.includes("\u0000"), "vault.errors.title"),
});
export type DocumentInput = z.output<typeof documentSchema>;

export const DOCUMENTS_PER_PAGE = 20;
