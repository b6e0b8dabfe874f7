/**
 * The smallest window the console's layout is built for: the main window may not be made
 * smaller (src-main/shell/window.ts), and the e2e matrix checks the layout at exactly this size.
 */
export const minWindowSize = { width: 800, height: 600 } as const;

/**
 * Below this viewport width the token panel stacks under the workers table (styles.css has the
 * same number in its media query; the e2e layout spec checks both sides of it).
 */
export const stackBelowWidth = 1200;
