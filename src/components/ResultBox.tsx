// The answer to `e` (explain) or `p` (probe), under the panes until Esc.
import { Box, Text } from "ink";
import type { ExplainView, ProbeView } from "../app/live/state.js";
import { VERDICT_WORDS } from "../app/live/view-model.js";
import type { NetInterface } from "../core/model.js";
import { cell, type Glyphs } from "./glyphs.js";
import { verdictGlyph } from "./rows.js";

interface ResultBoxProps {
  explain: ExplainView | null;
  probe: ProbeView | null;
  interfaces: readonly NetInterface[];
  now: number;
  width: number;
  height: number;
  g: Glyphs;
  color: boolean;
}

function way(iface: string | null, gateway: string | null, onLink: string): string {
  return `${iface ?? "?"} ${gateway ? `via ${gateway}` : onLink}`;
}

export function explainLines(g: Glyphs, view: ExplainView): string[] {
  if ("error" in view) return [`explain ${view.query}: ${view.error}`];
  const r = view.result;
  const route = r.route ? `${r.route.destination} (metric ${r.route.metric})` : "none";
  // A policy without a gateway accepts any gateway on that card.
  const expected = r.expected
    ? `${way(r.expected.interface, r.expected.gateway, "(any gateway)")}  (${r.expected.reason})`
    : "nothing: no policy rule covers it";
  // The verdict first: on a small screen the last lines are the ones cut.
  return [
    `explain ${r.destination}${r.flow ? ` port ${r.flow.port}/${r.flow.proto}` : ""}: ${verdictGlyph(g, r.verdict)} ${VERDICT_WORDS[r.verdict]}    Esc closes`,
    `  route ${route} ${g.sep} leaves ${way(r.interface, r.gateway, "on-link")} ${g.sep} source ${r.source ?? "none"}`,
    `  expected ${expected}`,
    `  ${r.why}`,
  ];
}

function probeLines(g: Glyphs, p: ProbeView, interfaces: readonly NetInterface[], now: number): string[] {
  const target = `${p.host}:${p.port}`;
  if (p.error) return [`probe ${target}: failed: ${p.error}`];
  if (!p.result) {
    const secs = Math.max(0, Math.round((now - p.startedAt) / 1000));
    return [
      `probe ${target}: connecting${g.more} ${secs} s    (its flow is marked ${g.probe} in Connections)`,
    ];
  }
  const r = p.result;
  const card = interfaces.find((i) => i.addresses.some((a) => a.address === r.source))?.name ?? "?";
  const from = r.source ? `from ${r.source}${r.sourcePort ? `:${r.sourcePort}` : ""} (${card})` : "";
  const outcome =
    r.outcome === "timeout"
      ? `timed out in SYN_SENT after ${(r.ms / 1000).toFixed(1)} s`
      : r.outcome === "error"
        ? `error: ${r.error ?? "unknown"}`
        : `${r.outcome} in ${r.ms} ms`;
  return [`probe ${target}: ${outcome} ${from}    Esc closes`];
}

export function ResultBox(p: ResultBoxProps) {
  const lines = p.explain
    ? explainLines(p.g, p.explain)
    : p.probe
      ? probeLines(p.g, p.probe, p.interfaces, p.now)
      : [];
  const bad =
    (p.explain && "result" in p.explain && p.explain.result.verdict !== "ok") ||
    (p.probe?.result && p.probe.result.outcome !== "connected");
  return (
    <Box flexDirection="column" width={p.width}>
      {lines.slice(0, Math.max(1, p.height)).map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of one answer, in order
        <Text key={i} color={p.color ? (bad ? "yellow" : "green") : undefined} bold={i === 0}>
          {cell(p.g, l, p.width)}
        </Text>
      ))}
    </Box>
  );
}
