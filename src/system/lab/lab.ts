// `dualhome lab up | down | status`: builds, removes and describes the story lab.

import { readFileSync } from "node:fs";
import path from "node:path";
import { maxOf } from "../../core/append-all.js";
import type { OsKind } from "../../core/model.js";
import { CommandError, type CommandRunner } from "../exec/runner-types.js";
import { LAB, type LabNames, labDownSteps, labNames, labUpSteps } from "./lab-topology.js";

interface LabDeps {
  runner: CommandRunner;
  spawnDetached: (argv: readonly string[]) => number;
  os: OsKind;
  isRoot: boolean;
  /** node binary and the compiled lab-agent.js, to start the lab's hosts. */
  nodePath: string;
  agentPath: string;
  /** The command people type to run dualhome (for the hints). */
  self: string;
  /** A process's argv, or null when it is gone (default: /proc/<pid>/cmdline). */
  readCmdline?: (pid: number) => string[] | null;
}

/** One of the lab's own processes, by what it is. */
interface LabProcess {
  namespace: string;
  pid: number;
  role: "client" | "listener";
  /** "10.1.1.20:5061": whom the client calls, where the listener answers. */
  target: string;
}

function procCmdline(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    return null;
  }
}

export class LabError extends Error {}

function refuseUnlessPossible(deps: LabDeps, verb: string): void {
  if (deps.os !== "linux")
    throw new LabError(
      `lab needs Linux network namespaces; this host runs ${deps.os}. Try \`dualhome demo\`.`,
    );
  if (!deps.isRoot) throw new LabError(`needs root: run with sudo ${deps.self} lab ${verb}`);
}

async function presentNamespaces(runner: CommandRunner, n: LabNames): Promise<string[]> {
  const { stdout } = await runner.run(["ip", "netns", "list"]);
  const names = stdout.split("\n").map((l) => l.trim().split(/\s+/)[0] ?? "");
  return [n.server, n.lan, n.inetgw, n.corpgw, n.internal, n.internet].filter((ns) => names.includes(ns));
}

async function pidsIn(runner: CommandRunner, ns: string): Promise<number[]> {
  const { stdout } = await runner.run(["ip", "netns", "pids", ns]).catch(() => ({ stdout: "" }));
  return stdout
    .split(/\s+/)
    .filter((p) => /^\d+$/.test(p))
    .map(Number);
}

/** The lab's agents among the processes of its namespaces, told apart by their argv. */
async function labProcesses(deps: LabDeps, namespaces: readonly string[]): Promise<LabProcess[]> {
  const read = deps.readCmdline ?? procCmdline;
  const agent = path.basename(deps.agentPath);
  const out: LabProcess[] = [];
  for (const ns of namespaces)
    for (const pid of await pidsIn(deps.runner, ns)) {
      const argv = read(pid) ?? [];
      const at = argv.findIndex((a) => path.basename(a) === agent);
      const [mode, host, port] = at >= 0 ? argv.slice(at + 1) : [];
      if (mode === "client" || mode === "listen")
        out.push({
          namespace: ns,
          pid,
          role: mode === "client" ? "client" : "listener",
          target: `${host}:${port}`,
        });
    }
  return out;
}

async function killAgents(runner: CommandRunner, namespaces: readonly string[]): Promise<void> {
  for (const ns of namespaces) {
    const pids = await pidsIn(runner, ns);
    if (pids.length) await runner.run(["kill", ...pids.map(String)]).catch(() => undefined);
  }
}

export async function labDown(deps: LabDeps, prefix?: string): Promise<string[]> {
  refuseUnlessPossible(deps, "down");
  const n = labNames(prefix);
  const present = await presentNamespaces(deps.runner, n);
  if (present.length === 0) return ["lab is not up: nothing to remove"];
  await killAgents(deps.runner, present);
  for (const step of labDownSteps(n, present)) await deps.runner.run(step);
  return [`lab removed: ${present.join(", ")}`];
}

export async function labUp(deps: LabDeps, prefix?: string): Promise<string[]> {
  refuseUnlessPossible(deps, "up");
  const n = labNames(prefix);
  const present = await presentNamespaces(deps.runner, n);
  if (present.length === 6) return ["lab is already up", ...nextSteps(deps, n)];
  if (present.length > 0) await labDown(deps, prefix);
  try {
    for (const step of labUpSteps(n)) await deps.runner.run(step);
  } catch (e) {
    // Leave nothing half-built behind.
    await labDown(deps, prefix).catch(() => undefined);
    const why = e instanceof CommandError ? `${e.argv.join(" ")}: ${e.message}` : String(e);
    throw new LabError(`lab up failed, nothing was left behind: ${why}`);
  }
  const agent = (ns: string, mode: string, host: string, port: number) =>
    deps.spawnDetached(["ip", "netns", "exec", ns, deps.nodePath, deps.agentPath, mode, host, String(port)]);
  agent(n.internal, "listen", LAB.internalHost, LAB.internalPort);
  agent(n.internet, "listen", LAB.internetHost, LAB.internetPort);
  agent(n.server, "client", LAB.internalHost, LAB.internalPort);
  return [
    "lab is up: a server with two cards on one subnet whose SYN to the internal host leaves by the wrong card, in network namespaces",
    ...describe(n),
    ...nextSteps(deps, n),
  ];
}

function describe(n: LabNames): string[] {
  return [
    `  ${n.server}: eth0 ${LAB.serverExt}/24 (internet card, default via ${LAB.inetGateway}), eth1 ${LAB.serverInt}/24 (internal card)`,
    `  ${n.inetgw}: ${LAB.inetGateway}, drops private destinations silently; internet host ${LAB.internetHost}:${LAB.internetPort}`,
    `  ${n.corpgw}: ${LAB.corpGateway}, leads to ${LAB.internalHost}:${LAB.internalPort} (listening, in ${n.internal})`,
    `  a client on ${n.server} keeps calling ${LAB.internalHost}:${LAB.internalPort}; without a route it hangs in SYN_SENT`,
  ];
}

function nextSteps(deps: LabDeps, n: LabNames): string[] {
  const x = `ip netns exec ${n.server} ${deps.self}`;
  const prefix = n.prefix === "dh" ? "" : ` --prefix ${n.prefix}`;
  const rows: [string, string][] = [
    [x, "the live screen of the server"],
    [`${x} check`, "the diagnosis"],
    [`${x} probe ${LAB.internalHost} ${LAB.internalPort}`, "a connect, as telnet would"],
    [`${x} fix`, "the guided fix"],
    [`${deps.self} lab down${prefix}`, "remove it all"],
  ];
  const width = maxOf(
    rows.map(([c]) => c.length),
    0,
  );
  return ["try:", ...rows.map(([c, what]) => `  ${c.padEnd(width)}   ${what}`)];
}

interface LabStatus {
  up: boolean;
  namespaces: string[];
  missing: string[];
  /** How many of the lab's own processes run in each namespace. */
  agents: Record<string, number>;
  processes: LabProcess[];
  lines: string[];
}

function processLines(n: LabNames, procs: readonly LabProcess[]): string[] {
  const lines = procs.map(
    (p) =>
      `  ${p.role.padEnd(8)} pid ${String(p.pid).padEnd(7)} in ${p.namespace}: ${p.role === "client" ? "calls" : "answers on"} ${p.target}`,
  );
  const want: [LabProcess["role"], string, string][] = [
    ["client", n.server, `${LAB.internalHost}:${LAB.internalPort}`],
    ["listener", n.internal, `${LAB.internalHost}:${LAB.internalPort}`],
    ["listener", n.internet, `${LAB.internetHost}:${LAB.internetPort}`],
  ];
  for (const [role, ns, target] of want)
    if (!procs.some((p) => p.role === role && p.namespace === ns && p.target === target))
      lines.push(`  missing: the ${role} of ${target} in ${ns} is not running (lab down, then lab up)`);
  return ["processes of the lab:", ...lines];
}

export async function labStatus(deps: LabDeps, prefix?: string): Promise<LabStatus> {
  refuseUnlessPossible(deps, "status");
  const n = labNames(prefix);
  const all = [n.server, n.lan, n.inetgw, n.corpgw, n.internal, n.internet];
  const present = await presentNamespaces(deps.runner, n);
  const processes = await labProcesses(deps, present);
  const agents: Record<string, number> = {};
  for (const ns of present) agents[ns] = processes.filter((p) => p.namespace === ns).length;
  const missing = all.filter((ns) => !present.includes(ns));
  const up = missing.length === 0;
  const lines = up
    ? ["lab is up", ...describe(n), ...processLines(n, processes), ...nextSteps(deps, n)]
    : present.length === 0
      ? [`lab is not up: run ${deps.self} lab up${n.prefix === "dh" ? "" : ` --prefix ${n.prefix}`}`]
      : [`lab is broken (missing ${missing.join(", ")}): run ${deps.self} lab down, then lab up`];
  return { up, namespaces: present, missing, agents, processes, lines };
}
