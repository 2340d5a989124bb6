import { EventStoreError } from '../event-store';

/**
 * Client 6.x parses only `esdb://` and `esdb+discover://`. KurrentDB (EventStoreDB renamed, same gRPC protocol)
 * documents `kurrentdb://` and `kurrent://` too, so those are rewritten to the esdb scheme the client knows.
 */
export const normaliseConnectionString = (connectionString: string): string => {
  const match = /^([a-z+]+):\/\//i.exec(connectionString.trim());
  if (!match)
    throw new EventStoreError('connection', 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or kurrentdb://');
  const scheme = match[1]!.toLowerCase();
  const rest = connectionString.trim().slice(match[0].length);
  const known: Record<string, string> = {
    esdb: 'esdb',
    'esdb+discover': 'esdb+discover',
    kurrentdb: 'esdb',
    'kurrentdb+discover': 'esdb+discover',
    kurrent: 'esdb',
    'kurrent+discover': 'esdb+discover',
  };
  const mapped = known[scheme];
  if (!mapped)
    throw new EventStoreError(
      'connection',
      `Unsupported scheme ${scheme}:// (expected esdb://, esdb+discover:// or kurrentdb://)`,
    );
  return `${mapped}://${rest}`;
};

/** A connection string with any password replaced, for logs and error messages. */
export const redactConnectionString = (connectionString: string): string =>
  connectionString.replace(/^([a-z+]+:\/\/[^:@/]+):[^@/]*@/i, '$1:***@');
