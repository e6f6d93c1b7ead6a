import { existsSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

const SETPRIV = '/usr/bin/setpriv';

function executable(command: string): boolean {
  if (isAbsolute(command)) return existsSync(command);
  // PATH is the operating system's command lookup, not a Parley setting: AppConfig has no business holding it.
  // eslint-disable-next-line no-restricted-syntax
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, command)));
}

/**
 * The command line that runs `command` so that it dies with this process: Linux's parent-death signal, set by
 * util-linux `setpriv --pdeathsig SIGKILL` (Debian ships it in every install). A worker killed with -9 then leaves
 * no recogniser or ffmpeg running on its own. Where setpriv is missing, or the command is (so its absence is still
 * reported as a failure to start), the command runs as given.
 */
export function boundToParent(command: string, args: readonly string[]): [string, string[]] {
  if (process.platform !== 'linux' || !existsSync(SETPRIV) || !executable(command))
    return [command, [...args]];
  return [SETPRIV, ['--pdeathsig', 'SIGKILL', '--', command, ...args]];
}
