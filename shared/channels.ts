/**
 * The channel names alone, without their schemas, so the sandboxed preload can expose exactly these functions without
 * bundling zod. `shared/api.ts` checks at compile time that this list and the contract agree.
 */
export const channelNames = [
  'workspace.info',
  'datasets.list',
  'grid.page',
  'sql.run',
  'import.run',
  'import.preview',
  'import.check',
  'imports.list',
  'imports.quarantine',
  'imports.remove',
  'imports.removal',
  'results.csv',
  'audit.list',
  'profiles.list',
  'profiles.save',
  'areas.list',
  'analyses.list',
  'analyses.run',
  'analyses.values',
  'analyses.save',
  'exports.prepare',
  'exports.table',
  'exports.boardPack',
  'charts.save',
  'operations.cancel',
  'session.get',
  'session.remember',
  'workspace.open',
  'workspace.create',
  'workspace.backups',
  'workspace.restore',
  'files.choose',
] as const;
/** The channels the host answers itself (see shared/contracts/session.ts). */
export const hostChannelNames = ['session.get', 'session.remember', 'workspace.open', 'workspace.create', 'workspace.backups', 'workspace.restore', 'files.choose'] as const;
export type ChannelName = (typeof channelNames)[number];

/** The one push channel: engine → renderer events (operation progress and completion). */
export const eventChannel = 'api.event';

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && (channelNames as readonly string[]).includes(name);
