// `snapshot` and `check` for people: the same facts as the JSON, in columns.
import type { Analysis, Part } from "../core/model.js";
import { type ArgvRenderer, endpointText } from "./json-contract.js";
import { textTable } from "./text-table.js";

function partLine<T>(name: string, p: Part<T>): string[] {
  const lines = p.ok ? [] : [`  ${name}: FAILED: ${p.error}${p.hint ? ` (${p.hint})` : ""}`];
  return lines.concat(p.warnings.slice(0, 5).map((w) => `  ${name}: warning: ${w}`));
}

export function formatFindings(a: Analysis, render: ArgvRenderer): string[] {
  if (a.findings.length === 0)
    return ["Findings: none. Every flow leaves through the card the policy expects."];
  const out = [`Findings (${a.findings.length})`];
  for (const f of a.findings) {
    out.push(`  ${f.severity.toUpperCase().padEnd(7)} ${f.id}: ${f.message}`);
    for (const ch of f.fix) {
      const argv = render(ch);
      out.push(`          fix: ${argv ? argv.join(" ") : `${ch.action} ${ch.destination}`}`);
    }
  }
  return out;
}

export function formatAnalysis(a: Analysis, render: ArgvRenderer, opts: { full: boolean }): string {
  const s = a.snapshot;
  const out: string[] = [`${s.host} · ${s.platform} · ${s.collector} · policy: ${a.policySource}`];
  const problems = [
    ...partLine("interfaces", s.interfaces),
    ...partLine("routes", s.routes),
    ...partLine("rules", s.rules),
    ...partLine("connections", s.connections),
    ...partLine("sysctls", s.sysctls),
  ];
  if (problems.length) out.push(...problems);
  for (const n of s.notes ?? []) out.push(`  note: ${n}`);
  if (opts.full && s.interfaces.ok) {
    out.push("", "Interfaces");
    out.push(
      ...textTable(
        ["Name", "Index", "Up", "Addresses"],
        s.interfaces.value.map((i) => [
          i.name,
          String(i.index),
          i.up ? "up" : "down",
          i.addresses.map((x) => `${x.address}/${x.prefixLen}`).join(" "),
        ]),
      ),
    );
  }
  if (opts.full && s.routes.ok) {
    const routes = s.routes.value.filter((r) => r.table !== "local");
    out.push(
      "",
      `Routes (${routes.length}${routes.length < s.routes.value.length ? ", local table hidden" : ""})`,
    );
    out.push(
      ...textTable(
        ["Destination", "Gateway", "If", "Metric", "Table", "Type"],
        routes.map((r) => [
          r.destination,
          r.gateway ?? "on-link",
          r.interface ?? "-",
          String(r.metric),
          r.table,
          r.type + (r.persistent ? " persistent" : ""),
        ]),
      ),
    );
  }
  const wrong = a.connections.filter((c) => c.verdict === "wrong-nic").length;
  const shown = opts.full ? a.connections : a.connections.filter((c) => c.verdict !== "ok");
  out.push(
    "",
    `Connections (${a.connections.length}, ${wrong} wrong NIC${opts.full ? "" : "; only those not ok"})`,
  );
  if (shown.length) {
    out.push(
      ...textTable(
        ["", "Proto", "Local", "Remote", "State", "If", "Verdict"],
        shown.map((c) => [
          c.verdict === "ok" ? "ok" : c.verdict === "wrong-nic" ? "XX" : "??",
          c.protocol,
          endpointText(c.local),
          endpointText(c.remote),
          c.state,
          `${c.egress.interface ?? "?"}${c.expected && c.expected.interface !== c.egress.interface ? `→${c.expected.interface}` : ""}`,
          `${c.verdict === "wrong-nic" ? "wrong NIC" : c.verdict}: ${c.why}`,
        ]),
      ),
    );
  }
  out.push("", ...formatFindings(a, render));
  return `${out.join("\n")}\n`;
}
