import { EXIT, UsageError } from './errors';
import { mergeCommand, runCommand, specCommand, USAGE, validateCommand, type Io } from './commands';
import { modelCommand } from './model';

/** The `prunelab` command: dispatches to run, spec, validate, merge and model; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, io);
      case 'spec':
        return await specCommand(rest, io);
      case 'validate':
        return await validateCommand(rest, io);
      case 'merge':
        return await mergeCommand(rest, io);
      case 'model':
        return await modelCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`Unknown command "${command}". Commands: run, spec, validate, merge, model (prunelab --help).`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`prunelab: ${e.message}\n`);
      return EXIT.usage;
    }
    io.err(`prunelab: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
}

/** The process's own streams. */
export const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), stderr: process.stderr };
