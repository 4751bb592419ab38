// The small process that starts each poll's `ss` for the live screen (see
// spawn-helper.ts for why). It reads one JSON request a line on stdin, runs the
// argv (never a shell) with its stdout on our own stdout, so the bytes go to the
// screen's process without passing through here, and after the command ended
// writes "\0<nonce>{outcome}\n" there. One command at a time: the outputs must
// not interleave. It ends when stdin closes, that is, when the screen ends.
import { type ChildProcess, spawn } from "node:child_process";

const nonce = process.argv[2] ?? "";
// Opened before any command runs: Node makes a piped stdout blocking on Linux, and
// the commands share that open file, so they never meet EAGAIN on a full pipe.
const out = process.stdout;

interface Request {
  id: number;
  argv: string[];
  kill?: true;
}

const queue: Request[] = [];
let running: { id: number; child: ChildProcess } | null = null;

function reply(outcome: Record<string, unknown>): void {
  out.write(`\0${nonce}${JSON.stringify(outcome)}\n`);
}

function next(): void {
  if (running) return;
  const r = queue.shift();
  if (!r) return;
  const [file, ...args] = r.argv;
  let stderr = "";
  let error: string | undefined;
  const child = spawn(file ?? "", args, { stdio: ["ignore", 1, "pipe"], shell: false });
  running = { id: r.id, child };
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (s: string) => {
    stderr = (stderr + s).slice(-4000);
  });
  child.once("error", (e: NodeJS.ErrnoException) => {
    error = e.code ?? e.message;
  });
  child.once("close", (code, signal) => {
    running = null;
    reply({ id: r.id, code, signal, stderr, ...(error ? { error } : {}) });
    next();
  });
}

function take(line: string): void {
  if (line.trim() === "") return;
  const r = JSON.parse(line) as Request;
  if (r.kill) {
    if (running?.id === r.id) running.child.kill("SIGKILL");
    else {
      const i = queue.findIndex((q) => q.id === r.id);
      if (i >= 0) {
        queue.splice(i, 1);
        reply({ id: r.id, code: null, signal: "SIGKILL", stderr: "" });
      }
    }
    return;
  }
  queue.push(r);
  next();
}

let tail = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  const lines = (tail + chunk).split("\n");
  tail = lines.pop() ?? "";
  for (const l of lines) take(l);
});
process.stdin.on("end", () => {
  running?.child.kill("SIGKILL");
  process.exit(0);
});
