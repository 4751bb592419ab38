// Making a Linux route survive a reboot. `ip route add` changes only the running
// kernel; what is read at boot depends on who manages the card. Where
// NetworkManager owns it we write the route to its connection with nmcli; for
// netplan, systemd-networkd and ifupdown we write nothing and show the lines to add.
// `nmcli -t -f DEVICE,STATE,CONNECTION device status` prints, e.g.:
//   eth1:connected:Wired connection 2
import { readFile as fsReadFile, readdir } from "node:fs/promises";
import type { ValidChange } from "../../core/route-change.js";
import type { CommandRunner } from "../exec/runner-types.js";
import type { PersistencePlan } from "../parts/persistence-plan.js";

interface PersistenceIo {
  runner: CommandRunner;
  readFile?: (path: string) => Promise<string>;
  listDir?: (path: string) => Promise<string[]>;
}

export const NMCLI_DEVICES = ["nmcli", "-t", "-f", "DEVICE,STATE,CONNECTION", "device", "status"];

interface NmDevice {
  device: string;
  state: string;
  connection: string;
}

/** nmcli -t escapes ':' and '\' in values with a backslash. */
function splitTerse(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "\\" && i + 1 < line.length) cur += line[++i];
    else if (ch === ":") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function parseNmcliDevices(text: string): NmDevice[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map(splitTerse)
    .filter((f) => f.length === 3)
    .map(([device = "", state = "", connection = ""]) => ({ device, state, connection }));
}

/** The NetworkManager connection that owns `card`, or null (no NM, unmanaged, or configured outside NM). */
async function nmConnectionOf(runner: CommandRunner, card: string): Promise<string | null> {
  let text: string;
  try {
    text = (await runner.run(NMCLI_DEVICES)).stdout;
  } catch {
    return null; // nmcli missing or NetworkManager not running: it owns nothing
  }
  const dev = parseNmcliDevices(text).find((d) => d.device === card);
  if (!dev?.state.startsWith("connected") || dev.state.includes("externally")) return null;
  return dev.connection && dev.connection !== "--" ? dev.connection : null;
}

async function listOr(io: PersistenceIo, dir: string, ext: RegExp): Promise<string[]> {
  const list = io.listDir ?? ((p: string) => readdir(p));
  try {
    return (await list(dir)).filter((f) => ext.test(f)).sort();
  } catch {
    return [];
  }
}

async function readOr(io: PersistenceIo, file: string): Promise<string | null> {
  const read = io.readFile ?? ((p: string) => fsReadFile(p, "utf8"));
  try {
    return await read(file);
  } catch {
    return null;
  }
}

/** The first file that mentions the card, else the first file. */
async function pick(io: PersistenceIo, dir: string, files: string[], mention: RegExp): Promise<string> {
  for (const f of files) if (mention.test((await readOr(io, `${dir}/${f}`)) ?? "")) return `${dir}/${f}`;
  return `${dir}/${files[0]}`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function snippets(v: ValidChange, card: string) {
  const gw = v.gateway;
  const metric = v.metric;
  const ip = ["ip", ...(v.network.family === 6 ? ["-6"] : []), "route"];
  const tail = [
    v.destination,
    ...(gw ? ["via", gw] : []),
    "dev",
    card,
    ...(metric !== undefined ? ["metric", String(metric)] : []),
    ...(v.table !== null ? ["table", v.table] : []),
  ];
  return {
    netplan: [
      "network:",
      "  ethernets:",
      `    ${card}:`,
      "      routes:",
      `        - to: ${v.destination}`,
      ...(gw ? [`          via: ${gw}`] : []),
      ...(metric !== undefined ? [`          metric: ${metric}`] : []),
      ...(v.table !== null ? [`          table: ${v.table}`] : []),
    ].join("\n"),
    networkd: [
      "[Route]",
      `Destination=${v.destination}`,
      ...(gw ? [`Gateway=${gw}`] : []),
      ...(metric !== undefined ? [`Metric=${metric}`] : []),
      ...(v.table !== null ? [`Table=${v.table}`] : []),
    ].join("\n"),
    ifupdown: `up ${[...ip, "add", ...tail].join(" ")}`,
  };
}

/** How this change would be made persistent on this host (nothing is run here). */
export async function planLinuxPersistence(io: PersistenceIo, v: ValidChange): Promise<PersistencePlan> {
  const card = v.iface?.name;
  if (!card)
    return {
      persistent: false,
      system: "none",
      argv: null,
      revertArgv: null,
      note: "not persistent: name the card (--dev) to make a route persistent",
    };
  const adding = v.action === "add";
  const verb = adding ? "add this" : "remove this";
  const con = await nmConnectionOf(io.runner, card);
  if (con !== null) {
    const key = v.network.family === 6 ? "ipv6.routes" : "ipv4.routes";
    const hop = v.gateway ?? (v.metric !== undefined ? (v.network.family === 6 ? "::" : "0.0.0.0") : null);
    const value = [
      v.destination,
      ...(hop ? [hop] : []),
      ...(v.metric !== undefined ? [String(v.metric)] : []),
      // nmcli's route attribute for a table other than main.
      ...(v.table !== null ? [`table=${v.table}`] : []),
    ].join(" ");
    const modify = (sign: string) => ["nmcli", "connection", "modify", con, `${sign}${key}`, value];
    return {
      persistent: adding,
      system: "networkmanager",
      argv: modify(adding ? "+" : "-"),
      revertArgv: modify(adding ? "-" : "+"),
      note: `NetworkManager owns ${card}: the route is ${adding ? "added to" : "removed from"} connection "${con}" too`,
    };
  }
  const s = snippets(v, card);
  const netplan = await listOr(io, "/etc/netplan", /\.ya?ml$/);
  if (netplan.length > 0) {
    const file = await pick(io, "/etc/netplan", netplan, new RegExp(`^\\s*${escapeRe(card)}:`, "m"));
    return {
      persistent: false,
      system: "netplan",
      argv: null,
      revertArgv: null,
      snippet: s.netplan,
      note: `not written: ${verb} in ${file} under ${card}, then run \`netplan try\``,
    };
  }
  const networkd = await listOr(io, "/etc/systemd/network", /\.network$/);
  if (networkd.length > 0) {
    const file = await pick(
      io,
      "/etc/systemd/network",
      networkd,
      new RegExp(`^\\s*Name\\s*=.*\\b${escapeRe(card)}\\b`, "m"),
    );
    return {
      persistent: false,
      system: "networkd",
      argv: null,
      revertArgv: null,
      snippet: s.networkd,
      note: `not written: ${verb} in ${file} (the file matching ${card}), then run \`networkctl reload\``,
    };
  }
  const interfaces = await readOr(io, "/etc/network/interfaces");
  if (interfaces !== null) {
    return {
      persistent: false,
      system: "ifupdown",
      argv: null,
      revertArgv: null,
      snippet: s.ifupdown,
      note: `not written: ${verb} line in the \`iface ${card}\` stanza of /etc/network/interfaces`,
    };
  }
  return {
    persistent: false,
    system: "none",
    argv: null,
    revertArgv: null,
    note: "not persistent: no NetworkManager, netplan, systemd-networkd or ifupdown configuration found; add the route to your distribution's network configuration",
  };
}
