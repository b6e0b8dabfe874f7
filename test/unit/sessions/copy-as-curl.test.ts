import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlOfPeopleMe } from '../../../src-main/sessions/session-service';

// "Copy as curl" (issue 17.6): the command a developer pastes into a shell. A real sh parses
// it, with `curl` replaced by a function that prints its arguments one per line.

function argumentsAsTheShellSeesThem(command: string): string[] {
  const shell = spawnSync('sh', ['-c', `curl() { printf '%s\\n' "$@"; }; ${command}`], {
    encoding: 'utf8',
  });
  expect(shell.status).toBe(0);
  return shell.stdout.split('\n').slice(0, -1);
}

describe('copy as curl', () => {
  it('is GET /people/me with the token as a bearer header, each argument whole', () => {
    const command = curlOfPeopleMe('https://api.letsdeel.com/rest/v2/', 'eyJ.abc-def_ghi');
    expect(argumentsAsTheShellSeesThem(command)).toEqual([
      '-sS',
      '-H',
      'Authorization: Bearer eyJ.abc-def_ghi',
      'https://api.letsdeel.com/rest/v2/people/me',
    ]);
  });

  it('keeps quotes, spaces and shell characters in a value as they are', () => {
    const token = `a'b"c$(echo nope)\`x\`;|&`;
    const command = curlOfPeopleMe('http://127.0.0.1:4010/rest/v2', token);
    expect(argumentsAsTheShellSeesThem(command)).toEqual([
      '-sS',
      '-H',
      `Authorization: Bearer ${token}`,
      'http://127.0.0.1:4010/rest/v2/people/me',
    ]);
  });
});
