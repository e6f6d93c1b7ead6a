import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBasicAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError, Public, TenantContext } from '@app/core';
import { BillingService } from '@app/billing';
import { CONTACT_CENTER_ID, ContactCentersService } from '@app/genesys';
import { LoginThrottleService, UsersService } from '@app/identity';
import type { Request } from 'express';
import { clientIp } from '../../identity/client-ip';
import { ImportRecordDto, ImportService } from '@app/records';
import { GenesysRecordingDto } from './genesys.dto';

const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 'The ops user name or password is wrong', [], {
    'WWW-Authenticate': 'Basic realm="genesys-insertion"',
  });

function basicCredentials(header: string | undefined): { username: string; password: string } {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthenticated();
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Genesys Interaction Recording's insertion API (seed 003): a recording whose media sits on WebDAV storage, inserted
 * by a contact center's ops user (HTTP Basic) into that contact center's project. A known id merges. The answer is
 * `{ "statusCode": 0 }`; a failure keeps its HTTP status with a non-zero `statusCode` and a `statusMessage`.
 */
@ApiTags('compat: Genesys')
@ApiBasicAuth()
@Public()
@Controller('compat/genesys/internal-api/contact-centers')
export class GenesysInsertionController {
  constructor(
    private readonly centers: ContactCentersService,
    private readonly imports: ImportService,
    private readonly users: UsersService,
    private readonly billing: BillingService,
    private readonly throttle: LoginThrottleService,
  ) {}

  @Post(':contactCenterId/recordings')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Insert (or merge) one recording; its media files are fetched and transcribed as one call',
  })
  async insert(
    @Param('contactCenterId') contactCenterId: string,
    @Headers('authorization') authorization: string | undefined,
    @Body() body: GenesysRecordingDto,
    @Req() request: Request,
  ) {
    const { username, password } = basicCredentials(authorization);
    // Wrong passwords are throttled as logins are: per ops user of the contact center, and per address.
    const who = `genesys:${contactCenterId}:${username}`;
    const ip = clientIp(request);
    await this.throttle.assertAllowed(who, ip);
    const center = CONTACT_CENTER_ID.test(contactCenterId)
      ? await this.centers.authenticate(contactCenterId, username, password)
      : null;
    if (!center) {
      await this.throttle.recordFailure(who, ip);
      throw unauthenticated();
    }
    await this.throttle.recordSuccess(who);
    // Billable work, as an upload is: refused (402) once the organisation's budget is spent.
    await this.billing.assertWithinBudget(center.orgId);
    // The ops user acts for the contact center as a service would: in its organisation, on its project.
    const context: TenantContext = {
      orgId: center.orgId,
      actor: { kind: 'client', clientId: `genesys:${center.id}` },
      role: 'admin',
      scopes: ['recordings.write'],
    };
    const dto = Object.assign(new ImportRecordDto(), {
      id: body.id,
      projectId: center.projectId,
      callerPhoneNumber: body.callerPhoneNumber,
      dialedPhoneNumber: body.dialedPhoneNumber,
      region: body.region,
      callType: body.callType,
      eventHistory: body.eventHistory,
      mediaFiles: body.mediaFiles.map((media) => ({
        mediaId: media.mediaId ?? `${media.callUUID}:${media.startTime}`,
        startTime: media.startTime,
        stopTime: media.stopTime,
        type: media.type,
        parameters: media.parameters,
        masks: media.masks?.map(({ time, type }) => ({ time, type })),
        mediaDescriptor: { storage: 'webDAV' as const, path: media.mediaDescriptor.path },
      })),
    });
    await this.imports.importCall(context, dto, {
      allowedPrivateHosts: center.allowedStorageHosts,
      ownerByUsername: (name) => this.users.memberIdByEmail(center.orgId, name),
    });
    return { statusCode: 0 };
  }
}
