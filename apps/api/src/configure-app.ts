import { RequestMethod } from '@nestjs/common';
import helmet from 'helmet';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { describeResponses } from './openapi/describe-responses';
import { Logger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import {
  AllExceptionsFilter,
  ApiValidationPipe,
  AppConfig,
  AppError,
  processMetrics,
  unstorableInput,
} from '@app/core';
import { COMPAT_ERROR_SHAPES } from './compat/compat-errors';
import { serveConsole } from './console/serve-console';

export const API_PREFIX = 'api/v1';

/** Everything an API process sets up around its modules; shared by main, start:local and the e2e tests. */
export function configureApp(app: NestExpressApplication): NestExpressApplication {
  app.useLogger(app.get(Logger));
  // RFC 8414 places the OAuth metadata at the root's /.well-known, outside the API prefix.
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: '.well-known/oauth-authorization-server', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
      // The seed systems' own APIs keep their own paths under /compat/<system>.
      { path: 'compat/{*path}', method: RequestMethod.ALL },
    ],
  });
  app.use(countRequests);
  app.disable('x-powered-by');
  // Security headers on every answer (nosniff, frame and referrer policy, …). No content security policy here: the
  // API answers JSON and audio, and the OpenAPI page at /docs runs inline scripts.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'same-site' } }));
  if (!serveConsole(app))
    app.get(Logger).warn('The web console is not built (npm run build:console): the API runs without it');
  const origins = app
    .get(AppConfig)
    .CORS_ORIGINS?.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  // Browsers on other origins are refused unless listed (none by default).
  if (origins?.length)
    app.enableCors({ origin: origins, credentials: false, exposedHeaders: ['Retry-After', 'Content-Range'] });
  app.set('trust proxy', 'loopback');
  app.useBodyParser('json', { limit: '2mb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  // CSV imports (POST /crm/customers:import): 10,000 rows.
  app.useBodyParser('text', { type: 'text/csv', limit: '10mb' });
  app.use(bodyParserErrors);
  app.use(rejectUnstorableInput);
  app.useGlobalFilters(new AllExceptionsFilter(COMPAT_ERROR_SHAPES));
  app.useGlobalPipes(new ApiValidationPipe());

  const document = describeResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Parley API')
        .setDescription('Call recording and conversation intelligence. Contract: docs/api.md.')
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}

/** Body parser failures carry the parser's own message; answer them in the envelope without echoing it. */
function bodyParserErrors(
  error: { type?: string; status?: number },
  _req: Request,
  _res: Response,
  next: NextFunction,
) {
  if (error?.type === 'entity.parse.failed')
    return next(new AppError('VALIDATION_FAILED', 'Request body is not valid JSON'));
  if (error?.type === 'entity.too.large')
    return next(new AppError('PAYLOAD_TOO_LARGE', 'Request body is too large'));
  if (error?.type && error.status && error.status < 500)
    return next(new AppError('VALIDATION_FAILED', 'Malformed request body'));
  return next(error);
}

/**
 * A JSON body or query PostgreSQL could not store (a NUL character) or nested past any field of the contract is a
 * 400 before it reaches validation, a controller or the database.
 */
function rejectUnstorableInput(req: Request, _res: Response, next: NextFunction) {
  const problem = unstorableInput(req.body, 'body') ?? unstorableInput(req.query, 'query');
  return next(problem ? new AppError('VALIDATION_FAILED', problem) : undefined);
}

/**
 * HTTP requests by method, route template (never a path with ids: unmatched paths count as `unmatched`) and status,
 * with their latency.
 */
function countRequests(request: Request, response: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  response.once('finish', () => {
    const routePath = (request as Request & { route?: { path?: string } }).route?.path;
    const route = routePath ? `${request.baseUrl}${routePath}` : 'unmatched';
    const metrics = processMetrics();
    metrics.httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
    metrics.httpDuration.observe(
      { method: request.method, route },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  });
  next();
}
