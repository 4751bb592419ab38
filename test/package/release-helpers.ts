// The executables `npm run package` builds, run as a person would: the Linux one
// directly, the Windows one under Wine. Wine's node.exe cannot write to a pipe
// (EBADF), so its stdout and stderr go to files, read back after it exits.

import { spawnSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const RELEASE = path.join(ROOT, "release");
export const LINUX_EXE = path.join(RELEASE, "dualhome-linux-x64");
export const WIN_EXE = path.join(RELEASE, "dualhome-win-x64.exe");
export const WINE = "/usr/lib/wine/wine64";

/** Why the release tests are skipped: only when `npm run package` has not run. */
export function releaseSkipReason(exe: string): string | null {
  if (existsSync(exe)) {
    if (statSync(exe).mtimeMs < newestSource(path.join(ROOT, "src")))
      console.warn(
        `${path.relative(ROOT, exe)} is older than src/: these tests run the old build (npm run package)`,
      );
    return null;
  }
  const reason = `${path.relative(ROOT, exe)} is not built (run npm run package): release tests skipped`;
  console.warn(reason);
  return reason;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Wine's settings for every run: one prefix for the whole suite (the first start creates it). */
export function wineEnv(): Record<string, string> {
  return {
    WINEPREFIX: process.env.WINEPREFIX ?? path.join(tmpdir(), "dualhome-wineprefix"),
    WINEDEBUG: "-all",
    // node.exe refuses "unsupported" Windows versions; Wine reports an old one by default.
    NODE_SKIP_PLATFORM_CHECK: "1",
    // Wine converts the console's text to the locale's charset: without UTF-8, ✗ and box lines become "?".
    LC_ALL: "C.UTF-8",
  };
}

/** Runs argv with stdout and stderr to files (a pipe fails under Wine). */
export function runToFiles(argv: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Run {
  const dir = mkdtempSync(path.join(tmpdir(), "dh-release-"));
  const outFile = path.join(dir, "out");
  const errFile = path.join(dir, "err");
  const out = openSync(outFile, "w");
  const err = openSync(errFile, "w");
  try {
    const r = spawnSync(argv[0] as string, argv.slice(1), {
      stdio: ["ignore", out, err],
      env: { ...process.env, NO_COLOR: "1", ...env },
      timeout: timeoutMs,
      cwd: ROOT,
    });
    closeSync(out);
    closeSync(err);
    return {
      code: r.status ?? -1,
      stdout: readFileSync(outFile, "utf8"),
      stderr: readFileSync(errFile, "utf8"),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The Windows executable under Wine. */
export function wineExe(args: string[], env: Record<string, string> = {}): Run {
  return runToFiles([WINE, WIN_EXE, ...args], { ...wineEnv(), ...env });
}

/** The same command with the tsc build on this Linux host (`node bin/dualhome.js`). */
export function nodeCli(args: string[], env: Record<string, string> = {}): Run {
  return runToFiles([process.execPath, path.join(ROOT, "bin", "dualhome.js"), ...args], env);
}

/** JSON output without the moment it was taken, which two runs never share. */
export function withoutTime(json: string): unknown {
  const v = JSON.parse(json) as Record<string, unknown>;
  delete v.takenAt;
  return v;
}

/** A stack trace line ("    at f (file:1:2)"): never shown to people. */
export const STACK_LINE = /^\s+at .+[(:]\d+/m;
