// Run inside one of the bench's namespaces. `server <port>`: accepts and holds
// connections. `client <count> <port> <ip,ip,…>`: holds `count` connections to
// those addresses, round robin (leaving by the default route, from 192.168.1.10). Prints "ready <n>" and waits to
// be killed. Both namespaces are the bench's own; nothing reaches the host's.
import { createConnection, createServer, type Socket } from "node:net";

const [mode, a, b, c] = process.argv.slice(2);
const held: Socket[] = [];
if (mode === "server") {
  const server = createServer((s) => {
    s.on("error", () => {});
    held.push(s);
  });
  server.listen({ port: Number(a), host: "0.0.0.0", backlog: 4096 }, () => console.log("ready 0"));
} else {
  const count = Number(a);
  const port = Number(b);
  const hosts = (c ?? "").split(",");
  // One connection, tried again on a refused or dropped SYN (a full accept queue).
  const open = (host: string): Promise<void> =>
    new Promise<void>((resolve) => {
      // No bind before connect: a bound source port is unique per address, 28k at most.
      const s = createConnection({ host, port });
      s.once("connect", () => {
        held.push(s);
        resolve();
      });
      s.once("error", () => {
        s.destroy();
        setTimeout(() => open(host).then(resolve), 50);
      });
    });
  const batch = 100;
  for (let done = 0; done < count; done += batch)
    await Promise.all(
      Array.from({ length: Math.min(batch, count - done) }, (_, i) =>
        open(hosts[(done + i) % hosts.length] as string),
      ),
    );
  console.log(`ready ${count}`);
}
setInterval(() => {}, 60_000);
