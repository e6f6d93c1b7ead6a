import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppConfig, Public, SCOPES } from '@app/core';
import { API_PREFIX } from '../configure-app';

/**
 * RFC 8414 authorization server metadata, so standard OAuth clients configure themselves from the issuer URL. Served
 * at the root's /.well-known (outside the API prefix), as the RFC places it.
 */
@ApiTags('auth')
@Public()
@Controller('.well-known')
export class OAuthMetadataController {
  constructor(private readonly config: AppConfig) {}

  @Get('oauth-authorization-server')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: 'OAuth 2.0 authorization server metadata (RFC 8414)' })
  metadata() {
    const issuer = this.config.PUBLIC_URL.replace(/\/+$/, '');
    return {
      issuer,
      token_endpoint: `${issuer}/${API_PREFIX}/oauth/token`,
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      grant_types_supported: ['client_credentials'],
      response_types_supported: [],
      scopes_supported: [...SCOPES],
      service_documentation: `${issuer}/docs`,
    };
  }
}
