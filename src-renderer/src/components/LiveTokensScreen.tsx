import { memo, useCallback, useEffect, useMemo, useRef, type MouseEvent } from 'react';
import type { RevokeResult, Session } from '../../../src-shared/contract';
import { countResults, failedTargets, summaryLine } from '../lib/bulk-results';
import { formatDateTime } from '../lib/date-time';
import { describeError } from '../lib/error-wording';
import { liveCountLine, liveStateLabel, workerLabel } from '../lib/live-tokens-wording';
import { latestExpiry, matchesWorkerSearch } from '../lib/sessions';
import {
  summarizeSelection,
  unfinishedJob,
  useBulkStore,
  type SelectionSummary,
  type UnfinishedJob,
} from '../stores/bulk-store';
import { useProfilesStore } from '../stores/profiles-store';
import { useSessionsStore, type WorkerRef } from '../stores/sessions-store';
import { useTimeZone } from '../stores/time-zone';
import { useWorkersStore } from '../stores/workers-store';
import { AllTokensView, LiveScopeToggle } from './AllTokensView';
import { Countdown } from './Countdown';
import { useVirtualRows } from './use-virtual-rows';
import { ErrorNote } from './ErrorNote';
import { WorkerIdentity } from './WorkerIdentity';
import '../styles/live-tokens.css';

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
      <td>
        <WorkerIdentity worker={target} />
      </td>
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
  const retryFailed = useBulkStore((s) => s.retryFailed);
  const counts = useMemo(() => countResults(targets, results), [targets, results]);
  const failed = useMemo(() => failedTargets(targets, results).length, [targets, results]);
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
      {status === 'done' && !error && (
        <p className="bulk-summary" data-testid="bulk-summary">
          {summaryLine(counts)}
        </p>
      )}
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
          className="danger"
          onClick={() => void stop()}
          aria-disabled={cancelling}
          data-testid="bulk-cancel"
        >
          {cancelling ? 'Stopping: finishing the requests already sent…' : 'Stop'}
        </button>
      )}
      {status === 'done' && (
        <div className="toolbar">
          {failed > 0 && (
            <button
              type="button"
              className="danger-solid"
              onClick={() => void retryFailed()}
              data-testid="bulk-retry"
            >
              Retry failed ({failed})
            </button>
          )}
          <button type="button" onClick={clearResults}>
            Clear results
          </button>
        </div>
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

/** Fixed row height of the Live tokens list (CSS `.wt.lt .wt-row` matches it): two lines. */
export const LIVE_ROW_HEIGHT = 52;
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
  onToggle: (workerId: string, range: boolean) => void;
  onFocusRow: (index: number) => void;
  onRevoke: (worker: WorkerRef) => void;
  onOpenWorker: (worker: WorkerRef) => void;
  /** A bulk run is going: row revokes wait for it. */
  busy: boolean;
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
  onRevoke,
  onOpenWorker,
  busy,
}: LiveRowProps) {
  const zone = useTimeZone();
  const worker: WorkerRef = {
    workerId: session.workerId,
    workerName: session.workerName,
    workerEmail: session.workerEmail ?? null,
  };
  const unknown = session.state === 'outcome-unknown';
  const label = workerLabel(worker);
  const tabIndex = tabStop ? 0 : -1;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={checked ? 'wt-row wt-selected' : 'wt-row'}
      style={{ transform: `translateY(${start}px)` }}
      data-testid="live-row"
      data-worker-id={session.workerId}
      data-state={session.state}
      data-row-index={index}
    >
      <div role="cell" className="wt-cell lt-check">
        <input
          type="checkbox"
          aria-label={`Select ${label}`}
          checked={checked}
          tabIndex={tabIndex}
          onFocus={() => onFocusRow(index)}
          // Shift-click (or Shift+Space) selects the range from the last row chosen: the click
          // carries the modifier, the change event does not, so the click decides.
          onClick={(event: MouseEvent<HTMLInputElement>) =>
            onToggle(session.workerId, event.shiftKey)
          }
          onChange={() => undefined}
        />
      </div>
      <div role="cell" className="wt-cell lt-worker">
        <WorkerIdentity worker={worker} />
      </div>
      <div role="cell" className="wt-cell lt-state">
        <span
          className={unknown ? 'badge badge-outcome-unknown' : 'badge badge-live'}
          data-testid="live-state"
          title={
            unknown
              ? 'Deel may or may not hold a token: the answer to a mint or revoke never came. Revoke to be sure.'
              : undefined
          }
        >
          {unknown && <span aria-hidden="true">? </span>}
          {liveStateLabel(unknown ? 'outcome-unknown' : 'live')}
        </span>
      </div>
      <div role="cell" className="wt-cell lt-num lt-minted">
        {formatDateTime(session.mintedAt, zone)}
      </div>
      <div role="cell" className="wt-cell lt-num lt-expires">
        {session.expiresAt ? formatDateTime(session.expiresAt, zone) : 'unknown'}
      </div>
      <div role="cell" className="wt-cell lt-num lt-left">
        {session.expiresAt ? (
          <Countdown until={session.expiresAt} />
        ) : (
          <span className="muted" title="At the latest 24 h after the mint">
            by <Countdown until={latestExpiry(session)} neutral />
          </span>
        )}
      </div>
      <div role="cell" className="wt-cell lt-actions">
        <button
          type="button"
          className="btn-small danger"
          tabIndex={tabIndex}
          onClick={() => onRevoke(worker)}
          aria-disabled={busy}
          aria-label={`Revoke ${label}`}
          data-testid="row-revoke"
        >
          Revoke
        </button>
        <button
          type="button"
          className="btn-small"
          tabIndex={tabIndex}
          onClick={() => onOpenWorker(worker)}
          aria-label={`Open worker ${label}`}
          data-testid="row-open-worker"
        >
          Open worker
        </button>
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
  const toggleRange = useBulkStore((s) => s.toggleRange);
  const toggleAll = useBulkStore((s) => s.toggleAll);
  const ask = useBulkStore((s) => s.ask);
  const busy = useBulkStore((s) => s.status === 'running');
  const showWorker = useWorkersStore((s) => s.showWorker);
  // The shown order, read at click time: a stable callback keeps the memoised rows from
  // re-rendering whenever the selection changes.
  const order = useRef(ids);
  useEffect(() => {
    order.current = ids;
  }, [ids]);
  const onToggle = useCallback(
    (workerId: string, range: boolean) => {
      if (range) toggleRange(order.current, workerId);
      else toggle(workerId);
    },
    [toggle, toggleRange],
  );
  const onRevoke = useCallback((worker: WorkerRef) => ask([worker]), [ask]);
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
        selects, Shift+Space or Shift+click selects the range from the last row chosen; Tab reaches
        the row&apos;s Revoke and Open worker.
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
                aria-label="Select all shown tokens"
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
            <div role="columnheader" className="wt-cell lt-state">
              State
            </div>
            <div role="columnheader" className="wt-cell lt-minted">
              Minted
            </div>
            <div role="columnheader" className="wt-cell lt-expires">
              Expires
            </div>
            <div role="columnheader" className="wt-cell lt-left">
              Time left
            </div>
            <div role="columnheader" className="wt-cell lt-actions">
              Actions
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
                  onToggle={onToggle}
                  onFocusRow={setCursor}
                  onRevoke={onRevoke}
                  onOpenWorker={showWorker}
                  busy={busy}
                />
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}

/** The active profile's live tokens: search, bulk revoke, the unfinished job, the table. */
function ProfileTokens({
  live,
  shown,
  summary,
  hiddenSelected,
}: {
  live: Session[];
  shown: Session[];
  summary: SelectionSummary;
  hiddenSelected: number;
}) {
  const selected = useBulkStore((s) => s.selected);
  const ask = useBulkStore((s) => s.ask);
  const running = useBulkStore((s) => s.status === 'running');
  const search = useBulkStore((s) => s.search);
  const setSearch = useBulkStore((s) => s.setSearch);
  const { chosen } = summary;
  return (
    <>
      <div className="toolbar" role="search" aria-label="Find live tokens">
        <label className="lt-search">
          <span className="sr-only">Search live tokens by name, email or worker id</span>
          <input
            type="search"
            placeholder="Name, email or worker id"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="live-search"
          />
        </label>
        <button
          type="button"
          className="danger-solid"
          onClick={() => ask(chosen)}
          aria-disabled={chosen.length === 0 || running}
          data-testid="bulk-revoke"
        >
          Revoke selected ({chosen.length})
        </button>
        {hiddenSelected > 0 && (
          <span className="muted" data-testid="hidden-selected">
            {hiddenSelected} selected {hiddenSelected === 1 ? 'token is' : 'tokens are'} hidden by
            the search
          </span>
        )}
      </div>
      <UnfinishedJobPanel />
      <BulkRun />
      {live.length === 0 ? (
        <p className="empty" data-testid="no-live-tokens">
          No live tokens. Mint one from the Workers screen.
        </p>
      ) : shown.length === 0 ? (
        <p className="empty" data-testid="no-live-match">
          No token matches “{search.trim()}”.
        </p>
      ) : (
        <LiveTable live={shown} selected={selected} summary={summary} />
      )}
    </>
  );
}

export function LiveTokensScreen() {
  // Live and "outcome unknown": every token Deel may hold, one row per worker.
  const live = useSessionsStore((s) => s.revocable);
  const selected = useBulkStore((s) => s.selected);
  const prune = useBulkStore((s) => s.prune);
  const search = useBulkStore((s) => s.search);
  const scope = useProfilesStore((s) => s.liveScope);

  useEffect(() => {
    prune(live.map((s) => s.workerId));
  }, [live, prune]);

  const shown = useMemo(
    () => (search.trim() ? live.filter((s) => matchesWorkerSearch(s, search)) : live),
    [live, search],
  );
  const summary = useMemo(() => summarizeSelection(live, selected, shown), [live, selected, shown]);
  const { chosen } = summary;
  const unknown = useMemo(() => live.filter((s) => s.state === 'outcome-unknown').length, [live]);
  const hiddenSelected = useMemo(() => {
    const visible = new Set(summary.ids);
    return chosen.filter((c) => !visible.has(c.workerId)).length;
  }, [chosen, summary.ids]);

  return (
    <section className="screen screen-live" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Live tokens
        </h2>
        {scope === 'profile' && (
          <p className="muted" data-testid="live-count">
            {liveCountLine(live.length, unknown, shown.length)}
          </p>
        )}
        <LiveScopeToggle />
      </div>
      {scope === 'all' ? (
        <AllTokensView />
      ) : (
        <ProfileTokens
          live={live}
          shown={shown}
          summary={summary}
          hiddenSelected={hiddenSelected}
        />
      )}
    </section>
  );
}
