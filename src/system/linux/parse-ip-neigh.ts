// `ip -json neigh show dev <card>`: the card's neighbour (ARP) table. A real row
// (iproute2-6.1.0, the lab's server namespace; with `dev` the rows omit it):
//   {"dst":"192.168.1.254","lladdr":"62:f1:7a:7b:1c:81","state":["REACHABLE"]}
//   {"dst":"192.168.1.77","state":["FAILED"]}
import { errorText } from "../../core/errors.js";
import { normalizeAddr } from "../../core/ip.js";
import type { Neighbour, NeighbourRead } from "../../core/model.js";

function text(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : null;
}

/** `card` names the rows when the command was limited to one card (no `dev` field then). */
export function parseIpNeighJson(input: string, card?: string): NeighbourRead {
  const warnings: string[] = [];
  if (input.trim() === "") return { neighbours: [], warnings };
  let rows: unknown;
  try {
    rows = JSON.parse(input);
  } catch (e) {
    return {
      neighbours: [],
      warnings,
      error: `ip -json neigh printed no JSON: ${errorText(e)}`,
    };
  }
  if (!Array.isArray(rows)) return { neighbours: [], warnings, error: "ip -json neigh: expected a list" };
  const neighbours: Neighbour[] = [];
  rows.forEach((row: unknown, i) => {
    const r = (row ?? {}) as Record<string, unknown>;
    const dst = text(r.dst);
    const address = dst ? normalizeAddr(dst) : null;
    const dev = text(r.dev) ?? card ?? null;
    if (!address || !dev) {
      warnings.push(`ip neigh row ${i + 1} skipped: ${JSON.stringify(row).slice(0, 80)}`);
      return;
    }
    const states = Array.isArray(r.state) ? r.state.filter((s): s is string => typeof s === "string") : [];
    neighbours.push({
      address,
      mac: text(r.lladdr)?.toLowerCase() ?? null,
      card: dev,
      state: states.join(",") || "UNKNOWN",
      router: r.router !== undefined && r.router !== false,
    });
  });
  return { neighbours, warnings };
}
