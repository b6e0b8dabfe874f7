import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Locator, type Page } from '@playwright/test';

/** A SIEM-like HTTP event collector on 127.0.0.1: keeps every POSTed body, answers 200. */
export class LocalCollector {
  readonly bodies: string[] = [];
  /** The Authorization header of each request, in order (undefined: none sent). */
  readonly authorizations: (string | undefined)[] = [];
  #server: Server | undefined;
  url = '';

  static async start(): Promise<LocalCollector> {
    const collector = new LocalCollector();
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        collector.bodies.push(Buffer.concat(chunks).toString('utf8'));
        collector.authorizations.push(req.headers.authorization);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":0}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    collector.#server = server;
    collector.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/collector`;
    return collector;
  }

  /** Every line received, in order. */
  lines(): string[] {
    return this.bodies.join('').split('\n').filter(Boolean);
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The Settings field that turns audit forwarding on, and what it says about it. */
export class ForwardingSettings {
  constructor(private readonly page: Page) {}

  url(): Locator {
    return this.page.getByTestId('setting-audit-forward-url');
  }

  status(): Locator {
    return this.page.getByTestId('audit-forwarding-status');
  }

  async forwardTo(url: string): Promise<void> {
    await this.url().fill(url);
    await this.page.getByRole('button', { name: 'Save settings' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }
}
