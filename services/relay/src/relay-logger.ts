/** The slice of a pino logger the relay uses, so callers can pass the platform logger or a silent one. */
export type RelayLogger = {
  debug: (fields: Record<string, unknown>, message: string) => void;
  info: (fields: Record<string, unknown>, message: string) => void;
  warn: (fields: Record<string, unknown>, message: string) => void;
  error: (fields: Record<string, unknown>, message: string) => void;
};

export const silentLogger: RelayLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** An error's class, code and message for a log line: never the event it was about. */
export const describeError = (error: unknown) =>
  error instanceof Error
    ? {
        errorName: error.name,
        errorCode: (error as { code?: unknown; type?: unknown }).code ?? (error as { type?: unknown }).type,
        errorMessage: error.message,
      }
    : { errorMessage: String(error) };
