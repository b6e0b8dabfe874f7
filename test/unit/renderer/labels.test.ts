import { describe, expect, it } from 'vitest';

import {
  connectActionLabel,
  connectionModeLabels,
  hiringStatusLabels,
  hiringTypeLabels,
  labelOf,
  optionsOf,
  tokenStateLabels,
} from '../../../src-renderer/src/lib/labels';

describe('labels', () => {
  it('spells every status in sentence case, known or not', () => {
    // Contract statuses come from Deel as snake case and are not in the table.
    expect(labelOf(hiringStatusLabels, 'in_progress')).toBe('In progress');
    expect(labelOf(hiringStatusLabels, 'WAITING_FOR_EMPLOYEE_SIGN')).toBe(
      'Waiting for employee sign',
    );
    // Only the table's own keys are labels, not what every object inherits.
    expect(labelOf(hiringStatusLabels, 'constructor')).toBe('Constructor');
    const sentenceCase = /^[A-Z][^A-Z]*(?:Deel|EOR|HRIS|PEO)?[^A-Z]*$/;
    for (const label of [...Object.values(tokenStateLabels), ...Object.values(hiringStatusLabels)])
      expect(label, label).toMatch(sentenceCase);
  });

  it('offers Connect when there is no token, Replace token when there is one', () => {
    expect(connectActionLabel(undefined)).toBe('Connect');
    expect(connectActionLabel({})).toBe('Connect');
    expect(connectActionLabel({ tokenHint: '…f3a9' })).toBe('Replace token');
  });

  it('says what the console works with, never the raw mode', () => {
    for (const [mode, label] of Object.entries(connectionModeLabels)) {
      expect(label).not.toMatch(new RegExp(`^${mode}$`, 'i'));
      expect(label).toMatch(/^[A-Z]/);
    }
  });

  it('labels a known value, spells out an unknown one and dashes a missing one', () => {
    expect(labelOf(hiringTypeLabels, 'eor')).toBe('EOR');
    expect(labelOf(hiringTypeLabels, 'global_payroll')).toBe('Global payroll');
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
