import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxService } from './outbox/outbox.service';

/** Outbox (events written with the changes they announce); endpoints and delivery arrive with issue 8. */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxEvent])],
  providers: [OutboxService],
  exports: [OutboxService],
})
export class WebhooksModule {}
