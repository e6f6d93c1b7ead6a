import { ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { AppError } from './app-error';

function run(exception: unknown) {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const response = {
    headersSent: false,
    setHeader: (name: string, value: string) => (sent.headers[name] = value),
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getResponse: () => response,
      getRequest: () => ({ method: 'GET', path: '/api/v1/nowhere' }),
    }),
  } as unknown as ArgumentsHost;
  new AllExceptionsFilter().catch(exception, host);
  return sent;
}

describe('AllExceptionsFilter', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('maps an AppError to its status, code and headers', () => {
    const sent = run(new AppError('RATE_LIMITED', 'Too many attempts', [], { 'Retry-After': '30' }));
    expect(sent.status).toBe(429);
    expect(sent.body).toEqual({ error: { code: 'RATE_LIMITED', message: 'Too many attempts', details: [] } });
    expect(sent.headers['Retry-After']).toBe('30');
  });

  it('names the route of an unknown path', () => {
    const sent = run(new NotFoundException('Cannot GET /api/v1/nowhere'));
    expect(sent.status).toBe(404);
    expect(sent.body).toMatchObject({
      error: { code: 'NOT_FOUND', message: 'Route GET /api/v1/nowhere not found' },
    });
  });

  it('maps other HttpExceptions by status', () => {
    expect(run(new BadRequestException('nope')).body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('hides the internals of unexpected errors behind an error id', () => {
    const sent = run(new Error('relation "secret_table" does not exist at /srv/app/x.ts:12'));
    expect(sent.status).toBe(500);
    const body = sent.body as { error: { code: string; message: string; errorId: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toBe('Internal server error');
    expect(body.error.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body)).not.toContain('secret_table');
  });

  it('turns a body parser failure into a 400 without echoing the parser message', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token } in JSON at position 7'), {
      status: 400,
      type: 'entity.parse.failed',
    });
    const sent = run(parseError);
    expect(sent.status).toBe(400);
    expect(sent.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', message: 'Request body is not valid JSON' },
    });
  });
});
