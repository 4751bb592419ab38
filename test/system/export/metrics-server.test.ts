// The /metrics server on loopback (port 0: the kernel picks a free one): what each
// path and method answers, a port in use, and a close that does not wait for
// Prometheus' kept-alive connection.
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ListenError, type MetricsServer, serveMetrics } from "../../../src/system/export/metrics-server.js";

const source = {
  contentType: "text/plain; version=0.0.4; charset=utf-8",
  metrics: async () => 'dualhome_up{part="routes"} 1\n',
};

const open: MetricsServer[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function serve(src = source): Promise<MetricsServer> {
  const s = await serveMetrics("127.0.0.1", 0, src);
  open.push(s);
  return s;
}

function get(
  address: string,
  path: string,
  method = "GET",
  agent?: import("node:http").Agent,
): Promise<{ status: number; type: string; body: string; allow?: string }> {
  const [host, port] = address.split(":") as [string, string];
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), path, method, ...(agent ? { agent } : {}) }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => {
        body += d;
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"]),
          body,
          ...(res.headers.allow ? { allow: String(res.headers.allow) } : {}),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("serveMetrics", () => {
  it("GET /metrics answers the registry's text with its content type; / points at it; others 404", async () => {
    const s = await serve();
    expect(s.address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await get(s.address, "/metrics")).toEqual({
      status: 200,
      type: source.contentType,
      body: 'dualhome_up{part="routes"} 1\n',
    });
    expect((await get(s.address, "/metrics?x=1")).status).toBe(200);
    expect(await get(s.address, "/")).toMatchObject({
      status: 200,
      body: expect.stringContaining("/metrics"),
    });
    expect((await get(s.address, "/favicon.ico")).status).toBe(404);
  });

  it("HEAD has no body; POST is refused with Allow", async () => {
    const s = await serve();
    expect(await get(s.address, "/metrics", "HEAD")).toMatchObject({ status: 200, body: "" });
    expect(await get(s.address, "/metrics", "POST")).toMatchObject({ status: 405, allow: "GET, HEAD" });
  });

  it("a failing registry answers 500 with the reason, and the server goes on", async () => {
    let fail = true;
    const s = await serve({
      contentType: source.contentType,
      metrics: async () => {
        if (fail) throw new Error("collect broke");
        return "ok 1\n";
      },
    });
    expect(await get(s.address, "/metrics")).toMatchObject({
      status: 500,
      body: "metrics failed: collect broke\n",
    });
    fail = false;
    expect((await get(s.address, "/metrics")).body).toBe("ok 1\n");
  });

  it("a port in use is a ListenError with EADDRINUSE", async () => {
    const s = await serve();
    const port = Number(s.address.split(":")[1]);
    const err = await serveMetrics("127.0.0.1", port, source).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ListenError);
    expect((err as ListenError).code).toBe("EADDRINUSE");
  });

  it("close() returns while a scrape is under way", async () => {
    let asked: () => void = () => undefined;
    const askedNow = new Promise<void>((r) => {
      asked = r;
    });
    const s = await serveMetrics("127.0.0.1", 0, {
      contentType: source.contentType,
      metrics: () => {
        asked();
        return new Promise<string>(() => undefined);
      },
    });
    const pending = get(s.address, "/metrics").catch((e: Error) => e);
    await askedNow;
    await s.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it("close() returns while a client keeps its connection alive", async () => {
    const s = await serveMetrics("127.0.0.1", 0, source);
    const { Agent } = await import("node:http");
    const agent = new Agent({ keepAlive: true });
    await get(s.address, "/metrics", "GET", agent);
    await s.close();
    await expect(get(s.address, "/metrics")).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
  });
});
