import { Controller, Headers, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@app/core';
import { ClientsService } from '@app/identity';
import { readClientCredentialsGrant } from '../../identity/client-credentials-grant';
import { OAuthExceptionFilter } from '../../identity/oauth-exception.filter';

/** Imagicle's scope names and Parley's. */
const IMAGICLE_SCOPES: Record<string, string> = {
  'voice-analytics/recordings.write': 'recordings.write',
  'voice-analytics/recordings.read': 'recordings.read',
};
const PARLEY_TO_IMAGICLE = Object.fromEntries(Object.entries(IMAGICLE_SCOPES).map(([k, v]) => [v, k]));
const mapScopes = (scope: string, names: Record<string, string>) =>
  scope
    .split(' ')
    .filter(Boolean)
    .map((name) => names[name] ?? name)
    .join(' ');

/**
 * The token URL of Recordings.v1's client credentials scheme: a Parley API client's id and secret, scopes named
 * as Imagicle names them (`voice-analytics/recordings.write`, `.read`). Answers and errors are RFC 6749's.
 */
@ApiTags('compat: Imagicle')
@Public()
@UseFilters(OAuthExceptionFilter)
@Controller('compat/imagicle/oauth2')
export class ImagicleOAuthController {
  constructor(private readonly clients: ClientsService) {}

  @Post('token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOperation({
    summary: 'OAuth2 client credentials with the scope voice-analytics/recordings.write (.read)',
  })
  async token(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @Headers('authorization') authorization: string | undefined,
  ) {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Pragma', 'no-cache');
    const grant = readClientCredentialsGrant(request, authorization);
    const scope = grant.scope === undefined ? undefined : mapScopes(grant.scope, IMAGICLE_SCOPES);
    const token = await this.clients.issueToken(grant.clientId, grant.clientSecret, scope, grant.viaBasic);
    return { ...token, scope: mapScopes(token.scope, PARLEY_TO_IMAGICLE) };
  }
}
