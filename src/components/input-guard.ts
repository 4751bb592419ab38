// Ink 6.8.0's useInput throws a TypeError on escape sequences it cannot name (a pasted
// `ESC[31m`, an OSC title, a terminal's reply), which kills the live screen, even in
// the middle of a rollback countdown. Such sequences are no key: they are dropped
// before Ink reads them. Keys Ink knows (arrows, Home/End, PgUp/PgDn, F1-F12, Esc)
// pass as they are.

// A CSI sequence: ESC [ parameters intermediates final.
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are the subject
const CSI = /\x1b\[([\x30-\x3f]*)([\x20-\x2f]*)([\x40-\x7e])/g;
// OSC, DCS, SOS, PM and APC strings, ended by BEL or ST (or cut off at the chunk's end).
// biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are the subject
const STRING = /\x1b[\]P^_X][^\x07\x1b]*(\x07|\x1b\\|$)/g;

/** Whether Ink names this CSI sequence (checked against Ink 6.8.0's parse-keypress). */
function known(params: string, intermediates: string, final: string): boolean {
  if (intermediates !== "" || !/^[0-9]*(;[0-9]+)*$/.test(params)) return false;
  if ("ABCDEFHZ~".includes(final)) return true;
  // F1-F4 as CSI: bare or "1" only; with modifiers Ink cannot name them.
  if ("PQRS".includes(final)) return params === "" || params === "1";
  return false;
}

/** The keys in `chunk`, without the escape sequences Ink cannot read. */
export function keysOnly(chunk: string): string {
  return chunk
    .replace(STRING, "")
    .replace(CSI, (all, params: string, mid: string, final: string) =>
      known(params, mid, final) ? all : "",
    );
}

/** `stdin` as Ink reads it (stdin.read() on 'readable'), with every chunk passed through keysOnly. */
export function guardedStdin(stdin: NodeJS.ReadStream): NodeJS.ReadStream {
  return new Proxy(stdin, {
    get(target, prop) {
      if (prop === "read")
        return (size?: number) => {
          const chunk: unknown = target.read(size);
          if (chunk === null) return null;
          return keysOnly(typeof chunk === "string" ? chunk : String(chunk));
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
