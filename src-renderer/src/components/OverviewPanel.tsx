import { useEffect } from 'react';
import { useOverviewStore } from '../stores/overview-store';

const environmentLabels = {
  demo: 'Demo (built-in simulator)',
  production: 'Production',
  sandbox: 'Sandbox',
  'sandbox-staging': 'Sandbox (staging host)',
  custom: 'Custom URL',
} as const;

export function OverviewPanel() {
  const state = useOverviewStore((store) => store.state);
  const load = useOverviewStore((store) => store.load);

  useEffect(() => {
    void load();
  }, [load]);

  if (state.status === 'error') {
    return (
      <section className="panel" aria-labelledby="overview-title">
        <h2 id="overview-title">Organization</h2>
        <p role="alert" className="error">
          {state.error.message}
          {state.error.requestId && (
            <span className="request-id"> (Deel request id {state.error.requestId})</span>
          )}
        </p>
        <button type="button" onClick={() => void load()}>
          Try again
        </button>
      </section>
    );
  }

  if (state.status !== 'ready') {
    return (
      <section className="panel" aria-labelledby="overview-title" aria-busy="true">
        <h2 id="overview-title">Organization</h2>
        <p>Connecting…</p>
      </section>
    );
  }

  const { organization, workerCount, environment } = state.overview;
  return (
    <section className="panel" aria-labelledby="overview-title">
      <h2 id="overview-title">Organization</h2>
      <dl className="facts">
        <dt>Name</dt>
        <dd data-testid="org-name">{organization.name}</dd>
        <dt>Workers</dt>
        <dd data-testid="worker-count">{workerCount.toLocaleString('en-US')}</dd>
        <dt>Environment</dt>
        <dd data-testid="environment">{environmentLabels[environment]}</dd>
      </dl>
    </section>
  );
}
