/**
 * Reads a Chromium performance trace (Playwright's browser.startTracing) and names what each long
 * task of a renderer's main thread spent its time on: trace events by self time, and the V8
 * sampling profiler's functions (self and inclusive) and scripts. Used by bench/longTaskTrace.ts.
 */
export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  cat?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}
interface Sample {
  ts: number;
  node: number;
}
interface Profile {
  pid: number;
  tid: number;
  nodes: Map<number, ProfileNode>;
  samples: Sample[];
}

export interface LongTaskCause {
  phase: string;
  startMs: number;
  durationMs: number;
  /** Trace events by self time in the task (ms), the largest first. */
  events: Record<string, number>;
  /** Sampled functions: where the time was spent (self), and what was on the stack (inclusive), in ms. */
  selfFunctions: Record<string, number>;
  inclusiveFunctions: Record<string, number>;
  scripts: Record<string, number>;
}

const LONG_US = 50_000;
const basename = (url: string) => url.slice(url.lastIndexOf('/') + 1) || url;
const round = (us: number) => Math.round(us / 100) / 10;

function top(totals: Map<string, number>, n: number): Record<string, number> {
  return Object.fromEntries([...totals].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, round(v)]));
}

function add(totals: Map<string, number>, key: string, us: number): void {
  totals.set(key, (totals.get(key) ?? 0) + us);
}

function label(event: TraceEvent): string {
  const data = event.args?.data ?? {};
  const detail = [data.functionName, typeof data.url === 'string' ? basename(data.url) : undefined, data.type].filter((d) => typeof d === 'string' && d !== '');
  return detail.length ? `${event.name} ${detail.join(' ')}` : event.name;
}

function readProfiles(events: readonly TraceEvent[]): Profile[] {
  const profiles = new Map<string, Profile & { clock: number }>();
  for (const event of events) {
    const key = `${event.pid}:${event.id ?? ''}`;
    if (event.name === 'Profile') {
      const start = event.args?.data?.startTime;
      profiles.set(key, { pid: event.pid, tid: event.tid, nodes: new Map(), samples: [], clock: typeof start === 'number' ? start : event.ts });
    } else if (event.name === 'ProfileChunk') {
      const profile = profiles.get(key);
      const data = event.args?.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } | undefined;
      if (!profile || !data) continue;
      for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
      const samples = data.cpuProfile?.samples ?? [];
      samples.forEach((node, i) => {
        profile.clock += data.timeDeltas?.[i] ?? 0;
        profile.samples.push({ ts: profile.clock, node });
      });
    }
  }
  return [...profiles.values()];
}

function frameName(frame: CallFrame): string {
  if (!frame.url) return frame.functionName || '(anonymous)';
  return `${frame.functionName || '(anonymous)'} ${basename(frame.url)}:${frame.lineNumber + 1}`;
}

function profileCauses(profile: Profile, from: number, to: number): Pick<LongTaskCause, 'selfFunctions' | 'inclusiveFunctions' | 'scripts'> {
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const scripts = new Map<string, number>();
  const inTask = profile.samples.filter((s) => s.ts >= from && s.ts <= to);
  inTask.forEach((sample, i) => {
    const next = inTask[i + 1];
    const weight = Math.min(next ? next.ts - sample.ts : 1_000, 5_000);
    const leaf = profile.nodes.get(sample.node);
    if (!leaf) return;
    add(self, frameName(leaf.callFrame), weight);
    add(scripts, leaf.callFrame.url ? basename(leaf.callFrame.url) : leaf.callFrame.functionName, weight);
    const seen = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node; node = node.parent === undefined ? undefined : profile.nodes.get(node.parent)) {
      const name = frameName(node.callFrame);
      if (!seen.has(name) && node.callFrame.url) add(inclusive, name, weight);
      seen.add(name);
    }
  });
  return { selfFunctions: top(self, 8), inclusiveFunctions: top(inclusive, 14), scripts: top(scripts, 5) };
}

function eventSelfTimes(children: readonly TraceEvent[], task: TraceEvent): Map<string, number> {
  const totals = new Map<string, number>();
  const sorted = [...children].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: { end: number; key: string }[] = [{ end: task.ts + (task.dur ?? 0), key: '(task itself)' }];
  add(totals, '(task itself)', task.dur ?? 0);
  for (const event of sorted) {
    while (stack.length > 1 && event.ts >= stack[stack.length - 1]!.end) stack.pop();
    const dur = event.dur ?? 0;
    add(totals, stack[stack.length - 1]!.key, -dur);
    const key = label(event);
    add(totals, key, dur);
    stack.push({ end: event.ts + dur, key });
  }
  return totals;
}

/** Every task over 50 ms on a renderer main thread, with what it spent its time on. */
export function attributeLongTasks(events: readonly TraceEvent[]): LongTaskCause[] {
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e: TraceEvent) => mainThreads.has(`${e.pid}:${e.tid}`);
  const marks = events.filter((e) => e.name.startsWith('phase:') && onMain(e)).sort((a, b) => a.ts - b.ts);
  // The app's renderer is the one its phase marks came from (Chromium's own pages have renderers too).
  const appPids = new Set(marks.map((m) => m.pid));
  const profiles = readProfiles(events);
  const tasks = events
    .filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.dur ?? 0) > LONG_US && onMain(e) && (appPids.size === 0 || appPids.has(e.pid)))
    .sort((a, b) => a.ts - b.ts)
    .filter((task, i, all) => !all.slice(0, i).some((outer) => outer.pid === task.pid && outer.tid === task.tid && task.ts < outer.ts + (outer.dur ?? 0)));
  const origin = events.reduce((min, e) => (e.ts > 0 && e.ts < min ? e.ts : min), Infinity);
  return tasks.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const children = events.filter((e) => e !== task && e.ph === 'X' && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end);
    const phaseMark = marks.filter((m) => m.ts <= task.ts).pop();
    const profile = profiles.filter((p) => p.pid === task.pid).sort((a, b) => Number(b.tid === task.tid) - Number(a.tid === task.tid))[0];
    const eventTotals = eventSelfTimes(children, task);
    for (const [key, us] of eventTotals) if (us < 2_000) eventTotals.delete(key);
    return {
      phase: phaseMark ? phaseMark.name.slice('phase:'.length) : 'idleLoad',
      startMs: round(task.ts - origin),
      durationMs: round(task.dur ?? 0),
      events: top(eventTotals, 10),
      ...(profile ? profileCauses(profile, task.ts, end) : { selfFunctions: {}, inclusiveFunctions: {}, scripts: {} }),
    };
  });
}
