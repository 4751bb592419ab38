// Lines wrapped to the wizard's width by hand, so that every view knows its
// height and the wizard never grows taller than the terminal.
import { type Glyphs, plain } from "../glyphs.js";

/** Word-wraps `text` to `width` columns; continuation lines get the line's own indent plus `indent`. */
export function wrap(g: Glyphs, text: string, width: number, indent = ""): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (const para of plain(g, text).split("\n")) {
    const lead = /^\s*/.exec(para)?.[0] ?? "";
    const more = (lead + indent).length < w / 2 ? lead + indent : "";
    const push = (line: string) => {
      let l = line;
      while (l.length > w) {
        out.push(l.slice(0, w));
        l = more + l.slice(w);
      }
      out.push(l);
    };
    const words = para.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      out.push("");
      continue;
    }
    let line = lead + words[0];
    for (const word of words.slice(1)) {
      if (line.length + 1 + word.length <= w) line += ` ${word}`;
      else {
        push(line);
        line = more + word;
      }
    }
    push(line);
  }
  return out;
}

export function wrapAll(g: Glyphs, lines: readonly string[], width: number, indent = "  "): string[] {
  return lines.flatMap((l) => wrap(g, l, width, indent));
}
