// What every command gets: where to write, how to run OS commands, facts about the host.
import type { OsKind } from "../core/model.js";
import type { CommandRunner } from "../system/exec/runner-types.js";
import type { RemoteHost } from "../system/remote-host.js";

export interface Ctx {
  out: (text: string) => void;
  err: (text: string) => void;
  runner: CommandRunner;
  os: OsKind | "unsupported";
  isRoot: boolean;
  /** How people start us, for hints: "dualhome" or "npx dualhome". */
  self: string;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  /** stdout is a terminal and neither --no-color nor NO_COLOR: the text may carry colour marks (paint.ts). */
  color?: boolean;
  /** --ascii or DUALHOME_ASCII=1: text is 7-bit ASCII, and JSON escapes the rest as \uXXXX. */
  ascii?: boolean;
  /** --ssh: the host every command reads (ctx.runner, os and isRoot are that host's). */
  remote?: RemoteHost;
}

/** An error for people: one line on stderr, then exit with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = "CliError";
  }
}

// JSON.stringify escapes C0 but leaves DEL and C1 (0x9b is CSI on many terminals) raw.
const JSON_RAW = /[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** JSON text whose strings hold no raw control character (escaped as \uXXXX, still valid JSON). */
function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    JSON_RAW,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function printJson(ctx: Ctx, value: unknown): void {
  const text = jsonText(value);
  // The same data in 7-bit ASCII: a card named イーサネット stays itself, escaped, not "?".
  const ascii = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  ctx.out(`${ctx.ascii ? text.replace(/[^ -~\t\n\r]/g, ascii) : text}\n`);
}

const ERROR_LINE_MAX = 1000;

/** Error text with every line cut: an error that echoes a huge input stays readable. */
export function errorLines(text: string): string {
  return text
    .split("\n")
    .map((l) =>
      l.length > ERROR_LINE_MAX
        ? `${l.slice(0, ERROR_LINE_MAX)}… (${l.length - ERROR_LINE_MAX} more characters)`
        : l,
    )
    .join("\n");
}

/** The options every command shares, as commander parsed them. */
export type Globals = {
  policy?: string;
  interval: string;
  readOnly?: boolean;
  color: boolean;
  ascii?: boolean;
};
