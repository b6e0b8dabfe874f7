import type { CDPSession } from 'playwright-core';

/**
 * Where a frame's time goes: a CDP trace (`Tracing.start` / `Tracing.end`) of the page while
 * something runs, summed per kind of work the way DevTools' Performance panel groups it.
 * Times are thread CPU time (`tdur`), so a busy machine does not inflate them; the frame
 * deltas show what the waiting costs. Renderer main-thread time is split into script, style,
 * layout, paint (pre-paint, paint,
 * layerize, commit), gc and other by each event's *self* time (nested events are not counted
 * twice); raster is the renderer's worker threads' `RasterTask` time, compositor its impl thread's
 * busy time; the GPU/viz process's busy time is reported beside them (software compositing
 * under `--disable-gpu`).
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: timestamp and duration, when the trace records them. */
  tts?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown>;
}

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'blink',
  'cc',
  'viz',
  'gpu',
  'v8',
  'disabled-by-default-v8.gc',
];

/** Renderer main thread: script ... other; then the renderer's raster workers, then viz/GPU. */
export const BREAKDOWN_KINDS = [
  'script',
  'style',
  'layout',
  'paint',
  'gc',
  'other',
  'raster',
  'compositor',
  'gpu',
] as const;
export type BreakdownKind = (typeof BREAKDOWN_KINDS)[number];

/** Milliseconds per kind over the traced span, plus the span and its frame count. */
export interface TraceBreakdown {
  spanMs: number;
  /** Compositor frames the renderer's main thread produced (`BeginMainThreadFrame`). */
  mainFrames: number;
  ms: Record<BreakdownKind, number>;
  /** The heaviest main-thread event names by self time (ms), to say what "script" or "other" is. */
  top: { name: string; ms: number }[];
}

/**
 * An event's kind by its name (DevTools' grouping, and the `blink` category's finer events);
 * an event with none inherits its parent's (e.g. text shaping inside Layout is layout), and a
 * top-level one (task runners, IPC) is "other".
 */
const KIND_PATTERNS: [BreakdownKind, RegExp][] = [
  ['gc', /GC/],
  [
    'script',
    /^(FunctionCall|EvaluateScript|TimerFire|FireAnimationFrame|FireIdleCallback|EventDispatch|RunMicrotasks|XHRReadyStateChange|XHRLoad|v8\.|V8\.)/,
  ],
  [
    'style',
    /^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation|ParseAuthorStyleSheet|Blink\.Style\.|StyleEngine|Document::(recalcStyle|rebuildLayoutTree|updateStyle|updateActiveStyle))/,
  ],
  [
    'layout',
    /^(Layout$|Blink\.Layout\.|Blink\.ForcedStyleAndLayout\.|LocalFrameView::(layout|performLayout)|InlineNode|LayoutNG|HitTest|UpdateLayerTree|ScrollAnchor)/,
  ],
  [
    'paint',
    /^(PrePaint|Paint$|PaintImage|Layerize|UpdateLayer|CompositeLayers|Commit$|CullRectUpdate|PaintArtifactCompositor|Blink\.(PrePaint|Paint|CompositingInputs|CompositingCommit)\.|LocalFrameView::(Run\w*LifecyclePhase|pushPaintArtifactToCompositor)|ProxyMain::BeginMainFrame::commit)/,
  ],
];

export function kindOfEvent(name: string): BreakdownKind | undefined {
  return KIND_PATTERNS.find(([, pattern]) => pattern.test(name))?.[0];
}

/** Starts a trace, runs `during`, ends it and returns every event collected. */
export async function recordTrace<T>(
  cdp: CDPSession,
  during: () => Promise<T>,
): Promise<{ result: T; events: TraceEvent[] }> {
  const events: TraceEvent[] = [];
  const onData = (params: { value: object[] }) => {
    for (const e of params.value) events.push(e as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: TRACE_CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
  });
  let result: T;
  try {
    result = await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
  }
  return { result, events };
}

function threadNames(events: readonly TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') {
      names.set(`${e.pid}:${e.tid}`, String((e.args as { name?: unknown } | undefined)?.name));
    }
  }
  return names;
}

interface Span {
  name: string;
  start: number;
  end: number;
  /** CPU time of the thread inside the span (µs): wall time when no thread time was recorded. */
  cpu: number;
}

/** Complete ('X') and begin/end ('B'/'E') events of one thread, as spans sorted by start. */
function spansOf(events: readonly TraceEvent[]): Span[] {
  const spans: Span[] = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.ph === 'X' && typeof e.dur === 'number') {
      spans.push({ name: e.name, start: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur });
    } else if (e.ph === 'B') {
      open.push(e);
    } else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin) {
        const cpu =
          typeof begin.tts === 'number' && typeof e.tts === 'number'
            ? e.tts - begin.tts
            : e.ts - begin.ts;
        spans.push({ name: begin.name, start: begin.ts, end: e.ts, cpu });
      }
    }
  }
  // Parents first when two spans start together (the longer one contains the other).
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Self time of one thread, per event name and per kind: each span's thread CPU time minus its
 * children's (CPU, not wall time, so that other processes on a busy machine do not inflate it).
 */
export interface SelfTimes {
  byName: Map<string, number>;
  byKind: Record<BreakdownKind, number>;
}

/**
 * Self time per event name and kind on one thread. Spans that overlap without nesting (rare,
 * async slices) are clipped to their parent.
 */
export function selfTimes(events: readonly TraceEvent[]): SelfTimes {
  const byName = new Map<string, number>();
  const byKind = Object.fromEntries(BREAKDOWN_KINDS.map((k) => [k, 0])) as Record<
    BreakdownKind,
    number
  >;
  const stack: { span: Span; kind: BreakdownKind; child: number }[] = [];
  const close = (until: number) => {
    for (let top = stack.at(-1); top && top.span.end <= until; top = stack.at(-1)) {
      stack.pop();
      const own = Math.max(0, top.span.cpu - top.child);
      byName.set(top.span.name, (byName.get(top.span.name) ?? 0) + own);
      byKind[top.kind] += own;
      const parent = stack.at(-1);
      if (parent) parent.child += top.span.cpu;
    }
  };
  for (const span of spansOf(events)) {
    close(span.start);
    const parent = stack.at(-1);
    const clipped = parent && span.end > parent.span.end ? { ...span, end: parent.span.end } : span;
    const kind = kindOfEvent(span.name) ?? parent?.kind ?? 'other';
    stack.push({ span: clipped, kind, child: 0 });
  }
  close(Number.POSITIVE_INFINITY);
  return { byName, byKind };
}

/** The breakdown of a trace, for the (single) page's renderer process. */
export function breakdown(events: readonly TraceEvent[]): TraceBreakdown {
  const names = threadNames(events);
  const mainKey = [...names].find(([, name]) => name === 'CrRendererMain')?.[0];
  const pidOf = (key: string) => Number(key.split(':')[0]);
  const rendererPid = mainKey ? pidOf(mainKey) : undefined;
  const byThread = new Map<string, TraceEvent[]>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let mainFrames = 0;
  for (const e of events) {
    if (e.ph === 'M') continue;
    const key = `${e.pid}:${e.tid}`;
    let list = byThread.get(key);
    if (!list) byThread.set(key, (list = []));
    list.push(e);
    if (key === mainKey) {
      first = Math.min(first, e.ts);
      last = Math.max(last, e.ts + (e.dur ?? 0));
      if (e.name === 'BeginMainThreadFrame') mainFrames += 1;
    }
  }
  const ms = Object.fromEntries(BREAKDOWN_KINDS.map((k) => [k, 0])) as Record<
    BreakdownKind,
    number
  >;
  const top: { name: string; ms: number }[] = [];
  for (const [key, list] of byThread) {
    const thread = names.get(key) ?? '';
    const pid = pidOf(key);
    if (key === mainKey) {
      const self = selfTimes(list);
      for (const kind of BREAKDOWN_KINDS) ms[kind] += self.byKind[kind] / 1000;
      for (const [name, us] of self.byName) top.push({ name, ms: us / 1000 });
    } else if (pid === rendererPid && thread === 'Compositor') {
      for (const us of selfTimes(list).byName.values()) ms.compositor += us / 1000;
    } else if (pid === rendererPid) {
      // Tile raster runs on the renderer's worker pool (CompositorTileWorker or ThreadPool).
      for (const e of list) {
        if (e.name === 'RasterTask') ms.raster += (e.tdur ?? e.dur ?? 0) / 1000;
      }
    } else if (
      pid !== rendererPid &&
      (thread === 'VizCompositorThread' || thread === 'CrGpuMain')
    ) {
      for (const us of selfTimes(list).byName.values()) ms.gpu += us / 1000;
    }
  }
  top.sort((a, b) => b.ms - a.ms);
  return {
    spanMs: Number.isFinite(first) ? (last - first) / 1000 : 0,
    mainFrames,
    ms,
    top: top.slice(0, 12),
  };
}

export const MAIN_THREAD_KINDS: readonly BreakdownKind[] = [
  'script',
  'style',
  'layout',
  'paint',
  'gc',
  'other',
];

/** Renderer main-thread busy time (ms) of a breakdown. */
export function mainThreadMs(b: TraceBreakdown): number {
  return MAIN_THREAD_KINDS.reduce((sum, k) => sum + b.ms[k], 0);
}

/** "main thread 9.10 (script 2.10, style 0.50, ...), raster 0.02, compositor 0.60, gpu 0.20", in ms per frame. */
export function describeBreakdown(b: TraceBreakdown, frames: number): string {
  const per = (v: number) => (v / Math.max(1, frames)).toFixed(2);
  const main = MAIN_THREAD_KINDS.map((k) => `${k} ${per(b.ms[k])}`).join(', ');
  const rest = BREAKDOWN_KINDS.filter((k) => !MAIN_THREAD_KINDS.includes(k))
    .map((k) => `${k} ${per(b.ms[k])}`)
    .join(', ');
  return `main thread ${per(mainThreadMs(b))} (${main}), ${rest}`;
}
