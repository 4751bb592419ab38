// One line of text being typed, edited as a shell edits it: the cursor moves
// (←/→, Home/End, Ctrl-A/E), Ctrl-U and Ctrl-W cut, ↑/↓ walk the prompt's own
// history, and a paste lands at the cursor. Pure, so every prompt of the TUI
// (/, e, p, the add form) edits alike and a test can drive it without a terminal.

interface LineState {
  text: string;
  /** Position in UTF-16 units of `text`, never inside a surrogate pair. */
  cursor: number;
  /** Older entries first; ↑ walks back from the end. */
  history: readonly string[];
  /** Which history entry is shown; null while editing a fresh line. */
  historyAt: number | null;
  /** What was typed before ↑ was first pressed, restored by ↓ past the newest entry. */
  draft: string;
}

export type LineEdit =
  | { type: "insert"; text: string }
  | { type: "left" }
  | { type: "right" }
  | { type: "home" }
  | { type: "end" }
  | { type: "backspace" }
  | { type: "delete-forward" }
  | { type: "cut-to-start" }
  | { type: "cut-to-end" }
  | { type: "cut-word" }
  | { type: "history"; step: -1 | 1 };

export function lineState(text = "", history: readonly string[] = []): LineState {
  return { text, cursor: text.length, history, historyAt: null, draft: "" };
}

/** One character (code point) before or after `at`. */
function stepBack(text: string, at: number): number {
  if (at <= 0) return 0;
  const low = text.charCodeAt(at - 1);
  return low >= 0xdc00 && low <= 0xdfff && at >= 2 ? at - 2 : at - 1;
}
function stepForward(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const high = text.charCodeAt(at);
  return high >= 0xd800 && high <= 0xdbff && at + 1 < text.length ? at + 2 : at + 1;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: pasted text may carry line ends and control characters
const CONTROL = /[\x00-\x1f\x7f]/g;

const edited = (s: LineState, text: string, cursor: number): LineState => ({
  ...s,
  text,
  cursor,
  historyAt: null,
});

export function editLine(s: LineState, e: LineEdit): LineState {
  const { text, cursor } = s;
  switch (e.type) {
    case "insert": {
      // A pasted line end or tab becomes a space; other control characters go.
      const clean = e.text.replace(/[\r\n\t]+/g, " ").replace(CONTROL, "");
      if (!clean) return s;
      return edited(s, text.slice(0, cursor) + clean + text.slice(cursor), cursor + clean.length);
    }
    case "left":
      return { ...s, cursor: stepBack(text, cursor) };
    case "right":
      return { ...s, cursor: stepForward(text, cursor) };
    case "home":
      return { ...s, cursor: 0 };
    case "end":
      return { ...s, cursor: text.length };
    case "backspace": {
      const at = stepBack(text, cursor);
      return at === cursor ? s : edited(s, text.slice(0, at) + text.slice(cursor), at);
    }
    case "delete-forward": {
      const to = stepForward(text, cursor);
      return to === cursor ? s : edited(s, text.slice(0, cursor) + text.slice(to), cursor);
    }
    case "cut-to-start":
      return edited(s, text.slice(cursor), 0);
    case "cut-to-end":
      return edited(s, text.slice(0, cursor), cursor);
    case "cut-word": {
      // As readline's Ctrl-W: the spaces before the cursor, then the word before them.
      let at = cursor;
      while (at > 0 && text[at - 1] === " ") at--;
      while (at > 0 && text[at - 1] !== " ") at--;
      return edited(s, text.slice(0, at) + text.slice(cursor), at);
    }
    case "history": {
      if (s.history.length === 0) return s;
      const from = s.historyAt ?? s.history.length;
      const to = Math.max(0, Math.min(s.history.length, from + e.step));
      if (to === from) return s;
      const draft = s.historyAt === null ? text : s.draft;
      const shown = to === s.history.length ? draft : (s.history[to] ?? "");
      return {
        ...s,
        text: shown,
        cursor: shown.length,
        historyAt: to === s.history.length ? null : to,
        draft,
      };
    }
  }
}

/** The keys of a terminal line editor, as Ink reports them (src/app does not import Ink). */
interface LineKey {
  leftArrow?: boolean;
  rightArrow?: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  home?: boolean;
  end?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
}

/** The edit a key asks for, or null when the key is not an editing key (Enter, Esc, Tab). */
export function lineEditFor(input: string, key: LineKey): LineEdit | null {
  if (key.leftArrow) return { type: "left" };
  if (key.rightArrow) return { type: "right" };
  if (key.upArrow) return { type: "history", step: -1 };
  if (key.downArrow) return { type: "history", step: 1 };
  if (key.home) return { type: "home" };
  if (key.end) return { type: "end" };
  // Most terminals send DEL (0x7f) for Backspace, which Ink names "delete".
  if (key.backspace || key.delete) return { type: "backspace" };
  if (key.ctrl) {
    const byCtrl: Record<string, LineEdit> = {
      a: { type: "home" },
      e: { type: "end" },
      b: { type: "left" },
      f: { type: "right" },
      u: { type: "cut-to-start" },
      k: { type: "cut-to-end" },
      w: { type: "cut-word" },
      d: { type: "delete-forward" },
      h: { type: "backspace" },
    };
    return byCtrl[input] ?? null;
  }
  if (key.meta || !input) return null;
  return { type: "insert", text: input };
}

/** How many history entries a prompt keeps. */
const HISTORY_MAX = 50;

/** `history` with `entry` as the newest one (a repeat moves to the end; blanks are not kept). */
export function remember(history: readonly string[], entry: string): string[] {
  const e = entry.trim();
  if (!e) return [...history];
  return [...history.filter((h) => h !== e), e].slice(-HISTORY_MAX);
}
