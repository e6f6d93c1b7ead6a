export interface ListMeta {
  page?: number;
  pageSize: number;
  total?: number;
  totalIsEstimate?: boolean;
}

export function Pager({ meta, onPage }: { meta?: ListMeta; onPage(page: number): void }) {
  if (!meta?.page) return null;
  const pages = meta.total === undefined ? undefined : Math.max(1, Math.ceil(meta.total / meta.pageSize));
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={meta.page <= 1} onClick={() => onPage(meta.page! - 1)}>
        Previous
      </button>
      <span>
        Page {meta.page}
        {pages !== undefined && ` of ${meta.totalIsEstimate ? 'about ' : ''}${pages}`}
        {meta.total !== undefined && ` (${meta.totalIsEstimate ? '≈' : ''}${meta.total} in all)`}
      </span>
      <button
        type="button"
        disabled={pages !== undefined && meta.page >= pages}
        onClick={() => onPage(meta.page! + 1)}
      >
        Next
      </button>
    </nav>
  );
}
