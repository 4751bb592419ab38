// Colour for the CLI's text in a terminal (`check`, `snapshot`, `analyze`). Every
// text for people is escaped before it reaches the terminal (visibleText), so
// colour travels as private-use marks that only the final writer turns into SGR:
// no escape sequence from a card name or a saved file can ride along.

const START = { red: "\uE000", yellow: "\uE001", green: "\uE002" } as const;
const END = "\uE00F";
const SGR: Record<string, string> = {
  "\uE000": "\x1b[31m",
  "\uE001": "\x1b[33m",
  "\uE002": "\x1b[32m",
  [END]: "\x1b[39m",
};
const MARKS = /[\uE000-\uE002\uE00F]/g;

type Colour = keyof typeof START;
export type Paint = (text: string, colour: Colour) => string;

/** Marks `text` for colour when `on`; otherwise leaves it as it is. */
export function painter(on: boolean): Paint {
  return on ? (text, colour) => `${START[colour]}${text}${END}` : (text) => text;
}

/** The final step before a terminal: marks become SGR colours, or vanish when colour is off. */
export function applyColour(text: string, on: boolean): string {
  return text.replace(MARKS, (m) => (on ? (SGR[m] ?? "") : ""));
}
