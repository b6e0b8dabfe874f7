import { useEffect, useRef } from 'react';
import { AuditScreen } from './components/AuditScreen';
import { ConnectScreen } from './components/ConnectScreen';
import { IncidentScreen } from './components/IncidentScreen';
import { BulkRevokeDialog, MintDialog, RevokeDialog } from './components/Dialogs';
import { ExpiryBanner } from './components/ExpiryBanner';
import { RotateDialog } from './components/RotateDialog';
import { LiveTokensScreen } from './components/LiveTokensScreen';
import { ProfileSwitcher } from './components/ProfileSwitcher';
import { SettingsScreen } from './components/SettingsScreen';
import { StatusBar } from './components/StatusBar';
import { WorkersScreen } from './components/WorkersScreen';
import { environmentMarker } from './lib/profiles';
import { reminderHeadline, rotationReminder } from './lib/token-rotation';
import { useAppStore } from './stores/app-store';
import { useConnectionStore } from './stores/connection-store';
import { screenLabels, screens, useNavStore } from './stores/nav-store';
import { useOverviewStore } from './stores/overview-store';
import { useRotationStore } from './stores/rotation-store';
import { useSessionsStore } from './stores/sessions-store';
import { useSettingsStore } from './stores/settings-store';

/** "Org token is N days old: rotate", once the token is as old as Settings' reminder says. */
function RotationReminderButton() {
  const status = useConnectionStore((s) => s.status);
  const reminderDays = useSettingsStore((s) => s.saved?.rotationReminderDays);
  const now = useRotationStore((s) => s.now);
  const watchClock = useRotationStore((s) => s.watchClock);
  const openDialog = useRotationStore((s) => s.openDialog);
  useEffect(() => watchClock(), [watchClock]);
  const reminder = rotationReminder(status, reminderDays, now);
  if (!reminder?.due) return null;
  return (
    <button
      type="button"
      className="rotation-reminder"
      onClick={openDialog}
      data-testid="rotation-reminder"
    >
      {reminderHeadline(reminder)}
    </button>
  );
}

function Header() {
  const status = useConnectionStore((s) => s.status);
  const overview = useOverviewStore((s) => s.state.overview);
  const organization = status?.organization?.name ?? overview?.organization.name;
  const environment = status?.environment ?? overview?.environment;
  const demo = status ? status.mode === 'demo' : environment === 'demo';
  const marker = environmentMarker(demo ? 'demo' : environment);
  return (
    <header className="app-header">
      <h1>Deel Worker Token Console</h1>
      <div className="header-org">
        <ProfileSwitcher />
        {organization && (
          <span className="org-name" data-testid="header-org">
            {organization}
          </span>
        )}
        {status?.mode === 'unconfigured' ? (
          <span className="env-badge env-unconfigured">Not connected</span>
        ) : (
          environment && (
            <span
              className={demo ? 'env-badge env-demo' : `env-badge env-${environment}`}
              data-testid="env-badge"
              data-production={marker.production || undefined}
              title={
                marker.production
                  ? 'Production: real workers, every mint and revoke takes effect at once'
                  : undefined
              }
            >
              {marker.text}
            </span>
          )
        )}
        <RotationReminderButton />
      </div>
    </header>
  );
}

function Nav() {
  const screen = useNavStore((s) => s.screen);
  const go = useNavStore((s) => s.go);
  // Every token Deel may hold: live and "outcome unknown" (the Live tokens list).
  const liveCount = useSessionsStore((s) => s.revocable.length);
  return (
    <nav className="app-nav" aria-label="Screens">
      <ul>
        {screens.map((name) => (
          <li key={name}>
            <button
              type="button"
              aria-current={screen === name ? 'page' : undefined}
              onClick={() => go(name)}
              data-testid={`nav-${name}`}
            >
              {screenLabels[name]}
              {name === 'live' && liveCount > 0 && (
                <span className="count" aria-label={`${liveCount} live`}>
                  {liveCount}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const screenViews = {
  workers: WorkersScreen,
  live: LiveTokensScreen,
  audit: AuditScreen,
  incident: IncidentScreen,
  connect: ConnectScreen,
  settings: SettingsScreen,
} as const;

export function App() {
  const start = useAppStore((s) => s.start);
  const screen = useNavStore((s) => s.screen);
  const mainRef = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => start(), [start]);

  useEffect(() => {
    // Move focus to the new screen's content, except on the first render.
    if (first.current) {
      first.current = false;
      return;
    }
    // A dialog opened with the screen (Forget's "Revoke them first") keeps the focus.
    if (document.querySelector('[role="dialog"]')) return;
    mainRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [screen]);

  const Screen = screenViews[screen];
  return (
    <div className="app">
      <a
        className="skip-link"
        href="#content"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <Header />
      <Nav />
      <ExpiryBanner />
      <main id="content" ref={mainRef} tabIndex={-1} data-screen={screen}>
        <Screen />
      </main>
      <StatusBar />
      <MintDialog />
      <RevokeDialog />
      <BulkRevokeDialog />
      <RotateDialog />
    </div>
  );
}
