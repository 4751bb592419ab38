// The one word wrap of the app, in display columns: the confirmation, the guided
// fix, the detail view and the help all break lines here, so each view knows its
// height and a wide card name never overflows a line.
import { type Glyphs, plain } from "./glyphs.js";
import { headText, widthOf } from "./text-cells.js";

/**
 * Word-wraps `text` to `width` columns (at least 10). Each paragraph keeps its own
 * leading spaces; continuation lines get them plus `indent` (dropped when that would
 * take half the line). A word longer than the line is split.
 */
export function wrap(g: Glyphs, text: string, width: number, indent = ""): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  for (const para of plain(g, text).split("\n")) {
    const lead = /^\s*/.exec(para)?.[0] ?? "";
    const more = widthOf(lead + indent) < w / 2 ? lead + indent : "";
    const words = para.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) {
      out.push("");
      continue;
    }
    let line = lead;
    let used = widthOf(lead);
    for (const [i, first] of words.entries()) {
      let word = first;
      if (i > 0 && used + 1 + widthOf(word) <= w) {
        line += ` ${word}`;
        used += 1 + widthOf(word);
        continue;
      }
      if (i > 0) {
        out.push(line);
        line = more;
        used = widthOf(more);
      }
      // A word wider than the line is split; each piece after the first starts a line.
      while (widthOf(word) > w - used) {
        let head = headText(word, w - used);
        if (head === "") head = [...word][0] ?? word;
        out.push(line + head);
        word = word.slice(head.length);
        line = more;
        used = widthOf(more);
      }
      line += word;
      used += widthOf(word);
    }
    out.push(line);
  }
  return out;
}

export function wrapAll(g: Glyphs, lines: readonly string[], width: number, indent = "  "): string[] {
  return lines.flatMap((l) => wrap(g, l, width, indent));
}
