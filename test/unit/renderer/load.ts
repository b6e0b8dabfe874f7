/**
 * Loads a renderer module by a computed path. tsconfig.node.json (which type-checks test/**)
 * does not list src-renderer, so a static import of a renderer file fails `tsc -b`-style
 * composite checks with TS6307; the renderer is type-checked by tsconfig.web.json instead.
 * Vitest resolves and transforms the module as usual, and `vi.resetModules()` gives each test a
 * fresh store.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above: typed by tsconfig.web
export type Loose = any;

export function loadRenderer(path: string): Promise<Loose> {
  return import(/* @vite-ignore */ `../../../src-renderer/src/${path}`);
}
