#!/usr/bin/env node
// `npm start`, `npm test` and `npm run bench` build only when the sources are newer
// than dist/: a full tsc run takes seconds, and the demo should be on screen at once
// after `npm ci` (which builds through the prepare script).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const outputs = [join(root, "dist", "src", "cli.js"), join(root, "dist", "bench", "run.js")];
const inputs = ["src", "bench", "tsconfig.json"].map((p) => join(root, p));

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let n = st.mtimeMs;
  for (const e of readdirSync(path)) n = Math.max(n, newest(join(path, e)));
  return n;
}

// An installed package (npm install dualhome-x.tgz) ships dist/ and no sources: nothing to build.
const installed = !existsSync(join(root, "src"));
const stale =
  !installed &&
  (!outputs.every((o) => existsSync(o)) ||
    Math.max(...inputs.map(newest)) > Math.min(...outputs.map((o) => statSync(o).mtimeMs)));
// An install without the dev dependencies (npm ci --omit=dev) has no compiler: keep what dist/ has.
const compiler = existsSync(join(root, "node_modules", "typescript"));
if (stale && !compiler) {
  const built = outputs.every((o) => existsSync(o));
  process.stderr.write(
    built
      ? "dualhome: typescript is not installed (npm ci --omit=dev?): using dist/ as it is\n"
      : "dualhome: dist/ is missing and typescript is not installed: run npm ci (with the dev dependencies)\n",
  );
  // An install goes on (someone may copy dist/ in later); start, test and bench cannot.
  process.exitCode = built || process.argv.includes("--install") ? 0 : 1;
} else if (stale) {
  const r = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  process.exitCode = r.status ?? 1;
}
