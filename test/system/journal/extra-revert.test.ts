// The reverts of a guided-fix extra are read into the shapes fix-extras.ts makes and
// rebuilt; any other program, key or value refuses the whole revert.
import { describe, expect, it } from "vitest";
import { extraReverts } from "../../../src/system/journal/extra-revert.js";
import type { IntentRecord } from "../../../src/system/journal/journal.js";

const ROUTE = ["10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1", "table", "101"];
const NET = ["192.168.1.0/24", "dev", "eth1", "src", "192.168.1.11", "table", "101"];
const RULE = ["from", "192.168.1.11", "table", "101", "priority", "1001"];
const PAIRS = [
  { argv: ["ip", "route", "add", ...NET], revert: ["ip", "route", "del", ...NET] },
  { argv: ["ip", "route", "add", ...ROUTE], revert: ["ip", "route", "del", ...ROUTE] },
  { argv: ["ip", "rule", "add", ...RULE], revert: ["ip", "rule", "del", ...RULE] },
  {
    argv: ["sysctl", "-w", "net.ipv4.conf.eth0/100.rp_filter=2"],
    revert: ["sysctl", "-w", "net.ipv4.conf.eth0/100.rp_filter=1"],
  },
];

function extra(commands: { argv: string[]; revert: string[] }[]): IntentRecord {
  return {
    type: "intent",
    id: "x",
    at: 1,
    extra: { title: "source rule", commands },
    argv: commands[0]?.argv ?? [],
    revertArgv: commands.at(-1)?.revert ?? [],
    host: "srv",
    user: "root",
    rollbackAt: null,
  };
}

describe("extraReverts", () => {
  it("rebuilds every revert of the shapes dualhome makes, newest first", () => {
    expect(extraReverts(extra(PAIRS))).toEqual(PAIRS.map((p) => p.revert).reverse());
  });

  it("refuses anything else: nothing of the extra runs", () => {
    const forged: [string[], string[]][] = [
      [
        ["sysctl", "-w", "net.ipv4.conf.all.arp_ignore=1"],
        ["sysctl", "-w", "kernel.core_pattern=|/bin/sh"],
      ],
      [
        ["sysctl", "-w", "net.ipv4.conf.all.arp_ignore=1"],
        ["sysctl", "-w", "net.ipv4.conf.all.forwarding=1"],
      ],
      [
        ["sysctl", "-w", "net.ipv4.conf.all.rp_filter=2"],
        ["sysctl", "-w", "net.ipv4.conf.all.rp_filter=7"],
      ],
      [
        ["ip", "rule", "add", ...RULE],
        ["/bin/sh", "-c", "touch /tmp/x"],
      ],
      [
        ["ip", "rule", "add", ...RULE],
        ["ip", "rule", "del", "from", "all", "table", "main", "priority", "1001"],
      ],
      [
        ["ip", "route", "add", ...ROUTE],
        ["ip", "route", "del", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth0", "table", "101"],
      ],
      [
        ["ip", "route", "add", ...ROUTE],
        ["ip", "route", "flush", "table", "main"],
      ],
    ];
    for (const [argv, revert] of forged) {
      const out = extraReverts(extra([PAIRS[0] as (typeof PAIRS)[number], { argv, revert }]));
      expect(typeof out).toBe("string");
      expect(out).toMatch(/^step 2 of the journaled fix .*: nothing was run$/);
    }
  });

  it("refuses commands that disagree with the intent's own argv fields", () => {
    const x = { ...extra(PAIRS), revertArgv: ["ip", "rule", "del", ...RULE] };
    expect(extraReverts(x)).toMatch(/disagree with its record/);
  });
});
