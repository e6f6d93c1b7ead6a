import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  idOfUuid,
  notFound,
  Tenant,
  TenantContext,
  uuidOf,
  READ_RECORDINGS,
  WRITE_RECORDINGS,
} from '@app/core';
import { WithinBudget } from '@app/billing';
import {
  ContactsService,
  ListTranscribesQuery,
  presentContact,
  TranscribesService,
  unknownContact,
} from '@app/transcribes';
import {
  associationsOf,
  RechatAssociationsQuery,
  RechatCreateTranscribeDto,
  RechatListTranscribesQuery,
} from './rechat.dto';
import { rechatOk, rechatTranscribe } from './rechat.views';

/**
 * Rechat's Transcribes API (seed 004) over Parley's transcribes: a brand is the caller's organisation (its UUID
 * form, `organization.brandId` on GET /auth/me), ids are UUIDs, times unix seconds, answers in `{ code, data, info }`.
 */
@ApiTags('compat: Rechat')
@ApiBearerAuth()
@Controller('compat/rechat/brands/:brand/transcribes')
export class RechatTranscribesController {
  constructor(
    private readonly transcribes: TranscribesService,
    private readonly contacts: ContactsService,
  ) {}

  @Get()
  @Access(READ_RECORDINGS)
  @ApiOperation({ summary: 'Transcribes of the brand, most recent first, optionally of one contact' })
  async list(
    @Tenant() context: TenantContext,
    @Param('brand') brand: string,
    @Query() query: RechatListTranscribesQuery,
  ) {
    this.assertBrand(context, brand);
    const page = Object.assign(new ListTranscribesQuery(), {
      page: 1,
      pageSize: query.limit,
      skip: query.start,
    });
    if (query.contact) {
      const contact = await this.contacts.findByReference(context, query.contact);
      if (!contact) return rechatOk([], { count: 0, total: 0 });
      page.contact = contact.id;
    }
    const inline = associationsOf(query).has('transcribe.contact');
    const [items, total] = await this.transcribes.list(context, page, { contents: true, contact: true });
    const data = items.map((item) => rechatTranscribe(item, brand, inline));
    return rechatOk(data, { count: data.length, total });
  }

  @Post()
  @HttpCode(200) // as the document answers
  @Access(WRITE_RECORDINGS)
  @WithinBudget()
  @ApiOperation({
    summary:
      'Create a transcribe. A contact Parley does not know is recorded by its UUID; every entry needs timestamp, author and text',
  })
  async create(
    @Tenant() context: TenantContext,
    @Param('brand') brand: string,
    @Body() body: RechatCreateTranscribeDto,
    @Query() query: RechatAssociationsQuery,
  ) {
    this.assertBrand(context, brand);
    const contact = await this.contacts.findOrAddByReference(context, body.contact);
    if (!contact) throw unknownContact();
    const created = await this.transcribes.create(context, { contact: contact.id, contents: body.contents });
    // The contact is in hand: shown as Rechat knows it without reading the transcribe back.
    const view = { ...created, contact: presentContact(contact) };
    return rechatOk(rechatTranscribe(view, brand, associationsOf(query).has('transcribe.contact')));
  }

  @Get(':transcribe')
  @Access(READ_RECORDINGS)
  @ApiOperation({
    summary: 'A transcribe with its entries; associations=transcribe.contact inlines the contact',
  })
  async get(
    @Tenant() context: TenantContext,
    @Param('brand') brand: string,
    @Param('transcribe') transcribe: string,
    @Query() query: RechatAssociationsQuery,
  ) {
    this.assertBrand(context, brand);
    const view = await this.transcribes.get(context, this.transcribeId(transcribe), {
      associations: 'transcribe.contact',
    });
    return rechatOk(rechatTranscribe(view, brand, associationsOf(query).has('transcribe.contact')));
  }

  @Delete(':transcribe')
  @HttpCode(204)
  @Access(WRITE_RECORDINGS)
  @ApiOperation({ summary: 'Soft-delete a transcribe (restorable with its record)' })
  async remove(
    @Tenant() context: TenantContext,
    @Param('brand') brand: string,
    @Param('transcribe') transcribe: string,
  ): Promise<void> {
    this.assertBrand(context, brand);
    await this.transcribes.remove(context, this.transcribeId(transcribe));
  }

  /** Another organisation's brand is not found, as any id of another tenant. */
  private assertBrand(context: TenantContext, brand: string): void {
    if (brand.toLowerCase() !== uuidOf(context.orgId)) throw notFound('Brand');
  }

  private transcribeId(uuid: string): string {
    const id = idOfUuid('trb', uuid);
    if (!id) throw notFound('Transcribe');
    return id;
  }
}
