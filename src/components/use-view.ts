// The rows each pane shows, recomputed only when the data or a filter
// changes: a cursor move re-renders the window, it does not re-sort 50,000 flows.
import { useMemo, useRef } from "react";
import { ConnOrder } from "../app/live/conn-order.js";
import { countRows, type RowCounts } from "../app/live/row-counts.js";
import { connComparator, sortRoutes } from "../app/live/sort-order.js";
import type { AppState } from "../app/live/state.js";
import {
  type ConnRow,
  filterConnRows,
  findingRows,
  routeRows,
  wrongNicFirst,
} from "../app/live/view-model.js";
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
  // One incremental order per sort: a new column starts a new order, the same column keeps its work.
  const order = useRef<{ sort: typeof connSort; keeper: ConnOrder } | null>(null);
  if (order.current === null || order.current.sort !== connSort)
    order.current = {
      sort: connSort,
      keeper: new ConnOrder(connComparator(connSort, wrongNicFirst) ?? wrongNicFirst),
    };
  const keeper = order.current.keeper;
  const sorted = useMemo(
    () => keeper.rows({ analysis, closed, firstSeen, firstPollAt, now }),
    [keeper, analysis, closed, firstSeen, firstPollAt, now],
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
