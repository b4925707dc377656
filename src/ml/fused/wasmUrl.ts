/**
 * The page's and workers' handle on the built module: Vite copies fused_rnn.wasm into the build
 * and gives its URL. Import this only from browser code (Node has no `?url`); pass the URL to
 * trainFused's `wasm` option or to loadFusedModule. Needs `node scripts/build-wasm.mjs` first.
 */
import wasmUrl from './fused_rnn.wasm?url';

export default wasmUrl;
