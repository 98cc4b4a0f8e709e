import type { z } from 'zod';
import type { ChannelName, LocalChannelName } from './channels';
import { analysesContract } from './contracts/analyses';
import { exportsContract } from './contracts/exports';
import { gridContract } from './contracts/grid';
import { importContract } from './contracts/import';
import { prioritiesContract } from './contracts/priorities';
import { operationsContract, type OperationEvent } from './contracts/operations';
import { sessionContract } from './contracts/session';
import { sqlContract } from './contracts/sql';
import { workspaceContract } from './contracts/workspace';
import type { Result } from './result';

/**
 * The one contract: channel → { input, output } schemas. Every transport (Electron IPC, the loopback HTTP server, the
 * in-memory fake) is typed from this map, and the engine's dispatcher validates against it.
 */
export const contract = {
  ...workspaceContract,
  ...gridContract,
  ...sqlContract,
  ...importContract,
  ...analysesContract,
  ...exportsContract,
  ...prioritiesContract,
  ...operationsContract,
  ...sessionContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** Answered by the host (app or server) that holds the open workspace, not by the workspace's engine. */
export type HostChannel = keyof typeof sessionContract;
export type EngineChannel = Exclude<Channel, HostChannel>;
/** Answered only for a caller in the engine's process (the command line): see localChannelNames. */
export type LocalChannel = LocalChannelName;
export type RendererChannel = Exclude<Channel, LocalChannel>;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

/** What the renderer depends on, whichever transport is behind it (never the local channels). */
export type Api = { [C in RendererChannel]: (input: Input<C>) => Promise<Result<Output<C>>> } & {
  onEvent(listener: (event: OperationEvent) => void): () => void;
};

// Compile-time check that shared/channels.ts lists exactly the contract's channels.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatch: Same<Channel, ChannelName> = true;
void channelsMatch;

export type { OperationEvent } from './contracts/operations';
export type { ImportReport } from './contracts/import';
export type { ColumnInfo, JsonValue } from './contracts/common';
export type { GridSource, SortItem, ColumnFilter, SimpleFilter } from './contracts/grid';
