import { describe, expect, it } from 'vitest';
import { fakeFetch, fakeSleep, rejectionOf } from './connectors/fixtures/fakeFetch';
import { z } from 'zod';
import { fetchJson, HttpError, parseResponse, parseRetryAfter } from './http';

const URL_ = 'https://api.example.com/v1/data';

describe('fetchJson', () => {
  it('returns parsed JSON', async () => {
    const { fetch } = fakeFetch(() => ({ body: { ok: true } }));
    await expect(fetchJson(URL_, { fetch })).resolves.toEqual({ ok: true });
  });

  it('waits the Retry-After seconds on 429, then succeeds', async () => {
    const { fetch, urls } = fakeFetch((_, call) => (call === 0 ? { status: 429, body: { code: -1003 }, headers: { 'Retry-After': '7' } } : { body: [1] }));
    const { sleep, waits } = fakeSleep();
    const retries: number[] = [];
    await expect(fetchJson(URL_, { fetch, sleep, onRetry: (r) => retries.push(r.waitMs) })).resolves.toEqual([1]);
    expect(waits).toEqual([7000]);
    expect(retries).toEqual([7000]);
    expect(urls).toHaveLength(2);
  });

  it('reads Retry-After as an HTTP date, and refuses to wait beyond the cap', async () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(30_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    const { fetch, urls } = fakeFetch(() => ({ status: 418, body: {}, headers: { 'Retry-After': '7200' } }));
    const { sleep, waits } = fakeSleep();
    await expect(fetchJson(URL_, { fetch, sleep })).rejects.toThrow(/api\.example\.com has banned .* asks to wait 120 min, longer than the 60 s we wait/);
    expect(waits).toEqual([]);
    expect(urls).toHaveLength(1);
  });

  it('retries 5xx with doubling backoff', async () => {
    const { fetch } = fakeFetch((_, call) => (call < 2 ? { status: 503, body: 'busy' } : { body: { fine: 1 } }));
    const { sleep, waits } = fakeSleep();
    await expect(fetchJson(URL_, { fetch, sleep, backoffMs: 100 })).resolves.toEqual({ fine: 1 });
    expect(waits).toEqual([100, 200]);
  });

  it('gives up after the retries with the last error', async () => {
    const { fetch, urls } = fakeFetch(() => ({ status: 500, body: { msg: 'boom' } }));
    const { sleep } = fakeSleep();
    const error = await rejectionOf(fetchJson(URL_, { fetch, sleep, retries: 2 }));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(500);
    expect((error as HttpError).message).toMatch(/internal error \(HTTP 500\)/);
    expect(urls).toHaveLength(3);
  });

  it('does not retry other 4xx; the HttpError carries status, url and the parsed body', async () => {
    const { fetch, urls } = fakeFetch(() => ({ status: 400, body: { code: -1121, msg: 'Invalid symbol.' } }));
    const error = (await rejectionOf(fetchJson(URL_, { fetch }))) as HttpError;
    expect(error).toBeInstanceOf(HttpError);
    expect([error.status, error.url, error.body]).toEqual([400, URL_, { code: -1121, msg: 'Invalid symbol.' }]);
    expect(urls).toHaveLength(1);
  });

  it('says which host refuses the region on 451, without retrying', async () => {
    const { fetch, urls } = fakeFetch(() => ({ status: 451, body: { code: 0, msg: 'restricted location' } }));
    await expect(fetchJson(URL_, { fetch })).rejects.toThrow('api.example.com refuses requests from your region (HTTP 451); try the other host / a VPN');
    expect(urls).toHaveLength(1);
  });

  it('names the host on network/CORS failures after retrying', async () => {
    const { fetch, urls } = fakeFetch(() => 'network-error');
    const { sleep, waits } = fakeSleep();
    await expect(fetchJson(URL_, { fetch, sleep, retries: 2 })).rejects.toThrow(/^could not reach api\.example\.com \(network error or CORS\)/);
    expect(urls).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
  });

  it('times out a request that never answers', async () => {
    const { fetch } = fakeFetch(() => 'hang');
    await expect(fetchJson(URL_, { fetch, timeoutMs: 20, retries: 0 })).rejects.toThrow('api.example.com did not answer within 0.02 s');
  });

  it('reports a truncated body as invalid JSON', async () => {
    const { fetch } = fakeFetch(() => ({ body: '[[1704067200000,"42000.5","425' }));
    await expect(fetchJson(URL_, { fetch })).rejects.toThrow('api.example.com sent a response that is not valid JSON (truncated?)');
  });

  it('rejects promptly with CancelledError when aborted mid-request or mid-wait', async () => {
    const controller = new AbortController();
    const { fetch } = fakeFetch(() => 'hang');
    const started = Date.now();
    setTimeout(() => controller.abort(), 10);
    const error = await rejectionOf(fetchJson(URL_, { fetch, signal: controller.signal }));
    expect((error as Error).name).toBe('CancelledError');
    expect(Date.now() - started).toBeLessThan(1000);

    const waiting = new AbortController();
    const busy = fakeFetch(() => ({ status: 503, body: '' }));
    setTimeout(() => waiting.abort(), 10);
    const during = await rejectionOf(fetchJson(URL_, { fetch: busy.fetch, signal: waiting.signal, backoffMs: 60_000 }));
    expect((during as Error).name).toBe('CancelledError');
  });
});

describe('parseResponse', () => {
  it('names the source and the first mismatch', () => {
    expect(() => parseResponse(z.array(z.number()), [1, 'x'], 'Binance')).toThrow(/^Binance sent a response in an unexpected shape at 1: /);
  });
});
