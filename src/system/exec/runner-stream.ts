// The real StreamSpawner: a child whose stdout is handed over line by line while
// it runs (`ip monitor`, a million-route dump, `ss` at 50k sockets), so large
// outputs are parsed as they arrive instead of being held whole. Besides
// runner.ts and runner-session.ts, the only file that may import execa.
import { execa } from "execa";
import { toCommandError } from "./runner.js";
import { CommandError } from "./runner-types.js";
import { LineSplitter, type StreamHandle, type StreamOptions, type StreamSpawner } from "./stream-types.js";

export const spawnStream: StreamSpawner = (argv, onLines, opts: StreamOptions = {}): StreamHandle => {
  const [file, ...args] = argv;
  if (!file) {
    const e = new CommandError("empty command", "failed", argv);
    return { started: Promise.reject(e), done: Promise.reject(e), stop: async () => {} };
  }
  const child = execa(file, args, {
    stdin: opts.untilStopped ? "pipe" : "ignore",
    stdout: "pipe",
    stderr: "pipe",
    buffer: false,
    reject: false,
    shell: false,
    ...(opts.timeoutMs === undefined ? {} : { timeout: opts.timeoutMs }),
    ...(opts.signal ? { cancelSignal: opts.signal } : {}),
    // Parsers read English words; keep tools from translating them.
    env: { LC_ALL: "C" },
  });
  let stopped = false;
  let stderr = "";
  const splitter = new LineSplitter();
  const deliver = (lines: string[]) => {
    if (lines.length > 0 && !stopped) onLines(lines);
  };
  const onBytes = opts.onBytes;
  if (onBytes)
    child.stdout?.on("data", (chunk: Uint8Array) => {
      if (!stopped) onBytes(chunk);
    });
  else {
    child.stdout?.setEncoding("utf8");
    child.stdout?.on("data", (chunk: string) => deliver(splitter.push(chunk)));
  }
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const stdoutEnded = new Promise<void>((resolve) => {
    if (!child.stdout) resolve();
    else {
      child.stdout.once("end", resolve);
      child.stdout.once("close", resolve);
    }
  });
  const started = new Promise<void>((resolve, reject) => {
    child.once("spawn", () => resolve());
    child.once("error", () => reject(new CommandError(`${file} could not be started`, "failed", argv)));
  });
  const done = (async () => {
    const r = await child;
    await stdoutEnded;
    deliver(splitter.end());
    if (stopped || (!r.failed && r.exitCode === 0)) return;
    throw toCommandError(argv, { ...r, stderr }, opts.timeoutMs ?? 0);
  })();
  const startedOrWhy = started.catch(async () => {
    // The precise reason (not found, permission) comes from the outcome.
    await done;
    throw new CommandError(`${file} could not be started`, "failed", argv);
  });
  // Callers that only watch `done` (or only `started`) must not see an unhandled rejection from the other.
  startedOrWhy.catch(() => {});
  done.catch(() => {});
  return {
    started: startedOrWhy,
    done,
    async stop() {
      stopped = true;
      child.kill();
      await done.catch(() => undefined);
    },
  };
};
