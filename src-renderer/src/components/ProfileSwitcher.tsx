import { useEffect, useRef, useState } from 'react';
import { activeProfile, profileLine, switchBlocked, switcherOrder } from '../lib/profiles';
import { useConnectionStore } from '../stores/connection-store';
import { useNavStore } from '../stores/nav-store';
import { useProfilesStore } from '../stores/profiles-store';
import { ErrorNote } from './ErrorNote';
import '../styles/profiles.css';

/** The open list's width at most (profiles.css has the same number). */
const POPOVER_WIDTH = 380;

/**
 * The header's profile switcher: a disclosure button naming the active profile, opening the list
 * of profiles (Demo included). One click switches: the profile's own saved token is used.
 */
export function ProfileSwitcher() {
  const list = useProfilesStore((s) => s.list);
  const switching = useProfilesStore((s) => s.switching);
  const switchError = useProfilesStore((s) => s.switchError);
  const switchTo = useProfilesStore((s) => s.switchTo);
  const statusProfile = useConnectionStore((s) => s.status?.profile);
  const go = useNavStore((s) => s.go);
  const [open, setOpen] = useState(false);
  // Near the window's right edge the list opens leftwards, so it never leaves the window.
  const [alignRight, setAlignRight] = useState(false);
  const wrapRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const active = activeProfile(list);
  const name = active?.name ?? statusProfile?.name;
  if (!list && !name) return null;
  const profiles = list ? switcherOrder(list.profiles) : [];

  return (
    <div className="profile-switcher" ref={wrapRef}>
      <button
        type="button"
        ref={buttonRef}
        className="profile-button"
        aria-expanded={open}
        aria-controls="profile-list"
        onClick={() => {
          const box = buttonRef.current?.getBoundingClientRect();
          setAlignRight(Boolean(box && box.left + POPOVER_WIDTH > window.innerWidth - 12));
          setOpen(!open);
        }}
        data-testid="profile-switcher"
      >
        <span className="profile-button-label">Profile:</span>{' '}
        <span data-testid="header-profile">{name ?? 'none'}</span>
        <span className="profile-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          className={alignRight ? 'profile-popover profile-popover-right' : 'profile-popover'}
          id="profile-list"
          data-testid="profile-list"
        >
          <ul aria-label="Switch to profile">
            {profiles.map((profile) => {
              // The active profile needs no reason: it is marked as the current one.
              const blocked = profile.active ? undefined : switchBlocked(profile);
              const pending = switching === profile.id;
              return (
                <li key={profile.id}>
                  <button
                    type="button"
                    className="profile-option"
                    aria-current={profile.active ? 'true' : undefined}
                    aria-disabled={Boolean(blocked) || Boolean(switching)}
                    aria-describedby={blocked ? `profile-why-${profile.id}` : undefined}
                    onClick={() => {
                      if (profile.active) setOpen(false);
                      if (blocked || switching || profile.active) return;
                      void switchTo(profile.id).then((ok) => {
                        if (ok) {
                          setOpen(false);
                          buttonRef.current?.focus();
                        }
                      });
                    }}
                    data-testid="profile-option"
                    data-profile-id={profile.id}
                  >
                    <span className="profile-option-name">
                      {profile.active && <span aria-hidden="true">✓ </span>}
                      {profileLine(profile)}
                      {pending && ' (switching…)'}
                    </span>
                    {blocked && (
                      <small className="muted" id={`profile-why-${profile.id}`}>
                        {blocked}
                      </small>
                    )}
                  </button>
                </li>
              );
            })}
          </ul>
          {switchError && <ErrorNote error={switchError} context="Switch profile" />}
          <button
            type="button"
            className="btn-quiet profile-manage"
            onClick={() => {
              setOpen(false);
              go('settings');
            }}
          >
            Manage profiles
          </button>
        </div>
      )}
    </div>
  );
}
