import { data } from "@remix-run/node";
import type { MessageKey } from "~/i18n/i18n";

/** Domain errors carry a translation key; the route layer maps them to HTTP in `toResponse`. */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: MessageKey,
    options?: { cause?: unknown },
  ) {
    super(messageKey, options);
  }
}
export class NotFoundError extends DomainError {
  constructor(key: MessageKey = "errors.notFound") {
    super(404, key);
  }
}
export class ForbiddenError extends DomainError {
  constructor(key: MessageKey = "errors.forbidden") {
    super(403, key);
  }
}
export class ConflictError extends DomainError {
  constructor(key: MessageKey) {
    super(409, key);
  }
}
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "errors.rateLimited");
  }
}

/** Throws the matching HTTP response for a domain error; anything else is rethrown untouched (a 500). */
export function toResponse(error: unknown): never {
  if (error instanceof RateLimitedError) {
    throw data(
      { messageKey: error.messageKey },
      { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
    );
  }
  if (error instanceof DomainError) throw data({ messageKey: error.messageKey }, { status: error.status });
  throw error;
}

export function notFound(): never {
  throw data({ messageKey: "errors.notFound" }, { status: 404 });
}
