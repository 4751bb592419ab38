// `dualhome journal`: route changes and guided-fix extras alike, for people and as JSON.
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hostJournal } from "../../src/app/change/wiring.js";
import type { Ctx } from "../../src/commands/context.js";
import { journalCommand } from "../../src/commands/journal-command.js";
import { FakeRunner } from "../support/fake-runner.js";

const KILL = [
  "ss",
  "-K",
  "-4",
  "-t",
  "-n",
  "state",
  "syn-sent",
  "src",
  "192.168.1.10",
  "sport",
  "=",
  ":50123",
];
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function world() {
  const dir = mkdtempSync(path.join(tmpdir(), "dh-journal-cmd-"));
  dirs.push(dir);
  const out: string[] = [];
  const err: string[] = [];
  const env = { DUALHOME_STATE_DIR: dir };
  const ctx: Ctx = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    runner: new FakeRunner(),
    os: "linux",
    isRoot: true,
    self: "dualhome",
    env,
    stdinIsTTY: false,
  };
  const { journal } = hostJournal("linux", env);
  journal.append({
    type: "intent",
    id: "r1",
    at: 1_000,
    change: {
      action: "add",
      destination: "10.0.0.0/8",
      gateway: "192.168.1.254",
      interface: "eth1",
      persistent: false,
    },
    argv: ["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"],
    revertArgv: ["ip", "route", "del", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1"],
    host: hostname(),
    user: "root",
    rollbackAt: null,
  });
  journal.append({ type: "result", id: "r1", at: 1_001, ok: true });
  const sysctl = (v: number) => ["sysctl", "-w", `net.ipv4.conf.eth1.rp_filter=${v}`];
  journal.append({
    type: "intent",
    id: "x1",
    at: 2_000,
    extra: {
      title: "loose reverse-path filtering on eth1 (rp_filter=2)",
      commands: [{ argv: sysctl(2), revert: sysctl(1) }],
    },
    argv: sysctl(2),
    revertArgv: sysctl(1),
    host: hostname(),
    user: "root",
    rollbackAt: null,
  });
  journal.append({ type: "result", id: "x1", at: 2_001, ok: true });
  // Another machine sharing the state directory: listed only with --all, marked.
  journal.append({
    type: "intent",
    id: "o1",
    at: 3_000,
    change: {
      action: "add",
      destination: "10.7.0.0/16",
      gateway: null,
      interface: "eth9",
      persistent: false,
    },
    argv: ["ip", "route", "add", "10.7.0.0/16", "dev", "eth9"],
    revertArgv: ["ip", "route", "del", "10.7.0.0/16", "dev", "eth9"],
    host: "elsewhere-srv",
    user: "root",
    rollbackAt: null,
    netns: { id: "net:[4026532999]", name: "lab-x" },
    group: "fix-1234abcd",
  });
  journal.append({ type: "result", id: "o1", at: 3_001, ok: true });
  journal.append({ type: "reset", id: "reset-1", at: 3_000, commands: [KILL], host: hostname(), ok: true });
  return { ctx, out, err };
}

describe("dualhome journal", () => {
  it("lists a route change and an extra, each said in words", async () => {
    const w = world();
    expect(await journalCommand(w.ctx, {})).toBe(0);
    const text = w.out.join("");
    expect(text).toMatch(/r1 .*applied .*route add 10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/);
    expect(text).toMatch(/x1 .*applied .*loose reverse-path filtering on eth1 \(rp_filter=2\)/);
    expect(text).not.toContain("o1");
    expect(text).toContain("1 change made in other network namespaces or on other hosts not listed");
    expect(w.err).toEqual([]);
  });

  it("--all: the other host's change too, marked with where it was made, with its fix group", async () => {
    const w = world();
    expect(await journalCommand(w.ctx, { all: true })).toBe(0);
    const text = w.out.join("");
    expect(text).toMatch(
      /o1 .*elsewhere-srv .*applied .*fix-1234abcd .*\[host elsewhere-srv\] route add 10\.7/,
    );
    expect(text).toMatch(/r1 .*applied .*route add 10\.0\.0\.0\/8/);
    const w2 = world();
    expect(await journalCommand(w2.ctx, { all: true, json: true })).toBe(0);
    const { entries } = JSON.parse(w2.out.join(""));
    expect(entries[2]).toMatchObject({
      id: "o1",
      here: false,
      netns: { id: "net:[4026532999]", name: "lab-x" },
      group: "fix-1234abcd",
    });
  });

  it("lists a reset of stuck connects apart, as not revertible, with its exact command", async () => {
    const w = world();
    expect(await journalCommand(w.ctx, {})).toBe(0);
    const text = w.out.join("");
    expect(text).toContain("Connections reset (not revertible: a closed connection cannot be reopened)");
    expect(text).toMatch(
      /reset-1 .* +done +ss -K -4 -t -n state syn-sent src 192\.168\.1\.10 sport '=' :50123/,
    );
    w.out.length = 0;
    expect(await journalCommand(w.ctx, { json: true })).toBe(0);
    expect(JSON.parse(w.out.join("")).resets).toEqual([
      {
        id: "reset-1",
        at: "1970-01-01T00:00:03.000Z",
        host: hostname(),
        commands: [KILL],
        ok: true,
        error: null,
        revertible: false,
      },
    ]);
  });

  it("--json: kind route with its fields, kind commands with its title and command pairs", async () => {
    const w = world();
    expect(await journalCommand(w.ctx, { json: true })).toBe(0);
    const { entries } = JSON.parse(w.out.join(""));
    expect(entries[0]).toMatchObject({ id: "r1", kind: "route", action: "add", destination: "10.0.0.0/8" });
    expect(entries[1]).toMatchObject({
      id: "x1",
      kind: "commands",
      title: "loose reverse-path filtering on eth1 (rp_filter=2)",
      commands: [{ argv: ["sysctl", "-w", "net.ipv4.conf.eth1.rp_filter=2"] }],
    });
    expect(entries[1].destination).toBeUndefined();
  });
});
