import { buildSearchStatement } from './search-sql';

describe('buildSearchStatement', () => {
  const request = { orgId: 'org_1', query: "refund'; DROP TABLE records; --", limit: 10, offset: 20 };

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
    expect(sql).toContain('e.language = $4::regconfig AND e.tsv @@ websearch_to_tsquery($4::regconfig, $2)');
    expect(sql).toContain('e.language = $5::regconfig AND e.tsv @@ websearch_to_tsquery($5::regconfig, $2)');
  });

  it('leaves out filters that are not asked for', () => {
    const { sql, parameters } = buildSearchStatement(request, ['english']);
    expect(sql).not.toMatch(/owner_id =|project_id =|kind =|record_date [<>]=/);
    expect(parameters).toEqual(['org_1', request.query, 'english', 10, 20]);
  });
});
