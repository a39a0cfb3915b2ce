// Calls route loaders and actions as functions, the way Remix does, with real requests.
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";

export const BASE = "http://localhost:3000";

export function context(ip = "203.0.113.7"): AppLoadContext {
  return { nonce: "test", clientIp: ip };
}

export function formRequest(
  path: string,
  fields: Record<string, string | string[] | Blob>,
  opts: { cookie?: string; headers?: Record<string, string> } = {},
) {
  // As a browser sends it: URL-encoded, unless a file is attached (then multipart).
  const hasFile = Object.values(fields).some((v) => v instanceof Blob);
  const body = hasFile ? new FormData() : new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) v.forEach((x) => body.append(k, x));
    else body.append(k, v as string & Blob);
  }
  return new Request(`${BASE}${path}`, {
    method: "POST",
    body,
    headers: { ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...opts.headers },
  });
}

export function getRequest(path: string, opts: { cookie?: string; headers?: Record<string, string> } = {}) {
  return new Request(`${BASE}${path}`, { headers: { ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...opts.headers } });
}

type Fn<A> = (args: A) => unknown;

/** Runs a loader or action; a thrown Response (redirect, 403, 404) is returned, not thrown. */
export async function run<A extends LoaderFunctionArgs | ActionFunctionArgs>(
  fn: Fn<A>,
  request: Request,
  params: Record<string, string> = {},
  ip?: string,
): Promise<{ status: number; headers: Headers; data: any }> {
  try {
    const result = await fn({ request, params, context: context(ip) } as A);
    return unwrap(result);
  } catch (thrown) {
    return unwrap(thrown);
  }
}

function unwrap(value: unknown): { status: number; headers: Headers; data: any } {
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: null };
  // `data(value, init)` from @remix-run/node
  if (value && typeof value === "object" && (value as { type?: string }).type === "DataWithResponseInit") {
    const d = value as unknown as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, headers: new Headers(d.init?.headers), data: d.data };
  }
  if (value instanceof Error) throw value;
  return { status: 200, headers: new Headers(), data: value };
}

/** The session cookie a login response set, as a Cookie header. */
export function cookieFrom(headers: Headers): string {
  const set = headers.get("Set-Cookie") ?? "";
  return set.split(";")[0];
}
