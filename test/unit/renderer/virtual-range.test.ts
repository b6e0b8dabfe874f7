import { describe, expect, it } from 'vitest';
import { jumpedBeyondOverscan, rowsToMount } from '../../../src-renderer/src/lib/virtual-range';

const range = (startIndex: number, endIndex: number, overscan = 3, count = 100) => ({
  startIndex,
  endIndex,
  overscan,
  count,
});

describe('rowsToMount', () => {
  it('mounts the rows in view plus the overscan either side when still or scrolling slowly', () => {
    expect(rowsToMount(range(10, 14), 0)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(rowsToMount(range(10, 14), 3)).toEqual([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
    expect(rowsToMount(range(10, 14), -2)).toHaveLength(11);
  });

  it('mounts only the rows in view after a jump farther than the overscan', () => {
    expect(rowsToMount(range(50, 54), 4)).toEqual([50, 51, 52, 53, 54]);
    expect(rowsToMount(range(10, 14), -40)).toEqual([10, 11, 12, 13, 14]);
  });

  it('clips the overscan at both ends of the list', () => {
    expect(rowsToMount(range(0, 2), 0)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rowsToMount(range(97, 99), 0)).toEqual([94, 95, 96, 97, 98, 99]);
  });

  it('mounts nothing for an empty list', () => {
    expect(rowsToMount(range(0, -1, 3, 0), 0)).toEqual([]);
  });
});

describe('jumpedBeyondOverscan', () => {
  it('is a jump only past the overscan, in either direction', () => {
    expect(jumpedBeyondOverscan(12, 12)).toBe(false);
    expect(jumpedBeyondOverscan(13, 12)).toBe(true);
    expect(jumpedBeyondOverscan(-13, 12)).toBe(true);
    expect(jumpedBeyondOverscan(0, 0)).toBe(false);
  });
});
