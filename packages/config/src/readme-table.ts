/** The README's configuration table lives between these markers and is printed from CONFIG_DOCS. */
import { configTable } from './config';

export const TABLE_START = '<!-- config-table:start (printed from packages/config: npm run config:table) -->';
export const TABLE_END = '<!-- config-table:end -->';

export const readmeWithConfigTable = (readme: string): string => {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md needs the markers ${TABLE_START} and ${TABLE_END}`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${configTable()}\n${readme.slice(end)}`;
};
