import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request CSP nonce, set by the HTTP server. */
    nonce: string;
    /** The client's address as the HTTP server sees it (behind TRUST_PROXY, the forwarded one). */
    clientIp: string;
  }
}

export {};
