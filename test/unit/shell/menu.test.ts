import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from '../../../src-main/shell/menu';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('the app menu', () => {
  it('has no reload and no DevTools in packaged builds', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const found = roles(menuTemplate({ packaged: true, platform }));
      expect(found).not.toContain('reload');
      expect(found).not.toContain('forceReload');
      expect(found).not.toContain('toggleDevTools');
      expect(found).toContain('editMenu');
    }
  });

  it('keeps reload and DevTools while developing', () => {
    const found = roles(menuTemplate({ packaged: false, platform: 'linux' }));
    expect(found).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('adds the app menu on macOS only', () => {
    expect(roles(menuTemplate({ packaged: true, platform: 'darwin' }))).toContain('appMenu');
    expect(roles(menuTemplate({ packaged: true, platform: 'win32' }))).not.toContain('appMenu');
  });
});
