import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  esbuild: { jsx: "automatic" },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "search/**/*.test.ts", "emails/**/*.test.{ts,tsx}", "server/**/*.test.ts", "test/integration/**/*.test.{ts,tsx}"],
    globalSetup: ["./test/support/global-setup.ts"],
    setupFiles: ["./test/support/setup-file.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
