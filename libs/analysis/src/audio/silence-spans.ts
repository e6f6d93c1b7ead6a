import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { boundToParent } from '@app/core';

export interface TimeSpan {
  startTime: number;
  endTime: number;
}

export class AudioRedactionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudioRedactionError';
  }
}

/**
 * Silence added before and after each PII span of the redacted audio. Word times inside an utterance are estimates
 * (Moonshine gives none of its own; see word-timing in libs/transcription): on the corpus a spoken card number's
 * span began up to 0.1 s after its first digit was heard. Silencing a breath too many costs nothing; a digit
 * too few is a leak.
 */
export const REDACTION_MARGIN_SECONDS = 0.25;

/** Each span widened by `margin` seconds on both sides (not before 0). */
export function widenSpans(spans: readonly TimeSpan[], margin: number): TimeSpan[] {
  return spans.map((span) => ({
    startTime: Math.max(0, span.startTime - margin),
    endTime: span.endTime + margin,
  }));
}

/** Overlapping or touching spans become one; empty or negative ones go. Sorted by start. */
export function mergeSpans(spans: TimeSpan[]): TimeSpan[] {
  const sorted = spans
    .filter((s) => Number.isFinite(s.startTime) && Number.isFinite(s.endTime) && s.endTime > s.startTime)
    .map((s) => ({ startTime: Math.max(0, s.startTime), endTime: s.endTime }))
    .sort((a, b) => a.startTime - b.startTime);
  const merged: TimeSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.startTime <= last.endTime) last.endTime = Math.max(last.endTime, span.endTime);
    else merged.push({ ...span });
  }
  return merged;
}

/** The ffmpeg audio filter that mutes every span: `volume=0` enabled between each start and end. */
export function silenceFilter(spans: TimeSpan[]): string {
  const merged = mergeSpans(spans);
  if (merged.length === 0) return 'anull';
  const between = merged.map((s) => `between(t,${s.startTime.toFixed(3)},${s.endTime.toFixed(3)})`).join('+');
  return `volume=enable='${between}':volume=0`;
}

/**
 * Writes a copy of `inputPath` to `outputPath` with every span silenced (all channels), e.g. PII that was read out.
 * ffmpeg reads and writes the files itself, streaming: nothing is held in memory here. The output format follows
 * the output file's extension. The filter goes through a script file, so a call with many spans cannot exceed the
 * command-line length. Throws AudioRedactionError when ffmpeg fails or runs over `timeoutMs`; a partial output
 * file is removed.
 */
export async function silenceSpans(
  inputPath: string,
  outputPath: string,
  spans: TimeSpan[],
  timeoutMs = 10 * 60_000,
): Promise<void> {
  const script = join(tmpdir(), `parley-redact-${randomBytes(6).toString('hex')}.txt`);
  await writeFile(script, silenceFilter(spans));
  try {
    await new Promise<void>((resolve, reject) => {
      const ffmpeg = spawn(
        ...boundToParent('ffmpeg', [
          '-nostdin',
          '-v',
          'error',
          '-y',
          '-i',
          inputPath,
          '-filter_script:a',
          script,
          '-vn',
          outputPath,
        ]),
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      ffmpeg.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < 4000) stderr += chunk.toString();
      });
      const timer = setTimeout(() => ffmpeg.kill('SIGKILL'), timeoutMs);
      ffmpeg.on('error', (error) => {
        clearTimeout(timer);
        reject(new AudioRedactionError(`ffmpeg could not start: ${error.message}`));
      });
      ffmpeg.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else
          reject(
            new AudioRedactionError(
              signal
                ? 'ffmpeg timed out redacting the audio'
                : `ffmpeg failed: ${stderr.trim().split('\n')[0] ?? ''}`,
            ),
          );
      });
    });
  } catch (error) {
    await rm(outputPath, { force: true });
    throw error;
  } finally {
    await rm(script, { force: true });
  }
}
