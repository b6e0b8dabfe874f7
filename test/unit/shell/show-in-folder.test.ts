import { beforeEach, describe, expect, it, vi } from 'vitest';

const showItemInFolder = vi.fn();
vi.mock('electron', () => ({ shell: { showItemInFolder } }));

describe('Show in folder (the Electron adapter)', () => {
  beforeEach(() => showItemInFolder.mockClear());

  it('hands the saved file to the system file manager, once, as given', async () => {
    const { showInFolder } = await import('../../../src-main/shell/show-in-folder');
    showInFolder('/home/ops/Documents/deel-console-audit-2026-12-02.csv');
    expect(showItemInFolder).toHaveBeenCalledTimes(1);
    expect(showItemInFolder).toHaveBeenCalledWith(
      '/home/ops/Documents/deel-console-audit-2026-12-02.csv',
    );
  });
});
