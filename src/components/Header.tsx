// Top line: which host, how it is read, how fresh the data is, which policy.
import { Box, Text } from "ink";
import { cell, type Glyphs, plain } from "./glyphs.js";
import { widthOf } from "./text-cells.js";

export interface HeaderProps {
  host: string | null;
  os: string;
  platform: string;
  collector: string;
  intervalMs: number;
  mode: "starting" | "live" | "stale" | "paused";
  readOnly: boolean;
  policySource: string;
  width: number;
  g: Glyphs;
  color: boolean;
}

function intervalText(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}

const MODE_COLOR = { starting: "gray", live: "green", stale: "yellow", paused: "yellow" } as const;

/**
 * The richest header that fits: the mode (live / STALE / paused) and read-only always
 * show; the policy gives way first (the key bar has "? help"), then the collector;
 * only when even that is too wide is the host line cut.
 */
function headerText(p: HeaderProps): { left: string; mode: string; right: string } {
  const { g } = p;
  const simulated = p.platform === "simulated";
  const every = `every ${intervalText(p.intervalMs)}`;
  const os = simulated ? `${p.os} (simulated)` : p.os;
  const collector = !simulated || p.collector !== "simulated" ? [p.collector] : [];
  const mode = p.mode === "stale" ? "STALE" : p.mode;
  const ro = p.readOnly ? "read-only" : "";
  const policy = `policy: ${p.policySource}`;
  const rights = [[ro, policy, "? help"], [ro, policy], [ro, "? help"], [ro]].map((r) =>
    r.filter(Boolean).join("  "),
  );
  const lefts = [
    [p.host ?? "...", os, ...collector, every],
    [p.host ?? "...", os, every],
  ].map((parts) => `dualhome  ${parts.join(` ${g.sep} `)} ${g.sep} `);
  for (const left of lefts)
    for (const right of rights)
      if (widthOf(left) + widthOf(mode) + (right ? widthOf(right) + 1 : 0) <= p.width)
        return { left, mode, right };
  const right = rights[rights.length - 1] ?? "";
  const room = Math.max(0, p.width - (right ? widthOf(right) + 1 : 0) - widthOf(mode));
  const full = lefts[0] ?? "";
  return { left: widthOf(full) <= room ? full : `${cell(g, full, room - 1)} `, mode, right };
}

export function Header(p: HeaderProps) {
  const { left, mode, right } = headerText(p);
  const gap = Math.max(right ? 1 : 0, p.width - widthOf(left) - widthOf(mode) - widthOf(right));
  return (
    <Box width={p.width}>
      <Text bold>{plain(p.g, left)}</Text>
      <Text color={p.color ? MODE_COLOR[p.mode] : undefined} bold inverse={p.mode === "stale"}>
        {mode}
      </Text>
      <Text>{" ".repeat(gap)}</Text>
      <Text>{cell(p.g, right, Math.max(0, p.width - widthOf(left) - widthOf(mode) - gap))}</Text>
    </Box>
  );
}
