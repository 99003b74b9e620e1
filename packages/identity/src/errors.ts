/** What went wrong, for programs (`code`) and for people (`message`, in Chinese). */
export type IdentityErrorCode =
  'BAD_USERNAME' | 'BAD_PASSWORD' | 'BAD_NAME' | 'BAD_ROLE' | 'BAD_DISTRICT' | 'BAD_ORGANIZATION' | 'BAD_PERSON' | 'USERNAME_TAKEN' | 'NO_SUCH_ACCOUNT' | 'BAD_COMMAND' | 'CONFIG';

/** A refusal of the identity provider or its command; `exitCode` 2 is a mistake of the caller's input. */
export class IdentityError extends Error {
  constructor(
    readonly code: IdentityErrorCode,
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'IdentityError';
  }
}
