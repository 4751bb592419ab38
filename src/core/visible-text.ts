// Text from elsewhere (card names, saved files, tool output, errors) is printed to a
// terminal that obeys escape sequences: ESC, OSC, CSI (C1 0x9b), CR, NUL and the like
// could retitle the window, clear the screen or hide what comes next. Every such
// character is shown as a visible escape instead, so people see what is there.

// C0 (but tab and newline, handled per use), DEL, C1, and the bidirectional and line
// separator controls that make text read differently from what it holds.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROLS_AND_BREAKS = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escaped(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === "\n") return "\\n";
  if (ch === "\t") return "\\t";
  if (ch === "\r") return "\\r";
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}

/** Text of several lines for a terminal: newlines and tabs stay, every other control is shown escaped. */
export function visibleText(text: string): string {
  return text.replace(CONTROLS, escaped);
}

/** One field (a name, a value) on one line: newlines and tabs are escaped as well. */
export function visibleField(text: string): string {
  return text.replace(CONTROLS_AND_BREAKS, escaped);
}

/**
 * What someone typed or a file held, echoed in an error: on one line, escaped, and cut
 * to `max` characters so a megabyte argument does not become a megabyte message.
 */
export function echoInput(text: string, max = 80): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;
  return visibleField(cut);
}

const TRANSLIT: Record<string, string> = {
  "→": "->",
  "←": "<-",
  "↑": "Up",
  "↓": "Down",
  "…": "...",
  "·": "|",
  "✗": "X",
  "✓": "o",
  "—": "-",
  "–": "-",
  "’": "'",
  "“": '"',
  "”": '"',
};

/**
 * 7-bit ASCII only (--ascii, raw consoles): arrows and dots spelled out, anything else "?".
 * `keepMarks` leaves the CLI's colour marks (U+E000-U+E00F) for its writer to turn into SGR.
 */
export function asciiOnly(text: string, keepMarks = false): string {
  return text.replace(NON_ASCII, (ch) =>
    keepMarks && ch >= "\uE000" && ch <= "\uE00F" ? ch : (TRANSLIT[ch] ?? "?"),
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to keep 7-bit ASCII only
const NON_ASCII = /[^\x00-\x7f]/g;
