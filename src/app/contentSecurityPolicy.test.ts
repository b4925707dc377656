import { describe, expect, it } from 'vitest';
import { CONNECTOR_HOSTS, CONNECTOR_SOURCE_SCHEMAS } from '../spec';
import { contentSecurityPolicy } from './contentSecurityPolicy';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('the Content-Security-Policy', () => {
  it('runs no inline script and no eval; WebAssembly may compile', () => {
    const script = directives(contentSecurityPolicy()).get('script-src') ?? [];
    expect(script).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(contentSecurityPolicy()).not.toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy()).get('object-src')).toEqual(["'none'"]);
  });

  it('connects to the app and exactly the hosts the connector declarations name', () => {
    for (const schema of CONNECTOR_SOURCE_SCHEMAS) {
      const hosts = schema.meta()?.hosts ?? [];
      expect(hosts.length, `${schema.meta()?.title ?? '?'} declares its API hosts`).toBeGreaterThan(0);
      for (const host of hosts) expect(new URL(host).origin).toBe(host);
    }
    expect(directives(contentSecurityPolicy()).get('connect-src')).toEqual(["'self'", ...CONNECTOR_HOSTS]);
    expect(CONNECTOR_HOSTS).toContain('https://data-api.binance.vision');
    expect(directives(contentSecurityPolicy(['https://example.test'])).get('connect-src')).toEqual(["'self'", 'https://example.test']);
  });
});
