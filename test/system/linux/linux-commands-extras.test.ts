// The guided fix's Linux extras are built in linux-commands.ts from validated parts:
// the argv the plan shows is exactly what these builders return, and a part no command
// should take (an option-looking card, a word in an address slot) is refused, so the
// plan leaves that step out instead of offering it.
import { describe, expect, it } from "vitest";
import { linuxExtras } from "../../../src/app/fix/extras.js";
import { analyze } from "../../../src/core/analyze.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { LINUX_EXTRAS_ARGV as x } from "../../../src/system/linux/linux-commands.js";
import { linuxSnapshot } from "../../app/fix/support.js";

describe("the Linux extras' argv", () => {
  it("spells sysctl keys, table routes and source rules as the kernel tools take them", () => {
    expect(x.sysctl("eth0.100", "rp_filter", 2)).toEqual([
      "sysctl",
      "-w",
      "net.ipv4.conf.eth0/100.rp_filter=2",
    ]);
    expect(
      x.route("add", { prefix: "192.168.1.0/24", card: "eth1", src: "192.168.1.11", table: "101" }),
    ).toEqual(["ip", "route", "add", "192.168.1.0/24", "dev", "eth1", "src", "192.168.1.11", "table", "101"]);
    expect(
      x.route("del", { prefix: "10.0.0.0/8", gateway: "192.168.1.254", card: "eth1", table: "101" }),
    ).toEqual(["ip", "route", "del", "10.0.0.0/8", "via", "192.168.1.254", "dev", "eth1", "table", "101"]);
    expect(x.rule("add", { from: "192.168.1.11", table: "101", priority: 1001 })).toEqual([
      ...["ip", "rule", "add", "from", "192.168.1.11", "table", "101", "priority", "1001"],
    ]);
  });

  it("refuses parts no command should take", () => {
    const bad = [
      () => x.sysctl("eth 1", "rp_filter", 2),
      () => x.sysctl("eth1", "rp_filter=1 net.ipv4.ip_forward", 1),
      () => x.sysctl("eth1", "rp_filter", 12),
      () => x.route("add", { prefix: "10.0.0.0/8", gateway: "-f", card: "eth1", table: "101" }),
      () => x.route("add", { prefix: "default via 1.2.3.4", card: "eth1", table: "101" }),
      () => x.route("add", { prefix: "10.0.0.0/8", card: "eth1", table: "main;reboot" }),
      () => x.rule("add", { from: "all", table: "101", priority: 1.5 }),
    ];
    for (const f of bad) expect(f).toThrow(ValidationError);
  });

  it("a plan leaves out the step whose argv cannot be built", () => {
    const snap = linuxSnapshot();
    const a = analyze(snap, { policy: null, policySource: "test", now: 0 });
    const intent = { card: "eth1", gateway: "192.168.1.254", ranges: ["10.0.0.0/8"] };
    const ids = (builders: typeof x) => linuxExtras(a, intent, builders).map((s) => s.id);
    expect(ids(x)).toContain("source-rule");
    const noRules = {
      ...x,
      rule: () => {
        throw new ValidationError("refused", "source");
      },
    };
    expect(ids(noRules)).not.toContain("source-rule");
    expect(ids(noRules).length).toBe(ids(x).length - 1);
  });
});
