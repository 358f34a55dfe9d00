/*
 * A real local HTTP server that receives web page calls of SMTP event rules: it keeps every request,
 * answers as told (a status, or never within the caller's timeout), and verifies each signature with
 * the standardwebhooks package's own Webhook.verify against the rule's secret.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedCall {
  headers: Record<string, string>;
  body: string;
  json: any;
}

export interface WebhookReceiver {
  url: string;
  calls: ReceivedCall[];
  /** The answers to give, in order; the last one repeats. A number is a status; 'hang' never answers. */
  answers: (number | 'hang')[];
  /** Webhook.verify of every call so far with `secret` (throws on a bad signature), returning the payloads. */
  verifyAll(secret: string): any[];
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hook'): Promise<WebhookReceiver> {
  const calls: ReceivedCall[] = [];
  const state = { answers: [200] as (number | 'hang')[] };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const index = calls.length;
      calls.push({ headers: req.headers as Record<string, string>, body, json: body ? JSON.parse(body) : null });
      const answer = state.answers[Math.min(index, state.answers.length - 1)];
      if (answer === 'hang') return;
      res.writeHead(answer ?? 200, { 'content-type': 'text/plain' }).end(answer === 200 ? 'ok' : 'receiver error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    calls,
    get answers() {
      return state.answers;
    },
    set answers(next) {
      state.answers = next;
    },
    verifyAll: (secret) => calls.map((call) => new Webhook(secret).verify(call.body, call.headers)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
