// The guided fix (`dualhome fix`, `F` in the live screen): a wizard over the
// session's state. It renders and maps keys to the session; it does no I/O.
import { Box, Text, useInput } from "ink";
import { useSyncExternalStore } from "react";
import { intentOfKey, isTextPhase } from "../../app/fix/keys.js";
import type { FixSession } from "../../app/fix/session.js";
import type { FixState } from "../../app/fix/types.js";
import { cell, glyphsFor } from "../glyphs.js";
import { type Size, useTerminalSize } from "../use-terminal-size.js";
import { inputLines, keysFor, type Line, observeLines, questionLines } from "./ask-lines.js";
import { ChoiceList } from "./ChoiceList.js";
import { pendingLines } from "./pending-lines.js";
import { planLines, resultLines, stepLines } from "./step-lines.js";

interface FixWizardProps {
  session: Pick<FixSession, "store" | "send" | "keep" | "revert">;
  ascii: boolean;
  color: boolean;
  /** Called when the operator leaves (q, or Enter at the end), with the last state. */
  onExit: (s: FixState) => void;
  size?: Size;
}

const TITLES: Record<string, string> = {
  pending: "a change is counting down",
  observing: "looking",
  observed: "what is wrong",
  plan: "the plan",
  proving: "the proof",
  proved: "the proof",
  writing: "writing",
  done: "done",
  fatal: "stopped",
};

function title(s: FixState): string {
  const k = s.phase.kind;
  if (k.startsWith("ask-")) return "questions";
  return TITLES[k] ?? "applying the plan";
}

export function FixWizard({ session, ascii, color, onExit, size }: FixWizardProps) {
  const s = useSyncExternalStore(session.store.subscribe, session.store.getState);
  const { columns, rows } = useTerminalSize(size);
  const g = glyphsFor(ascii);
  const width = Math.max(40, columns - 1);
  const body = Math.max(6, rows - 5);
  const choosing = (s.phase.kind === "ask-card" || s.phase.kind === "ask-gateway") && !isTextPhase(s);
  useInput((input, key) => {
    const intent = intentOfKey(s, input, key);
    if (intent.do === "send") session.send(intent.event);
    else if (intent.do === "keep") session.keep();
    else if (intent.do === "revert") session.revert();
    else if (intent.do === "exit") onExit(s);
  });
  let lines: Line[];
  const k = s.phase.kind;
  if (k === "pending") lines = pendingLines(s, g, width);
  else if (k === "observing" || k === "observed") lines = observeLines(s, g, width);
  else if (k.startsWith("ask-"))
    lines = [...questionLines(s, g, width), ...(choosing ? [] : inputLines(s, g, width))];
  else if (k === "plan") lines = planLines(s, g, width, body);
  else if (k === "preparing" || k === "confirm" || k === "applying" || k === "keep")
    lines = stepLines(s, g, width, body);
  else lines = resultLines(s, g, width, body);
  const choices = s.phase.kind === "ask-card" ? s.suggestions.cards : s.suggestions.gateways;
  const shown = lines.slice(0, choosing ? Math.max(2, body - Math.min(choices.length, 6)) : body);
  const head = `dualhome fix ${g.sep} ${s.host || "…"} ${g.sep} ${s.platform} ${g.sep} ${title(s)}`;
  const note = s.note ?? "";
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>{cell(g, head, width)}</Text>
      <Text dimColor>{g.box.h.repeat(width)}</Text>
      {shown.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one view, in order
        <Text key={i} bold={!!l.bold} dimColor={!!l.dim} color={color ? l.color : undefined}>
          {cell(g, l.text, width)}
        </Text>
      ))}
      {choosing ? (
        <ChoiceList
          key={s.phase.kind}
          choices={choices}
          onSelect={(value) => session.send({ type: "choose", value })}
          g={g}
          width={width}
          limit={Math.max(1, body - shown.length)}
        />
      ) : null}
      {note ? <Text color={color ? "yellow" : undefined}>{cell(g, note, width)}</Text> : null}
      <Text dimColor>{cell(g, keysFor(s), width)}</Text>
    </Box>
  );
}
