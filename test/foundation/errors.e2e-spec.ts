import { Controller, Get, Module, Query } from '@nestjs/common';
import { envelope, listEnvelope, PaginationQueryDto, Public } from '@app/core';
import { ApiModule } from '../../apps/api/src/api.module';
import { createTestApp, TestApp } from '../support/test-app';

/** Routes that exist only in this test, to reach the filter and the pagination DTO through real HTTP. */
@Public()
@Controller('test-only')
class ProbeController {
  @Get('boom')
  boom(): never {
    throw new Error('connect ECONNREFUSED password=hunter2 at /srv/parley/libs/x.ts:10 SELECT * FROM users');
  }

  @Get('items')
  items(@Query() page: PaginationQueryDto) {
    const all = Array.from({ length: 7 }, (_, i) => ({ n: i + 1 }));
    return listEnvelope(all.slice(page.offset, page.offset + page.pageSize), all.length, page);
  }

  @Get('one')
  one() {
    return envelope({ ok: true });
  }
}

@Module({ imports: [ApiModule], controllers: [ProbeController] })
class ProbeModule {}

describe('error envelope and pagination', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ module: ProbeModule });
  });
  afterAll(() => t.close());

  it('answers an unknown route with NOT_FOUND in the envelope', async () => {
    const response = await t.http.get('/api/v1/no/such/route').expect(404);
    expect(response.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'Route GET /api/v1/no/such/route not found', details: [] },
    });
  });

  it('answers a validation error with VALIDATION_FAILED naming the field', async () => {
    const response = await t.http.get('/api/v1/test-only/items?pageSize=101').expect(400);
    expect(response.body.error.code).toBe('VALIDATION_FAILED');
    expect(response.body.error.message).toBe('pageSize must not be greater than 100');
    expect(response.body.error.details).toEqual([
      { field: 'pageSize', message: 'pageSize must not be greater than 100' },
    ]);
  });

  it('refuses unknown query parameters', async () => {
    const response = await t.http.get('/api/v1/test-only/items?color=red').expect(400);
    expect(response.body.error.details[0]).toMatchObject({ field: 'color' });
  });

  it.each([
    ['page=0', 'page'],
    ['pageSize=0', 'pageSize'],
    ['page=abc', 'page'],
    ['pageSize=2.5', 'pageSize'],
  ])('refuses %s rather than clamping it', async (query, field) => {
    const response = await t.http.get(`/api/v1/test-only/items?${query}`).expect(400);
    expect(response.body.error.details[0].field).toBe(field);
  });

  it('pages with defaults and bounds', async () => {
    const first = await t.http.get('/api/v1/test-only/items').expect(200);
    expect(first.body.meta).toEqual({ page: 1, pageSize: 20, total: 7 });
    const second = await t.http.get('/api/v1/test-only/items?page=2&pageSize=5').expect(200);
    expect(second.body).toEqual({ data: [{ n: 6 }, { n: 7 }], meta: { page: 2, pageSize: 5, total: 7 } });
    await t.http.get('/api/v1/test-only/items?pageSize=100').expect(200);
  });

  it('hides an internal error behind INTERNAL and an error id', async () => {
    const response = await t.http.get('/api/v1/test-only/boom').expect(500);
    expect(response.body.error).toEqual({
      code: 'INTERNAL',
      message: 'Internal server error',
      details: [],
      errorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(response.text).not.toMatch(/hunter2|\/srv|SELECT|ECONNREFUSED|at /);
  });

  it('answers malformed JSON with VALIDATION_FAILED', async () => {
    const response = await t.http
      .post('/api/v1/test-only/one')
      .set('Content-Type', 'application/json')
      .send('{"a":')
      .expect(400);
    expect(response.body).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'Request body is not valid JSON', details: [] },
    });
  });
});
