import { describe, expect, it } from 'vitest';
import {
  breakdown,
  describeBreakdown,
  kindOfEvent,
  mainThreadMs,
  selfTimes,
  type TraceEvent,
} from '../../../bench/support/trace';

const RENDERER = 10;
const GPU = 20;
const MAIN = 1;

const meta = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  cat: '__metadata',
  ph: 'M',
  ts: 0,
  pid,
  tid,
  args: { name },
});
/** A complete event; times in ms (traces use µs). */
const x = (
  name: string,
  startMs: number,
  durMs: number,
  pid = RENDERER,
  tid = MAIN,
): TraceEvent => ({
  name,
  cat: 'devtools.timeline',
  ph: 'X',
  ts: startMs * 1000,
  dur: durMs * 1000,
  pid,
  tid,
});

describe('trace breakdown', () => {
  it('classifies events by name and leaves unknown ones to their parent', () => {
    expect(kindOfEvent('FunctionCall')).toBe('script');
    expect(kindOfEvent('UpdateLayoutTree')).toBe('style');
    expect(kindOfEvent('LocalFrameView::performLayout')).toBe('layout');
    expect(kindOfEvent('Blink.PrePaint.UpdateTime')).toBe('paint');
    expect(kindOfEvent('V8.GC_MC_INCREMENTAL')).toBe('gc');
    expect(kindOfEvent('InlineNode::ShapeTextIncludingFirstLine')).toBe('layout');
    expect(kindOfEvent('ThreadControllerImpl::RunTask')).toBeUndefined();
  });

  it('counts self time once, children inheriting an unnamed kind from their parent', () => {
    const { byKind, byName } = selfTimes([
      x('RunTask', 0, 10),
      x('FunctionCall', 1, 6),
      x('SomeInternalThing', 2, 2), // inside script: script
      x('Layout', 3, 1), // forced layout inside script: layout
      x('Paint', 8, 1),
    ]);
    expect(byName.get('RunTask')).toBeCloseTo(3000); // 10 - 6 - 1
    expect(byName.get('FunctionCall')).toBeCloseTo(4000); // 6 - 2
    expect(byName.get('SomeInternalThing')).toBeCloseTo(1000); // 2 - 1
    expect(byKind.script).toBeCloseTo(5000);
    expect(byKind.layout).toBeCloseTo(1000);
    expect(byKind.paint).toBeCloseTo(1000);
    expect(byKind.other).toBeCloseTo(3000);
  });

  it('counts thread CPU time where the trace has it, not the wall time a busy machine adds', () => {
    const cpu = (event: TraceEvent, tdurMs: number): TraceEvent => ({
      ...event,
      tdur: tdurMs * 1000,
    });
    const { byKind } = selfTimes([
      cpu(x('FunctionCall', 0, 40), 6), // 40 ms on the clock, 6 ms on the CPU
      cpu(x('Layout', 10, 20), 2),
    ]);
    expect(byKind.script).toBeCloseTo(4000);
    expect(byKind.layout).toBeCloseTo(2000);
  });

  it('pairs begin/end events', () => {
    const events: TraceEvent[] = [
      { name: 'UpdateLayoutTree', cat: 'blink', ph: 'B', ts: 0, pid: RENDERER, tid: MAIN },
      x('Something', 1, 1),
      { name: 'UpdateLayoutTree', cat: 'blink', ph: 'E', ts: 4000, pid: RENDERER, tid: MAIN },
    ];
    expect(selfTimes(events).byKind.style).toBeCloseTo(4000);
  });

  it('splits the page renderer main thread, its raster and compositor threads, and the GPU process', () => {
    const b = breakdown([
      meta(RENDERER, MAIN, 'CrRendererMain'),
      meta(RENDERER, 2, 'Compositor'),
      meta(RENDERER, 3, 'ThreadPoolForegroundWorker'),
      meta(GPU, 1, 'VizCompositorThread'),
      meta(30, 1, 'CrRendererMain-other-process-thread'),
      x('BeginMainThreadFrame', 0, 0),
      x('FunctionCall', 0, 4),
      x('BeginMainThreadFrame', 16.7, 0),
      x('Layout', 17, 2),
      x('RasterTask', 5, 3, RENDERER, 3),
      x('DisplayItemList::Raster', 5, 1, RENDERER, 3), // not a RasterTask: not counted twice
      x('ProxyImpl::Commit', 6, 1.5, RENDERER, 2),
      x('Graphics.Pipeline', 7, 2.5, GPU, 1),
      x('FunctionCall', 0, 50, 30, 1), // another process: ignored
    ]);
    expect(b.mainFrames).toBe(2);
    expect(b.spanMs).toBeCloseTo(19);
    expect(b.ms.script).toBeCloseTo(4);
    expect(b.ms.layout).toBeCloseTo(2);
    expect(b.ms.raster).toBeCloseTo(3);
    expect(b.ms.compositor).toBeCloseTo(1.5);
    expect(b.ms.gpu).toBeCloseTo(2.5);
    expect(mainThreadMs(b)).toBeCloseTo(6);
    expect(b.top[0]).toEqual({ name: 'FunctionCall', ms: 4 });
    expect(describeBreakdown(b, 2)).toBe(
      'main thread 3.00 (script 2.00, style 0.00, layout 1.00, paint 0.00, gc 0.00, other 0.00), raster 1.50, compositor 0.75, gpu 1.25',
    );
  });
});
