// Top line: which host, how it is read, how fresh the data is, which policy.
import { Box, Text } from "ink";
import { cell, type Glyphs, plain } from "./glyphs.js";

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

export function intervalText(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)}s`;
}

const MODE_COLOR = { starting: "gray", live: "green", stale: "yellow", paused: "yellow" } as const;

export function Header(p: HeaderProps) {
  const { g } = p;
  const simulated = p.platform === "simulated";
  const parts = [p.host ?? "...", simulated ? `${p.os} (simulated)` : p.os];
  if (!simulated || p.collector !== "simulated") parts.push(p.collector);
  parts.push(`every ${intervalText(p.intervalMs)}`);
  const mode = p.mode === "stale" ? "STALE" : p.mode;
  let right = `${p.readOnly ? "read-only  " : ""}policy: ${p.policySource}  ? help`;
  if (right.length + mode.length + 30 > p.width) right = "? help";
  const full = `dualhome  ${parts.join(` ${g.sep} `)} ${g.sep} `;
  // The mode (live / STALE / paused) always shows; the host line gives way first.
  const room = Math.max(0, p.width - right.length - mode.length - 1);
  const left = full.length <= room ? full : `${cell(g, full, room - 1)} `;
  const gap = Math.max(1, p.width - left.length - mode.length - right.length);
  return (
    <Box width={p.width}>
      <Text bold>{plain(g, left)}</Text>
      <Text color={p.color ? MODE_COLOR[p.mode] : undefined} bold inverse={p.mode === "stale"}>
        {mode}
      </Text>
      <Text>{" ".repeat(gap)}</Text>
      <Text>{cell(g, right, Math.max(0, p.width - left.length - mode.length - gap))}</Text>
    </Box>
  );
}
