import { parseCommand, usage, UsageError } from './args';
import { diskFullMessage, isDiskFull } from '../engine';
import { runCommand, UserError } from './commands';

/** csp-workbench: the headless command line over the same engine. Exit 0 ok, 1 user error, 2 usage error. */
async function main(argv: string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.name === 'help') {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    await runCommand(command, process.stdout);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`csp-workbench: ${error.message}\n${usage}\n`);
      return 2;
    }
    // A full disk is the analyst's to fix, not a bug: say so, whichever layer (DuckDB, fs) met it.
    const message = error instanceof UserError ? error.message : isDiskFull(error) ? diskFullMessage(error) : `unexpected error: ${(error as Error).message}`;
    process.stderr.write(`csp-workbench: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
