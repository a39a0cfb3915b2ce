import { data, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import type { FormResult } from "./forms";
import { DomainError, RateLimitedError, toResponse } from "./errors.server";
import { localizeHref, type MessageKey } from "~/i18n/i18n";
import { resolveLocale } from "~/i18n/locale.server";

/** A form that failed validation: its errors beside the fields, and what the person typed. */
export function invalid(result: Extract<FormResult<unknown>, { ok: false }>) {
  return data({ errors: result.errors, values: result.values, messageKey: null as string | null }, { status: 400 });
}

/**
 * Domain errors a person can fix (wrong password, rate limit, conflict) come back to the form;
 * anything else (403, 404, a bug) goes to the error boundary.
 */
export function formFailure(error: unknown, values: Record<string, string | string[]> = {}) {
  if (error instanceof RateLimitedError) {
    return data(
      { errors: {} as Record<string, string[]>, values, messageKey: error.messageKey as string | null },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  if (error instanceof DomainError && [400, 409, 410].includes(error.status)) {
    return data(
      { errors: {} as Record<string, string[]>, values, messageKey: error.messageKey as string | null },
      { status: error.status },
    );
  }
  return toResponse(error);
}

/** Runs a loader's domain call, mapping domain errors to HTTP responses. */
export async function load<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    return toResponse(error);
  }
}

/** An internal path in the request's language. */
export function hrefFor(request: Request, path: string) {
  return localizeHref(path, resolveLocale(request));
}

export function isMultipart(request: Request) {
  return (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
}

/**
 * The one file of a multipart form (`field`), read into memory up to `maxBytes`; over it or missing, a
 * DomainError with the given message, for formFailure. The bytes are checked by their content afterwards.
 */
export async function readUploadedFile(
  request: Request,
  opts: { field: string; maxBytes: number; tooLarge: MessageKey; missing: MessageKey },
): Promise<Uint8Array> {
  return (await readUpload(request, opts)).bytes;
}

/** readUploadedFile with the file's name as the browser sent it (untrusted: to show, never as a path). */
export async function readUpload(
  request: Request,
  opts: { field: string; maxBytes: number; tooLarge: MessageKey; missing: MessageKey },
): Promise<{ bytes: Uint8Array; name: string }> {
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: opts.maxBytes }));
  } catch {
    throw new DomainError(400, opts.tooLarge);
  }
  const file = formData.get(opts.field);
  if (!(file instanceof Blob) || file.size === 0) throw new DomainError(400, opts.missing);
  return { bytes: new Uint8Array(await file.arrayBuffer()), name: file instanceof File ? file.name : "" };
}
