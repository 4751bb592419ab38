// The reverts of a guided-fix extra (fix-extras.ts: a source table's routes, its
// `ip rule`, ARP and rp_filter sysctls), rebuilt from typed records: each journaled
// command is read into one of the shapes dualhome makes, every value validated, the
// argv built again from the record; a revert must be its command's inverse. Anything
// else (another program, another key, a value out of range) refuses the whole revert.

import { formatAddr, formatPrefix, parseAddr, parsePrefix } from "../../core/ip.js";
import { sameItems } from "../../core/same-data.js";
import { validIfName } from "../linux/kernel-route.js";
import type { IntentRecord } from "./journal.js";

type Typed =
  | {
      kind: "route";
      verb: "add" | "del";
      dst: string;
      via?: string;
      dev: string;
      src?: string;
      table: string;
    }
  | { kind: "rule"; verb: "add" | "del"; from: string; table: string; priority: number }
  | { kind: "sysctl"; card: string; knob: string; value: number };

const TABLE = /^[1-9]\d{0,9}$/;
const KNOBS: Record<string, number> = { arp_ignore: 8, arp_announce: 2, rp_filter: 2, arp_filter: 1 };
const addr = (s: string | undefined) => {
  const a = s === undefined ? null : parseAddr(s);
  return a && a.family === 4 && formatAddr(a) === s ? s : null;
};

function pairs(words: string[], keys: string[]): Record<string, string> | null {
  const out: Record<string, string> = {};
  if (words.length % 2 !== 0) return null;
  for (let i = 0; i < words.length; i += 2) {
    const k = words[i] ?? "";
    if (!keys.includes(k) || k in out) return null;
    out[k] = words[i + 1] ?? "";
  }
  return out;
}

function typed(argv: readonly string[]): Typed | null {
  const [tool, a, b, ...rest] = argv;
  if (tool === "sysctl" && a === "-w" && b !== undefined && rest.length === 0) {
    const m = /^net\.ipv4\.conf\.([^=]+)\.([a-z_]+)=(\d)$/.exec(b);
    const card = m?.[1]?.replaceAll("/", ".") ?? "";
    const knob = m?.[2] ?? "";
    const value = Number(m?.[3]);
    const max = KNOBS[knob];
    if (
      !m ||
      max === undefined ||
      value > max ||
      !(card === "all" || card === "default" || validIfName(card))
    )
      return null;
    return { kind: "sysctl", card, knob, value };
  }
  if (tool !== "ip" || (b !== "add" && b !== "del")) return null;
  if (a === "rule") {
    const p = pairs(rest, ["from", "table", "priority"]);
    if (!p || !addr(p.from) || !TABLE.test(p.table ?? "") || !/^\d{1,5}$/.test(p.priority ?? "")) return null;
    return {
      kind: "rule",
      verb: b,
      from: p.from as string,
      table: p.table as string,
      priority: Number(p.priority),
    };
  }
  if (a !== "route") return null;
  const [dst, ...more] = rest;
  const prefix = dst === undefined ? null : parsePrefix(dst, { strict: true });
  const p = pairs(more, ["via", "dev", "src", "table"]);
  if (prefix?.addr.family !== 4 || !p || formatPrefix(prefix) !== dst) return null;
  if (
    !validIfName(p.dev ?? "") ||
    !TABLE.test(p.table ?? "") ||
    (p.via === undefined) === (p.src === undefined)
  )
    return null;
  if ((p.via !== undefined && !addr(p.via)) || (p.src !== undefined && !addr(p.src))) return null;
  const r: Typed = { kind: "route", verb: b, dst, dev: p.dev as string, table: p.table as string };
  if (p.via !== undefined) r.via = p.via;
  if (p.src !== undefined) r.src = p.src;
  return r;
}

function argvOf(t: Typed): string[] {
  if (t.kind === "sysctl")
    return ["sysctl", "-w", `net.ipv4.conf.${t.card.replaceAll(".", "/")}.${t.knob}=${t.value}`];
  if (t.kind === "rule")
    return ["ip", "rule", t.verb, "from", t.from, "table", t.table, "priority", String(t.priority)];
  const hop = t.via !== undefined ? ["via", t.via, "dev", t.dev] : ["dev", t.dev, "src", t.src ?? ""];
  return ["ip", "route", t.verb, t.dst, ...hop, "table", t.table];
}

function inverse(t: Typed, r: Typed): boolean {
  if (t.kind === "sysctl" || r.kind === "sysctl")
    return t.kind === "sysctl" && r.kind === "sysctl" && t.card === r.card && t.knob === r.knob;
  const flip = (x: Typed) => JSON.stringify(argvOf({ ...x, verb: "add" } as Typed));
  return t.verb === "add" && r.verb === "del" && flip(t) === flip(r);
}

/** The extra's reverts, newest first, rebuilt from typed records; or why none may run. */
export function extraReverts(i: IntentRecord): string[][] | string {
  const commands = i.extra?.commands ?? [];
  const out: string[][] = [];
  for (const [n, c] of commands.entries()) {
    const t = typed(c.argv);
    const r = typed(c.revert);
    if (!t || !r || !sameItems(argvOf(t), c.argv) || !sameItems(argvOf(r), c.revert))
      return `step ${n + 1} of the journaled fix is not a command dualhome makes: nothing was run`;
    if (!inverse(t, r))
      return `step ${n + 1} of the journaled fix has a revert that is not its inverse: nothing was run`;
    out.push(argvOf(r));
  }
  const first = commands[0];
  const last = commands[commands.length - 1];
  if (!first || !last || !sameItems(first.argv, i.argv) || !sameItems(last.revert, i.revertArgv))
    return "the journaled fix's commands disagree with its record: nothing was run";
  return out.reverse();
}
