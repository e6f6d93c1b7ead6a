import { PartialType } from '@nestjs/swagger';
import { CreateWebhookDto } from './create-webhook.dto';

/** Any subset of the create fields; re-enabling an endpoint the system disabled clears its failure state. */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {}
