// Findings about two cards on one subnet: ARP flux and strict reverse-path
// filtering on Linux, DNS registration and the strong host model on Windows.
import { effective, type FindingContext, sharedSubnets } from "./findings-context.js";
import type { Finding } from "./model.js";

function arpSafe(sysctls: NonNullable<FindingContext["sysctls"]>, card: string): boolean {
  if (effective(sysctls, card, "arp_filter") === 1) return true;
  return (
    (effective(sysctls, card, "arp_ignore") ?? 0) >= 1 && (effective(sysctls, card, "arp_announce") ?? 0) >= 2
  );
}

export function sameSubnetFindings(ctx: FindingContext): Finding[] {
  const out: Finding[] = [];
  for (const { subnet, cards } of sharedSubnets(ctx.interfaces)) {
    const names = cards.map((c) => c.name).join(" and ");
    const base = { id: "same-subnet-nics" as const, subject: subnet, fix: [] };
    if (ctx.os === "linux") {
      if (!ctx.sysctls) {
        out.push({
          ...base,
          severity: "info",
          basis: "evidence",
          message: `${names} share ${subnet}; their ARP settings could not be read, so ARP flux cannot be ruled out`,
        });
        continue;
      }
      const sysctls = ctx.sysctls;
      const loose = cards.filter((c) => !arpSafe(sysctls, c.name)).map((c) => c.name);
      if (loose.length === 0) continue;
      const who =
        loose.length === cards.length
          ? `${cards.length === 2 ? "both" : "all"} answer`
          : `${loose.join(" and ")} ${loose.length === 1 ? "answers" : "answer"}`;
      out.push({
        ...base,
        severity: "warning",
        basis: "evidence",
        message:
          `${names} share ${subnet} and ${who} ARP for the other card's address (ARP flux): set ` +
          `net.ipv4.conf.all.arp_ignore=1 and net.ipv4.conf.all.arp_announce=2 (or arp_filter=1)`,
      });
      continue;
    }
    const registering = cards.filter((c) => c.dnsRegister).map((c) => c.name);
    if (ctx.os === "windows" && registering.length > 1) {
      out.push({
        ...base,
        severity: "warning",
        basis: "evidence",
        message:
          `${names} share ${subnet} and both register in DNS: clients may be handed the wrong card's address; ` +
          `clear "Register this connection's addresses in DNS" on all but one`,
      });
      continue;
    }
    out.push({
      ...base,
      severity: "info",
      basis: "evidence",
      message:
        ctx.os === "windows"
          ? `${names} share ${subnet}: each flow leaves by the card that owns its local address (strong host), ` +
            `so internal ranges need routes pinned to the internal card`
          : `${names} share ${subnet}: replies may leave by either card`,
    });
  }
  return out;
}

export function rpFilterFindings(ctx: FindingContext): Finding[] {
  if (ctx.os !== "linux" || !ctx.sysctls) return [];
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const { subnet, cards } of sharedSubnets(ctx.interfaces)) {
    for (const card of cards) {
      if (seen.has(card.name) || effective(ctx.sysctls, card.name, "rp_filter") !== 1) continue;
      seen.add(card.name);
      const others = cards
        .filter((c) => c !== card)
        .map((c) => c.name)
        .join(" and ");
      out.push({
        id: "rp-filter-strict",
        severity: "warning",
        basis: "evidence",
        message:
          `${card.name} has rp_filter=1 (strict) and shares ${subnet} with ${others}: packets arriving on ` +
          `${card.name} for flows that leave by ${others} are dropped; set net.ipv4.conf.${card.name}.rp_filter=2 (loose)`,
        subject: card.name,
        fix: [],
      });
    }
  }
  return out;
}
