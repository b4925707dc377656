/**
 * Counts WebGPU compute dispatches by wrapping GPUComputePassEncoder.prototype.dispatchWorkgroups
 * in this realm (page or worker). tfjs records each program's dispatch synchronously when the op
 * runs, so counting around synchronous tf code is exact.
 */
let dispatches = 0;
let installed = false;

export function installDispatchCounter(): boolean {
  if (installed) return true;
  const proto = (globalThis as { GPUComputePassEncoder?: { prototype: GPUComputePassEncoder } }).GPUComputePassEncoder?.prototype;
  if (!proto) return false;
  const original = proto.dispatchWorkgroups;
  proto.dispatchWorkgroups = function (this: GPUComputePassEncoder, ...args: Parameters<GPUComputePassEncoder['dispatchWorkgroups']>) {
    dispatches++;
    return original.apply(this, args);
  };
  installed = true;
  return true;
}

/** Dispatches recorded while `run` executes (synchronous tf code). */
export function countDispatches(run: () => void): number {
  if (!installed) throw new Error('countDispatches: call installDispatchCounter() first (no GPUComputePassEncoder here?)');
  const before = dispatches;
  run();
  return dispatches - before;
}
