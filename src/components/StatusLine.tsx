// The line above the key bar: the open prompt, else the last message, else
// why the data is stale.
import { Text } from "ink";
import type { AppState, PartName } from "../app/state.js";
import { cell, type Glyphs } from "./glyphs.js";

export interface StatusLineProps {
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
    const text = `${PROMPTS[p.prompt.kind]}${p.prompt.text}${g.caret}`;
    // Keep the end of a long input visible: that is where the typing happens.
    const shown = text.length > p.width ? text.slice(text.length - p.width) : text;
    return (
      <Text color={p.color ? "cyan" : undefined} bold>
        {cell(g, shown, p.width)}
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
