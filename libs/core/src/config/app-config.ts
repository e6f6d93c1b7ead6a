import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  Length,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) => {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return value;
};

/**
 * Every setting Parley reads, validated once at start. Nothing else reads process.env.
 * Defaults here are the embedded default (one machine, `npm run start:local`); .env.example mirrors them
 * (a unit test checks it). Every setting needs an initializer, `= undefined` for optional ones: the keys of
 * `new AppConfig()` are the settings loadConfig reads.
 */
export class AppConfig {
  // --- process -------------------------------------------------------------------------------
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** json for machines (the default in production), pretty for people at a terminal. */
  @IsOptional()
  @IsIn(['json', 'pretty'])
  LOG_FORMAT?: 'json' | 'pretty' = undefined;

  /**
   * Public base URL clients use to reach the API (signed upload URLs, invite links); http://localhost:<PORT> when
   * unset.
   */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /**
   * Browser origins allowed to call the API (CORS), comma-separated, e.g. `https://console.example.com`; none when
   * unset (the console is served by the API itself, same origin).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s,/]+(,\s*https?:\/\/[^\s,/]+)*$/, {
    message: 'CORS_ORIGINS must be comma-separated http(s) origins',
  })
  CORS_ORIGINS?: string = undefined;

  /** When set, GET /metrics asks for it as a bearer token. */
  @IsOptional()
  @IsString()
  @Length(16, 200, { message: 'METRICS_TOKEN must be 16-200 characters' })
  METRICS_TOKEN?: string = undefined;

  /** A worker process serves its /metrics on this port when set (the API serves its own at /metrics). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  WORKER_METRICS_PORT?: number = undefined;

  // --- data ----------------------------------------------------------------------------------
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/parley';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN_AT_START = true;

  @Matches(/^rediss?:\/\/\S+$/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Key prefix for every queue; lets several installations (or test runs) share one Redis. */
  @Matches(/^[a-zA-Z0-9_-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, - or _' })
  QUEUE_PREFIX = 'parley';

  // --- storage -------------------------------------------------------------------------------
  /** `local`: files under STORAGE_DIR (one machine). `s3`: an S3-compatible bucket shared by every process. */
  @IsIn(['local', 's3'], { message: 'STORAGE_DRIVER must be local or s3' })
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  @IsString()
  @MinLength(1)
  STORAGE_DIR = '.data/storage';

  /**
   * Where the s3 driver keeps a local copy of a file while it is being received, inspected or processed (ffprobe
   * and ffmpeg read paths); the system temp folder when unset.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  STORAGE_TEMP_DIR?: string = undefined;

  @ValidateIf((config: AppConfig) => config.STORAGE_DRIVER === 's3' || config.S3_BUCKET !== undefined)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    message:
      'S3_BUCKET is required with STORAGE_DRIVER=s3 (a bucket name: 3-63 lower-case letters, digits, . or -)',
  })
  S3_BUCKET?: string = undefined;

  /** The S3 API's address for a non-AWS server (MinIO, Ceph RGW, …); AWS's own endpoints when unset. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'S3_ENDPOINT must be an http(s) URL' })
  S3_ENDPOINT?: string = undefined;

  /** The address clients are given in presigned upload URLs, when they reach the bucket by another name. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'S3_PUBLIC_ENDPOINT must be an http(s) URL' })
  S3_PUBLIC_ENDPOINT?: string = undefined;

  @IsString()
  @MinLength(1)
  S3_REGION = 'us-east-1';

  /** With S3_SECRET_ACCESS_KEY; when both are unset the SDK's own chain is used (environment, instance role, …). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string = undefined;

  @ValidateIf((config: AppConfig) => config.S3_ACCESS_KEY_ID !== undefined)
  @IsString({ message: 'S3_SECRET_ACCESS_KEY is required with S3_ACCESS_KEY_ID' })
  S3_SECRET_ACCESS_KEY?: string = undefined;

  /** Path-style addressing (`endpoint/bucket/key`); on by default when S3_ENDPOINT is set, as most servers need. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  S3_FORCE_PATH_STYLE?: boolean = undefined;

  /** Prefix of every key Parley writes, so one bucket can hold several installations. */
  @IsOptional()
  @Matches(/^([A-Za-z0-9_.-]+\/)+$/, {
    message: 'S3_KEY_PREFIX must be folder names ending in /, e.g. parley/',
  })
  S3_KEY_PREFIX?: string = undefined;

  /** Unfinished upload files older than this are swept by the maintenance queue. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  STORAGE_TEMP_MAX_AGE_SECONDS = 24 * 3600;

  // --- records: uploads, ingest, import ----------------------------------------------------
  /** Largest audio file accepted by any upload path (multipart, signed PUT, tus, ingest, import). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

  /** HMAC key of signed upload URLs. Required in production; generated and kept under STORAGE_DIR otherwise. */
  @ValidateIf(
    (config: AppConfig) => config.NODE_ENV === 'production' || config.UPLOAD_SIGNING_SECRET !== undefined,
  )
  @IsString({ message: 'UPLOAD_SIGNING_SECRET is required in production' })
  @MinLength(32, { message: 'UPLOAD_SIGNING_SECRET must be at least 32 characters' })
  UPLOAD_SIGNING_SECRET?: string = undefined;

  /** How long a signed upload URL stays valid. */
  @Type(() => Number)
  @IsInt()
  @Min(30)
  @Max(24 * 3600)
  UPLOAD_URL_TTL_SECONDS = 900;

  /** Lets URL ingest and imports reach private, loopback and link-local addresses (tests, closed networks). */
  @Transform(toBoolean)
  @IsBoolean()
  INGEST_ALLOW_PRIVATE_NETWORKS = false;

  /** Whole-download time limit of one URL ingest. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  INGEST_TIMEOUT_SECONDS = 300;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  INGEST_MAX_REDIRECTS = 3;

  /** Folder that `local` media of POST /records/import is read from; imports of local media are off without it. */
  @IsOptional()
  @IsString()
  IMPORT_ROOT?: string = undefined;

  // --- identity ------------------------------------------------------------------------------
  /**
   * HS256 key for access tokens. Required in production; in development and test, when unset, a random one is
   * generated once and kept (mode 0600) in a `secrets` folder beside STORAGE_DIR so restarts keep sessions.
   */
  @ValidateIf((config: AppConfig) => config.NODE_ENV === 'production' || config.JWT_SECRET !== undefined)
  @IsString({ message: 'JWT_SECRET is required in production' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

  @IsString()
  @MinLength(1)
  JWT_ISSUER = 'parley';

  @IsString()
  @MinLength(1)
  JWT_AUDIENCE = 'parley-api';

  /** Short on purpose: a removed member's or deleted client's token must die quickly even if cached somewhere. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  @Max(3600)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(300)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /** Self-service sign-up creating a new organisation; switch off for closed installations. */
  @Transform(toBoolean)
  @IsBoolean()
  AUTH_SIGNUP_ENABLED = true;

  /** Failed logins per email (and 10x that per client IP) before further attempts are refused for a while. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_SECONDS = 900;

  /** Sign-ups accepted from one client address per hour: POST /auth/signup is open to anyone. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SIGNUP_MAX_PER_ADDRESS_PER_HOUR = 20;

  // --- transcription: audio preparation, ASR engines, sentences ----------------------------
  /**
   * Engine for projects that name none: moonshine (offline, embedded neural model, the default), pocketsphinx
   * (offline, Debian's recogniser), openai (an OpenAI-compatible server), none (transcripts come with the call).
   */
  @IsIn(['moonshine', 'pocketsphinx', 'openai', 'none'])
  TRANSCRIPTION_ENGINE: 'moonshine' | 'pocketsphinx' | 'openai' | 'none' = 'moonshine';

  /**
   * On SIGTERM/SIGINT a worker stops taking jobs and waits this long for the ones it holds; what still runs is
   * handed back to the queue for another worker. Keep it under the orchestrator's grace period (compose: 30 s).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  SHUTDOWN_GRACE_SECONDS = 20;

  /** Folder of the speech models (`npm run models` fetches Moonshine tiny there from the npm registry). */
  @IsString()
  @MinLength(1)
  MODELS_DIR = 'models';

  /** onnxruntime threads of one moonshine inference; ASR_CONCURRENCY tracks run at once, each on its own thread. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(16)
  MOONSHINE_THREADS = 1;

  /**
   * Channels recognised at once by one process, whatever record they belong to: pocketsphinx processes (empty: the
   * core count) or moonshine worker threads, each with a copy of the model (empty: half the cores, at least one).
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(64)
  ASR_CONCURRENCY?: number = undefined;

  /** Longest one channel may take to recognise (or one audio conversion) before it is killed. */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  ASR_TIMEOUT_SECONDS = 1800;

  /** Folder of the pocketsphinx acoustic model, dictionary and language model (Debian pocketsphinx-en-us). */
  @IsString()
  @MinLength(1)
  POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us';

  /** A silence at least this long between two words of one speaker ends a sentence. */
  @Type(() => Number)
  @IsNumber()
  @Min(0.1)
  @Max(10)
  SENTENCE_PAUSE_SECONDS = 0.7;

  /** A sentence is cut when it grows longer than this, even without a pause. */
  @Type(() => Number)
  @IsNumber()
  @Min(2)
  @Max(120)
  SENTENCE_MAX_SECONDS = 20;

  /** OpenAI-compatible server (OpenAI, whisper.cpp server, faster-whisper, LocalAI) without the /v1 suffix. */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'OPENAI_BASE_URL must be an http(s) URL' })
  OPENAI_BASE_URL = 'https://api.openai.com';

  /** Bearer key for OPENAI_BASE_URL; never logged. Local servers often need none. */
  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string = undefined;

  @IsString()
  @MinLength(1)
  OPENAI_MODEL = 'whisper-1';

  /** Time limit of one transcription request (upload and answer). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  OPENAI_TIMEOUT_SECONDS = 300;

  /** Further attempts after a 429, a 5xx, a timeout or a network error, with exponential backoff. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10)
  OPENAI_MAX_RETRIES = 3;

  // --- pipeline ------------------------------------------------------------------------------
  /** How often each worker moves committed outbox events to the webhooks queue. */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  OUTBOX_RELAY_INTERVAL_MS = 500;

  /**
   * A record in a working stage longer than this is re-driven by the reconciliation job, unless its job is still
   * waiting or running (then nothing happens): a job lost with Redis's data is run again within this time.
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  PIPELINE_STUCK_AFTER_SECONDS = 120;

  /**
   * A record waiting for its next job (pending) longer than this is re-driven: its job may never have been queued
   * (Redis was out when the stage or the upload committed). Re-driving a record whose job exists changes nothing.
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  PIPELINE_REQUEUE_AFTER_SECONDS = 60;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  PIPELINE_RECONCILE_EVERY_SECONDS = 60;

  /** Jobs run at once per worker process, per queue. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  TRANSCRIPTION_CONCURRENCY = 2;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  ANALYSIS_CONCURRENCY = 8;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  ALERTING_CONCURRENCY = 8;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  WEBHOOKS_CONCURRENCY = 16;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  INGEST_CONCURRENCY = 4;

  // --- webhooks ------------------------------------------------------------------------------
  /**
   * Key that encrypts endpoint signing secrets at rest (AES-256-GCM; any string of 32+ characters, hashed to 256 bits).
   * Required in production; in development and test, when unset, a random one is generated once and kept (mode 0600)
   * in a `secrets` folder beside STORAGE_DIR. Changing it makes stored endpoint secrets unreadable.
   */
  @ValidateIf(
    (config: AppConfig) => config.NODE_ENV === 'production' || config.WEBHOOK_SECRET_KEY !== undefined,
  )
  @IsString({ message: 'WEBHOOK_SECRET_KEY is required in production' })
  @MinLength(32, { message: 'WEBHOOK_SECRET_KEY must be at least 32 characters' })
  WEBHOOK_SECRET_KEY?: string = undefined;

  /**
   * The key WEBHOOK_SECRET_KEY replaces, while stored secrets are re-encrypted (`npm run admin -- rotate-secrets`):
   * secrets sealed with it still open meanwhile.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'WEBHOOK_SECRET_KEY_PREVIOUS must be at least 32 characters' })
  WEBHOOK_SECRET_KEY_PREVIOUS?: string = undefined;

  /**
   * Lets webhook endpoints point at loopback, private, link-local and other internal addresses. Unset: allowed
   * outside production (the embedded default and tests deliver to local receivers), refused in production.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  WEBHOOK_ALLOW_PRIVATE_NETWORKS?: boolean = undefined;

  /** Whole-request time limit of one delivery attempt (connect, send, answer). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  WEBHOOK_TIMEOUT_SECONDS = 15;

  /** Delay before each attempt of a delivery, in seconds, the first counted from the event (Svix-like). */
  @Matches(/^\s*\d+(\s*,\s*\d+){0,19}\s*$/, {
    message: 'WEBHOOK_RETRY_SCHEDULE_SECONDS must be 1-20 comma-separated whole seconds',
  })
  WEBHOOK_RETRY_SCHEDULE_SECONDS = '0,5,300,1800,7200,18000,36000,36000';

  /** After a secret rotation the previous secret keeps signing (as a second signature) this long. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(7 * 24 * 3600)
  WEBHOOK_SECRET_ROTATION_OVERLAP_SECONDS = 24 * 3600;

  /** An endpoint whose deliveries have failed without a single success for this long is disabled. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  WEBHOOK_DISABLE_AFTER_FAILING_SECONDS = 5 * 24 * 3600;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_MAX_ENDPOINTS_PER_ORG = 50;

  // --- mail (SMTP) ---------------------------------------------------------------------------
  /** SMTP server for notification emails; email is off without it. */
  @IsOptional()
  @IsString()
  SMTP_HOST?: string = undefined;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 587;

  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  @Transform(toBoolean)
  @IsBoolean()
  SMTP_SECURE = false;

  @IsOptional()
  @IsString()
  SMTP_USER?: string = undefined;

  /** Never logged. */
  @IsOptional()
  @IsString()
  SMTP_PASSWORD?: string = undefined;

  @IsString()
  @MinLength(3)
  SMTP_FROM = 'Parley <parley@localhost>';

  // --- billing -------------------------------------------------------------------------------
  /** Price of one started minute, in cents, for organisations without a price of their own. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100_000)
  BILLING_PRICE_PER_MINUTE_CENTS = 2;

  // --- analysis ------------------------------------------------------------------------------
  /**
   * OpenAI-compatible server (`POST {base}/v1/chat/completions`) for abstractive summaries and coaching; unset,
   * analyses stay fully offline (extractive summaries). Set by the operator, so a local server is allowed.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'ANALYSIS_LLM_BASE_URL must be an http(s) URL' })
  ANALYSIS_LLM_BASE_URL?: string = undefined;

  /** Bearer token for that server. Never logged. */
  @IsOptional()
  @IsString()
  ANALYSIS_LLM_API_KEY?: string = undefined;

  @IsString()
  @MinLength(1)
  ANALYSIS_LLM_MODEL = 'gpt-4o-mini';

  /** After this the analysis keeps its extractive summary. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(300)
  ANALYSIS_LLM_TIMEOUT_SECONDS = 20;

  // --- search --------------------------------------------------------------------------------
  /** A search running longer than this is cancelled and answered with a 400 asking for a narrower query. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60_000)
  SEARCH_TIMEOUT_MS = 5000;

  /**
   * A search ranks at most this many hits, the newest (by the call's date): a frequent word then costs about what a
   * rarer one does, and `meta.total` is this number flagged as a lower bound (`meta.totalIsLowerBound`). Pages reach
   * as deep as it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  SEARCH_RANK_WINDOW = 10_000;

  // --- transcribes ---------------------------------------------------------------------------
  /** Authors (case-insensitive) taken for the agent in typed transcripts; any other author's role is unknown. */
  @IsString()
  TRANSCRIBE_AGENT_LABELS = 'agent,rep,representative,support';

  /** Authors (case-insensitive) taken for the customer in typed transcripts. */
  @IsString()
  TRANSCRIBE_CUSTOMER_LABELS = 'client,customer,caller';

  /** Most entries one transcribe may hold. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  TRANSCRIBE_MAX_ENTRIES = 2000;

  /** Longest text of one entry, in characters. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  TRANSCRIBE_MAX_ENTRY_CHARS = 5000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get logFormat(): 'json' | 'pretty' {
    return this.LOG_FORMAT ?? (this.isProduction ? 'json' : 'pretty');
  }
}
