import { All, Controller, Headers, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/core';
import { ClientsService, OAuthError } from '@app/identity';
import { readClientCredentialsGrant } from './client-credentials-grant';
import { OAuthExceptionFilter } from './oauth-exception.filter';

@ApiTags('auth')
@Public()
@UseFilters(OAuthExceptionFilter)
@Controller('oauth')
export class OAuthController {
  constructor(private readonly clients: ClientsService) {}

  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'OAuth2 client credentials grant (RFC 6749 §4.4), form-encoded or JSON' })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['grant_type'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials'] },
        client_id: { type: 'string', description: 'unless sent with HTTP Basic' },
        client_secret: { type: 'string', description: 'unless sent with HTTP Basic' },
        scope: { type: 'string', description: 'space-separated subset of the client scopes' },
      },
    },
  })
  async token(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Headers('authorization') authorization: string | undefined,
  ) {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Pragma', 'no-cache');
    const grant = readClientCredentialsGrant(request, authorization);
    return this.clients.issueToken(grant.clientId, grant.clientSecret, grant.scope, grant.viaBasic);
  }

  /** RFC 6749 §3.2: the token endpoint takes POST only (documented as the 405 of POST's path, not as methods). */
  @All('token')
  @ApiExcludeEndpoint()
  refuseOtherMethods(@Res({ passthrough: true }) response: Response): never {
    response.setHeader('Allow', 'POST');
    throw new OAuthError('invalid_request', 'The token endpoint accepts POST only', 405);
  }
}
