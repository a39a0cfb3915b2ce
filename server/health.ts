import type { Request, Response } from "express";

/** `/healthz`: 200 `{"status":"ok","database":"ok"}`, or 503 naming the failing part. */
export function healthHandler(ping: () => Promise<unknown>, onError: (error: unknown) => void) {
  return async (_req: Request, res: Response) => {
    try {
      await ping();
      res.json({ status: "ok", database: "ok" });
    } catch (error) {
      onError(error);
      res.status(503).json({ status: "error", database: "unreachable" });
    }
  };
}
