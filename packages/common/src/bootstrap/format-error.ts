import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode, isUniqueViolation } from '../errors';
import type { Logger } from '../logger';

/**
 * Errors users see keep their code and message; anything unexpected (a bug, a lost database)
 * is logged in full and reaches the client only as INTERNAL_SERVER_ERROR, never its text.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return formatted;
    // At the gateway, a subgraph's error arrives as a plain object that the subgraph already
    // formatted (and masked): keep its code and message.
    if (!(original instanceof Error) && typeof formatted.extensions?.code === 'string') return formatted;
    if (isUniqueViolation(original)) {
      return { ...formatted, message: 'A record with the same unique value exists already.', extensions: { code: ErrorCode.CONFLICT } };
    }
    if (original instanceof GraphQLError && formatted.extensions?.code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return {
      message: 'Internal error: it has been logged.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
