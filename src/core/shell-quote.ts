// Commands printed for people to copy are pasted into a shell, and a card name is
// whatever the kernel or a saved file allows (`x;id|sh`, `$(id>&2)`): each word is
// quoted for the shell it is meant for, so the pasted line runs exactly that argv.
import { visibleField } from "./visible-text.js";

export type Shell = "posix" | "powershell";

// Words a POSIX shell (sh, bash, zsh) takes as they are; `=` and `~` only inside a word
// (zsh expands a leading `=cmd`, every shell a leading `~`).
const POSIX_PLAIN = /^[A-Za-z0-9_./:%,+@-][A-Za-z0-9_./:%,+@=~-]*$/;
// PowerShell treats far more as syntax ($ ` ; , @ # { } ( ) ' " and more): little is bare.
const POWERSHELL_PLAIN = /^[A-Za-z0-9_./:\\-]+$/;
// A switch given a literal boolean (`-Confirm:$false`): syntax we wrote, not data.
const POWERSHELL_SWITCH = /^-[A-Za-z]+:\$(true|false)$/;

/** One word for sh: bare when nothing in it is syntax, else in single quotes ('\'' for a quote). */
export function posixWord(word: string): string {
  if (POSIX_PLAIN.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** One word for PowerShell: bare when plain, else in single quotes with '' for a quote. */
export function powershellWord(word: string): string {
  if (POWERSHELL_PLAIN.test(word) || POWERSHELL_SWITCH.test(word)) return word;
  // PowerShell also ends a single-quoted string at the typographic quotes ‘ ’ ‚ ‛.
  return `'${word.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/**
 * An argv as one line to paste into `shell`. Control characters (which no quoting
 * makes safe to print) are shown escaped; such a line is for reading, and a card name
 * holding them cannot be typed anyway.
 */
export function commandLine(argv: readonly string[], shell: Shell = "posix"): string {
  const word = shell === "powershell" ? powershellWord : posixWord;
  return argv.map((a) => visibleField(word(a))).join(" ");
}

// The programs of Windows' backends: their commands are pasted into PowerShell.
const WINDOWS_PROGRAMS = new Set(["powershell.exe", "pwsh", "pwsh.exe", "route", "route.exe"]);

/** The shell a command is meant for, from the program it runs. */
export function shellFor(argv: readonly string[]): Shell {
  return WINDOWS_PROGRAMS.has(argv[0] ?? "") ? "powershell" : "posix";
}
