// What the wizard shows while it looks and asks: the observations, and each
// question with why it is asked and what is suggested.
import type { FixState } from "../../app/fix/types.js";
import type { Glyphs } from "../glyphs.js";
import { wrap, wrapAll } from "../wrap.js";

export interface Line {
  text: string;
  color?: "green" | "yellow" | "red" | "cyan";
  bold?: boolean;
  dim?: boolean;
}

const plainLines = (texts: readonly string[], more: Partial<Line> = {}): Line[] =>
  texts.map((text) => ({ text, ...more }));

const QUESTIONS = 5;

export function observeLines(s: FixState, g: Glyphs, width: number): Line[] {
  if (s.phase.kind === "observing")
    return [{ text: "Looking at this host's cards, routes and connections…" }];
  return [
    { text: `What dualhome sees on ${s.host}:`, bold: true },
    ...plainLines(wrapAll(g, s.observations, width, "    ")),
  ];
}

/** The question's title and explanation; the answers follow (a list, or the input line). */
export function questionLines(s: FixState, g: Glyphs, width: number): Line[] {
  const p = s.phase;
  const a = s.answers;
  const card = a.card ?? "the internal card";
  const say = (n: number, title: string, why: string): Line[] => [
    { text: `Question ${n} of ${QUESTIONS}: ${title}`, bold: true },
    ...plainLines(wrap(g, why, width), { dim: true }),
  ];
  switch (p.kind) {
    case "ask-card":
      return say(
        1,
        "which card is the internal one?",
        "Internal networks will be reached by this card; the other one keeps the default gateway to the internet.",
      );
    case "ask-gateway": {
      const none = s.suggestions.gateways.length <= 1;
      if (p.typing)
        return say(
          2,
          `the address of the router for the internal networks on ${card}`,
          "It must be on the card's subnet. Esc goes back to the list.",
        );
      return say(
        2,
        `which router serves the internal networks from ${card}?`,
        none
          ? `No route or ARP entry names one: type the router's address.`
          : `Offered from ${card}'s routes and the ARP tables of the cards on its subnet.`,
      );
    }
    case "ask-ranges":
      return say(
        3,
        "which ranges are internal?",
        `Traffic to these will leave by ${card} via ${a.gateway ?? "?"}; everything else keeps the default gateway. Edit the list (comma separated).`,
      );
    case "ask-proof":
      return say(
        4,
        "an internal host:port that should answer, for the proof",
        s.suggestions.proof
          ? `Suggested: the far end of a connection that leaves the wrong card. After the fix dualhome connects to it and checks the card. Empty: no proof.`
          : "After the fix dualhome connects to it (as telnet would) and checks which card it left by. Empty: no proof.",
      );
    case "ask-policy":
      return say(
        5,
        "where should the policy file go?",
        `It records the intent (${a.ranges?.join(", ") ?? ""} via ${card}) so later runs judge by it: dualhome --policy <file>. An existing file is kept as .bak.`,
      );
    default:
      return [];
  }
}

export function inputLines(s: FixState, g: Glyphs, width: number): Line[] {
  const out: Line[] = plainLines(wrap(g, `> ${s.text}${g.caret}`, width, "  "), { color: "cyan" });
  if (s.textError) out.push(...plainLines(wrap(g, s.textError, width, "  "), { color: "red" }));
  return out;
}

export function keysFor(s: FixState): string {
  switch (s.phase.kind) {
    case "pending":
      return "c keep it · n revert it now · q quit (it reverts by itself unless kept)";
    case "observing":
      return "q quit";
    case "observed":
      return "Enter: answer 5 questions · q quit";
    case "ask-card":
      return "↑↓ choose · Enter accept · Esc back · q quit";
    case "ask-gateway":
      return s.phase.typing
        ? "Enter accept · Ctrl-U clear · Esc back"
        : "↑↓ choose · Enter accept · Esc back · q quit";
    case "ask-ranges":
    case "ask-proof":
    case "ask-policy":
      return "Enter accept · Ctrl-U clear · Esc back";
    case "plan":
      return "↑↓ g G move · Space turn an optional step on/off · Enter start · Esc back · q quit";
    case "confirm":
      return "y apply · n skip this step · Esc stop here";
    case "keep":
      return "c keep it · n revert it now";
    case "proved":
      return "Enter: write the policy file and the summary";
    case "done":
    case "fatal":
      return "Enter or q: exit";
    default:
      return "working…";
  }
}
