import { useOverviewStore } from '../stores/overview-store';

const environmentLabels = {
  demo: 'Demo (built-in simulator)',
  production: 'Production',
  sandbox: 'Sandbox',
  'sandbox-staging': 'Sandbox (staging host)',
  custom: 'Custom URL',
} as const;

/** The connected organization and its size, as a compact fact strip. Loaded by the app store. */
export function OverviewPanel() {
  const state = useOverviewStore((store) => store.state);
  const load = useOverviewStore((store) => store.load);
  const retrying = useOverviewStore((store) => store.retrying);

  if (state.status === 'error') {
    return (
      <div className="overview overview-error" role="alert">
        <span className="error">
          {state.error.message}
          {state.error.requestId && (
            <span className="request-id"> (Deel request id {state.error.requestId})</span>
          )}
        </span>
        <button type="button" className="btn-small" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }

  if (state.status !== 'ready') {
    return (
      <p className="overview muted" aria-busy="true" role="status">
        {retrying ? 'Rate limited, retrying…' : 'Connecting…'}
      </p>
    );
  }

  const { organization, workerCount, environment } = state.overview;
  return (
    <dl className="overview" aria-label="Organization">
      <div>
        <dt>Organization</dt>
        <dd data-testid="org-name">{organization.name}</dd>
      </div>
      <div>
        <dt>Workers</dt>
        <dd data-testid="worker-count">{workerCount.toLocaleString('en-US')}</dd>
      </div>
      <div>
        <dt>Environment</dt>
        <dd data-testid="environment">{environmentLabels[environment]}</dd>
      </div>
    </dl>
  );
}
