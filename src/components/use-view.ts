// The rows each pane shows, recomputed only when the data or a filter
// changes: a cursor move re-renders the window, it does not re-sort 50,000 flows.
import { useMemo, useRef } from "react";
import { ConnOrder } from "../app/conn-order.js";
import type { AppState } from "../app/state.js";
import {
  type ConnRow,
  type ConnSummary,
  filterConnRows,
  findingRows,
  routeRows,
  summarize,
} from "../app/view-model.js";
import type { Finding, Route } from "../core/model.js";

export interface View {
  conns: ConnRow[];
  routes: Route[];
  findings: Finding[];
  summary: ConnSummary;
}

export function useView(s: AppState): View {
  const { analysis, closed, firstSeen, firstPollAt, now, wrongOnly } = s;
  const connFilter = s.filter.connections;
  const routeFilter = s.filter.routes;
  const findingFilter = s.filter.findings;
  const order = useRef<ConnOrder | null>(null);
  order.current ??= new ConnOrder();
  const keeper = order.current;
  const sorted = useMemo(
    () => keeper.rows({ analysis, closed, firstSeen, firstPollAt, now }),
    [keeper, analysis, closed, firstSeen, firstPollAt, now],
  );
  const conns = useMemo(() => filterConnRows(sorted, connFilter, wrongOnly), [sorted, connFilter, wrongOnly]);
  const routes = useMemo(() => routeRows(analysis, routeFilter), [analysis, routeFilter]);
  const findings = useMemo(() => findingRows(analysis, findingFilter), [analysis, findingFilter]);
  const summary = useMemo(() => summarize(analysis), [analysis]);
  return { conns, routes, findings, summary };
}
