// Imported first by server/index.ts, so it runs before React (or anything reading NODE_ENV) loads:
// without it, `node server/index.ts` would render with React's development build, several times slower.
process.env.NODE_ENV = process.argv.includes("--dev") ? "development" : (process.env.NODE_ENV ?? "production");
