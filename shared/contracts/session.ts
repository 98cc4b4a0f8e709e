import { z } from 'zod';

const workspacePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /\.duckdb$/i.test(p), 'must be a workspace file ending in .duckdb');

export const filePurpose = z.enum(['import', 'open-workspace', 'new-workspace', 'export']);
export type FilePurpose = z.infer<typeof filePurpose>;

export const workspaceRef = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });

/** Where the analyst left off in a workspace: the view and what was chosen in it, and the shared assessment settings. */
export const uiState = z
  .object({
    view: z.enum(['datasets', 'import', 'library', 'sql']).optional(),
    dataset: z.string().max(128).optional(),
    analysis: z.string().max(64).optional(),
    area: z.string().max(64).optional(),
    comparator: z.string().max(64).optional(),
    from: z.string().max(10).optional(),
    to: z.string().max(10).optional(),
    sql: z.string().max(100_000).optional(),
    /** The side list folded away, leaving the room to the grid or result (on a small screen). */
    sidebarCollapsed: z.boolean().optional(),
  })
  .strict();
export type UiState = z.infer<typeof uiState>;

/**
 * Channels answered by the host (the desktop app or the loopback server), not by one workspace's engine: which
 * workspace is open, switching to another, and the native file chooser where there is one.
 */
export const sessionContract = {
  'session.get': {
    input: z.object({}).strict(),
    output: z.object({
      current: workspaceRef,
      /** Most recent first, the current one included, only files that still exist. */
      recent: z.array(workspaceRef),
      ui: uiState,
      /** False in a browser, where there is no native file dialog: paths are typed or pasted. */
      canChooseFiles: z.boolean(),
    }),
  },
  /** Remembers where the analyst is in the current workspace, so reopening it returns there. */
  'session.remember': {
    /** The workspace the state belongs to: a late write after a switch must not land on the new workspace. */
    input: z.object({ path: z.string().min(1).max(4096), ui: uiState }),
    output: z.object({ saved: z.literal(true) }),
  },
  /** Opens another workspace; on failure the current one stays open, untouched. */
  'workspace.open': {
    input: z.object({ path: workspacePath }),
    output: workspaceRef,
  },
  /** Creates a new workspace file (empty, or the sample workspace) and opens it; an existing file is never replaced. */
  'workspace.create': {
    input: z.object({ path: workspacePath, sample: z.boolean().default(false) }),
    output: workspaceRef,
  },
  /** The rolling backups of a workspace (taken on opening, newest first), e.g. to offer when it cannot be opened. */
  'workspace.backups': {
    input: z.object({ path: workspacePath }),
    output: z.object({ backups: z.array(z.object({ path: z.string(), takenAt: z.string(), size: z.number().int().nonnegative() })) }),
  },
  /** Opens a copy of one of those backups, made beside the original (which is never overwritten). */
  'workspace.restore': {
    input: z.object({ path: workspacePath, backup: z.string().min(1).max(4096) }),
    output: workspaceRef,
  },
  /** The native open/save dialog (desktop app only); null when the analyst cancels. */
  'files.choose': {
    input: z.object({ purpose: filePurpose, suggestedName: z.string().max(255).optional() }),
    output: z.object({ path: z.string().nullable() }),
  },
} as const;
