import { buildSearchStatement } from './search-sql';

describe('buildSearchStatement', () => {
  const request = {
    orgId: 'org_1',
    query: "refund'; DROP TABLE records; --",
    limit: 10,
    offset: 20,
    rankWindow: 5000,
  };

  it('binds every value, the query text and the configurations included', () => {
    const { sql, parameters } = buildSearchStatement(
      { ...request, ownerId: 'usr_1', projectId: 'prj_1', kind: 'note', from: new Date(0), to: new Date(1) },
      ['english', 'german'],
    );
    expect(sql).not.toContain('DROP TABLE');
    expect(sql).not.toContain('english');
    expect(parameters).toEqual([
      'org_1',
      request.query,
      'usr_1',
      'prj_1',
      'note',
      new Date(0),
      new Date(1),
      5001,
      'english',
      'german',
      10,
      20,
    ]);
  });

  it('gives each configuration its own branch, all with the same filters', () => {
    const { sql } = buildSearchStatement({ ...request, ownerId: 'usr_1' }, ['english', 'simple']);
    expect(sql.match(/UNION ALL/g)).toHaveLength(1);
    expect(sql.match(/e\.owner_id = \$3/g)).toHaveLength(2);
    expect(sql).toContain('e.language = $5::regconfig AND e.tsv @@ websearch_to_tsquery($5::regconfig, $2)');
    expect(sql).toContain('e.language = $6::regconfig AND e.tsv @@ websearch_to_tsquery($6::regconfig, $2)');
  });

  it('leaves out filters that are not asked for', () => {
    const { sql, parameters } = buildSearchStatement(request, ['english']);
    expect(sql).not.toMatch(/owner_id =|project_id =|kind =|record_date [<>]=/);
    expect(parameters).toEqual(['org_1', request.query, 5001, 'english', 10, 20]);
  });

  it('ranks only the newest hits of each branch, one more than the window (which tells a lower bound)', () => {
    const { sql } = buildSearchStatement(request, ['english', 'simple']);
    expect(sql.match(/ORDER BY e\.record_date \+ interval '0' DESC\s+LIMIT \$3\) windowed/g)).toHaveLength(2);
    // ts_rank reads only the window's rows.
    expect(sql.match(/ts_rank\(windowed\.tsv/g)).toHaveLength(2);
    expect(sql).not.toMatch(/ts_rank\(e\.tsv/);
  });
});
