// `arp -a` on Windows: one block per card, named by its address and index. A real
// block, as a Windows host prints it (quoted in public documentation):
//   Interface: 10.10.204.175 --- 0x4
//     Internet Address      Physical Address      Type
//     10.10.0.1             02-c8-85-b5-5a-aa     dynamic
// Headers are localized ("Interfejs: … --- 0x4"), so lines are told apart by shape.
import { normalizeAddr } from "../../core/ip.js";

interface ArpEntry {
  address: string;
  /** Lower case, colon separated, as Linux prints it. */
  mac: string;
  /** As printed ("dynamic", "static", or the localized word). */
  type: string;
}

interface ArpSection {
  /** The card's own address, from the block's header. */
  interfaceAddress: string;
  ifIndex: number | null;
  entries: ArpEntry[];
}

const HEADER = /^\s*\S.*?:\s+(\d{1,3}(?:\.\d{1,3}){3})\s+-{3}\s+0x([0-9a-f]+)\s*$/i;
const ROW = /^\s*(\d{1,3}(?:\.\d{1,3}){3})\s+([0-9a-f]{2}(?:[-:][0-9a-f]{2}){5})\s+(\S+)\s*$/i;
const NO_ENTRIES = /no arp entries/i;

export function parseArpA(text: string): { sections: ArpSection[]; warnings: string[] } {
  const sections: ArpSection[] = [];
  const warnings: string[] = [];
  let current: ArpSection | null = null;
  let expectColumns = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, "");
    if (line.trim() === "" || NO_ENTRIES.test(line)) continue;
    const h = HEADER.exec(line);
    if (h) {
      const address = normalizeAddr(h[1] as string);
      if (!address) {
        warnings.push(`arp -a: header with a bad address skipped: ${line.trim()}`);
        current = null;
        continue;
      }
      current = { interfaceAddress: address, ifIndex: Number.parseInt(h[2] as string, 16), entries: [] };
      sections.push(current);
      expectColumns = true;
      continue;
    }
    const r = ROW.exec(line);
    if (r && current) {
      const address = normalizeAddr(r[1] as string);
      if (address)
        current.entries.push({
          address,
          mac: (r[2] as string).toLowerCase().replaceAll("-", ":"),
          type: r[3] as string,
        });
      else warnings.push(`arp -a: row with a bad address skipped: ${line.trim()}`);
      expectColumns = false;
      continue;
    }
    // The column titles follow each header, in the host's language.
    if (expectColumns && current) {
      expectColumns = false;
      continue;
    }
    warnings.push(`arp -a: line not understood: ${line.trim().slice(0, 80)}`);
  }
  return { sections, warnings };
}
