/**
 * The one way connectors talk HTTP: JSON GET with a timeout, retries and errors a user can act on.
 * `fetch` and `sleep` are injected so tests never touch the network or wait for real.
 *
 * Retried: 429 and 418 (after the server's Retry-After, or the backoff when it gives none), 5xx,
 * network failures and timeouts (backoff doubling from `backoffMs`). Not retried: every other 4xx,
 * and a body that is not JSON. A Retry-After longer than `maxRetryAfterMs` (60 s by default) is
 * not waited out: a tab frozen for minutes looks hung, so we fail and say how long the host asked.
 */
import type { z } from 'zod';
import { CancelledError } from '../core/executor';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  waitMs: number;
  reason: string;
}

export interface FetchJsonOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  retries?: number;
  backoffMs?: number;
  maxRetryAfterMs?: number;
  sleep?: Sleep;
  /** Wall clock for Retry-After given as an HTTP date. */
  now?: () => number;
  onRetry?: (info: RetryInfo) => void;
}

export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly url: string;
  /** The response body: parsed JSON when it is JSON, else its text (error payloads name the problem). */
  readonly body: unknown;

  constructor(message: string, status: number, url: string, body: unknown) {
    super(message);
    this.status = status;
    this.url = url;
    this.body = body;
  }
}

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Milliseconds to wait from a Retry-After header: delay-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return s >= 120 ? `${Math.round(s / 60)} min` : `${Number(s.toPrecision(3))} s`;
}

type Attempt = { kind: 'ok'; value: unknown } | { kind: 'retry'; reason: string; waitMs?: number; error: Error };

class TimeoutSignal extends Error {}

/**
 * GET `url` and parse its body as JSON. Rejects with HttpError (status, url, body) for HTTP errors,
 * CancelledError when `signal` aborts (promptly, even if the fetch ignores the signal), and an
 * Error naming the host for timeouts, network/CORS failures and invalid JSON.
 */
export async function fetchJson(url: string, options: FetchJsonOptions = {}): Promise<unknown> {
  const {
    signal,
    timeoutMs = 15_000,
    retries = 3,
    backoffMs = 500,
    maxRetryAfterMs = 60_000,
    sleep = defaultSleep,
    now = Date.now,
    onRetry,
  } = options;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const host = hostOf(url);
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw new CancelledError();
    const outcome = await attemptOnce(doFetch, url, host, { signal, timeoutMs, maxRetryAfterMs, now });
    if (outcome.kind === 'ok') return outcome.value;
    if (attempt >= retries) throw outcome.error;
    const waitMs = outcome.waitMs ?? backoffMs * 2 ** attempt;
    onRetry?.({ attempt: attempt + 1, waitMs, reason: outcome.reason });
    await sleep(waitMs, signal);
  }
}

async function attemptOnce(
  doFetch: typeof fetch,
  url: string,
  host: string,
  o: { signal: AbortSignal | undefined; timeoutMs: number; maxRetryAfterMs: number; now: () => number },
): Promise<Attempt> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  // Racing the request against the timer and the user's signal: a fetch (or body) that never
  // settles, or ignores its signal, must still not hang the caller.
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new TimeoutSignal());
    }, o.timeoutMs);
    onAbort = () => {
      controller.abort();
      reject(new CancelledError());
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
  });
  const exchange = async (): Promise<{ response: Response; text: string }> => {
    const response = await doFetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    return { response, text: await response.text() };
  };
  try {
    let result: { response: Response; text: string };
    try {
      const pending = exchange();
      pending.catch(() => undefined); // it may settle after the race is lost
      result = await Promise.race([pending, stop]);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      if (error instanceof TimeoutSignal) {
        return { kind: 'retry', reason: 'timeout', error: new Error(`${host} did not answer within ${seconds(o.timeoutMs)}; it may be down or slow, try again later`) };
      }
      const detail = error instanceof Error ? error.message : String(error);
      return {
        kind: 'retry',
        reason: `network error: ${detail}`,
        error: new Error(`could not reach ${host} (network error or CORS); check your connection; if the host blocks requests from a browser, use the CSV import instead (${detail})`, { cause: error }),
      };
    }
    return classify(result.response, result.text, url, host, o);
  } finally {
    clearTimeout(timer);
    if (onAbort) o.signal?.removeEventListener('abort', onAbort);
    stop.catch(() => undefined);
  }
}

function classify(
  response: Response,
  text: string,
  url: string,
  host: string,
  o: { maxRetryAfterMs: number; now: () => number },
): Attempt {
  const { status } = response;
  if (status >= 200 && status < 300) {
    try {
      return { kind: 'ok', value: JSON.parse(text) as unknown };
    } catch (cause) {
      throw new Error(`${host} sent a response that is not valid JSON (truncated?): ${JSON.stringify(text.slice(0, 80))}`, { cause });
    }
  }
  const body = parseBody(text);
  const detail = describeBody(body);
  if (status === 429 || status === 418) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), o.now());
    const what = status === 418 ? 'has banned this address for sending too many requests' : 'is rate-limiting us';
    if (retryAfter !== undefined && retryAfter > o.maxRetryAfterMs) {
      throw new HttpError(`${host} ${what} (HTTP ${status}) and asks to wait ${seconds(retryAfter)}, longer than the ${seconds(o.maxRetryAfterMs)} we wait: try again later`, status, url, body);
    }
    const error = new HttpError(`${host} ${what} (HTTP ${status}); still refused after retrying: wait a minute and try again`, status, url, body);
    return retryAfter === undefined ? { kind: 'retry', reason: `HTTP ${status}`, error } : { kind: 'retry', reason: `HTTP ${status}`, waitMs: retryAfter, error };
  }
  if (status === 451) {
    throw new HttpError(`${host} refuses requests from your region (HTTP 451); try the other host / a VPN`, status, url, body);
  }
  if (status >= 500) {
    return { kind: 'retry', reason: `HTTP ${status}`, error: new HttpError(`${host} had an internal error (HTTP ${status})${detail}; try again later`, status, url, body) };
  }
  throw new HttpError(`${host} rejected the request (HTTP ${status})${detail}`, status, url, body);
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describeBody(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === '' || text === undefined ? '' : `: ${text.slice(0, 200)}`;
}

/** Parses an API response with its schema; the error names the host and the first mismatch. */
export function parseResponse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new Error(`${what} sent a response in an unexpected shape${where}: ${issue?.message ?? 'invalid'}; the API may have changed`);
}
