import { describe, expect, it } from 'vitest';

import {
  hiringStatusLabels,
  hiringTypeLabels,
  labelOf,
  optionsOf,
} from '../../../src-renderer/src/lib/labels';

describe('labels', () => {
  it('labels a known value, spells out an unknown one and dashes a missing one', () => {
    expect(labelOf(hiringTypeLabels, 'eor')).toBe('EOR');
    expect(labelOf(hiringTypeLabels, 'global_payroll')).toBe('global payroll');
    expect(labelOf(hiringTypeLabels, null)).toBe('—');
  });

  it("turns a label table into select options in the table's order", () => {
    expect(optionsOf(hiringStatusLabels)).toEqual(
      Object.entries(hiringStatusLabels).map(([value, label]) => ({ value, label })),
    );
    expect(optionsOf({ people: 'People', contracts: 'Contracts' })).toEqual([
      { value: 'people', label: 'People' },
      { value: 'contracts', label: 'Contracts' },
    ]);
  });
});
