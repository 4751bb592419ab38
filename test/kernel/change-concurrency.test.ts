// Two changes started at the same moment (issue 12, item 6): two real processes
// run `route add` at once in one namespace with one state directory. A stand-in
// `ip` first on PATH makes `ip route add` take 3 s (then runs the real one), so
// without a lock both intents are journaled before either result. With it the
// changes are serialized: one applies, the other waits (or is refused, saying
// so), and every intent has exactly one result, none inside another's.
// `npm run build` first.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, cli } from "./lab-helpers.js";
import { bareNamespace, canUseNamespaces, delNamespace, ipn, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`change concurrency tests skipped: ${can.reason}`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(argv: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(argv[0] as string, argv.slice(1), { env: { ...process.env, NO_COLOR: "1", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(can.ok)("two route changes started at once", () => {
  const ns = uniqueName("dhcc");
  const dir = mkdtempSync(path.join(tmpdir(), "dh-conc-"));
  const bin = path.join(dir, "bin");
  const state = path.join(dir, "state");
  const env = { PATH: `${bin}:${process.env.PATH ?? ""}`, DUALHOME_STATE_DIR: state };

  beforeAll(() => {
    bareNamespace(ns);
    mkdirSync(bin);
    const ip = path.join(bin, "ip");
    writeFileSync(
      ip,
      '#!/bin/sh\nif [ "$1" = route ] && [ "$2" = add ]; then sleep 3; fi\nexec /usr/sbin/ip "$@"\n',
    );
    chmodSync(ip, 0o755);
  });
  afterAll(() => {
    delNamespace(ns);
    rmSync(dir, { recursive: true, force: true });
  });

  it("are serialized: one applies, the other waits or is refused; the journal pairs every intent with one result, in turn", async () => {
    const add = (prefix: string) =>
      start(
        [
          "ip",
          "netns",
          "exec",
          ns,
          process.execPath,
          BIN,
          "route",
          "add",
          prefix,
          "--via",
          "192.168.1.254",
        ].concat(["--dev", "eth1", "--yes"]),
        env,
      );
    const runs = await Promise.all([add("10.0.0.0/8"), add("172.16.0.0/12")]);
    const applied = runs.filter((r) => r.code === 0);
    const refused = runs.filter((r) => r.code !== 0);
    expect(applied.length, runs.map((r) => r.stderr).join("\n")).toBeGreaterThanOrEqual(1);
    for (const r of applied) expect(r.stdout).toMatch(/done and verified: .* is in the table/);
    for (const r of refused)
      expect(r.stderr).toMatch(/another dualhome change is in progress \(pid \d+\): try again/);

    const records = readFileSync(path.join(state, "journal.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; id: string; at: number; ok?: boolean });
    const intents = records.filter((r) => r.type === "intent");
    expect(intents).toHaveLength(applied.length);
    // Each intent is followed by its own result before the next intent: no change runs inside another.
    const order = records.map((r) => `${r.type}:${r.id}`);
    expect(order).toEqual(intents.flatMap((i) => [`intent:${i.id}`, `result:${i.id}`]));
    expect(records.filter((r) => r.type === "result").every((r) => r.ok === true)).toBe(true);
    const table = ipn(ns, "route", "show");
    expect(table.match(/via 192\.168\.1\.254 dev eth1/g)?.length).toBe(applied.length);
    expect(existsSync(path.join(state, "change.lock"))).toBe(false);
  });

  it("route add while another change counts down says so plainly, before and after; both stay undoable", () => {
    const own = { DUALHOME_STATE_DIR: path.join(dir, "state2") };
    const via = ["--via", "192.168.1.254", "--dev", "eth1", "--yes"];
    const first = cli(ns, ["route", "add", "198.18.0.0/15", ...via, "--rollback-after", "120"], own);
    expect(first.code, first.stderr).toBe(0);
    const id = /journal id ([0-9a-f]+)/.exec(first.stdout)?.[1] ?? "";
    const second = cli(ns, ["route", "add", "100.64.0.0/10", ...via], own);
    expect(second.code, second.stderr).toBe(0);
    const said = second.stderr.replace(/\s+/g, " ");
    expect(said).toContain(
      `note: change ${id} (route add 198.18.0.0/15 via 192.168.1.254 dev eth1) reverts at`,
    );
    expect(said).toContain(`warning: another change is still counting down: ${id} (route add 198.18.0.0/15`);
    expect(said).toContain("this change was made on top of it");
    for (let i = 0; i < 2; i++) expect(cli(ns, ["undo", "--yes"], own).code).toBe(0);
    expect(ipn(ns, "route", "show")).not.toMatch(/198\.18\.0\.0|100\.64\.0\.0/);
  });
});
