// The HTTP face of `dualhome export --listen`: GET /metrics and a page that points
// at it, nothing else. Only GET and HEAD: a scrape target has nothing to post to.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsServer {
  /** "127.0.0.1:9877" or "[::1]:9877", as bound (the port the kernel chose for 0). */
  readonly address: string;
  close(): Promise<void>;
}

/** A listen() that failed: the errno code (EADDRINUSE, EACCES, EADDRNOTAVAIL, …) for the message. */
export class ListenError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ListenError";
  }
}

const HOME = "dualhome export: the metrics are at /metrics\n";

// Node sends no body for HEAD by itself (the headers, Content-Length included, are the same).
function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

async function handle(req: IncomingMessage, res: ServerResponse, source: MetricsSource): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    send(res, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
    return;
  }
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (path === "/metrics") {
    try {
      send(res, 200, source.contentType, await source.metrics());
    } catch (e) {
      send(res, 500, "text/plain; charset=utf-8", `metrics failed: ${(e as Error).message}\n`);
    }
  } else if (path === "/") send(res, 200, "text/plain; charset=utf-8", HOME);
  else send(res, 404, "text/plain; charset=utf-8", "not found: the metrics are at /metrics\n");
}

const hostText = (host: string) => (host.includes(":") ? `[${host}]` : host);

export function serveMetrics(host: string, port: number, source: MetricsSource): Promise<MetricsServer> {
  const server = createServer((req, res) => void handle(req, res, source));
  return new Promise((resolve, reject) => {
    const failed = (e: NodeJS.ErrnoException) =>
      reject(
        new ListenError(e.code ?? "UNKNOWN", `cannot listen on ${hostText(host)}:${port}: ${e.message}`),
      );
    server.once("error", failed);
    // ipv6Only: [::1] or an explicit IPv6 address means that address, not its IPv4 twin too.
    server.listen({ host, port, ipv6Only: host.includes(":") && host !== "::", exclusive: true }, () => {
      server.off("error", failed);
      const bound = server.address();
      const actual = bound && typeof bound === "object" ? bound.port : port;
      resolve({
        address: `${hostText(host)}:${actual}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // close() ends idle kept-alive connections, but waits for a scrape under way: cut it.
            server.closeAllConnections();
          }),
      });
    });
  });
}
