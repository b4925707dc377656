/**
 * Deterministic elementary functions for every number a run reports. Math.log, Math.exp, Math.pow,
 * Math.sin... are implementation-defined (ECMAScript only asks for an approximation): Node 20's V8
 * uses fdlibm and Chromium's newer V8 a correctly rounded log, so the same data gave different last
 * bits. These are fdlibm ports in plain IEEE arithmetic: the same bits in every engine. Lint bans
 * the Math.* versions in src/core, src/ml, src/notebook and src/sources (docs/PITFALLS.md).
 */
export { exp } from './exp';
export { log, log1p, log10 } from './log';
export { pow } from './pow';
export { cos, sin } from './trig';
