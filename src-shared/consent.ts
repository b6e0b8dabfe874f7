/**
 * The consent the operator confirms before a mint, word for word: the mint dialog shows it and
 * main records it on the mint's audit line, so the evidence is what the operator read.
 * Dependency-free, like channels.ts, so the renderer takes it without bundling zod.
 */
export const MINT_CONSENT_WORDING = "The worker's consent was obtained.";
