/** Types of build-wasm.mjs for the TypeScript callers (tests, bench). */
export declare const WASM_SOURCE_DIR: string;
export declare const WASM_ENTRY: string;
export declare const WASM_OUT: string;
export declare const ASC_FLAGS: readonly string[];
export declare function buildWasm(options?: { force?: boolean; quiet?: boolean }): Promise<string>;
