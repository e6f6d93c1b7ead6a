import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, ERROR_STATUS, ErrorCode } from './app-error';
import { unavailableDependency } from './dependency-unavailable';
import { ErrorEnvelope } from './error-envelope';

const CODE_BY_STATUS: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(ERROR_STATUS).map(([code, status]) => [status, code as ErrorCode]),
);

/** Errors raised below Nest (body parsing) carry `status` and `type` instead of being HttpExceptions. */
interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  message?: string;
}

const codeForStatus = (status: number): ErrorCode =>
  CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');

/**
 * The one place an error becomes a response: every error answers with the envelope of api.md.
 * Anything unexpected becomes INTERNAL with an errorId that is also logged; no stack, SQL or path leaks.
 */
/** What a client is told to wait before it tries again while a dependency is down. */
const RETRY_AFTER_SECONDS = 5;

/**
 * How a compatibility API answers errors in its seed system's shape: the filter builds api.md's envelope as always,
 * then the shape whose path prefix the request matches turns it into its own status and body.
 */
export interface ErrorShape {
  /** Path prefix, e.g. `/compat/rechat/`. */
  prefix: string;
  render(status: number, error: ErrorEnvelope['error']): { status: number; body: unknown };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly shapes: ErrorShape[] = []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (response.headersSent) {
      response.end();
      return;
    }
    const { status, body, headers } = this.toEnvelope(exception, request);
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    const shape = this.shapes.find((candidate) => request.path.startsWith(candidate.prefix));
    if (shape) {
      const shaped = shape.render(status, body.error);
      response.status(shaped.status).json(shaped.body);
      return;
    }
    response.status(status).json(body);
  }

  private toEnvelope(
    exception: unknown,
    request: Request,
  ): { status: number; body: ErrorEnvelope; headers: Record<string, string> } {
    if (exception instanceof AppError) {
      return {
        status: exception.status,
        body: { error: { code: exception.code, message: exception.message, details: exception.details } },
        headers: exception.headers,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        const message =
          status === 404 && /^Cannot /.test(exception.message)
            ? `Route ${request.method} ${request.path} not found`
            : exception.message;
        return {
          status,
          body: { error: { code: codeForStatus(status), message, details: [] } },
          headers: {},
        };
      }
    }
    const httpish = (exception ?? {}) as HttpishError;
    const looseStatus = httpish.status ?? httpish.statusCode;
    if (
      typeof looseStatus === 'number' &&
      looseStatus >= 400 &&
      looseStatus < 500 &&
      httpish.expose !== false
    ) {
      const message =
        httpish.type === 'entity.parse.failed'
          ? 'Request body is not valid JSON'
          : httpish.type === 'entity.too.large'
            ? 'Request body is too large'
            : 'Bad request';
      return {
        status: looseStatus,
        body: { error: { code: codeForStatus(looseStatus), message, details: [] } },
        headers: {},
      };
    }
    const dependency = unavailableDependency(exception);
    if (dependency) {
      this.logger.warn(`${request.method} ${request.path}: ${dependency} unavailable`);
      return {
        status: 503,
        body: {
          error: {
            code: 'UNAVAILABLE',
            message: `The ${dependency === 'database' ? 'database' : 'queue store'} is unavailable; try again shortly`,
            details: [],
          },
        },
        headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      };
    }
    const errorId = randomUUID();
    this.logger.error(
      { err: exception, errorId, method: request.method, path: request.path },
      `Unhandled error ${errorId}`,
    );
    return {
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'Internal server error', details: [], errorId } },
      headers: {},
    };
  }
}
