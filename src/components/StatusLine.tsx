// The line above the key bar: the open prompt, else the last message, else
// why the data is stale.
import { Text } from "ink";
import type { AppState, PartName } from "../app/live/state.js";
import { cell, type Glyphs, plain } from "./glyphs.js";
import { tailText, widthOf } from "./text-cells.js";

interface StatusLineProps {
  prompt: AppState["prompt"];
  status: string | null;
  /** From the change journal at start (an interrupted change): stays until Esc. */
  notice: string | null;
  error: string | null;
  partErrors: Partial<Record<PartName, string>>;
  width: number;
  g: Glyphs;
  color: boolean;
}

const PROMPTS = {
  filter: "/ filter: ",
  explain: "explain (e.g. 10.1.1.20, 10.1.1.20 port 5061 from 192.168.1.11): ",
  probe: "probe host:port (e.g. 10.1.1.20:5061): ",
} as const;

export function StatusLine(p: StatusLineProps) {
  const { g } = p;
  if (p.prompt) {
    const { text, cursor } = p.prompt;
    const before = plain(g, `${PROMPTS[p.prompt.kind]}${text.slice(0, cursor)}`);
    const rest = plain(g, text.slice(cursor));
    const under = [...rest][0] ?? "";
    // Keep the cursor in sight: what lies before it gives way first, then what lies after.
    const room = Math.max(1, p.width - Math.max(1, widthOf(under)));
    const left = tailText(before, Math.min(widthOf(before), room));
    const right = cell(g, rest.slice(under.length), Math.max(0, room - widthOf(left)));
    return (
      <Text color={p.color ? "cyan" : undefined} bold>
        {left}
        {under ? <Text inverse>{under}</Text> : g.caret}
        {right}
      </Text>
    );
  }
  if (p.status) return <Text>{cell(g, p.status, p.width)}</Text>;
  if (p.notice)
    return (
      <Text color={p.color ? "yellow" : undefined} bold>
        {cell(g, `${g.warning} ${p.notice}`, p.width)}
      </Text>
    );
  const parts = Object.entries(p.partErrors).map(([part, err]) => `${part}: ${err}`);
  const problem = p.error ?? (parts.length > 0 ? parts.join("; ") : null);
  if (problem)
    return (
      <Text color={p.color ? "yellow" : undefined}>
        {cell(g, `stale, showing the last good data ${g.sep} ${problem}`, p.width)}
      </Text>
    );
  return <Text> </Text>;
}
