// The live screen: header, routes and connections side by side (stacked when
// narrow), findings or the last answer, the prompt line and the key bar.
import { Box, useApp } from "ink";
import { useSyncExternalStore } from "react";
import type { ChangeController } from "../app/live/change-controller.js";
import type { Controller } from "../app/live/controller.js";
import type { Action, AppState } from "../app/live/state.js";
import type { Store } from "../app/store.js";
import { bannerLines } from "./ChangeBanner.js";
import { ConfirmBox } from "./ConfirmBox.js";
import { Detail } from "./Detail.js";
import { glyphsFor } from "./glyphs.js";
import { Header } from "./Header.js";
import { Help } from "./Help.js";
import { KeyBar } from "./KeyBar.js";
import { computeLayout, paneRows } from "./layout.js";
import { Main } from "./Main.js";
import { paneNeeds } from "./pane-needs.js";
import { explainLines } from "./ResultBox.js";
import { RouteFormBox } from "./RouteFormBox.js";
import { StatusLine } from "./StatusLine.js";
import { useKeys } from "./use-keys.js";
import { type Size, useTerminalSize } from "./use-terminal-size.js";
import { useView } from "./use-view.js";

interface AppInfo {
  platform: string;
  os: string;
  collector: string;
  intervalMs: number;
  policySource: string;
  readOnly: boolean;
  /** Why a, d, f, u do nothing, when changes are absent. */
  noChanges?: string;
}

interface AppProps {
  store: Store<AppState, Action>;
  controller: Controller;
  /** Route changes (a, d, f, u); absent where routes cannot be changed. */
  changes?: ChangeController;
  info: AppInfo;
  ascii: boolean;
  color: boolean;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: Size;
  onQuit?: () => void;
  /** F: hand the terminal to the guided fix. */
  onGuided?: () => void;
}

export function App({ store, controller, changes, info, ascii, color, size, onQuit, onGuided }: AppProps) {
  const s = useSyncExternalStore(store.subscribe, store.getState);
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize(size);
  const g = glyphsFor(ascii);
  const view = useView(s);
  const answer = s.explain ? explainLines(g, s.explain).length : s.probe ? 1 : 0;
  const banner = bannerLines(g, s.change, Math.max(40, columns));
  const wanted = banner.length + (answer || Math.max(1, view.findings.length));
  const heights = computeLayout(columns, rows, wanted);
  const layout = computeLayout(columns, rows, wanted, paneNeeds(g, s, view, heights.connections.height));
  useKeys({
    store,
    controller,
    changes,
    noChanges: info.noChanges,
    totals: { routes: view.routes.length, connections: view.conns.length, findings: view.findings.length },
    pages: {
      routes: paneRows(layout.routes.height),
      connections: paneRows(layout.connections.height),
      findings: Math.max(1, layout.below),
    },
    onQuit: onQuit ?? (() => exit()),
    selectedFlow: () => view.conns[store.getState().cursor.connections]?.conn,
    onGuided,
  });
  const snap = s.analysis?.snapshot;
  const mode = s.paused ? "paused" : !s.analysis ? "starting" : s.stale ? "stale" : "live";
  const panes = layout.sideBySide ? layout.routes.height : layout.routes.height + layout.connections.height;
  const { form, confirm } = s.change;
  const cards = snap?.interfaces.ok ? snap.interfaces.value : [];
  const box = { width: layout.width, height: panes + layout.below, g, color };
  return (
    <Box flexDirection="column" width={layout.width}>
      <Header
        host={snap?.host ?? null}
        os={snap?.os ?? info.os}
        platform={snap?.platform ?? info.platform}
        collector={snap?.collector ?? info.collector}
        intervalMs={info.intervalMs}
        mode={mode}
        readOnly={info.readOnly}
        policySource={s.analysis?.policySource ?? info.policySource}
        width={layout.width}
        g={g}
        color={color}
      />
      {confirm ? (
        <ConfirmBox confirm={confirm} {...box} />
      ) : form ? (
        <RouteFormBox form={form} cards={cards} busy={s.change.busy} {...box} />
      ) : s.helpOpen ? (
        <Help width={layout.width} height={panes + layout.below} g={g} page={s.helpPage} />
      ) : s.detailOpen ? (
        <Detail
          s={s}
          view={view}
          controller={controller}
          options={{ readOnly: info.readOnly || !changes, canProbe: controller.canProbe }}
          {...box}
          height={panes + layout.below}
        />
      ) : (
        <Main s={s} view={view} layout={layout} showAnswer={answer > 0} banner={banner} g={g} color={color} />
      )}
      <StatusLine
        prompt={s.prompt}
        status={s.status}
        notice={s.change.notice}
        error={s.error}
        partErrors={s.partErrors}
        width={layout.width}
        g={g}
        color={color}
      />
      <KeyBar g={g} width={layout.width} canChange={!info.readOnly && changes !== undefined} />
    </Box>
  );
}
