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
  'exports.write',
  'charts.save',
  'priorities.get',
  'priorities.save',
  'priorities.export',
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
/**
 * The channels only a caller in the engine's own process (the command line) may use: they write a file at a path the
 * caller names. The app and the web server refuse them (electron/host/workspaceHost.ts), and the renderer's Api has
 * no such functions, so web content can never have the engine write over a file of the analyst's.
 */
export const localChannelNames = ['exports.write', 'priorities.export'] as const;
export type ChannelName = (typeof channelNames)[number];
export type LocalChannelName = (typeof localChannelNames)[number];
/** The channels the renderer may call: every channel but the local ones. */
export const rendererChannelNames = channelNames.filter((c): c is Exclude<ChannelName, LocalChannelName> => !(localChannelNames as readonly string[]).includes(c));

/** The one push channel: engine → renderer events (operation progress and completion). */
export const eventChannel = 'api.event';

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && (channelNames as readonly string[]).includes(name);
