// The guided fix's keys, phase by phase, as data the wizard acts on. Choice
// questions are driven by ink-select-input itself (arrows, Enter).
import type { FixEvent } from "./machine.js";
import type { FixState } from "./types.js";

export interface KeyLike {
  return?: boolean;
  escape?: boolean;
  backspace?: boolean;
  delete?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
}

type FixIntent =
  | { do: "send"; event: FixEvent }
  | { do: "keep" }
  | { do: "revert" }
  | { do: "exit" }
  | { do: "none" };

const NONE: FixIntent = { do: "none" };
const send = (event: FixEvent): FixIntent => ({ do: "send", event });

export function isTextPhase(s: FixState): boolean {
  const p = s.phase;
  return (
    (p.kind === "ask-gateway" && p.typing) ||
    p.kind === "ask-ranges" ||
    p.kind === "ask-proof" ||
    p.kind === "ask-policy"
  );
}

function textKey(s: FixState, input: string, key: KeyLike): FixIntent {
  if (key.return) return send({ type: "submit" });
  if (key.escape) return send({ type: "back" });
  if (key.backspace || key.delete) return send({ type: "text", text: s.text.slice(0, -1) });
  if (key.ctrl && input === "u") return send({ type: "text", text: "" });
  if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return NONE;
  // A paste arrives as one chunk; control characters never belong in an answer.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const typed = input.replace(/[\x00-\x1f\x7f]/g, "");
  return typed ? send({ type: "text", text: s.text + typed }) : NONE;
}

export function intentOfKey(s: FixState, input: string, key: KeyLike): FixIntent {
  if (isTextPhase(s)) return textKey(s, input, key);
  const p = s.phase;
  switch (p.kind) {
    case "pending":
      // The same keys as after a step: c keeps, n reverts; nothing is planned until one is pressed.
      if (input === "c" || input === "C") return { do: "keep" };
      if (input === "n" || input === "N") return { do: "revert" };
      return input === "q" ? { do: "exit" } : NONE;
    case "observing":
      return input === "q" ? { do: "exit" } : NONE;
    case "observed":
      if (key.return) return send({ type: "next" });
      return input === "q" ? { do: "exit" } : NONE;
    case "ask-card":
    case "ask-gateway":
      if (key.escape) return send({ type: "back" });
      return input === "q" ? { do: "exit" } : NONE;
    case "plan":
      if (key.upArrow || input === "k") return send({ type: "move", delta: -1 });
      if (key.downArrow || input === "j") return send({ type: "move", delta: 1 });
      // As in the live screen: g and G go to the first and last row.
      if (input === "g") return send({ type: "move", delta: -s.plan.length });
      if (input === "G") return send({ type: "move", delta: s.plan.length });
      if (input === " ") return send({ type: "toggle" });
      if (key.return) return send({ type: "next" });
      if (key.escape) return send({ type: "back" });
      return input === "q" ? { do: "exit" } : NONE;
    case "confirm":
      if (input === "y" || input === "Y") return send({ type: "confirm", yes: true });
      if (input === "n" || input === "N") return send({ type: "confirm", yes: false });
      if (key.escape)
        return send({ type: "stop", reason: `stopped by the operator before step ${p.step + 1}` });
      return NONE;
    case "keep":
      // The live screen's keep key, and only it: k (move up in the plan) typed ahead must not keep.
      if (input === "c" || input === "C") return { do: "keep" };
      if (input === "n" || input === "N") return { do: "revert" };
      return NONE;
    case "proved":
      return key.return ? send({ type: "next" }) : NONE;
    case "done":
    case "fatal":
      return key.return || input === "q" || key.escape ? { do: "exit" } : NONE;
    default:
      return NONE;
  }
}
