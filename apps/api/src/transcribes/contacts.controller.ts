import { DeleteRecordQuery } from '../records/records.queries';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  envelope,
  listEnvelope,
  ParseIdPipe,
  Tenant,
  TenantContext,
  READ_RECORDINGS,
  WRITE_RECORDINGS,
} from '@app/core';
import { ContactsService, CreateContactDto, ListContactsQuery, UpdateContactDto } from '@app/transcribes';

const contactId = new ParseIdPipe('con', 'Contact');

@ApiTags('transcribes')
@ApiBearerAuth()
@Controller('contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  @Access(READ_RECORDINGS)
  async list(@Tenant() context: TenantContext, @Query() query: ListContactsQuery) {
    const [items, total, nextCursor] = await this.contacts.list(context, query);
    return listEnvelope(items, total, query, { nextCursor });
  }

  @Post()
  @Access(WRITE_RECORDINGS)
  @ApiOperation({ summary: 'Create a contact; email and phoneNumber (international format) are validated' })
  async create(@Tenant() context: TenantContext, @Body() body: CreateContactDto) {
    return envelope(await this.contacts.create(context, body));
  }

  @Get(':id')
  @Access(READ_RECORDINGS)
  async get(@Tenant() context: TenantContext, @Param('id', contactId) id: string) {
    return envelope(await this.contacts.get(context, id));
  }

  @Patch(':id')
  @Access(WRITE_RECORDINGS)
  async update(
    @Tenant() context: TenantContext,
    @Param('id', contactId) id: string,
    @Body() body: UpdateContactDto,
  ) {
    return envelope(await this.contacts.update(context, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(WRITE_RECORDINGS)
  @ApiOperation({
    summary:
      'Delete a contact (hidden; with permanent=true, an admin removes it); 409 while it still has transcribes',
  })
  async remove(
    @Tenant() context: TenantContext,
    @Param('id', contactId) id: string,
    @Query() query: DeleteRecordQuery,
  ) {
    await this.contacts.remove(context, id, query.permanent === true);
  }
}
