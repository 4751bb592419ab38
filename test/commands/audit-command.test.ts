import { describe, expect, it } from "vitest";
import { auditText, parseHostsFile } from "../../src/commands/audit-command.js";
import { CliError } from "../../src/commands/context.js";
import { type AuditRow, auditExitCode, unreachableRow } from "../../src/core/audit-row.js";

const checked = (host: string, errors: number, failedParts: string[] = []): AuditRow => ({
  ...unreachableRow(host, ""),
  reachable: true,
  reason: null,
  hostname: host,
  findings: { error: errors, warning: 1, info: 0 },
  findingIds: errors > 0 ? ["wrong-nic-route", "multiple-default-gateways"] : [],
  wrongFlows: errors,
  firstFix: errors > 0 ? "ip route replace 10.20.0.0/16 via 192.168.1.1 dev eth1" : null,
  failedParts,
});

describe("parseHostsFile", () => {
  it("one host a line; blanks and comments skipped", () => {
    expect(parseHostsFile("# pool A\nroot@edge1\n\n  edge2   # the spare\r\n", "hosts")).toEqual([
      "root@edge1",
      "edge2",
    ]);
  });
  it("an option smuggled in as a host is refused with its line", () => {
    expect(() => parseHostsFile("edge1\n-oProxyCommand=touch /tmp/x\n", "hosts")).toThrow(CliError);
    expect(() => parseHostsFile("edge1\n-oProxyCommand=x\n", "hosts")).toThrow(/hosts line 2:/);
  });
});

describe("auditExitCode", () => {
  it("2 when a host could not be checked or a main part failed, 1 errors found, 0 clean", () => {
    expect(auditExitCode([checked("a", 0), checked("b", 0)])).toBe(0);
    expect(auditExitCode([checked("a", 0), checked("b", 2)])).toBe(1);
    expect(auditExitCode([checked("a", 2), unreachableRow("c", "refused")])).toBe(2);
    expect(auditExitCode([checked("a", 0, ["connections"])])).toBe(2);
    // Policy rules are not a part every host has (no ip rule on macOS): not a failure of the audit.
    expect(auditExitCode([checked("a", 0, ["rules"])])).toBe(0);
  });
});

describe("auditText", () => {
  it("a line per host: counts, findings, the first fix; unreachable ones with the reason", () => {
    const text = auditText([
      checked("edge1", 2),
      checked("edge2", 0),
      unreachableRow("edge3", "edge3 refused"),
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toBe("audit: 3 hosts, 2 checked, 1 not reachable");
    expect(lines.find((l) => l.includes("edge1"))).toMatch(
      /edge1\s+2\s+1\s+2\s+-\s+wrong-nic-route, multiple-default-gateways\s+ip route replace 10\.20/,
    );
    expect(lines.find((l) => l.includes("edge2"))).toMatch(/\bclean\b/);
    expect(lines.find((l) => l.includes("edge3"))).toMatch(/not reachable: edge3 refused/);
  });
});
