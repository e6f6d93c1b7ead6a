import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { ContactEntity } from './contact.entity';

@Injectable()
export class ContactsRepository extends TenantRepository<ContactEntity> {
  constructor(@InjectRepository(ContactEntity) repository: Repository<ContactEntity>) {
    super(repository);
  }
}
