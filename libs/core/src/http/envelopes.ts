export interface DataEnvelope<T> {
  data: T;
}

export interface ListMeta {
  page: number;
  pageSize: number;
  total: number;
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
): ListEnvelope<T> => ({ data, meta: { page: page.page, pageSize: page.pageSize, total } });
