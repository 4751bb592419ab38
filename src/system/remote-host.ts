// A host reached over SSH: which OS it runs, who we are there, and how to read its
// /proc, all through the one multiplexed connection. Nothing is installed there.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { OsKind } from "../core/model.js";
import { CommandError, type CommandRunner } from "./exec/runner-types.js";
import { createSshRunner, type SshOptions, type SshRunner } from "./exec/ssh-runner.js";

export interface RemoteHost {
  target: string;
  runner: SshRunner;
  os: OsKind | "unsupported";
  /** What the remote host calls itself. */
  hostname: string;
  isRoot: boolean;
  /** Reads files of the remote host (its /proc/sys), batched into one command a tick. */
  readFile: (file: string) => Promise<string>;
  close(): Promise<void>;
}

/** A private directory for the multiplexing sockets of one run (removed by the caller). */
export function makeControlDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "dualhome-ssh-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function osOf(kernel: string): OsKind | "unsupported" {
  if (kernel === "Linux") return "linux";
  if (kernel === "Darwin") return "darwin";
  return "unsupported";
}

// One `sh -c` for many files: each file's text, then NUL, then + (read) or - (not), then NUL.
// The script is ours and fixed; the file names travel as its arguments, quoted by the runner.
const READ_SCRIPT = `for f do if cat -- "$f" 2>/dev/null; then printf '\\0+\\0'; else printf '\\0-\\0'; fi; done`;

export function parseBatchRead(stdout: string, count: number): (string | null)[] {
  const parts = stdout.split("\0");
  const out: (string | null)[] = [];
  for (let i = 0; i < count; i++) out.push(parts[i * 2 + 1] === "+" ? (parts[i * 2] ?? "") : null);
  return out;
}

/** readFile for a remote host: the reads asked for in one tick go as one command. */
export function batchedReader(runner: CommandRunner): (file: string) => Promise<string> {
  let batch: { file: string; resolve: (t: string) => void; reject: (e: Error) => void }[] = [];
  const flush = async () => {
    const mine = batch;
    batch = [];
    try {
      const r = await runner.run(["sh", "-c", READ_SCRIPT, "sh", ...mine.map((b) => b.file)]);
      const texts = parseBatchRead(r.stdout, mine.length);
      mine.forEach((b, i) => {
        const t = texts[i];
        if (t === null || t === undefined) b.reject(new Error(`cannot read ${b.file}`));
        else b.resolve(t);
      });
    } catch (e) {
      for (const b of mine) b.reject(e as Error);
    }
  };
  return (file) =>
    new Promise((resolve, reject) => {
      if (batch.length === 0) setTimeout(() => void flush(), 0);
      batch.push({ file, resolve, reject });
    });
}

/** Logs in (the connection every later command shares) and learns the host's OS and our uid there. */
export async function connectRemote(
  local: CommandRunner,
  target: string,
  opts: Omit<SshOptions, "controlDir"> & { controlDir?: string; timeoutMs?: number },
): Promise<RemoteHost> {
  const own = opts.controlDir ? null : makeControlDir();
  const controlDir = opts.controlDir ?? (own as { dir: string }).dir;
  const runner = createSshRunner(local, target, { ...opts, controlDir });
  const close = async () => {
    await runner.close();
    own?.remove();
  };
  try {
    const timeoutMs = opts.timeoutMs ?? 20_000;
    let uname: string;
    try {
      uname = (await runner.run(["uname", "-sn"], { timeoutMs })).stdout;
    } catch (e) {
      // Logged in, but no uname: a Windows host whose SSH shell is PowerShell or cmd.
      if (e instanceof CommandError && e.exitCode !== 255 && e.kind !== "timeout" && e.kind !== "cancelled")
        return {
          target,
          runner,
          os: "unsupported",
          hostname: target,
          isRoot: false,
          readFile: batchedReader(runner),
          close,
        };
      throw e;
    }
    const [kernel = "", hostname = target] = uname.trim().split(/\s+/);
    const uid = (await runner.run(["id", "-u"], { timeoutMs })).stdout.trim();
    return {
      target,
      runner,
      os: osOf(kernel),
      hostname,
      isRoot: uid === "0",
      readFile: batchedReader(runner),
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
