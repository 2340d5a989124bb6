/** What the projector and its rebuild log through (a pino logger fits); apart so rebuild.ts needs no projector.ts. */
export type ProjectorLogger = {
  info: (details: object, message: string) => void;
  warn: (details: object, message: string) => void;
  error: (details: object, message: string) => void;
};
