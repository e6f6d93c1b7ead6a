export interface DataEnvelope<T> {
  data: T;
}

export interface ListMeta {
  page: number;
  pageSize: number;
  total: number;
  /** Set on lists whose total is exact only up to a bound: true when `total` is an estimate beyond it. */
  totalIsEstimate?: boolean;
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
  totalIsEstimate?: boolean,
): ListEnvelope<T> => ({
  data,
  meta: {
    page: page.page,
    pageSize: page.pageSize,
    total,
    ...(totalIsEstimate === undefined ? {} : { totalIsEstimate }),
  },
});
