// Hand-made analyses for the app tests: just enough structure for the reducer,
// poller and view model, with verdicts chosen by the test.
import type { Analysis, ClassifiedConnection, Snapshot, Verdict } from "../../src/core/model.js";

export function conn(
  localPort: number,
  opts: { remote?: string; port?: number; state?: string; verdict?: Verdict; process?: string | null } = {},
): ClassifiedConnection {
  const verdict = opts.verdict ?? "ok";
  return {
    protocol: "tcp",
    family: 4,
    local: { address: "192.168.1.10", port: localPort },
    remote: { address: opts.remote ?? "203.0.113.9", port: opts.port ?? 443 },
    state: opts.state ?? "ESTABLISHED",
    pid: 100,
    process: opts.process === undefined ? "app.exe" : opts.process,
    egress: { interface: "ext", gateway: "192.168.1.1" },
    expected: verdict === "wrong-nic" ? { interface: "int", gateway: "192.168.1.254", reason: "test" } : null,
    verdict,
    basis: "policy",
    why: "test",
  };
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  const ok = <T>(value: T) => ({ ok: true as const, value, warnings: [] });
  return {
    platform: "simulated",
    os: "windows",
    host: "test",
    collector: "simulated",
    takenAt: 0,
    interfaces: ok([]),
    routes: ok([]),
    rules: ok([]),
    connections: ok([]),
    sysctls: ok({}),
    ...over,
  };
}

export function analysis(conns: ClassifiedConnection[], snap: Snapshot = snapshot()): Analysis {
  return { snapshot: snap, connections: conns, findings: [], policySource: "inferred" };
}
