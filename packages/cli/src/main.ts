import { readdirSync } from 'node:fs';
import { Command, CommanderError } from 'commander';

/**
 * The `sieve` command. Every file `commands/*.command.ts` exports
 * `register(program)` and adds its own sub-commands, so features add commands
 * without touching this file.
 */
export async function buildProgram(): Promise<Command> {
  const program = new Command('sieve')
    .description('Sieve: customs risk management and enforcement')
    .option('--data-dir <dir>', 'embedded database directory (default: .sieve/data, or SIEVE_DATA_DIR)')
    .option(
      '--database-url <url>',
      'PostgreSQL server to use instead of the embedded database (or DATABASE_URL)',
    )
    .showHelpAfterError();
  const dir = new URL('./commands/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.command.ts'))
    .sort();
  for (const f of files) {
    const mod = (await import(new URL(f, dir).href)) as { register(p: Command): void };
    mod.register(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = await buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    console.error(`sieve: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.SIEVE_DEBUG && err instanceof Error) console.error(err.stack);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv);
}
