import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

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

  /** Public base URL clients use to reach the API (signed upload URLs, invite links). */
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

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
  @IsIn(['local'])
  STORAGE_DRIVER = 'local' as const;

  @IsString()
  @MinLength(1)
  STORAGE_DIR = '.data/storage';

  /** Unfinished upload files older than this are swept by the maintenance queue. */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  STORAGE_TEMP_MAX_AGE_SECONDS = 24 * 3600;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get logFormat(): 'json' | 'pretty' {
    return this.LOG_FORMAT ?? (this.isProduction ? 'json' : 'pretty');
  }
}
