import { describe, expect, it } from 'vitest';
import { auditActions, auditOutcomes } from '../../../src-shared/audit-vocabulary';
import {
  auditActionLabels,
  auditActionOptions,
  auditActionText,
  auditOutcomeLabels,
  auditOutcomeMarks,
  auditOutcomeOptions,
  auditWorker,
  environmentText,
  exportedText,
} from '../../../src-renderer/src/lib/audit-wording';

describe('the Audit screen in an operator’s words', () => {
  it('names every action and outcome in words, never the raw value', () => {
    for (const action of auditActions) {
      const label = auditActionLabels[action];
      expect(label).toMatch(/^[A-Z]/);
      expect(label).not.toBe(action);
      expect(label).not.toMatch(/-/);
    }
    expect(auditActionLabels['bulk-revoke']).toBe('Token revoked (bulk)');
    expect(auditActionLabels['token-replaced']).toBe('Organization token replaced');
    for (const outcome of auditOutcomes) {
      expect(auditOutcomeLabels[outcome]).toMatch(/^[A-Z]/);
      expect(auditOutcomeMarks[outcome]).not.toBe('');
    }
    expect(auditOutcomeLabels.success).toBe('Succeeded');
  });

  it('words an intent as a request, not as done', () => {
    expect(auditActionText('mint', 'intent')).toBe('Mint requested');
    expect(auditActionText('mint', 'success')).toBe('Token minted');
    expect(auditActionText('bulk-revoke', 'intent')).toBe('Revoke requested (bulk)');
    expect(auditActionText('connect', 'intent')).toBe('Connected');
  });

  it('offers the filters in the same words, in the log’s order', () => {
    expect(auditActionOptions.map((o) => o.value)).toEqual([...auditActions]);
    expect(auditActionOptions.map((o) => o.label)).toEqual(
      auditActions.map((a) => auditActionLabels[a]),
    );
    expect(auditOutcomeOptions.map((o) => o.label)).toEqual(
      auditOutcomes.map((o) => auditOutcomeLabels[o]),
    );
  });

  it('names environments as the Connect screen does', () => {
    expect(environmentText('demo')).toBe('Demo (simulated)');
    expect(environmentText('sandbox-staging')).toBe('Sandbox (staging host)');
    expect(environmentText('something-new')).toBe('something-new');
  });

  it('names a row’s worker by name, email and id, and says when the name was not recorded', () => {
    expect(
      auditWorker({ workerId: 'w1', workerName: 'Priya Nair', workerEmail: 'p@x.io' }),
    ).toEqual({ name: 'Priya Nair', email: 'p@x.io', id: 'w1' });
    expect(auditWorker({ workerId: 'w2' })).toEqual({ name: 'Name not recorded', id: 'w2' });
    expect(auditWorker({})).toBeUndefined();
  });

  it('says how many rows went where, and what was exported', () => {
    expect(
      exportedText(
        { saved: true, rows: 3, fileName: 'a.csv', folder: '/home/o/Documents' },
        'shown',
      ),
    ).toBe('Saved 3 rows (the entries shown) to a.csv in /home/o/Documents.');
    expect(exportedText({ saved: true, rows: 1, fileName: 'a.csv' }, 'all')).toBe(
      'Saved 1 row (every entry) to a.csv.',
    );
    expect(exportedText({ saved: false, rows: 0 }, 'all')).toBe(
      'Export cancelled: nothing was saved.',
    );
  });
});
