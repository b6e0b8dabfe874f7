import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { invokeChannels } from '../src-shared/channels';
import { keyringAnchorKey } from '../src-main/app/audit-anchor-key';
import { AuditLog } from '../src-main/audit';
import { saveSessions, type StoredSession } from '../src-main/sessions/session-file';
import { FakeCipher } from '../test/support/fakes';
import { DeelClient } from '../src-main/deel/client';
import { createRequestLimiter, sharedLimiter } from '../src-main/deel/limiter';
import type { Settings } from '../src-shared/contract';
import type { BenchRow } from './report';
import {
  connectInput,
  eorWorkers,
  startBenchCore,
  startLoggedSimulator,
  tempDir,
} from './support/core';
import { median, percentile, round } from './support/stats';

export const OVERHEAD_TARGET = 1.2;
/** "A very high limiter": the console's own limiter at a rate it never reaches here. */
const UNREACHED_RATE = 1_000_000;

/**
 * 3. Mint overhead: the console path (dispatch -> mintToken handler -> SessionService.mint ->
 * DeelClient -> simulator) vs a bare `fetch` POST to the same simulator, neither rate limited
 * (simulator `rateLimit: false`, client limiter at 1,000,000/s). Median of N, the paths
 * interleaved in rotating order so drift hits all alike. The client alone is measured too, to
 * show where the overhead sits.
 */
export async function measureMintOverhead(options: {
  samples: number;
  warmup: number;
}): Promise<BenchRow> {
  const { samples, warmup } = options;
  const total = samples + warmup;
  const logged = await startLoggedSimulator({
    workers: Math.ceil(total * 1.6) + 10,
    rateLimit: false,
  });
  const { sim } = logged;
  const dir = tempDir('mint-audit');
  let bench: Awaited<ReturnType<typeof startBenchCore>> | undefined;
  try {
    const targets = await eorWorkers(sim, total);
    // The real core (startConsoleCore), connected to this simulator as a live `custom` environment.
    bench = await startBenchCore();
    await bench.call('connect', connectInput(sim));
    const { dispatch } = bench;
    // Its client paces every request through the limiter shared per Deel host; the settings cap
    // that at 5 req/s, at which sequential mints would wait for their slot. The one change made
    // to the core: that shared limiter's slot is granted at 1,000,000 req/s instead.
    const { requestsPerSecond } = (await bench.call('getSettings')) as Settings;
    const coreLimiter = sharedLimiter(new URL(sim.url).origin, requestsPerSecond);
    coreLimiter.acquire = createRequestLimiter(UNREACHED_RATE).acquire;
    const client = new DeelClient({
      baseUrl: sim.url,
      token: sim.tokens.admin,
      limiter: createRequestLimiter(UNREACHED_RATE),
    });
    // Opened as the core opens its own: head anchored under a (fake) keyring key, writer lock.
    const keyStore = new Map<string, unknown>();
    const spareAudit = await AuditLog.open({
      dir,
      fileName: 'bench-spare-audit.jsonl',
      anchorKeys: keyringAnchorKey(
        {
          get: (key) => keyStore.get(key),
          set: (key, value) => void keyStore.set(key, value),
          delete: (key) => void keyStore.delete(key),
        },
        new FakeCipher(),
      ),
      context: () => ({ environment: 'custom', organization: 'bench' }),
    });
    const spareSessions: StoredSession[] = [];
    const spareSessionsFile = join(dir, 'bench-spare-sessions.json');

    const at = (i: number) => {
      const target = targets[i];
      if (!target) throw new Error(`no worker ${i}`);
      return target;
    };
    const viaConsole = async (i: number): Promise<number> => {
      const target = at(i);
      const t = performance.now();
      const result = await dispatch(invokeChannels.mintToken, {
        workerId: target.id,
        workerName: target.name,
        consentConfirmed: true,
      });
      const ms = performance.now() - t;
      if (!(result as { ok: boolean }).ok)
        throw new Error(`console mint: ${JSON.stringify(result)}`);
      return ms;
    };
    const viaClient = async (i: number): Promise<number> => {
      const t = performance.now();
      const minted = await client.createWorkerSession(at(i).id);
      const ms = performance.now() - t;
      if (!minted.token) throw new Error('client mint returned no token');
      return ms;
    };
    const bare = async (i: number): Promise<number> => {
      const t = performance.now();
      const response = await fetch(`${sim.url}/workers/session`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${sim.tokens.admin}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ data: { profile_id: at(i).id } }),
      });
      const body = (await response.json()) as { data?: { token?: string } };
      const ms = performance.now() - t;
      if (response.status !== 201 || !body.data?.token) throw new Error('bare mint failed');
      return ms;
    };

    const auditAlone = async (i: number): Promise<number> => {
      const t = performance.now();
      await spareAudit.append({
        action: 'mint',
        workerId: at(i).id,
        workerName: at(i).name,
        outcome: 'success',
        detail: 'bench: audit append alone',
        environment: 'custom',
        organization: 'bench',
      });
      return performance.now() - t;
    };

    /**
     * The write-ahead intent as SessionService writes it before sending a mint: the sessions
     * file (with one more pending session, as many as the console holds) saved durably, then
     * an `intent` audit line appended and its head anchored.
     */
    const intentAlone = async (i: number): Promise<number> => {
      const now = new Date().toISOString();
      spareSessions.push({
        id: randomUUID(),
        workerId: at(i).id,
        workerName: at(i).name,
        mintedAt: now,
        expiresAt: null,
        state: 'pending',
        stateChangedAt: now,
        revealed: false,
        pendingCall: 'mint',
      });
      const t = performance.now();
      await saveSessions(spareSessionsFile, spareSessions);
      await spareAudit.append({
        action: 'mint',
        workerId: at(i).id,
        workerName: at(i).name,
        outcome: 'intent',
        detail: 'request about to be sent',
        environment: 'custom',
        organization: 'bench',
      });
      return performance.now() - t;
    };

    const paths = [
      { run: viaConsole, times: [] as number[] },
      { run: viaClient, times: [] as number[] },
      { run: bare, times: [] as number[] },
      { run: auditAlone, times: [] as number[] },
      { run: intentAlone, times: [] as number[] },
    ];
    for (let i = 0; i < total; i++) {
      // Rotating order: each path goes first, second, ... equally often.
      const order = [...paths.slice(i % paths.length), ...paths.slice(0, i % paths.length)];
      for (const path of order) {
        const ms = await path.run(i);
        if (i >= warmup) path.times.push(ms);
      }
    }
    const [consoleTimes, clientTimes, bareTimes, auditTimes, intentTimes] = paths.map(
      (p) => p.times,
    ) as [number[], number[], number[], number[], number[]];
    await spareAudit.close();
    const consoleMs = median(consoleTimes);
    const clientMs = median(clientTimes);
    const bareMs = median(bareTimes);
    const auditMs = median(auditTimes);
    const intentMs = median(intentTimes);
    if (consoleMs > 100) {
      throw new Error('console mints waited for the limiter: the limiter swap did not take effect');
    }
    const ratio = consoleMs / bareMs;
    const http429 = logged.log.filter((r) => r.status === 429).length;
    return {
      id: 'mint-overhead',
      section: 3,
      name: `Mint overhead, console vs bare HTTP (median of ${samples})`,
      result:
        `${ratio.toFixed(2)}x (console ${consoleMs.toFixed(2)} ms vs bare ${bareMs.toFixed(2)} ms; ` +
        `client alone ${clientMs.toFixed(2)} ms = ${(clientMs / bareMs).toFixed(2)}x; one audit append ${auditMs.toFixed(2)} ms; ` +
        `write-ahead intent ${intentMs.toFixed(2)} ms = ${((intentMs / consoleMs) * 100).toFixed(0)}% of the console path)`,
      target: `<= ${OVERHEAD_TARGET}x`,
      status: ratio <= OVERHEAD_TARGET ? 'PASS' : 'FAIL',
      metrics: {
        samples,
        warmup,
        ratio: round(ratio, 3),
        consoleMedianMs: round(consoleMs, 3),
        consoleP95Ms: round(percentile(consoleTimes, 95), 3),
        clientMedianMs: round(clientMs, 3),
        clientP95Ms: round(percentile(clientTimes, 95), 3),
        bareMedianMs: round(bareMs, 3),
        bareP95Ms: round(percentile(bareTimes, 95), 3),
        clientRatio: round(clientMs / bareMs, 3),
        auditAppendMedianMs: round(auditMs, 3),
        intentMedianMs: round(intentMs, 3),
        intentShareOfConsole: round(intentMs / consoleMs, 3),
        http429,
      },
      notes: [
        "Console path = the real core (startConsoleCore, connected to the simulator as a live custom environment): dispatch with contract parsing, the mintToken handler, SessionService (sessions file, fsync-ed hash-chained audit append, contract-checked sessionsChanged event), DeelClient (ky, zod). One change: the core's shared per-host limiter grants slots at 1,000,000 req/s (settings cap the console at 5 req/s, at which sequential mints would wait for their slot). Simulator rateLimit: false.",
        'Bare = one fetch POST /workers/session and JSON parse. "Client alone" = DeelClient.createWorkerSession only (no handler, session service or audit). "Audit append" = one fsync-ed, anchored AuditLog.append to a separate file in the same folder. "Write-ahead intent" = what a mint writes before it is sent: the sessions file (as many sessions as the console holds, one more pending) saved durably, then an intent audit line appended and anchored. All share the process and its keep-alive connection pool.',
      ],
    };
  } finally {
    await bench?.close();
    await logged.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
