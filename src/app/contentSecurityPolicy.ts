/**
 * The app's Content-Security-Policy, written into the built index.html as a meta tag
 * (vite.config.ts). No inline script and no eval anywhere; 'wasm-unsafe-eval' lets
 * WebAssembly compile (the tfjs wasm backend and the fused engine) without allowing eval.
 * Network access is the app's own origin plus the connectors' API origins, read off their
 * declarations (src/spec/dataSources): a connector added there is allowed here.
 * Styles allow 'unsafe-inline': plotly writes <style> rules and style attributes as it draws
 * (styles cannot run code). The dev server serves no policy: Vite's HMR client and React
 * Refresh inject inline scripts.
 */
import { CONNECTOR_HOSTS } from '../spec';

export function contentSecurityPolicy(connectorHosts: readonly string[] = CONNECTOR_HOSTS): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", "'wasm-unsafe-eval'"],
    ['worker-src', "'self'"],
    ['connect-src', "'self'", ...connectorHosts],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['font-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The meta tag, for the <head> of a built page. */
export function contentSecurityPolicyMeta(): string {
  return `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`;
}
