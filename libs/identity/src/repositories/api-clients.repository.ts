import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { ApiClient } from '../entities/api-client.entity';

@Injectable()
export class ApiClientsRepository extends TenantRepository<ApiClient> {
  constructor(@InjectRepository(ApiClient) repository: Repository<ApiClient>) {
    super(repository);
  }

  /** The token endpoint knows only the client id; the organisation comes from the row it finds. */
  findWithSecret(clientId: string): Promise<ApiClient | null> {
    return this.repository
      .createQueryBuilder('c')
      .addSelect('c.secretHash')
      .where('c.id = :clientId', { clientId })
      .getOne();
  }
}
