// The command line's small promises, checked on the real executable: errors that
// say what happened, host:port accepted, IPv6 in brackets, schemaVersion in JSON,
// and a loopback source refused as the kernel refuses it.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./tmux-driver.js";

const state = mkdtempSync(join(tmpdir(), "dualhome-polish-"));

/** The real executable, argv only (no shell), with its exit code and both outputs. */
async function cli(...args: string[]) {
  const r = spawnSync("node", [join(ROOT, "bin", "dualhome.js"), ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, DUALHOME_STATE_DIR: state },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  await ensureBuilt();
}, 180_000);
afterAll(() => rmSync(state, { recursive: true, force: true }));

describe("the command line", () => {
  it("dualhome bogus says unknown command and lists the commands", async () => {
    const r = await cli("bogus");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dualhome: unknown command 'bogus': the commands are watch, demo, .*snapshot/);
    expect(r.stderr).not.toContain("too many arguments");
  });

  it("--policy /etc says it is a directory, in one line, without a raw EISDIR", async () => {
    const r = await cli("--policy", "/etc", "check");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      "dualhome: cannot read policy /etc: it is a directory: name a policy file (JSON or YAML)",
    );
  });

  it("probe takes host:port, prints IPv6 in brackets, and its JSON carries schemaVersion", async () => {
    const v4 = await cli("probe", "127.0.0.1:1", "--json");
    const json = JSON.parse(v4.stdout) as {
      schemaVersion: number;
      host: string;
      port: number;
      outcome: string;
    };
    expect(json).toMatchObject({ schemaVersion: 1, host: "127.0.0.1", port: 1, outcome: "refused" });
    const v6 = await cli("probe", "[::1]:1");
    expect(v6.stdout).toMatch(/^\[::1\]:1 refused/);
    expect((await cli("probe", "127.0.0.1")).stderr).toMatch(/is not host:port/);
  });

  it("explain refuses a loopback source for another destination, as the kernel does; its JSON has schemaVersion", async () => {
    const r = await cli("explain", "10.1.1.20", "--from", "127.0.0.1");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/127\.0\.0\.1 is a loopback address: .*kernel refuses it as a source/);
    const ok = await cli("explain", "127.0.0.1", "--from", "127.0.0.1", "--json");
    expect(JSON.parse(ok.stdout)).toMatchObject({ schemaVersion: 1, destination: "127.0.0.1" });
  });
});
