// The guided fix's optional extras on a real kernel, in the lab's server
// namespace: the source rule with its table and the ARP sysctls are journaled,
// held by a detached watchdog that reverts them by itself, and undone by undo.
// The watchdog is started inside the namespace, so its reverts stay there too.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type ChangeRunner, createChangeRunner } from "../../src/app/change/runner.js";
import { linuxExtras } from "../../src/app/fix/extras.js";
import { analyze } from "../../src/core/analyze.js";
import { createRunner } from "../../src/system/exec/runner.js";
import { spawnDetached } from "../../src/system/exec/runner-detached.js";
import { fileJournal } from "../../src/system/journal/journal.js";
import { journalEntries } from "../../src/system/journal/queries.js";
import { detachedWatchdogSpawner } from "../../src/system/journal/watchdog.js";
import { LINUX_EXTRAS_ARGV } from "../../src/system/linux/linux-commands.js";
import { createLinuxPlatform } from "../../src/system/linux/linux-platform.js";
import { inNamespace } from "../support/netns-runner.js";
import { cli, eventually } from "./lab-helpers.js";
import { canUseNamespaces, ipn, netnsOf, uniqueName } from "./netns-helpers.js";

const can = canUseNamespaces();
if (!can.ok) console.warn(`fix extras kernel tests skipped: ${can.reason}`);

describe.runIf(can.ok)("the guided fix's extras on a real kernel", () => {
  const prefix = uniqueName("dhx");
  const server = `${prefix}-server`;
  const runner = inNamespace(createRunner(), server);
  const platform = createLinuxPlatform(runner);
  const sysctl = (key: string) =>
    execFileSync("ip", ["netns", "exec", server, "sysctl", "-n", key], { encoding: "utf8" }).trim();
  const sourceRule = () => /from 192\.168\.1\.11 lookup \d+/.test(ipn(server, "rule", "show"));
  let state = "";
  let journalPath = "";
  let changes: ChangeRunner;

  beforeAll(() => {
    if (!existsSync(path.resolve("dist/src/system/journal/watchdog-main.js")))
      throw new Error("run `npm run build` before the kernel tests");
    const up = cli(null, ["lab", "up", "--prefix", prefix]);
    expect(up.code, up.stderr).toBe(0);
  });
  afterAll(() => {
    cli(null, ["lab", "down", "--prefix", prefix]);
  });
  beforeEach(() => {
    state = mkdtempSync(path.join(tmpdir(), "dh-extras-"));
    journalPath = path.join(state, "journal.jsonl");
    const journal = fileJournal(journalPath);
    changes = createChangeRunner({
      platform,
      runner,
      journal,
      spawnWatchdog: detachedWatchdogSpawner(journalPath, {
        // The compiled one: vitest runs this file from src, where there is no watchdog-main.js.
        mainPath: path.resolve("dist/src/system/journal/watchdog-main.js"),
        spawn: (argv) => spawnDetached(["ip", "netns", "exec", server, ...argv]),
      }),
      readOnly: false,
      privileged: true,
      // Where the changes are made, as a process inside would record it: its watchdog acts only there.
      host: hostname(),
      netns: netnsOf(server),
    });
  });
  afterEach(() => rmSync(state, { recursive: true, force: true }));

  async function extras() {
    const a = analyze(await platform.collect(), { now: Date.now() });
    const steps = linuxExtras(
      a,
      { card: "eth1", gateway: "192.168.1.254", ranges: ["10.0.0.0/8"] },
      LINUX_EXTRAS_ARGV,
    );
    const byId = (id: string) => {
      const s = steps.find((x) => x.id === id);
      if (!s?.commands) throw new Error(`no ${id} step in ${steps.map((x) => x.id).join(", ")}`);
      return { title: s.title, commands: s.commands };
    };
    return { rule: byId("source-rule"), arp: byId("arp") };
  }

  it("applied with a rollback and left alone: the detached watchdog reverts the rule, its table and the sysctls", async () => {
    const { rule, arp } = await extras();
    expect(sysctl("net.ipv4.conf.all.arp_ignore")).toBe("0");
    const a = await changes.applyExtra(rule, { rollbackAfterS: 2 });
    const b = await changes.applyExtra(arp, { rollbackAfterS: 2 });
    expect([a.status, b.status], `${a.message}; ${b.message}`).toEqual(["applied", "applied"]);
    expect(a.watchdogPid).toBeGreaterThan(0);
    expect(sourceRule()).toBe(true);
    expect(sysctl("net.ipv4.conf.all.arp_ignore")).toBe("1");
    expect(sysctl("net.ipv4.conf.all.arp_announce")).toBe("2");
    await eventually(() => !sourceRule() && sysctl("net.ipv4.conf.all.arp_ignore") === "0", 20_000);
    expect(sysctl("net.ipv4.conf.all.arp_announce")).toBe("0");
    const entries = await eventually(() => {
      const e = journalEntries(fileJournal(journalPath).read().records, Date.now());
      return e.every((x) => x.status === "reverted") ? e : null;
    }, 10_000);
    expect(entries.map((e) => e.detail)).toEqual([
      expect.stringMatching(/^reverted by watchdog/),
      expect.stringMatching(/^reverted by watchdog/),
    ]);
  });

  it("undo reverts the newest extra, every command of it, and the kernel agrees", async () => {
    const { arp } = await extras();
    const out = await changes.applyExtra(arp);
    expect(out.status, out.message).toBe("applied");
    expect(sysctl("net.ipv4.conf.all.arp_ignore")).toBe("1");
    const p = changes.prepareUndo();
    expect(p.ok && p.commands.map((c) => c.join(" "))).toEqual([
      "sysctl -w net.ipv4.conf.all.arp_announce=0",
      "sysctl -w net.ipv4.conf.all.arp_ignore=0",
    ]);
    const u = await changes.undo();
    expect(u.status, u.message).toBe("reverted");
    expect(sysctl("net.ipv4.conf.all.arp_ignore")).toBe("0");
    expect(sysctl("net.ipv4.conf.all.arp_announce")).toBe("0");
  });
});
