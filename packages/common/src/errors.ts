import { GraphQLError } from 'graphql';

/** The codes every Tongxin error carries in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** One invalid field of an input, named by its path from the argument (`input.idNumber`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** Base of every error a user may see: a stable code and a message meant for them. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.code = code;
    this.name = 'AppError';
  }
}

/** Bad input: names every offending field so a form can show each message beside its field. */
export class UserInputError extends AppError {
  readonly fields: readonly FieldError[];

  constructor(fields: readonly FieldError[] | string, message?: string) {
    const list: FieldError[] = typeof fields === 'string' ? [] : [...fields];
    const text =
      typeof fields === 'string'
        ? fields
        : (message ??
          (list.length === 1
            ? `${list[0]!.field}: ${list[0]!.message}`
            : `${list.length} fields are invalid: ${list
                .slice(0, 5)
                .map((f) => `${f.field}: ${f.message}`)
                .join('; ')}${list.length > 5 ? `; and ${list.length - 5} more (see extensions.fields)` : ''}`));
    super(ErrorCode.BAD_USER_INPUT, text, list.length ? { field: list[0]!.field, fields: list } : {});
    this.fields = list;
  }
}

export class NotFoundError extends AppError {
  constructor(typeName: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${typeName} ${id} does not exist.`, { typeName, id });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(ErrorCode.CONFLICT, message, extensions);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this.') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first: this request carries no valid token.') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

/** True when a database error is a unique-key violation (MySQL/MariaDB or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e?.driverError?.code ?? e?.code;
  const errno = e?.driverError?.errno ?? e?.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * CONFLICT for a change made to a version of a record that is no longer current (optimistic
 * locking): says so, and carries the current version for the client to reload.
 * `what` names the record: "Activity <id>", "The 2026 scheme".
 */
export class StaleVersionError extends ConflictError {
  constructor(what: string, currentVersion: number, expectedVersion: number) {
    super(`${what} was changed by someone else: you read version ${expectedVersion}, it is now version ${currentVersion}. Reload it and try again.`, {
      currentVersion,
    });
  }
}
