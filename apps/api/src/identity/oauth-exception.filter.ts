import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { OAuthError } from '@app/identity';

/** The token endpoint speaks RFC 6749 §5.2 (`{ error, error_description }`), not the Parley envelope. */
@Catch(OAuthError)
export class OAuthExceptionFilter implements ExceptionFilter {
  catch(exception: OAuthError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Pragma', 'no-cache');
    for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    response
      .status(exception.status)
      .json({ error: exception.error, error_description: exception.description });
  }
}
