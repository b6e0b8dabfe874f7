import { describe, expect, it } from 'vitest';

import { moveCursor } from '../../../src-renderer/src/lib/keyboard-cursor';

describe('table keyboard cursor', () => {
  it('moves with arrows, pages, Home and End, and stays in range', () => {
    expect(moveCursor('ArrowDown', 0, 50_000, 20)).toBe(1);
    expect(moveCursor('ArrowUp', 0, 50_000, 20)).toBe(0);
    expect(moveCursor('PageDown', 49_990, 50_000, 20)).toBe(49_999);
    expect(moveCursor('PageUp', 5, 50_000, 20)).toBe(0);
    expect(moveCursor('End', 0, 50_000, 20)).toBe(49_999);
    expect(moveCursor('Home', 7, 50_000, 20)).toBe(0);
    expect(moveCursor('a', 7, 50_000, 20)).toBeUndefined();
    expect(moveCursor('ArrowDown', 0, 0, 20)).toBeUndefined();
  });
});
