import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { approxBytes, createMemoryCache, readCached, valueChecksum, writeCached, type RunCache } from './cache';

const payloadSchema = z.object({ values: z.custom<Float64Array>((v) => v instanceof Float64Array), label: z.string() });
const payload = () => ({ values: Float64Array.of(1.5, NaN, -0), label: 'x' });

describe('the run cache', () => {
  it('gives back what was stored under a key, bit for bit, and nothing under another key', async () => {
    const cache = createMemoryCache();
    expect(await writeCached(cache, 'k1', payload())).toBeNull();
    const read = await readCached(cache, 'k1', payloadSchema);
    expect(read?.label).toBe('x');
    expect(Object.is(read?.values[2], -0)).toBe(true);
    expect(Number.isNaN(read?.values[1])).toBe(true);
    expect(await readCached(cache, 'k2', payloadSchema)).toBeUndefined();
    expect(await readCached(undefined, 'k1', payloadSchema)).toBeUndefined();
  });

  it('is a miss, never a wrong value, for a damaged, misplaced, outdated or foreign entry', async () => {
    const cache = createMemoryCache();
    await writeCached(cache, 'k', payload());
    const sealed = z.object({ format: z.number(), key: z.string(), checksum: z.string(), payload: z.unknown() }).parse(await cache.get('k'));
    const variants: Record<string, unknown> = {
      damaged: { ...sealed, payload: { values: Float64Array.of(1.5, NaN, 0), label: 'x' } },
      misplaced: { ...sealed, key: 'other' },
      outdated: { ...sealed, format: sealed.format + 1 },
      foreign: { ...sealed, payload: { values: [1.5], label: 'x' }, checksum: valueChecksum({ values: [1.5], label: 'x' }) },
      garbage: 'not an entry',
    };
    for (const [name, stored] of Object.entries(variants)) {
      await cache.put('k', stored, 1);
      expect(await readCached(cache, 'k', payloadSchema), name).toBeUndefined();
    }
  });

  it('reports a failing store as a problem and a failing read as a miss', async () => {
    const broken: RunCache = { get: () => Promise.reject(new Error('gone')), put: () => Promise.reject(new Error('quota exceeded')) };
    expect(await writeCached(broken, 'abcdef', payload())).toMatch(/could not store abcdef.*quota exceeded/);
    expect(await readCached(broken, 'abcdef', payloadSchema)).toBeUndefined();
  });

  it('evicts the least recently used entries beyond its size bound', async () => {
    const cache = createMemoryCache(300);
    await cache.put('a', 1, 100);
    await cache.put('b', 2, 100);
    await cache.put('c', 3, 100);
    await cache.get('a');
    await cache.put('d', 4, 100);
    expect(await cache.get('b')).toBeUndefined();
    expect([await cache.get('a'), await cache.get('c'), await cache.get('d')]).toEqual([1, 3, 4]);
    expect(cache.bytes).toBe(300);
    await cache.put('huge', 5, 301);
    expect(cache.entries).toBe(3);
    cache.clear();
    expect([cache.entries, cache.bytes]).toEqual([0, 0]);
  });

  it('copies values in and out, so a caller cannot change what is stored', async () => {
    const cache = createMemoryCache();
    const value = payload();
    await cache.put('k', value, approxBytes(value));
    value.values[0] = 99;
    const first = (await cache.get('k')) as { values: Float64Array };
    first.values[0] = 42;
    expect(((await cache.get('k')) as { values: Float64Array }).values[0]).toBe(1.5);
    expect(approxBytes(value)).toBeGreaterThanOrEqual(24);
  });
});

describe('value checksums', () => {
  it('differ for different bits or shapes, and not for different NaN payloads', () => {
    const quiet = Float64Array.of(NaN, 1);
    const payloadNaN = new Float64Array(2);
    new DataView(payloadNaN.buffer).setUint32(4, 0x7ff80001, true);
    payloadNaN[1] = 1;
    expect(Number.isNaN(payloadNaN[0])).toBe(true);
    expect(valueChecksum({ a: payloadNaN })).toBe(valueChecksum({ a: quiet }));
    expect(valueChecksum({ a: Float64Array.of(0, 1) })).not.toBe(valueChecksum({ a: Float64Array.of(-0, 1) }));
    expect(valueChecksum({ a: [1, 2] })).not.toBe(valueChecksum({ a: Float64Array.of(1, 2) }));
    expect(valueChecksum({ a: 1, b: 2 })).toBe(valueChecksum({ b: 2, a: 1 }));
    expect(valueChecksum([null])).not.toBe(valueChecksum([NaN]));
  });
});
