import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, envelope, notFound, Tenant, TenantContext } from '@app/core';
import { CONTACT_CENTER_ID, ContactCentersService, CreateContactCenterDto } from '@app/genesys';

const ADMIN = { role: 'admin' } as const;

/** The main API's side of the Genesys insertion: which contact centers may insert, as whom, into which project. */
@ApiTags('compat: Genesys')
@ApiBearerAuth()
@Controller('genesys/contact-centers')
export class GenesysContactCentersController {
  constructor(private readonly centers: ContactCentersService) {}

  @Get()
  @Access(ADMIN)
  async list(@Tenant() ctx: TenantContext) {
    return envelope(await this.centers.list(ctx));
  }

  @Post()
  @Access(ADMIN)
  @ApiOperation({ summary: 'Register a contact center with its ops user (the password is stored hashed)' })
  async create(@Tenant() ctx: TenantContext, @Body() dto: CreateContactCenterDto) {
    return envelope(await this.centers.create(ctx, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(ADMIN)
  async remove(@Tenant() ctx: TenantContext, @Param('id') id: string): Promise<void> {
    if (!CONTACT_CENTER_ID.test(id)) throw notFound('Contact center');
    await this.centers.remove(ctx, id);
  }
}
