import { Inject, Injectable, Logger } from '@nestjs/common';
import { Server } from '@tus/server';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  AppConfig,
  AppError,
  ErrorCode,
  ownerFilterFor,
  TenantContext,
  unavailableDependency,
} from '@app/core';
import { readHead } from '../../audio/inspect-audio';
import { STORAGE_DRIVER, StorageDriver } from '../../storage/storage-driver';
import { UploadsService } from '../uploads.service';
import {
  ChecksumFileStore,
  chunkChecksum,
  ChunkChecksum,
  TUS_CHECKSUM_ALGORITHMS,
  TusChecksumAlgorithm,
} from './checksum-file-store';

export const TUS_PATH = '/api/v1/tus';

/** Upload-Metadata keys the server writes itself; whatever a client sends under these names is replaced. */
const ORG_KEY = 'parleyOrgId';
const OWNER_KEY = 'parleyOwnerId';
const ACTOR_KEY = 'parleyActor';

type TusFailure = { status_code: number; body: string };

/** tus's own refusals ("Upload-Offset header required", 460 checksum mismatch) in the api.md envelope. */
function inEnvelope(error: TusFailure): TusFailure {
  if (error.body.startsWith('{"error"')) return error;
  const code: ErrorCode =
    error.status_code === 404 || error.status_code === 410
      ? 'NOT_FOUND'
      : error.status_code === 409
        ? 'CONFLICT'
        : error.status_code === 413
          ? 'PAYLOAD_TOO_LARGE'
          : error.status_code === 415
            ? 'UNSUPPORTED_MEDIA'
            : error.status_code >= 500
              ? 'INTERNAL'
              : 'VALIDATION_FAILED';
  return tusError(error.status_code, code, error.body.trim() || 'The tus request was refused');
}

/** A tus error answer in the api.md envelope (tus clients read the status; people read the body). */
const tusError = (status: number, code: string, message: string): TusFailure => ({
  status_code: status,
  body: JSON.stringify({ error: { code, message, details: [] } }),
});

const fromAppError = (error: unknown): TusFailure => {
  if (error instanceof AppError)
    return {
      status_code: error.status,
      body: JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }),
    };
  throw error;
};

/**
 * Resumable uploads (tus 1.0: core, creation, termination, checksum) at /api/v1/tus. Partial uploads live in the
 * storage temp area, which the maintenance job sweeps; every request is checked against the caller's organisation,
 * and a finished upload goes through the same record creation as every other path.
 */
@Injectable()
export class TusUploadsService {
  private readonly logger = new Logger(TusUploadsService.name);
  private readonly server: Server;
  private readonly caller = new AsyncLocalStorage<TenantContext>();
  private readonly directory: string;

  constructor(
    config: AppConfig,
    private readonly uploads: UploadsService,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {
    this.directory = storage.tempDirectory;
    this.server = new Server({
      path: TUS_PATH,
      datastore: new ChecksumFileStore({ directory: this.directory }),
      maxSize: config.MAX_UPLOAD_BYTES,
      relativeLocation: true,
      namingFunction: () => `tus-${randomBytes(16).toString('hex')}`,
      onUploadCreate: async (_req, res, upload) => {
        const ctx = this.context();
        const metadata = upload.metadata ?? {};
        const intent = await this.uploads
          .intent(ctx, metadata.projectId ?? undefined, metadata.metadata ?? undefined)
          .catch((error: unknown) => {
            throw fromAppError(error);
          });
        return {
          res,
          metadata: {
            ...metadata,
            [ORG_KEY]: ctx.orgId,
            [OWNER_KEY]: intent.ownerId ?? '',
            [ACTOR_KEY]: ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.clientId,
          },
        };
      },
      onIncomingRequest: async (req, _res, uploadId) => {
        if (req.method === 'POST') return;
        await this.assertOwnUpload(uploadId);
      },
      onUploadFinish: async (_req, res, upload) => {
        const ctx = this.context();
        const metadata = upload.metadata ?? {};
        try {
          const intent = await this.uploads.intent(
            ctx,
            metadata.projectId ?? undefined,
            metadata.metadata ?? undefined,
          );
          const localPath = this.storage.tempPath(upload.id);
          const record = await this.uploads.admit(
            { ...intent, ownerId: metadata[OWNER_KEY] || intent.ownerId },
            { tempKey: upload.id, localPath, sizeBytes: upload.offset, head: await readHead(localPath) },
            'tus',
          );
          await rm(`${localPath}.json`, { force: true });
          return { res, headers: { 'Parley-Record-Id': record.id } };
        } catch (error) {
          await this.forget(upload.id);
          throw fromAppError(error);
        }
      },
      onResponseError: (_req, _res, error) => {
        if ('status_code' in error) return inEnvelope(error);
        if (unavailableDependency(error))
          return tusError(503, 'UNAVAILABLE', 'A dependency is unavailable; try again shortly');
        this.logger.error(`tus request failed: ${error.message}`);
        return tusError(500, 'INTERNAL', 'Internal server error');
      },
    });
  }

  /** Handles one tus request for an authenticated caller. */
  async handle(ctx: TenantContext, req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) {
    req.url = req.originalUrl ?? req.url;
    let checksum: ChunkChecksum | undefined;
    const header = req.headers['upload-checksum'];
    if (typeof header === 'string' && req.method === 'PATCH') {
      const [algorithm, digest] = header.trim().split(/\s+/);
      if (!TUS_CHECKSUM_ALGORITHMS.includes(algorithm as TusChecksumAlgorithm) || !digest) {
        res.writeHead(400, { 'Tus-Resumable': '1.0.0', 'Content-Type': 'text/plain' });
        res.end('Unsupported checksum algorithm\n');
        return;
      }
      checksum = { algorithm: algorithm as TusChecksumAlgorithm, digest };
    }
    if (req.method === 'OPTIONS') res.setHeader('Tus-Checksum-Algorithm', TUS_CHECKSUM_ALGORITHMS.join(','));
    await this.caller.run(ctx, () => chunkChecksum.run(checksum, () => this.server.handle(req, res)));
  }

  private context(): TenantContext {
    const ctx = this.caller.getStore();
    if (!ctx) throw tusError(401, 'UNAUTHENTICATED', 'Authentication required');
    return ctx;
  }

  /** An upload of another organisation (or, for an agent, of another user) is answered like a missing one. */
  private async assertOwnUpload(uploadId: string): Promise<void> {
    const ctx = this.context();
    const notFound = tusError(404, 'NOT_FOUND', 'Upload not found');
    let upload;
    try {
      upload = await this.server.datastore.getUpload(uploadId);
    } catch {
      throw notFound;
    }
    const metadata = upload.metadata ?? {};
    if (metadata[ORG_KEY] !== ctx.orgId) throw notFound;
    const owner = ownerFilterFor(ctx);
    if (owner && metadata[ACTOR_KEY] !== owner) throw notFound;
  }

  private async forget(uploadId: string): Promise<void> {
    await this.storage.discardTemp(uploadId).catch(() => undefined);
    await rm(join(this.directory, `${uploadId}.json`), { force: true });
  }
}
