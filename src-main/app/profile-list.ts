import { DEMO_PROFILE_ID, type Profile, type ProfileList } from '../../src-shared/contract';
import type { ProfileRegistry } from '../vault/profile-registry';
import type { ConnectionManager } from './connection';

/** The profiles as the page sees them: the demo profile first, never a token (only its hint). */
export function profileList(profiles: ProfileRegistry, connection: ConnectionManager): ProfileList {
  const activeId = profiles.activeId();
  const demo: Profile = {
    id: DEMO_PROFILE_ID,
    name: 'Demo',
    environment: 'demo',
    organization: { id: 'demo', name: connection.simulator()?.orgName ?? 'Demo organization' },
    available: true,
    active: activeId === DEMO_PROFILE_ID,
    requireReason: false,
  };
  const saved = profiles.list().map((profile): Profile => {
    const status = profile.vault.status();
    return {
      id: profile.id,
      name: profile.name,
      environment: status.environment ?? 'custom',
      ...(status.baseUrl && { baseUrl: status.baseUrl }),
      ...(status.organization && { organization: status.organization }),
      ...(status.hint && { tokenHint: status.hint }),
      ...(status.enteredAt && { tokenEnteredAt: status.enteredAt }),
      available: status.configured,
      active: profile.id === activeId,
      requireReason: profile.requireReason,
    };
  });
  return { activeId, profiles: [demo, ...saved] };
}
