/** bigint and numeric columns come back from pg as strings; billing sums stay far below 2^53 cents. */
export const numberColumn = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
