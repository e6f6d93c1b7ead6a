import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  envelope,
  listEnvelope,
  PaginationQueryDto,
  ParseIdPipe,
  Tenant,
  TenantContext,
} from '@app/core';
import { InviteUserDto, UpdateUserDto, UsersService } from '@app/identity';

const UserId = new ParseIdPipe('usr', 'User');

@ApiTags('users')
@ApiBearerAuth()
@Access({ role: 'admin' })
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Members of the organisation' })
  async list(@Tenant() context: TenantContext, @Query() page: PaginationQueryDto) {
    const { items, total, nextCursor } = await this.users.list(context, page);
    return listEnvelope(items, total, page, { nextCursor });
  }

  @Post('invite')
  @ApiOperation({ summary: 'Invite someone by email with a role; the token is valid for 7 days' })
  async invite(@Tenant() context: TenantContext, @Body() body: InviteUserDto) {
    return envelope(await this.users.invite(context, body));
  }

  @Get(':id')
  async get(@Tenant() context: TenantContext, @Param('id', UserId) id: string) {
    return envelope(await this.users.get(context, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a member's role (the last owner cannot be demoted)" })
  async update(
    @Tenant() context: TenantContext,
    @Param('id', UserId) id: string,
    @Body() body: UpdateUserDto,
  ) {
    return envelope(await this.users.updateRole(context, id, body.role));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member from the organisation (the last owner cannot be removed)' })
  async remove(@Tenant() context: TenantContext, @Param('id', UserId) id: string): Promise<void> {
    await this.users.remove(context, id);
  }
}
