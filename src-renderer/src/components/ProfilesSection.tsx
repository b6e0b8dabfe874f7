import type { Profile } from '../../../src-shared/contract';
import { formatDateTime } from '../lib/date-time';
import { isDemoProfile, profileDetails, switchBlocked, switcherOrder } from '../lib/profiles';
import { useProfilesStore } from '../stores/profiles-store';
import { useTimeZone } from '../stores/time-zone';
import { Dialog } from './Dialog';
import { ErrorNote } from './ErrorNote';
import '../styles/profiles.css';

function ProfileItem({ profile }: { profile: Profile }) {
  const draft = useProfilesStore((s) => s.renameDrafts[profile.id]);
  const error = useProfilesStore((s) => s.rowErrors[profile.id]);
  const busy = useProfilesStore((s) => Boolean(s.busy[profile.id]));
  const pendingReason = useProfilesStore((s) => s.pendingRequireReason[profile.id]);
  const switching = useProfilesStore((s) => s.switching);
  const setRenameDraft = useProfilesStore((s) => s.setRenameDraft);
  const rename = useProfilesStore((s) => s.rename);
  const setRequireReason = useProfilesStore((s) => s.setRequireReason);
  const askRemove = useProfilesStore((s) => s.askRemove);
  const switchTo = useProfilesStore((s) => s.switchTo);
  const zone = useTimeZone();
  const demo = isDemoProfile(profile);
  const nameId = `profile-name-${profile.id}`;
  const blocked = switchBlocked(profile);
  const nameError = error?.fieldErrors?.find((f) => f.path === 'name')?.message;
  return (
    <li data-testid="profile-item" data-profile-id={profile.id} data-active={profile.active}>
      <p className="profile-head">
        <strong data-testid="profile-item-name">{profile.name}</strong>
        {profile.active && <span className="badge badge-live">In use</span>}
        <span className="muted">
          {profileDetails(
            profile,
            profile.tokenEnteredAt && formatDateTime(profile.tokenEnteredAt, zone),
          )}
        </span>
        {!profile.available && (
          <span className="badge badge-outcome-unknown">Saved token cannot be opened</span>
        )}
      </p>
      {!demo && (
        <form
          className="profile-rename"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void rename(profile.id);
          }}
        >
          <div className="field">
            <label htmlFor={nameId}>Name</label>
            <input
              id={nameId}
              type="text"
              maxLength={60}
              value={draft ?? profile.name}
              onChange={(event) => setRenameDraft(profile.id, event.target.value)}
              aria-invalid={Boolean(nameError)}
              aria-describedby={nameError ? `${nameId}-error` : undefined}
              data-testid="profile-rename-input"
            />
          </div>
          <button
            type="submit"
            aria-disabled={busy || draft === undefined}
            data-testid="profile-rename"
          >
            Rename
          </button>
          {nameError && (
            <small className="error" id={`${nameId}-error`}>
              {nameError}
            </small>
          )}
        </form>
      )}
      {!demo && (
        <label className="check">
          <input
            type="checkbox"
            checked={pendingReason ?? profile.requireReason}
            aria-disabled={busy}
            onChange={(event) => {
              if (!busy) void setRequireReason(profile.id, event.target.checked);
            }}
            data-testid="profile-require-reason"
          />
          <span>
            Require a reason or ticket reference for mint, revoke and sweep in this profile
          </span>
        </label>
      )}
      <div className="form-actions">
        {!profile.active && (
          <button
            type="button"
            aria-disabled={Boolean(blocked) || Boolean(switching)}
            title={blocked}
            onClick={() => {
              if (!blocked && !switching) void switchTo(profile.id);
            }}
            data-testid="profile-switch"
          >
            {switching === profile.id ? 'Switching…' : 'Switch to it'}
          </button>
        )}
        {!demo && (
          <button
            type="button"
            className="danger"
            aria-disabled={busy}
            onClick={() => {
              if (!busy) askRemove(profile.id);
            }}
            data-testid="profile-remove"
          >
            Remove…
          </button>
        )}
      </div>
      {error && !nameError && <ErrorNote error={error} />}
    </li>
  );
}

function RemoveProfileDialog() {
  const id = useProfilesStore((s) => s.confirmingRemove);
  const profile = useProfilesStore((s) => s.list?.profiles.find((p) => p.id === id));
  const cancel = useProfilesStore((s) => s.cancelRemove);
  const remove = useProfilesStore((s) => s.remove);
  if (!profile) return null;
  return (
    <Dialog title={`Remove the profile ${profile.name}?`} onClose={cancel} testId="remove-profile">
      <p>
        The console deletes this profile and its saved organization token. Its audit entries stay in
        the log. The token itself still works in Deel until you delete it in Deel&apos;s Developer
        Center.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={cancel}>
          Cancel
        </button>
        <button
          type="button"
          className="danger-solid"
          onClick={() => void remove(profile.id)}
          data-testid="remove-profile-confirm"
        >
          Remove profile
        </button>
      </div>
    </Dialog>
  );
}

/** Settings → Profiles: every connection profile, to rename, switch to, or remove. */
export function ProfilesSection() {
  const list = useProfilesStore((s) => s.list);
  const loadError = useProfilesStore((s) => s.loadError);
  const switchError = useProfilesStore((s) => s.switchError);
  return (
    <section className="panel" aria-labelledby="profiles-title" data-testid="profiles-section">
      <h3 id="profiles-title">Profiles</h3>
      <p className="muted">
        Each profile keeps its own organization token, sessions and jobs. &quot;Require a
        reason&quot; here is for one profile; the one in Preferences is for the whole install.
      </p>
      {loadError && <ErrorNote error={loadError} context="Reading the profiles" />}
      {switchError && <ErrorNote error={switchError} context="Switch profile" />}
      {list && (
        <ul className="profiles-list">
          {switcherOrder(list.profiles).map((profile) => (
            <ProfileItem key={profile.id} profile={profile} />
          ))}
        </ul>
      )}
      <RemoveProfileDialog />
    </section>
  );
}
