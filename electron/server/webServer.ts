import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isChannelName, localChannelNames } from '../../shared/channels';
import { securityHeaders } from '../../shared/csp';
import { fail, type Result } from '../../shared/result';
import type { Engine } from '../engine';
import { TOKEN_HEADER, TOKEN_PARAM } from '../../shared/serverToken';
import { hasToken, isTrustedRequest } from './requestChecks';
import { serveFile } from '../host/staticFiles';

// A board pack carries its charts as print-resolution PNGs (a few hundred kilobytes each).
const MAX_BODY = 64 * 1024 * 1024;

/**
 * Serves the built renderer and the engine's API on 127.0.0.1 only: `POST /api/<channel>` goes through the engine's
 * validating dispatcher, `GET /api/events` streams operation events. This is how the real UI runs in a real browser.
 */
export function createWebServer(engine: Pick<Engine, 'dispatch' | 'onEvent'>, rendererDir: string, token: string): http.Server {
  const server = http.createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!isTrustedRequest(req.headers, port)) return sendJson(res, 403, fail('forbidden', 'Requests must come from the app itself.'));
      const events = url.pathname === '/api/events' && req.method === 'GET';
      // EventSource cannot send headers, so the event stream takes the token in its query.
      const presented = events ? url.searchParams.get(TOKEN_PARAM) : req.headers[TOKEN_HEADER];
      if (!hasToken(Array.isArray(presented) ? presented[0] : presented, token)) {
        return sendJson(res, 403, fail('forbidden', 'This server answers only the page it printed the address of: open that address (with its ?token=…).'));
      }
      if (events) return streamEvents(engine, req, res);
      const channel = url.pathname.slice('/api/'.length);
      if (req.method !== 'POST') return sendJson(res, 405, fail('invalid_input', 'API calls use POST.'));
      if (!isChannelName(channel)) return sendJson(res, 404, fail('unknown_channel', `Unknown channel "${channel.slice(0, 80)}".`));
      // Channels that write at a path the caller names are the command line's alone; refused here whatever engine or
      // host is behind the server (the app's host refuses them too), so a page can never write a file where it likes.
      if ((localChannelNames as readonly string[]).includes(channel)) return sendJson(res, 403, fail('forbidden', `${channel} is answered only on this machine's command line, not for a page.`));
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
        return sendJson(res, 415, fail('invalid_input', 'API calls send application/json.'));
      }
      return void readBody(req)
        .then((body) => engine.dispatch(channel, body))
        .then((result) => sendJson(res, 200, result))
        .catch((error: Error) => (error instanceof BodyTooLarge ? tooLarge(res) : sendJson(res, 400, fail('invalid_input', error.message))));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, fail('invalid_input', 'Only GET here.'));
    serveFile(rendererDir, url.pathname, res);
  });
  return server;
}


function streamEvents(engine: Pick<Engine, 'onEvent'>, req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { ...securityHeaders, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = engine.onEvent((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  req.on('close', unsubscribe);
}

class BodyTooLarge extends Error {}

/**
 * 413 with a JSON reason, sent once the body has been read to its end (and dropped): answering while the client is
 * still sending, or destroying the request, would reach it as a connection reset rather than as an answer.
 */
function tooLarge(res: http.ServerResponse): void {
  res.setHeader('Connection', 'close');
  sendJson(res, 413, fail('invalid_input', `The request is larger than ${MAX_BODY / 2 ** 20} MB, the most the engine accepts.`));
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
      else chunks.length = 0; // too large: read on to the end, keeping nothing
    });
    req.on('end', () => {
      if (size > MAX_BODY) return reject(new BodyTooLarge());
      try {
        resolve(size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('Request body is not valid JSON.'));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
