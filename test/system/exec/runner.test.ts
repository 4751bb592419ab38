// The real runner against real programs on this machine.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRunner, MAX_OUTPUT_MB, toCommandError } from "../../../src/system/exec/runner.js";
import { CommandError } from "../../../src/system/exec/runner-types.js";

const runner = createRunner();

async function failure(p: Promise<unknown>): Promise<CommandError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CommandError) return e;
    throw e;
  }
  throw new Error("expected the command to fail");
}

describe("createRunner", () => {
  it("runs `true`", async () => {
    await expect(runner.run(["true"])).resolves.toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("keeps stdout exact, final newline included", async () => {
    const r = await runner.run(["printf", "a\\nb\\n\\n"]);
    expect(r.stdout).toBe("a\nb\n\n");
  });

  it("passes argv as is: no shell ever sees it", async () => {
    const r = await runner.run(["printf", "%s|", "$HOME", "a;reboot", "`id`"]);
    expect(r.stdout).toBe("$HOME|a;reboot|`id`|");
  });

  it("stdin is closed unless input is given", async () => {
    expect((await runner.run(["cat"])).stdout).toBe("");
    expect((await runner.run(["cat"], { input: "hello\n" })).stdout).toBe("hello\n");
  });

  it("`false` fails with kind failed and its exit code", async () => {
    const e = await failure(runner.run(["false"]));
    expect(e.kind).toBe("failed");
    expect(e.exitCode).toBe(1);
    expect(e.argv).toEqual(["false"]);
  });

  it("a failing command's message carries its first stderr line", async () => {
    const e = await failure(runner.run(["ls", "/nonexistent-dualhome-path"]));
    expect(e.kind).toBe("failed");
    expect(e.message).toMatch(/^ls failed: .*nonexistent-dualhome-path/);
  });

  it("a missing command is not-found, with what to do", async () => {
    const e = await failure(runner.run(["dualhome-no-such-command"]));
    expect(e.kind).toBe("not-found");
    expect(e.message).toBe("dualhome-no-such-command not found: is it installed and on PATH?");
  });

  it("a command that does not answer in time is a timeout", async () => {
    const e = await failure(runner.run(["sleep", "5"], { timeoutMs: 200 }));
    expect(e.kind).toBe("timeout");
    expect(e.message).toBe("sleep did not answer within 0.2 s");
  });

  it("an aborted signal cancels", async () => {
    const ac = new AbortController();
    const p = runner.run(["sleep", "5"], { signal: ac.signal });
    ac.abort();
    expect((await failure(p)).kind).toBe("cancelled");
  });

  it("large output is not cut", async () => {
    const r = await runner.run(["head", "-c", "150000000", "/dev/zero"], { timeoutMs: 60_000 });
    expect(r.stdout.length).toBe(150_000_000);
  });
});

describe("commands that start children", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dh-runner-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A stand-in `ip`: a shell script that starts a sleeper holding our stdout, then does `rest`. */
  function fakeIp(name: string, sleeper: string, rest: string): { argv: string[]; pidFile: string } {
    const pidFile = path.join(dir, `${name}.pid`);
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${sleeper} sleep 630 &\necho $! > ${pidFile}\n${rest}\n`, {
      mode: 0o755,
    });
    return { argv: [file, "route", "show"], pidFile };
  }
  /** Whether the sleeper still runs: a killed one may linger a moment as a zombie until reaped. */
  const running = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return false;
    }
  };
  /** Polls for the end of the sleeper; the deadline only bounds a hang. */
  async function alive(pidFile: string): Promise<boolean> {
    const pid = Number(readFileSync(pidFile, "utf8"));
    for (let i = 0; i < 50 && running(pid); i++) await new Promise((r) => setTimeout(r, 100));
    return running(pid);
  }

  it("a timeout ends the command and the child that holds its stdout", async () => {
    // Before: the sleeper kept the pipe open and the 0.3 s timeout waited for it (630 s).
    const ip = fakeIp("hang", "", "echo partial; sleep 630");
    const e = await failure(runner.run(ip.argv, { timeoutMs: 300 }));
    expect(e.kind).toBe("timeout");
    expect(e.message).toMatch(/did not answer within 0.3 s/);
    expect(await alive(ip.pidFile)).toBe(false);
  }, 15_000);

  it("a command that exits leaves no child holding its output open", async () => {
    const ip = fakeIp("daemon", "", "echo done");
    const r = await runner.run(ip.argv, { timeoutMs: 5_000 });
    expect(r.stdout).toBe("done\n");
    expect(await alive(ip.pidFile)).toBe(false);
  }, 15_000);

  it("a child that left the process group does not hold the timeout either", async () => {
    const ip = fakeIp("escaped", "setsid", "sleep 630");
    try {
      const e = await failure(runner.run(ip.argv, { timeoutMs: 300 }));
      expect(e.kind).toBe("timeout");
    } finally {
      process.kill(Number(readFileSync(ip.pidFile, "utf8")), "SIGKILL");
    }
  }, 15_000);

  it("output above the limit stops the command with a clear error", async () => {
    const small = createRunner({ maxOutputChars: 1000 });
    const e = await failure(small.run(["head", "-c", "5000", "/dev/zero"]));
    expect(e.message).toBe(
      "head output exceeded 1000 characters: stopped it (is the table really that big?)",
    );
    expect(MAX_OUTPUT_MB).toBe(256);
  });
});

describe("toCommandError", () => {
  const base = { stdout: "", failed: true, timedOut: false, isCanceled: false };
  it("knows which package brings ip and ss", () => {
    expect(toCommandError(["ss", "-tuan"], { ...base, stderr: "", code: "ENOENT" }, 10_000).message).toBe(
      "ss not found: install iproute2",
    );
    expect(toCommandError(["ip"], { ...base, stderr: "", code: "ENOENT" }, 10_000).message).toBe(
      "ip not found: install iproute2",
    );
  });
  it("permission problems say to use sudo", () => {
    const e = toCommandError(
      ["ip", "route", "add"],
      { ...base, stderr: "RTNETLINK answers: Operation not permitted\n", exitCode: 2 },
      10_000,
    );
    expect(e.kind).toBe("permission");
    expect(e.message).toBe("ip needs root: run with sudo");
  });
});
