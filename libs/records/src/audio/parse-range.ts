export interface ByteSpan {
  start: number;
  end: number;
}

/**
 * One HTTP byte range (RFC 9110 §14.1.2) against a file of `size` bytes: null for no Range header (the whole
 * file), 'unsatisfiable' for a range that is malformed, multiple, or outside the file.
 */
export function parseRange(header: string | undefined, size: number): ByteSpan | null | 'unsatisfiable' {
  if (header === undefined || header === '') return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'unsatisfiable';
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
