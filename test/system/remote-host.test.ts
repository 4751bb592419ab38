// The remote host's facts and its batched file reads. The batch script runs in a real sh
// on real files here (one missing, one with quotes and newlines in its text).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRunner } from "../../src/system/exec/runner.js";
import { CommandError, type CommandRunner } from "../../src/system/exec/runner-types.js";
import { batchedReader, connectRemote, parseBatchRead } from "../../src/system/remote-host.js";

const dir = mkdtempSync(path.join(tmpdir(), "dh-remote-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("batchedReader", () => {
  it("reads the files asked for in one tick with one command; a missing one rejects alone", async () => {
    const real = createRunner();
    const calls: string[][] = [];
    const counting: CommandRunner = {
      run: (argv, o) => {
        calls.push([...argv]);
        return real.run(argv, o);
      },
    };
    writeFileSync(path.join(dir, "rp_filter"), "2\n");
    writeFileSync(path.join(dir, "odd 'name'"), "a\nb 'c' $HOME\n");
    const read = batchedReader(counting);
    const [a, b, c] = await Promise.allSettled([
      read(path.join(dir, "rp_filter")),
      read(path.join(dir, "odd 'name'")),
      read(path.join(dir, "missing")),
    ]);
    expect(a).toEqual({ status: "fulfilled", value: "2\n" });
    expect(b).toEqual({ status: "fulfilled", value: "a\nb 'c' $HOME\n" });
    expect(c.status).toBe("rejected");
    expect(calls).toHaveLength(1);
  });

  it("parseBatchRead: text then + or -, NUL-separated", () => {
    expect(parseBatchRead("1\n\0+\0\0-\0\0+\0", 3)).toEqual(["1\n", null, ""]);
  });
});

describe("connectRemote", () => {
  const answering = (answers: Record<string, string | CommandError>): CommandRunner => ({
    async run(argv) {
      const line = argv.at(-1) ?? "";
      if (argv.includes("-O")) return { stdout: "", stderr: "", exitCode: 0 };
      const a = answers[line];
      if (a === undefined) throw new Error(`unexpected ${line}`);
      if (a instanceof CommandError) throw a;
      return { stdout: a, stderr: "", exitCode: 0 };
    },
  });

  it("learns the OS, the host's own name and whether we are root there", async () => {
    const r = await connectRemote(
      answering({ "uname -sn": "Linux edge-proxy-01\n", "id -u": "0\n" }),
      "ops@edge",
      {
        controlDir: dir,
      },
    );
    expect([r.os, r.hostname, r.isRoot]).toEqual(["linux", "edge-proxy-01", true]);
    await r.close();
  });

  it("a host without uname (Windows' PowerShell as the SSH shell) is unsupported, not an error", async () => {
    const no = new CommandError("x", "failed", ["ssh"], "'uname' is not recognized", 1);
    const r = await connectRemote(answering({ "uname -sn": no }), "win", { controlDir: dir });
    expect(r.os).toBe("unsupported");
  });

  it("a login that fails is an error that says why", async () => {
    const no = new CommandError("x", "failed", ["ssh"], "h: Permission denied (publickey).", 255);
    await expect(connectRemote(answering({ "uname -sn": no }), "h", { controlDir: dir })).rejects.toThrow(
      /ssh login to h refused/,
    );
  });
});
