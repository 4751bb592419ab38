// The rows each pane shows, recomputed only when the data or a filter
// changes: a cursor move re-renders the window, it does not re-sort 50,000 flows.
import { useMemo } from "react";
import { countRows, type RowCounts } from "../app/row-counts.js";
import { connComparator, sortRoutes } from "../app/sort-order.js";
import type { AppState } from "../app/state.js";
import {
  type ConnRow,
  compareRows,
  filterConnRows,
  findingRows,
  routeRows,
  sortedConnRows,
} from "../app/view-model.js";
import type { Finding, Route } from "../core/model.js";

export interface View {
  conns: ConnRow[];
  routes: Route[];
  findings: Finding[];
  summary: RowCounts;
}

export function useView(s: AppState): View {
  const { analysis, closed, firstSeen, firstPollAt, now, wrongOnly } = s;
  const connFilter = s.filter.connections;
  const routeFilter = s.filter.routes;
  const findingFilter = s.filter.findings;
  const connSort = s.sort.connections;
  const routeSort = s.sort.routes;
  const sorted = useMemo(
    () =>
      sortedConnRows(
        { analysis, closed, firstSeen, firstPollAt, now },
        connComparator(connSort, compareRows) ?? compareRows,
      ),
    [analysis, closed, firstSeen, firstPollAt, now, connSort],
  );
  const conns = useMemo(() => filterConnRows(sorted, connFilter, wrongOnly), [sorted, connFilter, wrongOnly]);
  const routes = useMemo(
    () => sortRoutes(routeRows(analysis, routeFilter), routeSort),
    [analysis, routeFilter, routeSort],
  );
  const findings = useMemo(() => findingRows(analysis, findingFilter), [analysis, findingFilter]);
  const summary = useMemo(() => countRows(sorted), [sorted]);
  return { conns, routes, findings, summary };
}
