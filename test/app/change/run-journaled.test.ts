// When the change ran but its result could not be journaled, the caller is told
// that it is applied and given the exact commands that take it back out.
import { describe, expect, it } from "vitest";
import { type IntentBody, runJournaled } from "../../../src/app/change/run-journaled.js";
import {
  type Journal,
  JournalError,
  type JournalRecord,
  memoryJournal,
} from "../../../src/system/journal/journal.js";

/** A journal whose appends fail from the `failFrom`-th on, as a disk that fills up. */
function fillingJournal(failFrom: number): Journal & { records: JournalRecord[] } {
  const inner = memoryJournal();
  const records: JournalRecord[] = [];
  return {
    path: "/state/journal.jsonl",
    records,
    append: (r) => {
      if (records.length + 1 >= failFrom)
        throw new JournalError("cannot write the journal: the disk is full");
      records.push(r);
      inner.append(r);
    },
    read: () => inner.read(),
  };
}

const deps = (journal: Journal) => ({
  journal,
  spawnWatchdog: () => 42,
  clock: () => 1_000,
  newId: () => "c1",
  host: "srv",
  user: "root",
});

const sysctl = (k: string, v: number) => ["sysctl", "-w", `net.ipv4.conf.${k}=${v}`];
const ROUTE: IntentBody = {
  change: {
    action: "add",
    destination: "10.0.0.0/8",
    gateway: "192.168.1.254",
    interface: "eth 1",
    persistent: true,
  },
  argv: ["ip", "route", "add", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth 1"],
  revertArgv: ["ip", "route", "del", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth 1"],
  persistArgv: ["nmcli", "connection", "modify", "x", "+ipv4.routes", "10.0.0.0/8 192.168.1.254"],
  persistRevertArgv: ["nmcli", "connection", "modify", "x", "-ipv4.routes", "10.0.0.0/8 192.168.1.254"],
};

describe("runJournaled when the result cannot be journaled", () => {
  it("a route: applied, and the revert (live, then saved) quoted for the shell", async () => {
    const j = fillingJournal(2);
    const out = await runJournaled(deps(j), ROUTE, 0, async () => ({ persisted: true, warnings: [] }));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.outcome).toMatchObject({ status: "failed", id: "c1", persisted: true });
    expect(out.outcome.message).toBe(
      "applied, but the journal could not record it: revert with " +
        "`ip route del 10.0.0.0/8 via 192.168.1.254 dev 'eth 1' && " +
        "nmcli connection modify x -ipv4.routes '10.0.0.0/8 192.168.1.254'` " +
        "(cannot write the journal: the disk is full)",
    );
    expect(j.records.map((r) => r.type)).toEqual(["intent"]);
  });

  it("an extra: every revert, newest first", async () => {
    const body: IntentBody = {
      extra: {
        title: "t",
        commands: [
          { argv: sysctl("all.arp_ignore", 1), revert: sysctl("all.arp_ignore", 0) },
          { argv: sysctl("all.arp_announce", 2), revert: sysctl("all.arp_announce", 0) },
        ],
      },
      argv: sysctl("all.arp_ignore", 1),
      revertArgv: sysctl("all.arp_announce", 0),
    };
    const out = await runJournaled(deps(fillingJournal(2)), body, 60, async () => ({
      persisted: false,
      warnings: [],
    }));
    expect(out.ok ? "" : out.outcome.message).toMatch(
      /^applied, but the journal could not record it: revert with `sysctl -w net\.ipv4\.conf\.all\.arp_announce=0 && sysctl -w net\.ipv4\.conf\.all\.arp_ignore=0` \(/,
    );
    expect(out.ok ? null : out.outcome.watchdogPid).toBe(42);
  });

  it("a failed change whose failure cannot be journaled still reports the failure, never throws", async () => {
    const out = await runJournaled(deps(fillingJournal(2)), ROUTE, 0, async () => {
      throw new Error("RTNETLINK answers: File exists");
    });
    expect(out.ok ? "" : out.outcome.message).toBe(
      "RTNETLINK answers: File exists (cannot write the journal: the disk is full)",
    );
  });
});
