// Undo a whole fix (issue 12, item 4): five steps applied the way the guided fix
// applies them (fix-apply's applyRoute and applyCommands, one group id), then
// one `dualhome undo <id of its first step> --yes` run inside the namespace
// reverts all five, newest first, and leaves a change made outside the fix.
// Bare namespace, real kernel; `npm run build` first.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChangeRunner, createChangeRunner } from "../../src/app/change/runner.js";
import { applyCommands, applyRoute, type StepDeps } from "../../src/app/fix/apply.js";
import type { PlanStep } from "../../src/app/fix/types.js";
import { analyze } from "../../src/core/analyze.js";
import type { RouteChange } from "../../src/core/model.js";
import { ValidationError } from "../../src/core/route-change.js";
import { createRunner } from "../../src/system/exec/runner.js";
import { fileJournal } from "../../src/system/journal/journal.js";
import { createLinuxPlatform } from "../../src/system/linux/linux-platform.js";
import { inNamespace } from "../support/netns-runner.js";
import { cli } from "./lab-helpers.js";
import { bareNamespace, canUseNamespaces, delNamespace, ipn, netnsOf, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`undo-a-fix kernel tests skipped: ${can.reason}`);

const route = (destination: string): RouteChange => ({
  action: "add",
  destination,
  gateway: "192.168.1.254",
  interface: "eth1",
  persistent: false,
});

describe.runIf(can.ok)("undo of a guided fix, as a whole", () => {
  const ns = uniqueName("dhuf");
  const state = mkdtempSync(path.join(tmpdir(), "dh-undofix-"));
  const env = { DUALHOME_STATE_DIR: state };
  const runner = inNamespace(createRunner(), ns);
  const platform = createLinuxPlatform(runner);
  const sysctl = (key: string) =>
    execFileSync("ip", ["netns", "exec", ns, "sysctl", "-n", key], { encoding: "utf8" }).trim();
  let changes: ChangeRunner;

  beforeAll(() => {
    bareNamespace(ns);
    changes = createChangeRunner({
      platform,
      runner,
      journal: fileJournal(path.join(state, "journal.jsonl")),
      spawnWatchdog: () => {
        throw new Error("no rollback in this test");
      },
      readOnly: false,
      privileged: true,
      // As a process inside the namespace records them.
      host: hostname(),
      netns: netnsOf(ns),
    });
  });
  afterAll(() => {
    delNamespace(ns);
    rmSync(state, { recursive: true, force: true });
  });

  async function prepared(destination: string) {
    const p = await changes.prepare(
      route(destination),
      analyze(await platform.collect(), { now: Date.now() }),
    );
    if (p instanceof ValidationError) throw p;
    return p;
  }

  async function applyFix(group: string): Promise<string[]> {
    const d: StepDeps = {
      platform,
      changes,
      rollbackAfterS: 0,
      readOnly: false,
      privileged: true,
      self: "dualhome",
      clock: Date.now,
      group,
    };
    const ids: string[] = [];
    const take = (e: Awaited<ReturnType<typeof applyRoute>>) => {
      if (e.type !== "applied") throw new Error(`a step was not applied: ${JSON.stringify(e)}`);
      ids.push(e.record.id ?? "");
    };
    for (const [i, dest] of ["10.0.0.0/8", "172.16.0.0/12", "100.64.0.0/10"].entries())
      take(await applyRoute(d, i, await prepared(dest)));
    const pair = (key: string, to: number) => ({
      argv: ["sysctl", "-w", `${key}=${to}`],
      revert: ["sysctl", "-w", `${key}=${sysctl(key)}`],
    });
    const step = (title: string, commands: PlanStep["commands"]): PlanStep => ({
      id: title,
      kind: "commands",
      optional: true,
      enabled: true,
      title,
      why: "",
      commands,
    });
    take(
      await applyCommands(
        d,
        step("arp", [pair("net.ipv4.conf.all.arp_ignore", 1), pair("net.ipv4.conf.all.arp_announce", 2)]),
        3,
      ),
    );
    take(await applyCommands(d, step("rp", [pair("net.ipv4.conf.eth1.rp_filter", 2)]), 4));
    return ids;
  }

  it("one undo --yes, named by the fix's first step, reverts all five steps newest first; the change before the fix stays", async () => {
    const before = await changes.apply(
      (await changes.prepare(
        route("198.18.0.0/15"),
        analyze(await platform.collect(), { now: Date.now() }),
      )) as never,
    );
    expect(before.status, before.message).toBe("applied");
    const rp = sysctl("net.ipv4.conf.eth1.rp_filter");
    const ids = await applyFix("fix-kerneltest");
    expect(ids).toHaveLength(5);
    expect(sysctl("net.ipv4.conf.all.arp_ignore")).toBe("1");
    expect(ipn(ns, "route", "show")).toMatch(/100\.64\.0\.0\/10 via 192\.168\.1\.254 dev eth1/);

    const listed = cli(ns, ["journal"], env).stdout;
    expect(listed.match(/fix-kerneltest/g)?.length).toBe(5);

    const r = cli(ns, ["undo", ids[0] ?? "", "--yes"], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      `${ids[0]} is a step of guided fix fix-kerneltest: undo reverts its 5 applied changes`,
    );
    // The confirmation lists every command that runs.
    for (const c of [
      "ip route del 10.0.0.0/8",
      "ip route del 172.16.0.0/12",
      "ip route del 100.64.0.0/10",
      "sysctl -w net.ipv4.conf.all.arp_ignore=0",
      "sysctl -w net.ipv4.conf.all.arp_announce=0",
      `sysctl -w net.ipv4.conf.eth1.rp_filter=${rp}`,
    ])
      expect(r.stdout).toContain(c);

    const table = ipn(ns, "route", "show");
    expect(table).not.toMatch(/^(10\.0\.0\.0\/8|172\.16\.0\.0\/12|100\.64\.0\.0\/10) /m);
    expect(table).toMatch(/198\.18\.0\.0\/15 via 192\.168\.1\.254 dev eth1/);
    expect(sysctl("net.ipv4.conf.all.arp_ignore")).toBe("0");
    expect(sysctl("net.ipv4.conf.all.arp_announce")).toBe("0");
    expect(sysctl("net.ipv4.conf.eth1.rp_filter")).toBe(rp);

    const reverts = readFileSync(path.join(state, "journal.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((x) => x.type === "revert" && x.ok === true)
      .map((x) => x.id);
    expect(reverts).toEqual([...ids].reverse());
    const { entries } = JSON.parse(cli(ns, ["journal", "--json"], env).stdout);
    expect(entries.map((e: { status: string }) => e.status)).toEqual([
      "applied",
      ...ids.map(() => "reverted"),
    ]);
  });

  // Newest first, and it stops at the step that changed: the older steps stay applied and are named.
  it("a step someone replaced since is left with 'changed since'; undo stops there and names what is still applied", async () => {
    const ids = await applyFix("fix-replaced");
    ipn(ns, "route", "del", "172.16.0.0/12", "via", "192.168.1.254", "dev", "eth1");
    ipn(
      ns,
      "route",
      "add",
      "172.16.0.0/12",
      "via",
      "192.168.1.254",
      "dev",
      "eth1",
      "metric",
      "50",
      "proto",
      "static",
    );
    const r = cli(ns, ["undo", ids[0] ?? "", "--yes"], env);
    expect(r.code).not.toBe(0);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(
      /changed since: not reverted: .*metric 50 instead of 0; proto static instead of boot/,
    );
    const table = ipn(ns, "route", "show");
    expect(table).toMatch(/^172\.16\.0\.0\/12 via 192\.168\.1\.254 dev eth1 proto static metric 50/m);
    expect(r.stderr).toContain(`(3 of 5 reverted; still applied: ${ids[1]}, ${ids[0]})`);
    expect(r.stderr).toContain(`\`dualhome undo ${ids[1]} --settle\``);
    expect(table).not.toMatch(/^100\.64\.0\.0\/10 /m);
    expect(table).toMatch(/^10\.0\.0\.0\/8 via 192\.168\.1\.254 dev eth1/m);
    expect(sysctl("net.ipv4.conf.all.arp_ignore")).toBe("0");
    const { entries } = JSON.parse(cli(ns, ["journal", "--json"], env).stdout);
    const mine = entries.filter((e: { id: string }) => ids.includes(e.id));
    expect(mine.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual(
      ids.map((id, i) => [id, i === 0 ? "applied" : i === 1 ? "revert-failed" : "reverted"]),
    );
  });
});
