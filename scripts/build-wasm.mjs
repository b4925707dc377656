#!/usr/bin/env node
/**
 * Builds the fused recurrent engine: AssemblyScript sources in asm/ -> src/ml/fused/fused_rnn.wasm
 * (git-ignored; never committed). Run `node scripts/build-wasm.mjs [--force]` before build, test,
 * start and cli; tests call buildWasm() themselves when the file is missing. Skips the compile
 * when the .wasm is newer than every source. Writes through a temporary file and a rename, so a
 * reader running in parallel never sees half a module.
 */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WASM_SOURCE_DIR = join(root, 'asm');
export const WASM_ENTRY = join(WASM_SOURCE_DIR, 'fused_rnn.ts');
export const WASM_OUT = join(root, 'src', 'ml', 'fused', 'fused_rnn.wasm');
export const ASC_FLAGS = ['-O3', '--runtime', 'stub', '--enable', 'simd', '--noAssert'];

function upToDate() {
  let built;
  try {
    built = statSync(WASM_OUT).mtimeMs;
  } catch {
    return false;
  }
  const newest = Math.max(
    ...readdirSync(WASM_SOURCE_DIR)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => statSync(join(WASM_SOURCE_DIR, f)).mtimeMs),
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  return built >= newest;
}

/** Compiles asm/ unless the output is current (force: always). Resolves to the output path. */
export async function buildWasm({ force = false, quiet = false } = {}) {
  if (!force && upToDate()) return WASM_OUT;
  const { default: asc } = await import('assemblyscript/asc');
  const tmp = `${WASM_OUT}.${process.pid}.tmp`;
  let binary = null;
  const stderr = [];
  const result = await asc.main([WASM_ENTRY, '--outFile', tmp, ...ASC_FLAGS], {
    stderr: { write: (s) => void stderr.push(String(s)) },
    writeFile: (name, contents) => {
      if (name === tmp || name.endsWith('.wasm')) binary = contents;
    },
  });
  if (result.error || !binary) {
    throw new Error(`asc failed to compile ${WASM_ENTRY}: ${result.error?.message ?? 'no binary written'}\n${stderr.join('')}`);
  }
  mkdirSync(dirname(WASM_OUT), { recursive: true });
  writeFileSync(tmp, binary);
  renameSync(tmp, WASM_OUT);
  if (!quiet) process.stderr.write(`build-wasm: wrote ${WASM_OUT} (${binary.length} bytes)\n`);
  return WASM_OUT;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  buildWasm({ force: process.argv.includes('--force') }).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
