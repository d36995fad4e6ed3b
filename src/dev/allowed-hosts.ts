// The preview serves an unpublished draft. A page on another site can make a
// browser send requests to 127.0.0.1 under its own name (DNS rebinding: its
// domain resolves to 127.0.0.1) and read the answers. So, as Vite's
// `server.allowedHosts` does, the preview answers only requests addressed to
// `127.0.0.1:PORT` or `localhost:PORT` (421 otherwise), and refuses any whose
// Origin is another site (403): the page, the client script and the events alike.
import type { IncomingMessage, ServerResponse } from 'node:http';

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Answers and returns true when the request does not come from the preview's own address; false to serve it. */
export function refuseForeignRequest(req: IncomingMessage, res: ServerResponse, port: number): boolean {
  const hosts = allowedHosts(port);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.includes(host)) {
    res
      .writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end(`Misdirected request: the preview answers only http://${hosts.join('/ and http://')}/\n`);
    return true;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((h) => origin.toLowerCase() === `http://${h}`)) {
    res
      .writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Forbidden: the preview does not answer other sites\n');
    return true;
  }
  return false;
}
