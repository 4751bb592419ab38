// The per-card IPv4 knobs that decide what two cards on one subnet do with ARP and
// with asymmetric replies. A real value: /proc/sys/net/ipv4/conf/eth1/rp_filter → "1\n".
import type { IfSysctls } from "../../core/model.js";

export type ReadFile = (path: string) => Promise<string>;

const SYSCTL_KEYS = ["rp_filter", "arp_filter", "arp_ignore", "arp_announce"] as const;

/**
 * What the kernel applies to a card: for all four knobs the larger of `all` and
 * the card's own value (rp_filter since 2.6.32; arp_filter is an OR of 0/1).
 */
export function effectiveSysctls(all: IfSysctls, card: IfSysctls): IfSysctls {
  const out: IfSysctls = {};
  for (const k of SYSCTL_KEYS) {
    const a = all[k];
    const c = card[k];
    const v = a === undefined ? c : c === undefined ? a : Math.max(a, c);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** /proc/sys/net/ipv4/conf/<name>: names are kernel interface names, never paths. */
function safeName(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !name.includes("/") && !name.includes("\0");
}

async function readCard(name: string, readFile: ReadFile, warnings: string[]): Promise<IfSysctls | null> {
  const out: IfSysctls = {};
  const missing: string[] = [];
  await Promise.all(
    SYSCTL_KEYS.map(async (k) => {
      try {
        const text = (await readFile(`/proc/sys/net/ipv4/conf/${name}/${k}`)).trim();
        if (/^\d+$/.test(text)) out[k] = Number(text);
        else missing.push(`${k} (unreadable: "${text.slice(0, 20)}")`);
      } catch {
        missing.push(k);
      }
    }),
  );
  if (missing.length === SYSCTL_KEYS.length) return null;
  if (missing.length > 0) warnings.push(`sysctl ${name}: could not read ${missing.sort().join(", ")}`);
  return out;
}

interface SysctlResult {
  /** "all" as set, and each card's effective values (see effectiveSysctls). */
  value: Record<string, IfSysctls>;
  warnings: string[];
  /** Set when nothing at all could be read (no /proc, or no IPv4). */
  error?: string;
}

export async function readSysctls(cards: readonly string[], readFile: ReadFile): Promise<SysctlResult> {
  const warnings: string[] = [];
  const all = await readCard("all", readFile, warnings);
  if (all === null)
    return {
      value: {},
      warnings,
      error: "cannot read /proc/sys/net/ipv4/conf/all: is /proc mounted and IPv4 on?",
    };
  const value: Record<string, IfSysctls> = { all };
  await Promise.all(
    cards.map(async (name) => {
      if (!safeName(name)) {
        warnings.push(`sysctl: skipped card with odd name "${name}"`);
        return;
      }
      const own = await readCard(name, readFile, warnings);
      if (own === null) warnings.push(`sysctl ${name}: no IPv4 settings (card gone or IPv4 off)`);
      else value[name] = effectiveSysctls(all, own);
    }),
  );
  return { value, warnings };
}
