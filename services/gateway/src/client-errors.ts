/**
 * Errors a client must handle, as classes the Pothos errors plugin turns into typed union members. Domain and
 * store errors are mapped here, in one place, so every mutation answers the same way for the same failure.
 * Messages name fields, ids and roles, never a child's personal data.
 */
import { isDomainError } from '@cspr/domain';
import { EventStoreError } from '@cspr/event-store';
import { isPersonalDataError } from '@cspr/personal-data';

export abstract class ClientError extends Error {
  abstract readonly code: string;
}

export class ValidationError extends ClientError {
  override readonly name = 'ValidationError';
  readonly code = 'VALIDATION';
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

export class ForbiddenError extends ClientError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends ClientError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends ClientError {
  override readonly name = 'ConflictError';
  readonly code = 'CONFLICT';
}

export class IllegalStateError extends ClientError {
  override readonly name = 'IllegalStateError';
  readonly code = 'ILLEGAL_STATE';
}

export const CLIENT_ERRORS = [ValidationError, ForbiddenError, NotFoundError, ConflictError, IllegalStateError];

/** Maps what the write path throws to a client error; anything unknown is rethrown (masked and logged by Yoga). */
export const toClientError = (error: unknown): unknown => {
  if (error instanceof ClientError) return error;
  if (isDomainError(error)) {
    switch (error.code) {
      case 'validation':
        return new ValidationError(error.message, error.field ?? 'input');
      case 'forbidden':
        return new ForbiddenError(error.message);
      case 'not_found':
        return new NotFoundError(error.message);
      case 'concurrency':
        return new ConflictError(error.message);
      case 'illegal_state':
        return new IllegalStateError(error.message);
    }
  }
  if (error instanceof EventStoreError && error.code === 'wrong_expected_revision') {
    return new ConflictError('The record changed while the command was decided: reload and try again');
  }
  if (isPersonalDataError(error) && error.code === 'erased') {
    return new IllegalStateError('The personal data of this record was erased');
  }
  return error;
};
