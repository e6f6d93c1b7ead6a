/** Deepest nesting of objects and arrays a request may send; no field of the contract goes past a handful. */
export const MAX_INPUT_DEPTH = 32;

/**
 * Why a parsed input (JSON body, query, metadata) cannot be taken as it is, or null: a NUL character in a string or
 * key (PostgreSQL text cannot hold one; it would fail the statement), or nesting deeper than MAX_INPUT_DEPTH
 * (validation and storage recurse through it). Walks without recursion, so any depth is safe to inspect.
 */
export function unstorableInput(value: unknown, where = 'body'): string | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: where, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      if (item.value.includes('\u0000')) return `${item.path} must not contain a NUL character`;
      continue;
    }
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth >= MAX_INPUT_DEPTH) return `${where} is nested deeper than ${MAX_INPUT_DEPTH} levels`;
    for (const [key, child] of Object.entries(item.value as Record<string, unknown>)) {
      if (key.includes('\u0000')) return `${where} has a key with a NUL character`;
      stack.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
    }
  }
  return null;
}
