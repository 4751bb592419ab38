// What is wrong, one line each, errors first; `f` will fix the selected one.

import { Box, Text } from "ink";
import { windowOf } from "../app/live/view-model.js";
import type { Finding } from "../core/model.js";
import { cell, type Glyphs } from "./glyphs.js";

interface FindingsProps {
  findings: readonly Finding[];
  height: number;
  cursor: number;
  offset: number;
  focused: boolean;
  width: number;
  g: Glyphs;
  color: boolean;
  /** The findings filter and how many findings there are before it. */
  filter: string;
  total: number;
}

const SEVERITY_COLOR = { error: "red", warning: "yellow", info: "blue" } as const;

function findingText(g: Glyphs, f: Finding): string {
  const mark = f.severity === "error" ? g.error : f.severity === "warning" ? g.warning : g.info;
  return `${mark} ${f.message}${f.fix.length > 0 ? "   [f] fix" : ""}`;
}

export function Findings(p: FindingsProps) {
  const { g } = p;
  if (p.height <= 0) return null;
  // The area keeps its height (the layout reserves it), so nothing below it moves either.
  if (p.findings.length === 0)
    return (
      <Box flexDirection="column" width={p.width} height={p.height}>
        {p.total > 0 ? (
          // Hidden is not healthy: no green tick while a filter hides what is wrong.
          <Text color={p.color ? "yellow" : undefined}>
            {cell(
              g,
              `${g.warning} ${p.total} finding${p.total === 1 ? "" : "s"} hidden by /${p.filter} (Esc in Findings clears)`,
              p.width,
            )}
          </Text>
        ) : (
          <Text color={p.color ? "green" : undefined}>{cell(g, `${g.ok} no findings`, p.width)}</Text>
        )}
      </Box>
    );
  const overflow = !p.focused && p.findings.length > p.height;
  const page = overflow ? p.height - 1 : p.height;
  const win = windowOf(p.findings.length, p.cursor, p.offset, page);
  const shown = p.findings.slice(win.start, win.end);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      {shown.map((f, i) => (
        <Text
          key={`${f.id}:${f.subject ?? f.message}`}
          color={p.color ? SEVERITY_COLOR[f.severity] : undefined}
          inverse={p.focused && win.start + i === win.cursor}
        >
          {cell(g, findingText(g, f), p.width)}
        </Text>
      ))}
      {overflow ? (
        <Text dimColor>{cell(g, `  +${p.findings.length - page} more: Tab to Findings`, p.width)}</Text>
      ) : null}
    </Box>
  );
}
