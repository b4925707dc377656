/**
 * Lint config: no engine-defined transcendental where a reported number is computed. ECMAScript
 * lets Math.log, Math.exp, Math.pow, Math.sin... return any approximation; Node 20 and Chromium
 * differ in the last bit (Math.log(0.7123431851321308)), and one ulp in a demo bar changed every
 * number after it. src/core/math has deterministic ports (docs/PITFALLS.md, "Math.log is banned").
 */
const BANNED = ['log', 'log1p', 'log2', 'log10', 'exp', 'expm1', 'pow', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'hypot'];
const HAVE = new Set(['log', 'log1p', 'log10', 'exp', 'pow', 'sin', 'cos']);

const message = (name) =>
  `Math.${name} differs between JavaScript engines in the last bit, so Node and Chromium would report different numbers. ` +
  (HAVE.has(name) ? `Use ${name} from src/core/math (same bits everywhere).` : `Add a deterministic ${name} to src/core/math (an fdlibm port) and use it.`) +
  ' See docs/PITFALLS.md.';

const powMessage =
  'x ** y is Math.pow: engine-defined in the last bit (only x ** 2 and 2 ** n are exact everywhere). Use pow from src/core/math. See docs/PITFALLS.md.';

export const deterministicMath = {
  files: ['src/core/**/*.ts', 'src/ml/**/*.ts', 'src/notebook/**/*.ts', 'src/sources/**/*.ts'],
  ignores: ['**/*.test.ts', '**/*.testkit.ts'],
  rules: {
    'no-restricted-properties': ['error', ...BANNED.map((property) => ({ object: 'Math', property, message: message(property) }))],
    'no-restricted-syntax': [
      'error',
      { selector: "BinaryExpression[operator='**']:not([right.value=2]):not([left.value=2])", message: powMessage },
      { selector: "AssignmentExpression[operator='**=']", message: powMessage },
    ],
  },
};
