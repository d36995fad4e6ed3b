// What the preview answers: the page, the reload events and the client
// script, only to this machine's own addresses (another site cannot read the
// draft through DNS rebinding); 404 for anything else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { refuseForeignRequest } from './allowed-hosts.ts';
import { eventMessage } from './event-stream.ts';
import { CLIENT_PATH, CLIENT_SCRIPT, EVENTS_PATH } from './preview.ts';

/** The preview as the routes see it, read at each request. */
export interface PreviewState {
  /** The port listened on: the only one a request's Host may name. */
  port: number;
  /** The current build's id, which the open page compares with its own. */
  build: string;
  page: string;
  /** The story's page name, also served. */
  output: string;
  /** Resolves once the first build is done. */
  ready: Promise<void>;
  /** The open event streams. */
  clients: Set<ServerResponse>;
}

const TEXT = 'text/plain; charset=utf-8';

export async function handleRequest(req: IncomingMessage, res: ServerResponse, state: PreviewState): Promise<void> {
  if (refuseForeignRequest(req, res, state.port)) return;
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const head = req.method === 'HEAD';
  if (req.method !== 'GET' && !head) {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': TEXT }).end('Method not allowed\n');
  } else if (path === EVENTS_PATH && head) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store' }).end();
  } else if (path === EVENTS_PATH) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // `retry`: how soon the page tries again when the server restarts.
    res.write(`retry: 300\n${eventMessage('hello', { build: state.build })}`);
    state.clients.add(res);
    req.on('close', () => state.clients.delete(res));
  } else if (path === CLIENT_PATH) {
    res
      .writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(head ? undefined : CLIENT_SCRIPT);
  } else if (path === '/' || path === '/index.html' || path === `/${state.output}`) {
    await state.ready;
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(head ? undefined : state.page);
  } else {
    res.writeHead(404, { 'Content-Type': TEXT }).end('Not found: the preview is at /\n');
  }
}
