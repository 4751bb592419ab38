// Keys → actions. The prompt takes every key while it is open; help closes on
// any key; everything else goes through the key table.
import { type Key, useInput } from "ink";
import type { ChangeController } from "../app/live/change-controller.js";
import type { Controller } from "../app/live/controller.js";
import { type Command, commandFor, specOf } from "../app/live/keymap.js";
import { editLine, lineEditFor } from "../app/live/line-edit.js";
import type { Action, AppState, Pane } from "../app/live/state.js";
import type { Store } from "../app/store.js";
import { endpointText } from "../core/classify.js";
import type { Connection } from "../core/model.js";
import { changeActions, changeKey } from "./change-keys.js";

interface KeyContext {
  store: Store<AppState, Action>;
  controller: Controller;
  /** Rows per pane after filtering, and rows on screen per pane. */
  totals: Record<Pane, number>;
  pages: Record<Pane, number>;
  onQuit: () => void;
  /** a, d, f, u, y, n, c; absent where routes cannot be changed. */
  changes?: ChangeController | undefined;
  /** What a, d, f, u say without changes. */
  noChanges?: string | undefined;
  /** The flow under the cursor in Connections (e and p start from it). */
  selectedFlow?: (() => Connection | undefined) | undefined;
  /** F: leave the live screen for the guided fix; absent where it cannot run. */
  onGuided?: (() => void) | undefined;
}

function promptKey(ctx: KeyContext, s: AppState, input: string, key: Key): void {
  const { store, controller } = ctx;
  const prompt = s.prompt;
  if (!prompt) return;
  if (key.escape) store.dispatch({ type: "prompt-cancel" });
  else if (key.return) {
    store.dispatch({ type: "prompt-submit" });
    if (prompt.kind === "explain") controller.explain(prompt.text);
    if (prompt.kind === "probe") void controller.probe(prompt.text);
  } else {
    const edit = lineEditFor(input, key);
    if (!edit) return;
    const line = { ...prompt, history: s.history[prompt.kind] };
    const next = editLine(line, edit);
    const { text, cursor, historyAt, draft } = next;
    if (next !== line) store.dispatch({ type: "prompt-edit", text, cursor, historyAt, draft });
  }
}

/** `e` and `p` start from the selected flow: its destination (and port and source), its remote end. */
function prefill(ctx: KeyContext, s: AppState, kind: "explain" | "probe"): string {
  const conn = s.pane === "connections" ? ctx.selectedFlow?.() : undefined;
  if (!conn) return "";
  if (kind === "probe") return endpointText(conn.remote);
  return `${conn.remote.address} port ${conn.remote.port} from ${conn.local.address}`;
}

function actionsFor(ctx: KeyContext, s: AppState): Partial<Record<Command, () => void>> {
  const { store, controller } = ctx;
  const total = ctx.totals[s.pane];
  const page = ctx.pages[s.pane];
  const send = (a: Action) => () => store.dispatch(a);
  return {
    quit: ctx.onQuit,
    help: send({ type: "toggle-help" }),
    "next-pane": send({ type: "focus-next" }),
    up: send({ type: "move", delta: -1, total, page }),
    down: send({ type: "move", delta: 1, total, page }),
    "page-up": send({ type: "move", delta: -page, total, page }),
    "page-down": send({ type: "move", delta: page, total, page }),
    top: send({ type: "move-to", index: 0, total, page }),
    bottom: send({ type: "move-to", index: total - 1, total, page }),
    filter: send({ type: "prompt-open", kind: "filter" }),
    "wrong-only": send({ type: "toggle-wrong-only" }),
    pause: () => controller.togglePause(),
    refresh: () => controller.refresh(),
    guided:
      ctx.onGuided ??
      send({
        type: "status",
        text: "the guided fix is not available here: run `dualhome fix` (or `dualhome fix --demo`)",
      }),
    explain: () => store.dispatch({ type: "prompt-open", kind: "explain", text: prefill(ctx, s, "explain") }),
    probe: controller.canProbe
      ? () => store.dispatch({ type: "prompt-open", kind: "probe", text: prefill(ctx, s, "probe") })
      : send({ type: "status", text: "probe is not available here: use `dualhome probe <host> <port>`" }),
    dismiss: send({ type: "dismiss" }),
    detail: send({ type: "detail-open" }),
    sort: send({ type: "sort-next" }),
    "sort-reverse": send({ type: "sort-reverse" }),
    ...changeActions(ctx),
  };
}

function handleKey(ctx: KeyContext, input: string, key: Key): void {
  const { store } = ctx;
  const s = store.getState();
  if (changeKey(ctx, s, input, key)) return;
  if (s.prompt) {
    promptKey(ctx, s, input, key);
    return;
  }
  if (s.helpOpen) {
    // ↓ j space PgDn page on through a help taller than the screen; ↑ k PgUp back; anything else closes.
    const down = key.downArrow || key.pageDown || input === "j" || input === " ";
    const up = key.upArrow || key.pageUp || input === "k";
    if (input === "q") ctx.onQuit();
    else if (down || up) store.dispatch({ type: "help-page", delta: down ? 1 : -1 });
    else store.dispatch({ type: "toggle-help" });
    return;
  }
  const cmd = commandFor(input, key);
  if (!cmd) return;
  const spec = specOf(cmd);
  if (spec && !spec.available) {
    store.dispatch({ type: "status", text: `not yet: ${spec.label} (${spec.keys}) is being built` });
    return;
  }
  if (s.status) store.dispatch({ type: "status", text: null });
  actionsFor(ctx, s)[cmd]?.();
}

/** A chunk of several characters ("/3389" typed fast over a slow RDP or SSH link) is taken key by key. */
function handleInput(ctx: KeyContext, input: string, key: Key): void {
  // Esc then a key, arriving together, reads as Alt+key; there are no Alt bindings, so take it as both.
  if (key.meta && !key.escape && !key.ctrl && input.length === 1 && input >= " " && input <= "~") {
    handleKey(ctx, "", { ...key, meta: false, escape: true });
    handleKey(ctx, input, { ...key, meta: false });
    return;
  }
  const plainChunk = input.length > 1 && !key.ctrl && !key.meta && !input.includes("\x1b");
  if (!plainChunk) {
    handleKey(ctx, input, key);
    return;
  }
  for (const ch of input) {
    const k: Key = {
      ...key,
      return: ch === "\r" || ch === "\n",
      tab: ch === "\t",
      backspace: ch === "\b",
      delete: ch === "\x7f",
    };
    if (k.return || k.tab || k.backspace || k.delete) handleKey(ctx, "", k);
    // "p" then Ctrl-U in one chunk: the control byte is Ctrl+letter, as Ink reads it alone.
    else if (ch < " ") handleKey(ctx, String.fromCharCode(ch.charCodeAt(0) + 96), { ...k, ctrl: true });
    else handleKey(ctx, ch, k);
  }
}

export function useKeys(ctx: KeyContext): void {
  useInput((input, key) => handleInput(ctx, input, key));
}
