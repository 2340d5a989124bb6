/**
 * The error policy (docs/architecture.md, rule 7): an expected business outcome is an event; a broken rule throws a
 * DomainError with a string code. Messages are for people and name the field at fault; they never carry a
 * child's personal data (no names, dates of birth or free text), because errors reach logs and clients.
 */
export type DomainErrorCode = 'validation' | 'illegal_state' | 'not_found' | 'concurrency' | 'forbidden';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The input field at fault, as a dotted path (`children.2.dateOfBirth`), for validation errors. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const validationError = (field: string, message: string) => new DomainError('validation', message, field);
export const illegalState = (message: string) => new DomainError('illegal_state', message);
export const notFound = (message: string) => new DomainError('not_found', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
