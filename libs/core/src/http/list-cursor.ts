import { AppError } from '../errors/app-error';

/**
 * Keyset paging cursors: opaque to clients, they name the last row of a page (by id) and the list and order they
 * came from, so a cursor is never applied to another list or another order. Rows are compared by their stored values
 * (looked up by id), not by values carried in the cursor, which would lose PostgreSQL's microseconds.
 */
interface CursorContent {
  /** Id of the last row of the previous page. */
  a: string;
  /** The list and order the cursor belongs to. */
  o: string;
}

export const invalidCursor = () =>
  new AppError(
    'VALIDATION_FAILED',
    'cursor is not a nextCursor this list gave out (or its row no longer exists)',
  );

export function encodeCursor(afterId: string, order: string): string {
  return Buffer.from(JSON.stringify({ a: afterId, o: order } satisfies CursorContent)).toString('base64url');
}

/** The id a cursor continues after; a 400 for anything this list and order did not give out. */
export function decodeCursor(cursor: string, order: string): string {
  let content: Partial<CursorContent>;
  try {
    content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorContent>;
  } catch {
    throw invalidCursor();
  }
  if (typeof content?.a !== 'string' || content.o !== order || content.a.length > 64) throw invalidCursor();
  return content.a;
}

/** The cursor of the page after `rows`, or null when this page was the last (it was not full). */
export function nextCursorOf(rows: Array<{ id: string }>, pageSize: number, order: string): string | null {
  return rows.length === pageSize && rows.length > 0 ? encodeCursor(rows[rows.length - 1].id, order) : null;
}
