import { spawnSync } from 'node:child_process';

/**
 * How loud a stretch of an audio file is, as ffmpeg's volumedetect measures it, in dB: the loudest sample and the
 * mean (-Infinity when nothing was decoded; digital silence reads about -91 dB). `channel` measures one channel of a
 * multi-channel file. `from` and `to` are seconds into the file.
 */
export function audioLevels(path: string, span: { from: number; to: number; channel?: number }) {
  const filter = `${span.channel === undefined ? '' : `pan=mono|c0=c${span.channel},`}volumedetect`;
  const { stderr } = spawnSync(
    'ffmpeg',
    [
      ...['-hide_banner', '-nostdin', '-ss', String(span.from), '-to', String(span.to), '-i', path],
      ...['-af', filter, '-f', 'null', '-'],
    ],
    { encoding: 'utf8' },
  );
  const read = (name: string) => {
    const match = new RegExp(`${name}: (-?[\\d.]+|-inf) dB`).exec(stderr);
    if (!match) throw new Error(`volumedetect printed no ${name}: ${stderr.slice(-300)}`);
    return match[1] === '-inf' ? -Infinity : Number(match[1]);
  };
  return { peakDb: read('max_volume'), meanDb: read('mean_volume') };
}
