import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, envelope, Public, Tenant, TenantContext } from '@app/core';
import { AcceptInviteDto, AuthService, LoginDto, RefreshDto, SignupDto } from '@app/identity';
import { clientIp } from './client-ip';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('signup')
  @ApiOperation({ summary: 'Create an organisation and its owner' })
  async signup(@Body() body: SignupDto, @Req() request: Request) {
    return envelope(await this.auth.signup(body, clientIp(request)));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for an access and a refresh token' })
  async login(@Body() body: LoginDto, @Req() request: Request) {
    return envelope(await this.auth.login(body, clientIp(request)));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotate a refresh token (each works once) for a new pair' })
  async refresh(@Body() body: RefreshDto) {
    return envelope(await this.auth.refresh(body.refreshToken));
  }

  @Public()
  @Post('accept-invite')
  @ApiOperation({ summary: 'Join an organisation with an invite token' })
  async acceptInvite(@Body() body: AcceptInviteDto, @Req() request: Request) {
    return envelope(await this.auth.acceptInvite(body, clientIp(request)));
  }

  @Get('me')
  @ApiBearerAuth()
  @Access({ role: 'viewer' })
  @ApiOperation({ summary: 'The caller, the selected organisation and all memberships' })
  async me(@Tenant() context: TenantContext) {
    if (context.actor.kind !== 'user') throw new Error('unreachable: service tokens are refused by @Access');
    return envelope(await this.auth.me({ ...context, actor: context.actor }));
  }
}
