// The live screen's log: Ink's standard log (ink 6.8, build/log-update.js) erases
// the whole last frame and writes the next one whole, fifty lines of two hundred
// columns for a key press that moved one row; a terminal parsing that is most of
// what a press costs. When the next frame has as many lines as the last and both
// fit on the screen, this writes only the lines that changed, in place: the cursor
// goes up to the frame's first line (where the standard log's erase would end) and
// down line by line. Anything else (the first frame, a frame of another height, the
// first frame after a resize, a frame taller than the screen, a visible cursor)
// goes through the standard log itself, so it is drawn exactly as before.
// Ink's own incremental log was tried first: it misplaced lines when a frame grew
// and after a resize (a lost title line, a border twice, on a real tmux screen).
import { createRequire } from "node:module";
import path from "node:path";
import type { Writable } from "node:stream";
import { pathToFileURL } from "node:url";

interface LogOptions {
  showCursor?: boolean;
  incremental?: boolean;
}

/** The shape of the function log-update's `create` returns, as Ink uses it. */
interface Log {
  (text: string): boolean;
  clear(): void;
  done(): void;
  sync(text: string): void;
  setCursorPosition(position: unknown): void;
  isCursorDirty(): boolean;
  willRender(text: string): boolean;
}

type Create = (stream: Writable, options?: LogOptions) => Log;
type Screen = Writable & { rows?: number };

const ESC = "\u001b[";

/** The bytes that turn the frame `before` on screen into `after`; null when it must be drawn whole. */
export function changedLines(before: string, after: string, rows: number): string | null {
  const old = before.split("\n");
  const next = after.split("\n");
  if (before === "" || old.length !== next.length || next.length > rows) return null;
  let out = old.length > 1 ? `${ESC}${old.length - 1}A\r` : "\r";
  for (let i = 0; i < next.length; i++) {
    if (i > 0) out += "\n";
    if (next[i] !== old[i]) out += `\r${ESC}2K${next[i]}`;
  }
  return out;
}

/**
 * Wraps `create`: asked for an incremental log, it gives Ink's standard log with
 * unchanged lines left alone (see above); otherwise Ink's own log as it was.
 */
function rowDiffing(create: Create): Create {
  return (stream: Screen, options = {}) => {
    if (!options.incremental) return create(stream, options);
    const inner = create(stream, { ...options, incremental: false });
    let onScreen = "";
    let whole = true;
    const onResize = () => {
      whole = true;
    };
    stream.on("resize", onResize);
    const log = ((text: string) => {
      const diff =
        whole || inner.isCursorDirty() || text === onScreen
          ? null
          : changedLines(onScreen, text, stream.rows ?? 0);
      whole = false;
      if (diff === null) {
        const wrote = inner(text);
        if (wrote) onScreen = text;
        return wrote;
      }
      stream.write(diff);
      inner.sync(text);
      onScreen = text;
      return true;
    }) as Log;
    log.clear = () => {
      inner.clear();
      onScreen = "";
    };
    log.done = () => {
      stream.off("resize", onResize);
      onScreen = "";
      inner.done();
    };
    log.sync = (text) => {
      inner.sync(text);
      onScreen = text;
    };
    log.setCursorPosition = (position) => inner.setCursorPosition(position);
    log.isCursorDirty = () => inner.isCursorDirty();
    log.willRender = (text) => inner.willRender(text);
    return log;
  };
}

let patched = false;
let wanted = false;

/**
 * Whether the live screen asks Ink for an incremental log, which is then this one:
 * only where the patch is in place (else Ink's own incremental log would draw) and
 * the caller turned it on. Off under Wine's console, which draws these frames wrong.
 */
export function rowDiffingOn(): boolean {
  return patched && wanted;
}

export function setRowDiffing(enabled: boolean): void {
  wanted = enabled;
}

/** Puts the wrapper into log-update's default export, which Ink reads when it starts. */
export function patchLogUpdate<T extends { create: Create }>(logUpdate: T): T {
  logUpdate.create = rowDiffing(logUpdate.create);
  patched = true;
  return logUpdate;
}

declare const __DUALHOME_BUNDLED__: boolean | undefined;

/**
 * Patches Ink's log-update module on disk. The single executable does not need
 * this: its bundle applies patchLogUpdate to that module as it loads it. Returns
 * false where Ink's module is not on disk.
 */
export async function installRowDiffingLog(): Promise<boolean> {
  if (patched || typeof __DUALHOME_BUNDLED__ === "boolean") return patched;
  let url: string;
  try {
    const index = createRequire(import.meta.url).resolve("ink");
    url = pathToFileURL(path.join(path.dirname(index), "log-update.js")).href;
  } catch {
    return false;
  }
  const { default: logUpdate } = (await import(url)) as { default: { create: Create } };
  patchLogUpdate(logUpdate);
  return true;
}
