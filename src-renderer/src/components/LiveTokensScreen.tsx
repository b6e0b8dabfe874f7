import { memo, useEffect, useMemo } from 'react';
import type { RevokeResult, Session } from '../../../src-shared/contract';
import { formatDateTime } from '../lib/date-time';
import { describeError } from '../lib/error-wording';
import {
  summarizeSelection,
  unfinishedJob,
  useBulkStore,
  type SelectionSummary,
  type UnfinishedJob,
} from '../stores/bulk-store';
import { useSessionsStore, type WorkerRef } from '../stores/sessions-store';
import { useTimeZone } from '../stores/time-zone';
import { Countdown } from './Countdown';
import { useVirtualRows } from './use-virtual-rows';
import { ErrorNote } from './ErrorNote';

function ResultText({ result }: { result: RevokeResult | undefined }) {
  if (!result) return <span className="muted">Pending…</span>;
  const requestId = result.requestId && (
    <span className="muted"> (request id {result.requestId})</span>
  );
  if (result.outcome === 'revoked') return <span className="result-ok">Revoked{requestId}</span>;
  if (result.outcome === 'no-live-token')
    return <span className="result-info">No live token on Deel{requestId}</span>;
  if (result.outcome === 'not-sent')
    return (
      <span className="result-info">
        Not sent (
        {result.notSentBecause === 'connection-switch'
          ? 'the connection was switched'
          : 'cancelled'}
        )
      </span>
    );
  return (
    <span className="result-failed">
      Failed{result.error ? `: ${describeError(result.error)}` : ''}
      {result.error?.requestId && <> (request id {result.error.requestId})</>}
    </span>
  );
}

/** One result row: memoised, so a progress event re-renders only the row whose result came in. */
const BulkResultRow = memo(function BulkResultRow({
  target,
  result,
}: {
  target: WorkerRef;
  result: RevokeResult | undefined;
}) {
  return (
    <tr data-testid="bulk-result" data-worker-id={target.workerId}>
      <td>{target.workerName}</td>
      <td>
        <ResultText result={result} />
      </td>
    </tr>
  );
});

/** Memoised: selecting rows re-renders the screen, not the (possibly long) results. */
const BulkRun = memo(function BulkRun() {
  const status = useBulkStore((s) => s.status);
  const targets = useBulkStore((s) => s.targets);
  const done = useBulkStore((s) => s.done);
  const total = useBulkStore((s) => s.total);
  const results = useBulkStore((s) => s.results);
  const retrying = useBulkStore((s) => s.retrying);
  const error = useBulkStore((s) => s.error);
  const clearResults = useBulkStore((s) => s.clearResults);
  const stop = useBulkStore((s) => s.stop);
  const cancelling = useBulkStore((s) => s.cancelling);
  if (status !== 'running' && status !== 'done') return null;
  return (
    <section className="panel bulk-run" aria-labelledby="bulk-title" data-testid="bulk-run">
      <h3 id="bulk-title">Bulk revoke {status === 'running' ? 'in progress' : 'finished'}</h3>
      <div className="bulk-progress">
        <progress max={total || 1} value={done} aria-label="Bulk revoke progress" />
        <span role="status" data-testid="bulk-count">
          {done} of {total} done
        </span>
      </div>
      {retrying && <p role="status">Rate limited, retrying…</p>}
      {error && <ErrorNote error={error} context="Bulk revoke" />}
      {/* Every target keeps its row (results outlive the live list); the box scrolls on its own. */}
      <div className="bulk-results" tabIndex={0} role="region" aria-label="Bulk revoke results">
        <table className="plain">
          <thead>
            <tr>
              <th scope="col">Worker</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => (
              <BulkResultRow key={t.workerId} target={t} result={results[t.workerId]} />
            ))}
          </tbody>
        </table>
      </div>
      {status === 'running' && (
        <button
          type="button"
          onClick={() => void stop()}
          aria-disabled={cancelling}
          data-testid="bulk-cancel"
        >
          {cancelling ? 'Cancelling: finishing the requests already sent…' : 'Cancel'}
        </button>
      )}
      {status === 'done' && (
        <button type="button" onClick={clearResults}>
          Clear results
        </button>
      )}
    </section>
  );
});

const jobTitles: Record<UnfinishedJob['state'], string> = {
  interrupted: 'A bulk revoke was interrupted: the console closed while it ran.',
  stopped: 'A bulk revoke was stopped when the connection was switched.',
  cancelled: 'A bulk revoke was cancelled.',
  finished: 'A bulk revoke finished without revoking every token.',
};

/** The last job main journaled, when it left tokens unrevoked: Resume or Dismiss. */
function UnfinishedJobPanel() {
  const stored = useBulkStore((s) => s.job);
  const job = useMemo(() => unfinishedJob(stored), [stored]);
  const idle = useBulkStore((s) => s.status === 'idle');
  const resume = useBulkStore((s) => s.resume);
  const dismiss = useBulkStore((s) => s.dismissJob);
  const zone = useTimeZone();
  if (!job || !idle) return null;
  const open = job.open.length;
  return (
    <section
      className="panel note note-warning"
      aria-labelledby="unfinished-job-title"
      data-testid="unfinished-job"
      data-state={job.state}
    >
      <h3 id="unfinished-job-title">{jobTitles[job.state]}</h3>
      <p>
        Started {formatDateTime(job.startedAt, zone)}: {job.revoked} of {job.total} done, {open}{' '}
        {open === 1 ? 'token' : 'tokens'} not revoked yet. Resume sends {open === 1 ? 'it' : 'them'}{' '}
        again; a token Deel already revoked answers &quot;no live token&quot;.
      </p>
      <div className="toolbar">
        <button
          type="button"
          className="danger-solid"
          onClick={() => void resume()}
          data-testid="bulk-resume"
        >
          Resume ({open})
        </button>
        <button type="button" className="btn-quiet" onClick={() => void dismiss()}>
          Dismiss
        </button>
      </div>
    </section>
  );
}

/** Fixed row height of the Live tokens list (CSS `.lt .wt-row` matches it). */
export const LIVE_ROW_HEIGHT = 40;
/** Rows rendered beyond the viewport: only mounted rows hold a countdown on the shared tick. */
const OVERSCAN = 4;
/** The list shrinks to this many rows at least when the screen is short of room. */
const MIN_VISIBLE_ROWS = 4;

interface LiveRowProps {
  session: Session;
  index: number;
  start: number;
  checked: boolean;
  /** Whether this row holds the list's one Tab stop. */
  tabStop: boolean;
  onToggle: (workerId: string) => void;
  onFocusRow: (index: number) => void;
}

/**
 * One live token: memoised and fixed height. Only its `Countdown` subscribes to the tick, and
 * only while the row is mounted (visible or within the overscan).
 */
const LiveRowView = memo(function LiveRowView({
  session,
  index,
  start,
  checked,
  tabStop,
  onToggle,
  onFocusRow,
}: LiveRowProps) {
  const zone = useTimeZone();
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={checked ? 'wt-row wt-selected' : 'wt-row'}
      style={{ transform: `translateY(${start}px)` }}
      data-testid="live-row"
      data-worker-id={session.workerId}
      data-row-index={index}
    >
      <div role="cell" className="wt-cell lt-check">
        <input
          type="checkbox"
          aria-label={`Select ${session.workerName}`}
          checked={checked}
          tabIndex={tabStop ? 0 : -1}
          onFocus={() => onFocusRow(index)}
          onChange={() => onToggle(session.workerId)}
        />
      </div>
      <div role="cell" className="wt-cell">
        {session.workerName}
      </div>
      <div role="cell" className="wt-cell lt-num">
        {formatDateTime(session.mintedAt, zone)}
      </div>
      <div role="cell" className="wt-cell lt-num">
        {session.expiresAt ? formatDateTime(session.expiresAt, zone) : '—'}
      </div>
      <div role="cell" className="wt-cell lt-num">
        {session.expiresAt && <Countdown until={session.expiresAt} />}
      </div>
    </div>
  );
});

/** Every live token, soonest expiry first: a virtualised table (the workers table's pattern). */
function LiveTable({
  live,
  selected,
  summary: { ids, allSelected, someSelected },
}: {
  live: Session[];
  selected: ReadonlySet<string>;
  /** Over ALL live rows, not only the rendered ones. */
  summary: SelectionSummary;
}) {
  const toggle = useBulkStore((s) => s.toggle);
  const toggleAll = useBulkStore((s) => s.toggleAll);
  const storedCursor = useBulkStore((s) => s.cursor);
  const setCursor = useBulkStore((s) => s.setCursor);
  const cursor = Math.min(storedCursor, live.length - 1);
  const { scrollRef, virtualizer, onKeyDown, tabStopIndex } = useVirtualRows({
    count: live.length,
    rowHeight: LIVE_ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (index) => live[index]?.id ?? index,
    cursor,
    setCursor,
    focusTarget: 'input',
  });

  const items = virtualizer.getVirtualItems();
  const totalSize = virtualizer.getTotalSize();

  return (
    <>
      <span id="live-keys" className="sr-only">
        Up and down arrows, Page Up, Page Down, Home and End move between live tokens; Space
        selects.
      </span>
      <div
        role="table"
        aria-label="Live tokens"
        aria-describedby="live-keys"
        aria-rowcount={live.length + 1}
        className="wt lt"
        data-testid="live-table"
        // The list is as tall as its rows and shrinks (to a few rows) when the screen is short.
        style={{
          minHeight: LIVE_ROW_HEIGHT + Math.min(totalSize, MIN_VISIBLE_ROWS * LIVE_ROW_HEIGHT) + 2,
        }}
      >
        <div role="rowgroup" className="wt-head">
          <div role="row" aria-rowindex={1} className="wt-row wt-head-row">
            <div role="columnheader" className="wt-cell lt-check">
              <input
                type="checkbox"
                aria-label="Select all live tokens"
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = someSelected && !allSelected;
                }}
                onChange={() => toggleAll(ids)}
                data-testid="select-all"
              />
            </div>
            <div role="columnheader" className="wt-cell">
              Worker
            </div>
            <div role="columnheader" className="wt-cell">
              Minted
            </div>
            <div role="columnheader" className="wt-cell">
              Expires
            </div>
            <div role="columnheader" className="wt-cell">
              Time left
            </div>
          </div>
        </div>
        <div
          ref={scrollRef}
          className="wt-scroll"
          data-testid="live-scroll"
          style={{ height: `${totalSize}px` }}
        >
          <div
            role="rowgroup"
            className="wt-body"
            onKeyDown={onKeyDown}
            style={{ height: `${totalSize}px` }}
          >
            {items.map((item) => {
              const session = live[item.index];
              if (!session) return null;
              return (
                <LiveRowView
                  key={session.id}
                  session={session}
                  index={item.index}
                  start={item.start}
                  checked={selected.has(session.workerId)}
                  tabStop={item.index === tabStopIndex}
                  onToggle={toggle}
                  onFocusRow={setCursor}
                />
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}

export function LiveTokensScreen() {
  const live = useSessionsStore((s) => s.live);
  const selected = useBulkStore((s) => s.selected);
  const prune = useBulkStore((s) => s.prune);
  const ask = useBulkStore((s) => s.ask);
  const running = useBulkStore((s) => s.status === 'running');

  useEffect(() => {
    prune(live.map((s) => s.workerId));
  }, [live, prune]);

  const summary = useMemo(() => summarizeSelection(live, selected), [live, selected]);
  const { chosen } = summary;

  return (
    <section className="screen screen-live" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Live tokens
        </h2>
        <p className="muted">
          {live.length} live {live.length === 1 ? 'token' : 'tokens'}, soonest expiry first.
        </p>
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="danger-solid"
          onClick={() => ask(chosen)}
          aria-disabled={chosen.length === 0 || running}
          data-testid="bulk-revoke"
        >
          Revoke selected ({chosen.length})
        </button>
      </div>
      <UnfinishedJobPanel />
      <BulkRun />
      {live.length === 0 ? (
        <p className="empty" data-testid="no-live-tokens">
          No live tokens. Mint one from the Workers screen.
        </p>
      ) : (
        <LiveTable live={live} selected={selected} summary={summary} />
      )}
    </section>
  );
}
