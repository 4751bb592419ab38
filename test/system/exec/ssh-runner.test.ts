// The SSH runner: the argv handed to the local ssh, the remote command line the remote
// shell runs (checked with a real sh), what ssh's failures are told as, and the bound
// on sessions sharing one connection.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRunner } from "../../../src/system/exec/runner.js";
import { spawnStream } from "../../../src/system/exec/runner-stream.js";
import { CommandError, type CommandRunner, type RunResult } from "../../../src/system/exec/runner-types.js";
import {
  createSshRunner,
  remoteCommandLine,
  sshFailureText,
  sshTargetError,
} from "../../../src/system/exec/ssh-runner.js";
import type { StreamSpawner } from "../../../src/system/exec/stream-types.js";

const local = createRunner();

// Words full of what a shell treats as syntax, and plain text between.
const syntax = fc.constantFrom(
  "'",
  '"',
  "$",
  ";",
  "\n",
  "\\",
  "`",
  " ",
  "*",
  "~",
  "|",
  "é",
  "=",
  "-",
  "$(id)",
);
const word = fc
  .array(fc.oneof(syntax, fc.string({ minLength: 1, maxLength: 1 })), { maxLength: 8 })
  .map((parts) => parts.join(""));

describe("remoteCommandLine", () => {
  it("a real sh given the line runs exactly that argv (any words, quotes, $, ;, newlines)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 5 }), async (words) => {
        const line = remoteCommandLine(["printf", "%s\\0", ...words]);
        const out = (await local.run(["sh", "-c", line])).stdout;
        expect(out.split("\0").slice(0, -1)).toEqual(words);
      }),
      { numRuns: 60 },
    );
  });
});

describe("sshTargetError", () => {
  it.each(["root@h1", "h1", "admin@10.0.0.5", "edge-proxy.example.org", "ops@[fe80::1%eth0]"])(
    "%s is a destination",
    (t) => expect(sshTargetError(t)).toBeNull(),
  );
  it.each(["-oProxyCommand=id", "a b", "root@", "h;id", "", "x\ny"])("%j is refused", (t) =>
    expect(sshTargetError(t)).toMatch(/is not an SSH destination/),
  );
});

class Recorder implements CommandRunner {
  calls: string[][] = [];
  live = 0;
  most = 0;
  constructor(private readonly answer: (argv: readonly string[]) => Promise<RunResult>) {}
  async run(argv: readonly string[]) {
    this.calls.push([...argv]);
    this.live++;
    this.most = Math.max(this.most, this.live);
    try {
      return await this.answer(argv);
    } finally {
      this.live--;
    }
  }
}

const ok = async () => ({ stdout: "x", stderr: "", exitCode: 0 });
const failing = (exit: number, stderr: string) => async (argv: readonly string[]) => {
  throw new CommandError("ssh failed", "failed", argv, stderr, exit);
};

describe("createSshRunner", () => {
  it("runs ssh in batch mode over one multiplexed connection, the config file given, the command quoted", async () => {
    const rec = new Recorder(ok);
    const r = createSshRunner(rec, "root@h1", { controlDir: "/tmp/dh-x", configFile: "/tmp/cfg" });
    await r.run(["cat", "--", "/proc/sys/net/ipv4/conf/it's/rp_filter"]);
    const argv = rec.calls[0] as string[];
    expect(argv.slice(0, 3)).toEqual(["ssh", "-F", "/tmp/cfg"]);
    expect(argv).toContain("BatchMode=yes");
    expect(argv).toContain("ControlMaster=auto");
    expect(argv).toContain("RemoteCommand=none");
    expect(argv).toContain("ControlPath=/tmp/dh-x/%C");
    // Host key checking is the user's: nothing turns it off.
    expect(argv.join(" ")).not.toMatch(/StrictHostKeyChecking|UserKnownHostsFile/);
    expect(argv.slice(-3)).toEqual(["--", "root@h1", "cat -- '/proc/sys/net/ipv4/conf/it'\\''s/rp_filter'"]);
  });

  it("without multiplexing (Windows' ssh.exe) no Control option is passed and close runs nothing", async () => {
    const rec = new Recorder(ok);
    const r = createSshRunner(rec, "h1", { controlDir: "/tmp/d", multiplex: false });
    await r.run(["true"]);
    await r.close();
    expect(rec.calls).toHaveLength(1);
    expect((rec.calls[0] as string[]).join(" ")).not.toMatch(/Control/);
  });

  it("never more than 6 commands at once on the connection (sshd allows 10 sessions)", async () => {
    const rec = new Recorder(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return { stdout: "", stderr: "", exitCode: 0 };
    });
    const r = createSshRunner(rec, "h1", { controlDir: "/tmp/d" });
    await Promise.all(Array.from({ length: 20 }, () => r.run(["true"])));
    expect(rec.calls).toHaveLength(20);
    expect(rec.most).toBe(6);
  });

  it("tells ssh's own failures (255) as what happened on the way to the host", async () => {
    const r = createSshRunner(
      new Recorder(failing(255, "@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n")),
      "h4",
      { controlDir: "/tmp/d" },
    );
    await expect(r.run(["ip", "-json", "addr"])).rejects.toThrow(/host key of h4 has changed: refused/);
  });

  it("a missing remote command names the host; a remote failure keeps the remote command's name", async () => {
    const missing = createSshRunner(new Recorder(failing(127, "sh: 1: ss: not found")), "h1", {
      controlDir: "/tmp/d",
    });
    const e = await missing.run(["ss", "-tanH"]).catch((x: CommandError) => x);
    expect(e).toBeInstanceOf(CommandError);
    expect((e as CommandError).message).toBe("ss not found on h1: install it there");
    expect((e as CommandError).kind).toBe("not-found");
    expect((e as CommandError).argv).toEqual(["ss", "-tanH"]);
    const failed = createSshRunner(new Recorder(failing(2, "Error: any valid prefix is expected")), "h1", {
      controlDir: "/tmp/d",
    });
    await expect(failed.run(["ip", "route", "get", "x"])).rejects.toThrow(
      "ip failed on h1: Error: any valid prefix is expected",
    );
  });
});

describe("sshFailureText", () => {
  it.each([
    ["Host key verification failed.", /host key of h is not known: refused/],
    [
      "root@10.0.0.5: Permission denied (publickey).",
      /login to h refused \(root@10.0.0.5: Permission denied/,
    ],
    ["ssh: connect to host 10.0.0.5 port 22: Connection refused", /h refused the SSH connection/],
    ["ssh: connect to host 10.0.0.5 port 22: Connection timed out", /h did not answer/],
    ["ssh: Could not resolve hostname nope: Name or service not known", /cannot resolve h/],
    ["kex_exchange_identification: read: Connection reset by peer", /ssh to h failed: kex_exchange/],
  ])("%s", (stderr, want) => expect(sshFailureText("h", stderr)).toMatch(want));
});

describe("streams over SSH", () => {
  // The line ssh would hand the remote shell, run here by a real sh instead of over ssh,
  // and, as there, not ended when the client is: the kill reaches only the outer sh.
  const remoteSh: StreamSpawner = (argv, onLines, opts) => {
    const at = argv.indexOf("--");
    return spawnStream(
      ["sh", "-c", 'exec 3<&0; sh -c "$1" <&3 & wait', "sh", argv[at + 2] as string],
      onLines,
      opts,
    );
  };
  const ssh = createSshRunner(local, "h1", { controlDir: "/tmp/x" });

  it("a command that ends by itself runs as it is, its lines and exit as they are", async () => {
    const seen: string[][] = [];
    const spawn: StreamSpawner = (argv, onLines, opts) => {
      seen.push([...argv]);
      return remoteSh(argv, onLines, opts);
    };
    const lines: string[] = [];
    await ssh.stream(spawn)(["printf", "a\\nb\\n"], (l) => lines.push(...l)).done;
    expect(lines).toEqual(["a", "b"]);
    expect(seen[0]?.slice(0, 2)).toEqual(["ssh", "-T"]);
    expect(seen[0]?.at(-1)).toBe("printf 'a\\nb\\n'");
  });

  it("a monitor ends when its session does (stdin closed): nothing is left running there", async () => {
    // A duration no other sleep on this machine has: how it is found in ps.
    const secs = `${300 + (process.pid % 1000)}.${Date.now() % 1000}`;
    const lines: string[] = [];
    const h = ssh.stream(remoteSh)(["sh", "-c", 'echo up; exec sleep "$0"', secs], (l) => lines.push(...l), {
      untilStopped: true,
    });
    await h.started;
    const running = () =>
      execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
        .split("\n")
        .filter((l) => l.trim() === `sleep ${secs}`);
    for (let i = 0; i < 100 && (running().length === 0 || lines.length === 0); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(running()).toHaveLength(1);
    await h.stop();
    for (let i = 0; i < 100 && running().length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(running()).toEqual([]);
    expect(lines).toEqual(["up"]);
  });
});
