export interface DataEnvelope<T> {
  data: T;
}

export interface ListMeta {
  page: number;
  pageSize: number;
  total: number;
  /** Set on lists whose total is exact only up to a bound: true when `total` is an estimate beyond it. */
  totalIsEstimate?: boolean;
  /** On lists with keyset paging: pass it as `cursor` for the next page; null on the last page. */
  nextCursor?: string | null;
}

export interface ListEnvelope<T> {
  data: T[];
  meta: ListMeta;
}

export const envelope = <T>(data: T): DataEnvelope<T> => ({ data });

export const listEnvelope = <T>(
  data: T[],
  total: number,
  page: { page: number; pageSize: number },
  extra: { totalIsEstimate?: boolean; nextCursor?: string | null } = {},
): ListEnvelope<T> => ({
  data,
  meta: {
    page: page.page,
    pageSize: page.pageSize,
    total,
    ...(extra.totalIsEstimate === undefined ? {} : { totalIsEstimate: extra.totalIsEstimate }),
    ...(extra.nextCursor === undefined ? {} : { nextCursor: extra.nextCursor }),
  },
});
