/*
 * The web page action: one signed HTTP POST (Standard Webhooks: webhook-id = the run, so a retry keeps
 * its id) of the event as JSON, following redirects by hand so every hop passes the SSRF guard again.
 * It answers an outcome (retryable or not); it never retries, and never logs or returns the secret.
 */
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import type { ActionOutcome, ActionRun } from '../../core/events/event-types';
import { webhookPayload } from '../../core/events/webhook-payload';
import { agentFor, explainRefusal, hostPolicy, type HostPolicy } from './ssrf-guard';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_ANSWER_BYTES = 200;

export interface WebhookActionDeps {
  allowedHosts: string[];
  timeoutMs?: number;
  now?: () => Date;
}

interface Answer {
  status: number;
  statusText: string;
  location: string | null;
  excerpt: string;
}

function post(url: URL, body: string, headers: Record<string, string>, policy: HostPolicy, signal: AbortSignal): Promise<Answer> {
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const request = send(url, { method: 'POST', agent: agentFor(url, policy), headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal }, (response) => {
      let excerpt = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (excerpt.length < MAX_ANSWER_BYTES) excerpt += chunk.slice(0, MAX_ANSWER_BYTES - excerpt.length);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', location: response.headers.location ?? null, excerpt: excerpt.trim() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** 2xx ok; 408, 429 and 5xx may pass later; any other answer will not. */
function outcomeOf(answer: Answer, hops: number): ActionOutcome {
  const { status } = answer;
  const after = hops ? ` after ${hops} redirect${hops > 1 ? 's' : ''}` : '';
  if (status >= 200 && status < 300) return { ok: true, httpStatus: status, detail: `the web page answered ${status}${after}` };
  const said = `the web page answered ${status}${answer.statusText ? ` ${answer.statusText}` : ''}${after}${answer.excerpt ? `: ${answer.excerpt}` : ''}`;
  const retryable = status >= 500 || status === 408 || status === 429;
  return { ok: false, retryable, httpStatus: status, error: said };
}

function failureOf(error: Error, url: URL, timeoutMs: number, timedOut: boolean): ActionOutcome {
  const refusal = explainRefusal(error);
  if (refusal) return { ok: false, retryable: false, error: `${refusal} (${url.host})` };
  if (timedOut) return { ok: false, retryable: true, error: `no answer from ${url.host} within ${timeoutMs / 1000} s` };
  return { ok: false, retryable: true, error: `network error calling ${url.host}: ${error.message}` };
}

function parseTarget(location: string, base?: URL): URL | string {
  let url: URL;
  try {
    url = new URL(location, base);
  } catch {
    return `"${location}" is not a valid URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol} URLs cannot be called; use http or https`;
  if (url.username || url.password) return 'a URL with a user name or password cannot be called; put credentials in the receiver, not the URL';
  return url;
}

export function createWebhookAction(deps: WebhookActionDeps) {
  const policy = hostPolicy(deps.allowedHosts);
  const timeoutMs = deps.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const now = deps.now ?? (() => new Date());

  async function call(first: URL, body: string, headers: Record<string, string>): Promise<ActionOutcome> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let url = first;
    try {
      for (let hops = 0; ; hops += 1) {
        const answer = await post(url, body, headers, policy, controller.signal);
        if (!REDIRECTS.has(answer.status) || !answer.location) return outcomeOf(answer, hops);
        if (hops === MAX_REDIRECTS) return { ok: false, retryable: false, httpStatus: answer.status, error: `more than ${MAX_REDIRECTS} redirects (the last from ${url.host})` };
        const next = parseTarget(answer.location, url);
        if (typeof next === 'string') return { ok: false, retryable: false, httpStatus: answer.status, error: `redirect refused: ${next}` };
        url = next;
      }
    } catch (error) {
      return failureOf(error as Error, url, timeoutMs, controller.signal.aborted);
    } finally {
      clearTimeout(timer);
    }
  }

  return async function runWebhook(run: ActionRun, secrets: { webhookSecret: string | null }): Promise<ActionOutcome> {
    if (run.action.type !== 'webhook') return { ok: false, retryable: false, error: `a ${run.action.type} action was handed to the web page handler` };
    const target = parseTarget(run.action.url);
    if (typeof target === 'string') return { ok: false, retryable: false, error: target };
    if (!secrets.webhookSecret) return { ok: false, retryable: false, error: 'the rule has no web page secret: create one for the rule, then run the action again' };
    const at = now();
    const body = JSON.stringify(webhookPayload(run, at));
    let signature: string;
    try {
      signature = new Webhook(secrets.webhookSecret).sign(run.runId, at, body);
    } catch {
      return { ok: false, retryable: false, error: 'the rule\'s web page secret is not a Standard Webhooks secret (whsec_ followed by base64): create a new one' };
    }
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'strapi-plugin-email-notifications',
      'webhook-id': run.runId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    };
    return call(target, body, headers);
  };
}
