// The header line at every width: one line, never wider than the screen; the mode
// and read-only always show; the policy and the collector give way before the host.
import { render } from "ink-testing-library";
import { describe, expect, it } from "vitest";
import { glyphsFor } from "../../src/components/glyphs.js";
import { Header, type HeaderProps } from "../../src/components/Header.js";

const base = (over: Partial<HeaderProps>): HeaderProps => ({
  host: "srv-edge01",
  os: "windows",
  platform: "simulated",
  collector: "simulated",
  intervalMs: 1000,
  mode: "live",
  readOnly: false,
  policySource: "demo policy",
  width: 80,
  g: glyphsFor(false),
  color: false,
  ...over,
});

function line(p: HeaderProps): string {
  const r = render(<Header {...p} />);
  const out = r.lastFrame() ?? "";
  r.unmount();
  return out;
}

describe("Header", () => {
  it("at 80 columns the demo shows host, platform, interval, mode and policy", () => {
    expect(line(base({}))).toBe(
      "dualhome  srv-edge01 · windows (simulated) · every 1s · live policy: demo policy",
    );
  });

  it("wide: everything, with ? help at the right edge", () => {
    const t = line(base({ width: 140, platform: "linux", os: "linux", collector: "iproute2" }));
    expect(t).toMatch(
      /^dualhome {2}srv-edge01 · linux · iproute2 · every 1s · live +policy: demo policy {2}\? help$/,
    );
    expect(t).toHaveLength(140);
  });

  it("from 30 to 200 columns: one line, within the width, mode and read-only always there", () => {
    for (let width = 30; width <= 200; width++) {
      for (const mode of ["live", "stale", "paused"] as const) {
        const t = line(base({ width, mode, readOnly: true, policySource: "/etc/dualhome/policy.yaml" }));
        expect(t.split("\n"), `width ${width}`).toHaveLength(1);
        expect(t.length, `width ${width}: ${t}`).toBeLessThanOrEqual(width);
        expect(t).toContain(mode === "stale" ? "STALE" : mode);
        expect(t).toContain("read-only");
      }
    }
  });
});
