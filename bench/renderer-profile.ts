/**
 * Row 4 on a shorter list, for profiling a change without the 125 s load of 50,000 rows:
 *
 *   npx tsx bench/renderer-profile.ts --rows 10000 [--px-per-frame 6667] [--scroll-ms 5000] [--passes 2]
 *
 * The list is scrolled back and forth at row 4's speed (50,000 rows x 40 px over 5 s is ~6,700 px
 * per frame), so every frame shows fresh rows as in the full run. Prints the row as JSON. Not a
 * result for the README: that is `npm run bench -- --only 4`.
 */
import { parseArgs } from 'node:util';
import { measureRendererScale } from './renderer-scale';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    'px-per-frame': { type: 'string', default: '6667' },
    'scroll-ms': { type: 'string', default: '5000' },
    passes: { type: 'string', default: '2' },
  },
});
const rows = Number(values.rows);
const row = await measureRendererScale({
  rows,
  scrollMs: Number(values['scroll-ms']),
  passes: Number(values.passes),
  pxPerMs: Number(values['px-per-frame']) / (1000 / 60),
  loadTimeoutMs: (rows / 100 / 4) * 2_000 + 60_000,
});
process.stdout.write(`${JSON.stringify(row, null, 2)}\n`);
