/**
 * Ids of the events a command appends. The store keeps a unique index on event ids; ids that grow with time land
 * at its recent end, where appends stay as fast on a log of ten million events as on an empty one. Random ids land
 * on a different index page each time: on a large log each is a page read and, after every checkpoint, a full
 * page image in the WAL (docs/operations.md, "Event store growth").
 */
import { uuidV7, uuidV7Of, uuidV7Time } from '@cspr/database';
import { nameHash, uuidV5 } from './uuid-v5';

const nameOf = (userId: string, commandId: string, streamId: string, index: number): string =>
  `${userId}/${commandId}/${streamId}/${index}`;

/**
 * The id of the `index`th event a command with a client's `commandId` appends to `streamId`: the same on every
 * retry of the command, so the store writes it once and a retry finds its first result.
 *
 * When the command id starts with a UUIDv7 (the web client's do), the event id is a UUIDv7 too: the command id's
 * time, then 74 bits of the same SHA-1 of actor, command id, stream and index that a v5 id is made of. Deterministic
 * like the v5 id, and time-ordered. Any other command id (free text from an API client) keeps the v5 id.
 */
export const derivedEventId = (userId: string, commandId: string, streamId: string, index: number): string => {
  const name = nameOf(userId, commandId, streamId, index);
  const time = uuidV7Time(commandId);
  return time === undefined ? uuidV5(name) : uuidV7Of(time, nameHash(name));
};

/**
 * The id the same event had before command ids starting with a UUIDv7 derived UUIDv7 event ids: a retry that
 * arrives across that change still finds the events its first attempt wrote.
 */
export const earlierDerivedEventId = (userId: string, commandId: string, streamId: string, index: number): string =>
  uuidV5(nameOf(userId, commandId, streamId, index));

/** The id of an event of a command without a command id: nothing to repeat, so a fresh time-ordered id. */
export const newEventId = (): string => uuidV7();
