import { spawn } from 'node:child_process';
import { boundToParent } from '@app/core';

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last few KiB of stderr, for error messages; a chatty tool cannot fill memory. */
  stderrTail: string;
  timedOut: boolean;
  aborted: boolean;
}

export interface RunProcessOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** Receives stdout as it arrives (nothing is collected here). */
  onStdout?: (chunk: Buffer) => void;
  stderrTailBytes?: number;
}

/**
 * Runs a tool as a child process without a shell and resolves when it exits. A timeout or an abort kills it
 * (SIGKILL: a recogniser stuck in a long search does not answer SIGTERM in time) and is reported, not thrown; so
 * does the end of this process, however it ends (boundToParent).
 */
export function runProcess(
  command: string,
  args: string[],
  options: RunProcessOptions,
): Promise<ProcessResult> {
  const tailBytes = options.stderrTailBytes ?? 4096;
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      resolve({ code: null, signal: null, stderrTail: '', timedOut: false, aborted: true });
      return;
    }
    const child = spawn(...boundToParent(command, args), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderrTail = '';
    let timedOut = false;
    let aborted = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      kill();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => options.onStdout?.(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-tailBytes);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ code, signal, stderrTail, timedOut, aborted });
    });
  });
}

/** Splits a byte stream into whole lines, keeping the unfinished tail for the next chunk. */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: Buffer): void; end(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    },
    end() {
      if (pending) onLine(pending);
      pending = '';
    },
  };
}
