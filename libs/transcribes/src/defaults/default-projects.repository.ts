import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Which project holds an organisation's transcribes when the caller names none (one row per organisation). */
@Injectable()
export class DefaultProjectsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(orgId: string, manager?: EntityManager): Promise<string | null> {
    const rows: Array<{ project_id: string }> = await (manager ?? this.dataSource.manager).query(
      `SELECT project_id FROM transcribe_default_projects WHERE org_id = $1`,
      [orgId],
    );
    return rows[0]?.project_id ?? null;
  }

  async save(orgId: string, projectId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO transcribe_default_projects (org_id, project_id) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET project_id = EXCLUDED.project_id`,
      [orgId, projectId],
    );
  }

  /** Serialises the first creation per organisation until the caller's transaction ends. */
  async lock(orgId: string, manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('transcribes.default-project:' || $1))`, [
      orgId,
    ]);
  }
}
