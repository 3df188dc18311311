/** A loopback-only HTTP server on an ephemeral port, logging each request body for a scenario's record. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockServer {
  url: string;
  /** Every request seen: method, path and parsed JSON body (or null). */
  requests: { method: string; path: string; body: unknown }[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, body: unknown, res: ServerResponse) => void;

export async function listen(handler: Handler): Promise<MockServer> {
  const requests: MockServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: unknown = null;
      try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null; } catch { body = null; }
      requests.push({ method: req.method ?? '', path: req.url ?? '', body });
      try {
        handler(req, body, res);
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export function sse(res: ServerResponse, events: { type: string; [k: string]: unknown }[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const e of events) res.write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  res.end();
}
