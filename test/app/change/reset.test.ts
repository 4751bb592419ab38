// Resetting the connects a fix left stuck (issue 15, item 5): the exact `ss -K`
// argv per flow from the prepared change's retried flows, journaled as a reset
// (nothing reverts it), checked against a fresh poll, and refused in words where
// the kernel or the OS cannot close a connection.
import { describe, expect, it } from "vitest";
import { resetFlowsOf } from "../../../src/app/change/reset.js";
import { ValidationError } from "../../../src/core/route-change.js";
import { linuxResetArgv } from "../../../src/system/linux/linux-commands.js";
import { ADD_10, prepared, setup } from "./runner-setup.js";
import { analysis, connections, snapshot, tablePlatform } from "./world.js";

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
  "dst",
  "10.1.1.20",
  "dport",
  "=",
  ":5061",
];

/** A Linux platform that can reset; its polls after the reset show the SYN gone, or still there. */
function resettable(stuckAfter: boolean, connectedAfter = false) {
  const base = tablePlatform();
  return {
    ...base,
    resetArgv: linuxResetArgv,
    async collect() {
      const s = snapshot();
      if (stuckAfter || !s.connections.ok) return s;
      if (connectedAfter)
        return {
          ...s,
          connections: {
            ...s.connections,
            value: connections().map((c) => (c.state === "SYN_SENT" ? { ...c, state: "ESTABLISHED" } : c)),
          },
        };
      return {
        ...s,
        connections: { ...s.connections, value: connections().filter((c) => c.state !== "SYN_SENT") },
      };
    },
  };
}

async function offer(changes: ReturnType<typeof setup>["changes"]) {
  const p = await prepared(changes, ADD_10);
  const flows = resetFlowsOf(p.ways.retried);
  expect(flows).toEqual([
    {
      local: { address: "192.168.1.10", port: 50123 },
      remote: { address: "10.1.1.20", port: 5061 },
      from: "eth0",
      to: "eth1",
    },
  ]);
  return flows;
}

describe("x after a fix: reset the stuck connects", () => {
  it("runs exactly one ss -K per stuck flow, journals a reset and says it is gone and not revertible", async () => {
    const { runner, journal, changes } = setup({ platform: resettable(false) });
    const p = changes.prepareReset(await offer(changes), analysis());
    if (!p.ok) throw new Error(p.reason);
    expect(p.commands).toEqual([KILL]);
    expect(p.refusal).toBeNull();
    runner.expect(KILL, {});
    const out = await changes.reset(p);
    runner.assertDone();
    expect(out.ok).toBe(true);
    expect(out.lines[0]).toContain("reset 1 stuck connect (192.168.1.10:50123 -> 10.1.1.20:5061): gone");
    expect(out.lines[0]).toContain("leaves by eth1");
    expect(out.lines[1]).toContain("not revertible");
    expect(journal.read().records).toEqual([
      { type: "reset", id: "reset-c1", at: 1_000_000, commands: [KILL], host: "srv", ok: true },
    ]);
  });

  it("a kernel without CONFIG_INET_DIAG_DESTROY: ss -K says nothing and the SYN stays; the outcome says why", async () => {
    const { runner, changes } = setup({ platform: resettable(true) });
    const p = changes.prepareReset(await offer(changes), analysis());
    if (!p.ok) throw new Error(p.reason);
    runner.expect(KILL, {});
    const out = await changes.reset(p);
    expect(out.ok).toBe(false);
    expect(out.lines[0]).toContain("the kernel did not close 192.168.1.10:50123 -> 10.1.1.20:5061");
    expect(out.lines[0]).toContain("CONFIG_INET_DIAG_DESTROY");
  });

  it("the kernel's own SYN retry connected first: said so, nothing was closed and nothing claimed", async () => {
    const { runner, changes } = setup({ platform: resettable(false, true) });
    const p = changes.prepareReset(await offer(changes), analysis());
    if (!p.ok) throw new Error(p.reason);
    runner.expect(KILL, {});
    const out = await changes.reset(p);
    expect(out).toEqual({
      ok: false,
      lines: [
        "192.168.1.10:50123 -> 10.1.1.20:5061 connected by itself before the reset (the kernel's own SYN retry took the new route): nothing to close",
      ],
    });
  });

  it("ss -K failing is said in its own words and journaled as failed", async () => {
    const { runner, journal, changes } = setup({ platform: resettable(false) });
    const p = changes.prepareReset(await offer(changes), analysis());
    if (!p.ok) throw new Error(p.reason);
    runner.expect(KILL, { exitCode: 1, stderr: "SOCK_DESTROY answers: Operation not permitted\n" });
    const out = await changes.reset(p);
    expect(out.ok).toBe(false);
    expect(out.lines[0]).toContain("Operation not permitted");
    expect(journal.read().records[0]).toMatchObject({ type: "reset", ok: false });
  });

  it("refused with the reason: Windows has no documented way; not root; read-only; flows already gone", async () => {
    const win = setup({ platform: { ...tablePlatform(), os: "windows" as const, id: "windows" as const } });
    expect(win.changes.resetUnsupported).toContain(
      "Windows has no documented command that closes a connection",
    );
    const none = win.changes.prepareReset([], analysis());
    expect(none.ok).toBe(false);

    const user = setup({ platform: resettable(false), privileged: false });
    const p = user.changes.prepareReset(await offer(user.changes), analysis());
    expect(p.ok && p.refusal).toBe(
      `needs root: run \`sudo ss -K -4 -t -n state syn-sent src 192.168.1.10 sport '=' :50123 dst 10.1.1.20 dport '=' :5061\``,
    );
    if (p.ok) expect(await user.changes.reset(p)).toEqual({ ok: false, lines: [p.refusal] });
    user.runner.assertDone();

    const ro = setup({ platform: resettable(false), readOnly: true });
    const q = ro.changes.prepareReset(await offer(ro.changes), analysis());
    expect(q.ok && q.refusal).toBe("read-only: nothing was reset");

    const gone = setup({ platform: resettable(false) });
    const flows = await offer(gone.changes);
    const later = {
      ...analysis(),
      connections: analysis().connections.filter((c) => c.state !== "SYN_SENT"),
    };
    expect(gone.changes.prepareReset(flows, later)).toEqual({
      ok: false,
      reason: "nothing to reset: the stuck connects are gone already (retried or given up)",
    });
  });

  it("the argv is built from validated values only, IPv6 in brackets", () => {
    expect(
      linuxResetArgv({
        local: { address: "2001:db8::a", port: 40000 },
        remote: { address: "2001:db8:1::20", port: 5061 },
      }),
    ).toEqual([
      "ss",
      "-K",
      "-6",
      "-t",
      "-n",
      "state",
      "syn-sent",
      "src",
      "[2001:db8::a]",
      "sport",
      "=",
      ":40000",
      "dst",
      "[2001:db8:1::20]",
      "dport",
      "=",
      ":5061",
    ]);
    const bad = {
      local: { address: "192.168.1.10;reboot", port: 1 },
      remote: { address: "10.1.1.20", port: 5061 },
    };
    expect(() => linuxResetArgv(bad)).toThrow(ValidationError);
    expect(() =>
      linuxResetArgv({
        local: { address: "192.168.1.10", port: 0 },
        remote: { address: "10.1.1.20", port: 5061 },
      }),
    ).toThrow(ValidationError);
    expect(() =>
      linuxResetArgv({
        local: { address: "192.168.1.10", port: 1 },
        remote: { address: "2001:db8::1", port: 5061 },
      }),
    ).toThrow(/mixes families/);
  });
});
