import pino, { Logger } from 'pino';
import { ConfigError, envChoice } from './config';

export type { Logger } from 'pino';

/** The levels `LOG_LEVEL` may name, most to least severe; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `LOG_LEVEL` (default `fallback`), or a ConfigError naming the levels it may be. */
export function logLevelFromEnv(env: Record<string, string | undefined> = process.env, fallback: LogLevel = 'info'): LogLevel {
  return envChoice(env, 'LOG_LEVEL', LOG_LEVELS, fallback);
}

/**
 * Structured JSON logs on stdout; `level`, or else `LOG_LEVEL`, sets the level (tests run
 * `silent`). An unknown level is a ConfigError, not pino's stack trace.
 */
export function createLogger(service: string, level?: string): Logger {
  const chosen = level ?? logLevelFromEnv();
  if (!(LOG_LEVELS as readonly string[]).includes(chosen)) {
    throw new ConfigError(`log level ${JSON.stringify(chosen)} is not one of ${LOG_LEVELS.join(', ')}`);
  }
  return pino({ name: service, level: chosen, base: { service } });
}
