// A StreamSpawner for the commands the live screen runs every poll (`ss`), through
// a small long-lived Node process (spawn-helper-main.ts). Starting a child from a
// big process is dear on Linux: fork copies the page tables of every mapped page
// and the child's exec tears them down again, so at 370 MB of RSS each `ss` cost
// about 20 ms more CPU (parent and child) than the same `ss` started from a 40 MB
// process; at a million routes it doubles again. The helper stays small, starts
// the command with its stdout on the pipe we read, so the bytes never pass through
// it, and marks the end of each output. If the helper cannot run, or dies, the
// commands are started directly as before.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import { fileURLToPath } from "node:url";
import { toCommandError } from "./runner.js";
import { CommandError } from "./runner-types.js";
import { LineSplitter, type StreamHandle, type StreamOptions, type StreamSpawner } from "./stream-types.js";

interface Outcome {
  id: number;
  code: number | null;
  signal: string | null;
  stderr: string;
  error?: string;
}

interface Job {
  id: number;
  argv: readonly string[];
  onBytes: (chunk: Uint8Array) => void;
  end: (o: Outcome | Error) => void;
}

/** The compiled entry point next to this file (dist/src/system/exec/spawn-helper-main.js). */
function spawnHelperMainPath(): string {
  return fileURLToPath(new URL("./spawn-helper-main.js", import.meta.url));
}

export interface SpawnHelper {
  spawn: StreamSpawner;
  /** Ends the helper (and a command it is running). */
  stop(): void;
  /** Whether commands currently go through the helper (false once it failed). */
  readonly active: boolean;
}

export function createSpawnHelper(fallback: StreamSpawner, mainPath = spawnHelperMainPath()): SpawnHelper {
  const nonce = randomBytes(8).toString("hex");
  const marker = Buffer.from(`\0${nonce}`);
  let child: ChildProcess | null = null;
  let broken = false;
  let ids = 0;
  const jobs = new Map<number, Job>();
  /** Jobs in the order the helper runs them: output belongs to the first. */
  const order: Job[] = [];
  let partial: Buffer | null = null;

  function fail(why: string): void {
    broken = true;
    child = null;
    for (const j of order.splice(0)) j.end(new CommandError(why, "failed", j.argv));
    jobs.clear();
  }

  function onData(chunk: Buffer): void {
    let data = partial ? Buffer.concat([partial, chunk]) : chunk;
    partial = null;
    while (data.length > 0) {
      const z = data.indexOf(0);
      const job = order[0];
      if (z < 0) {
        job?.onBytes(data);
        return;
      }
      if (z > 0) job?.onBytes(data.subarray(0, z));
      const nl = data.indexOf(10, z);
      if (nl < 0) {
        partial = Buffer.from(data.subarray(z));
        return;
      }
      if (data.subarray(z, z + marker.length).equals(marker)) {
        const o = JSON.parse(data.toString("utf8", z + marker.length, nl)) as Outcome;
        const done = jobs.get(o.id);
        if (done) {
          jobs.delete(o.id);
          order.splice(order.indexOf(done), 1);
          done.end(o);
        }
      } else job?.onBytes(data.subarray(z, nl + 1));
      data = data.subarray(nl + 1);
    }
  }

  function start(): ChildProcess {
    const c = spawn(process.execPath, ["--max-semi-space-size=1", mainPath, nonce], {
      stdio: ["pipe", "pipe", "ignore"],
      env: { ...process.env, LC_ALL: "C" },
    });
    c.stdout?.on("data", onData);
    c.once("error", () => fail("the command helper could not be started"));
    c.once("exit", () => {
      if (child === c) fail("the command helper ended");
    });
    c.stdin?.on("error", () => undefined);
    return c;
  }

  const viaHelper: StreamSpawner = (argv, onLines, opts: StreamOptions = {}): StreamHandle => {
    if (broken) return fallback(argv, onLines, opts);
    child ??= start();
    const c = child;
    const id = ++ids;
    const splitter = new LineSplitter();
    const decoder = new StringDecoder("utf8");
    let stopped = false;
    let timedOut = false;
    let cancelled = false;
    const kill = () => c.stdin?.write(`${JSON.stringify({ id, kill: true })}\n`);
    const timer =
      opts.timeoutMs === undefined
        ? null
        : setTimeout(() => {
            timedOut = true;
            kill();
          }, opts.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      kill();
    };
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const deliver = (lines: string[]) => {
      if (lines.length > 0 && !stopped) onLines(lines);
    };
    const done = new Promise<void>((resolve, reject) => {
      const job: Job = {
        id,
        argv,
        onBytes: (chunk) => {
          if (stopped) return;
          if (opts.onBytes) opts.onBytes(chunk);
          else deliver(splitter.push(decoder.write(chunk as Buffer)));
        },
        end: (o) => {
          if (timer) clearTimeout(timer);
          opts.signal?.removeEventListener("abort", onAbort);
          if (o instanceof Error) return reject(o);
          if (!opts.onBytes) deliver(splitter.push(decoder.end()).concat(splitter.end()));
          if (stopped || (o.code === 0 && !o.error)) return resolve();
          const failed = {
            stdout: "",
            stderr: o.stderr,
            failed: true,
            timedOut,
            isCanceled: cancelled,
            ...(o.code === null ? {} : { exitCode: o.code }),
            ...(o.signal ? { signal: o.signal } : {}),
            ...(o.error ? { code: o.error, originalMessage: o.error } : {}),
          };
          reject(toCommandError(argv, failed, opts.timeoutMs ?? 0));
        },
      };
      jobs.set(id, job);
      order.push(job);
    });
    done.catch(() => {});
    c.stdin?.write(`${JSON.stringify({ id, argv })}\n`);
    return {
      started: Promise.resolve(),
      done,
      async stop() {
        stopped = true;
        kill();
        await done.catch(() => undefined);
      },
    };
  };

  return {
    spawn: viaHelper,
    stop() {
      const c = child;
      fail("the command helper was stopped");
      c?.stdin?.end();
      c?.kill();
    },
    get active() {
      return !broken;
    },
  };
}
