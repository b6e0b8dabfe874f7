/**
 * Every IPC channel the preload API may use, keyed by the API method that uses it.
 * This module is deliberately dependency-free: the sandboxed preload bundles it without zod.
 * The schemas for each channel live in `contract.ts`, keyed by the same method names.
 */
export const invokeChannels = {
  getOverview: 'app:overview',
} as const;

export type InvokeMethod = keyof typeof invokeChannels;
export type InvokeChannel = (typeof invokeChannels)[InvokeMethod];

/** The name of the single object the preload exposes on `window`. */
export const PRELOAD_API_KEY = 'deelConsole';
