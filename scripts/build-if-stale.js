#!/usr/bin/env node
// `npm start` builds only when the sources are newer than dist/: a full tsc run
// takes seconds, and the demo should be on screen at once after `npm ci` (which
// builds through the prepare script).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = join(root, "dist", "src", "cli.js");

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let n = st.mtimeMs;
  for (const e of readdirSync(path)) n = Math.max(n, newest(join(path, e)));
  return n;
}

const stale =
  !existsSync(built) ||
  Math.max(newest(join(root, "src")), newest(join(root, "tsconfig.json"))) > statSync(built).mtimeMs;
if (stale) {
  const r = spawnSync("npm", ["run", "build", "--silent"], { cwd: root, stdio: "inherit" });
  process.exitCode = r.status ?? 1;
}
