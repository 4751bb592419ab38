// `lab status` names the lab's own processes by what they are (client,
// listener, pid, target) and says which one is missing; any other process in a
// lab namespace is not counted. And the client's retry pause is bounded.
import { describe, expect, it } from "vitest";
import { labStatus } from "../../../src/system/lab/lab.js";
import { CONNECT_GIVE_UP_MS, isLabTarget, retryDelayMs } from "../../../src/system/lab/lab-retry.js";
import { labNames } from "../../../src/system/lab/lab-topology.js";
import { FakeRunner } from "../../support/fake-runner.js";

const n = labNames("dht");
const ALL = [n.server, n.lan, n.inetgw, n.corpgw, n.internal, n.internet];
const AGENT = "/opt/dualhome/dist/src/system/lab/lab-agent.js";
const agent = (mode: string, host: string, port: number) => [
  "/usr/bin/node",
  AGENT,
  mode,
  host,
  String(port),
];

function deps(pids: Record<string, number[]>, cmdlines: Record<number, string[]>) {
  const runner = new FakeRunner();
  runner.expect(["ip", "netns", "list"], { stdout: ALL.map((x) => `${x} (id: 1)`).join("\n") });
  for (const ns of ALL) runner.expect(["ip", "netns", "pids", ns], { stdout: (pids[ns] ?? []).join("\n") });
  return {
    runner,
    spawnDetached: () => 0,
    os: "linux" as const,
    isRoot: true,
    nodePath: "/usr/bin/node",
    agentPath: AGENT,
    self: "dualhome",
    readCmdline: (pid: number) => cmdlines[pid] ?? null,
  };
}

describe("lab status", () => {
  it("lists the client and both listeners with their pids; a shell left in the server namespace is not one of them", async () => {
    const st = await labStatus(
      deps(
        { [n.server]: [300, 301], [n.internal]: [200], [n.internet]: [100] },
        {
          300: agent("client", "10.1.1.20", 5061),
          301: ["/bin/bash"],
          200: agent("listen", "10.1.1.20", 5061),
          100: agent("listen", "203.0.113.9", 443),
        },
      ),
      "dht",
    );
    expect(st.processes).toEqual([
      { namespace: n.server, pid: 300, role: "client", target: "10.1.1.20:5061" },
      { namespace: n.internal, pid: 200, role: "listener", target: "10.1.1.20:5061" },
      { namespace: n.internet, pid: 100, role: "listener", target: "203.0.113.9:443" },
    ]);
    expect(st.agents[n.server]).toBe(1);
    const text = st.lines.join("\n");
    expect(text).toContain(`  client   pid 300     in ${n.server}: calls 10.1.1.20:5061`);
    expect(text).toContain(`  listener pid 100     in ${n.internet}: answers on 203.0.113.9:443`);
    expect(text).not.toContain("missing:");
  });

  it("says the client is missing when only another process is left in the server namespace", async () => {
    const st = await labStatus(
      deps(
        { [n.server]: [301], [n.internal]: [200], [n.internet]: [100] },
        {
          301: ["/usr/bin/node", "/tmp/other.js"],
          200: agent("listen", "10.1.1.20", 5061),
          100: agent("listen", "203.0.113.9", 443),
        },
      ),
      "dht",
    );
    expect(st.agents[n.server]).toBe(0);
    expect(st.lines.join("\n")).toContain(
      `  missing: the client of 10.1.1.20:5061 in ${n.server} is not running (lab down, then lab up)`,
    );
  });
});

describe("the lab client's retry", () => {
  it("calls again soon after a call, and waits longer after each failure, never more than 5 s", () => {
    expect(retryDelayMs(0)).toBe(2_000);
    expect([1, 2, 3, 4, 5, 50].map(retryDelayMs)).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    // A stuck SYN is visible far longer than the pause between two calls.
    expect(CONNECT_GIVE_UP_MS).toBeGreaterThan(retryDelayMs(99) * 3);
  });

  it("talks only to the lab's hosts", () => {
    const targets = [["10.1.1.20", 5061]] as const;
    expect(isLabTarget(targets, "10.1.1.20", 5061)).toBe(true);
    expect(isLabTarget(targets, "10.1.1.20", 22)).toBe(false);
    expect(isLabTarget(targets, "192.0.2.1", 5061)).toBe(false);
  });
});
