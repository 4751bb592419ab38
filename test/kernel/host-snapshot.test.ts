// `snapshot` and `check` on this very machine, as root and as an unprivileged user.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN } from "./lab-helpers.js";

const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync("setpriv", ["--version"]).status === 0;

function run(args: string[], asNobody: boolean) {
  const argv = asNobody
    ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, ...args]
    : [process.execPath, BIN, ...args];
  const r = spawnSync(argv[0] as string, argv.slice(1), {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe("this host", () => {
  it("snapshot --json reads every part", () => {
    const r = run(["snapshot", "--json"], false);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({ schemaVersion: 1, platform: "linux", collector: "iproute2" });
    for (const part of ["interfaces", "routes", "rules", "connections"])
      expect(s.parts[part].ok, part).toBe(true);
    expect(s.interfaces.some((i: { name: string }) => i.name === "lo")).toBe(true);
  });

  it("check exits 0 or 1 (never 2) and prints the diagnosis", () => {
    const r = run(["check"], false);
    expect([0, 1]).toContain(r.code);
    expect(r.stdout).toMatch(/Findings/);
  });

  it.runIf(isRoot && hasSetpriv)("unprivileged: works without process names, and says so", () => {
    const r = run(["snapshot", "--json"], true);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.parts.connections.ok).toBe(true);
    expect(s.notes.join(" ")).toMatch(/process names need root/);
    expect(s.connections.every((c: { process: string | null }) => c.process === null)).toBe(true);
    const check = run(["check"], true);
    expect([0, 1]).toContain(check.code);
  });
});
