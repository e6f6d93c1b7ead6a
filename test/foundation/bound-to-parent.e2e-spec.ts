import { spawn, spawnSync } from 'node:child_process';
import { boundToParent } from '@app/core';
import { waitFor } from '../support/processes';

/**
 * A child that writes to files rather than to its parent (ffmpeg preparing a call's tracks) would outlive a worker
 * killed with -9; bound to its parent, it dies with it.
 */
describe('children bound to their parent process', () => {
  const marker = `${Date.now() % 100000}.${process.pid}`;
  const running = () => spawnSync('pgrep', ['-f', `sleep ${marker}`], { encoding: 'utf8' }).stdout.trim();
  afterAll(() => spawnSync('pkill', ['-f', `sleep ${marker}`]));

  it('ends a child (with no pipe to notice it) when its parent is killed with -9', async () => {
    const [command, args] = boundToParent('sleep', [marker]);
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `require('node:child_process').spawn(${JSON.stringify(command)}, ${JSON.stringify(args)}, { stdio: 'ignore' }); setInterval(() => {}, 1000);`,
      ],
      { stdio: 'ignore' },
    );
    await waitFor(async () => running() !== '', 10_000, 'the child to start');
    parent.kill('SIGKILL');
    await waitFor(async () => running() === '', 5_000, 'the child to end with its parent');
  });

  it('runs a missing command as given, so its absence is still reported as such', () => {
    expect(boundToParent('no-such-tool-here', ['x'])).toEqual(['no-such-tool-here', ['x']]);
  });
});
