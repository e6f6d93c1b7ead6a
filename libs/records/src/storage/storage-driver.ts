import type { Readable, Writable } from 'node:stream';

/** A file being written under a temporary key; `commit` makes it visible under its final key. */
export interface TempObject {
  tempKey: string;
  /** Local path of the temporary file, for tools such as ffprobe that read a path. */
  localPath: string;
}

export interface ByteRange {
  start: number;
  /** Inclusive, like HTTP Range. */
  end: number;
}

export interface StoredObjectInfo {
  sizeBytes: number;
  /** Hex MD5 of the bytes when the store knows it (an S3 object written in one PUT: its ETag). */
  md5Hex?: string;
  /** The object's `x-amz-meta-*` values, by name without the prefix (S3 only). */
  metadata?: Record<string, string>;
}

/** What a presigned PUT binds: a client must send exactly these headers, or the store refuses the request. */
export interface PresignPutInput {
  contentType: string;
  contentLength: number;
  /** Base64 MD5 of the body (`Content-MD5`), when the client declared one. */
  contentMd5?: string;
  /** Sent as `x-amz-meta-<name>`. */
  metadata: Record<string, string>;
  expiresInSeconds: number;
}

/** Object metadata as the `x-amz-meta-<name>` headers that carry it. */
export const amzMetaHeaders = (metadata: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(metadata).map(([name, value]) => [`x-amz-meta-${name}`, value]));

export interface PresignedPut {
  url: string;
  headers: Record<string, string>;
}

/**
 * Where audio lives. Keys are always made by the server (`<orgId>/<recordId>/original.<ext>`), never taken from
 * user input. Writes go to a temporary key first and are committed atomically, so a failed upload leaves no
 * half-written object under a real key. An S3-compatible driver implements the same contract with multipart
 * uploads and a copy/delete commit.
 */
export interface StorageDriver {
  /** Checks at start that the store can be used (folder writable, bucket reachable with these credentials). */
  checkReady(): Promise<void>;
  /** The local folder temporary files are written to (tus writes its chunks there). */
  readonly tempDirectory: string;
  /** A new temporary object and a stream writing into it. */
  createTemp(): Promise<TempObject & { stream: Writable }>;
  /** Moves a finished temporary object to its final key (atomic on one filesystem). */
  commit(tempKey: string, key: string): Promise<void>;
  /** Removes a temporary object (no error when it is already gone). */
  discardTemp(tempKey: string): Promise<void>;
  openRead(key: string, range?: ByteRange): Promise<Readable>;
  stat(key: string): Promise<StoredObjectInfo | null>;
  delete(key: string): Promise<void>;
  /** Removes every object whose key starts with `prefix/` (a record's folder). */
  deletePrefix(prefix: string): Promise<void>;
  /** The local path of a temporary object, e.g. one written by tus into the temp area. */
  tempPath(tempKey: string): string;
  /**
   * Runs `work` with a local file path holding the object, for tools that read paths (ffmpeg, ffprobe). The local
   * driver hands its own file; a remote driver downloads to a temporary file and removes it afterwards.
   */
  withLocalFile<T>(key: string, work: (path: string) => Promise<T>): Promise<T>;
  /**
   * Runs `work` with a location ffprobe can read the object at without a copy — the file's path, or a presigned GET
   * URL valid for a few minutes that it reads by ranges — and the object's first `headBytes` bytes.
   */
  withProbeLocation<T>(
    key: string,
    headBytes: number,
    work: (location: string, head: Buffer) => Promise<T>,
  ): Promise<T>;
  /** Removes temporary objects last written before `cutoffMs` (an upload a crash left behind); answers how many. */
  sweepTemp(cutoffMs: number): Promise<number>;
  /**
   * A URL the client PUTs the object to directly, when the store offers one (S3); the local store does not, and
   * Parley's own signed URL is used instead.
   */
  presignPut?(key: string, input: PresignPutInput): Promise<PresignedPut>;
}

export const STORAGE_DRIVER = Symbol('STORAGE_DRIVER');

export const recordStorageKey = (orgId: string, recordId: string, format: string) =>
  `${orgId}/${recordId}/original.${format}`;
export const recordStoragePrefix = (orgId: string, recordId: string) => `${orgId}/${recordId}`;
/** Where a presigned PUT puts a two-step upload's bytes: the record's own key, before its format is known. */
export const signedUploadKey = (orgId: string, recordId: string) =>
  `${recordStoragePrefix(orgId, recordId)}/original`;

/** The copy of a record's audio with its PII spans silenced (GET /records/:id/audio?redacted=true). */
export const redactedAudioKey = (record: { orgId: string; id: string; format: string | null }) =>
  `${recordStoragePrefix(record.orgId, record.id)}/redacted.${record.format}`;
