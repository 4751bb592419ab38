// MAC addresses are printed three ways on Windows: "00 0c 29 21 f9 3e" (route print),
// "00-0C-29-25-B6-4D" (ipconfig), "00-0C-29-25-B6-4D" again in Get-NetAdapter. One
// canonical form lets the outputs be joined.

/** "00 0C 29 21 F9 3E" / "00-0c-29-…" → "00:0c:29:21:f9:3e"; null when it is not a MAC. */
export function normalizeMac(text: string): string | null {
  const parts = text.trim().split(/[\s:-]+/);
  if (parts.length < 6 || parts.length > 8) return null;
  if (!parts.every((p) => /^[0-9a-f]{1,2}$/i.test(p))) return null;
  return parts.map((p) => p.toLowerCase().padStart(2, "0")).join(":");
}

const MAC_LEAD = /^((?:[0-9a-fx]{2}[ -]){5,7}[0-9a-fx]{2})(?=[\s.])[\s.]*(.*)$/i;

/**
 * route print's "00 0c 29 21 f9 3e ......Intel(R) PRO/1000" → MAC and description.
 * Anonymized MACs ("xx xx …") are dropped, the description kept.
 */
export function splitMacLead(body: string): { mac: string | null; description: string } {
  const m = MAC_LEAD.exec(body);
  if (!m) return { mac: null, description: body.trim() };
  return { mac: normalizeMac(m[1] ?? ""), description: (m[2] ?? "").trim() };
}
