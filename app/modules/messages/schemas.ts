import { z } from "zod";

import { BODY_MAX, SUBJECT_MAX } from "./limits";

/**
 * Text as a person wrote it: browsers send line breaks as CRLF, counted here as one character;
 * Arabic and Tifinagh letters count as one character each (code points, not UTF-16 units).
 */
const text = (max: number, tooLong: "errors.messageSubjectTooLong" | "errors.messageBodyTooLong") =>
  z
    .string({ required_error: "errors.required", invalid_type_error: "errors.invalid" })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "errors.required")
        .refine((s) => Array.from(s).length <= max, tooLong),
    );

const slug = z.string({ required_error: "errors.required" }).trim().min(1, "errors.required").max(100, "errors.tooLong");

export const composeSchema = z.object({
  // Which of the writer's organisations writes; checked against their memberships on the server.
  from: slug,
  subject: text(SUBJECT_MAX, "errors.messageSubjectTooLong"),
  body: text(BODY_MAX, "errors.messageBodyTooLong"),
});

export const replySchema = z.object({
  body: text(BODY_MAX, "errors.messageBodyTooLong"),
  // Only asked of someone who belongs to both organisations of the conversation.
  from: slug.optional(),
});

export const blockSchema = z.object({ organization: slug, other: slug });
