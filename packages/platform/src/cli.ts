/** The value after `--name` on the command line, if given. */
export function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The arguments that are neither flags nor the values of `valueFlags` (`--district 330302`). */
export function positionals(valueFlags: readonly string[] = [], args: readonly string[] = process.argv.slice(2)): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      if (valueFlags.includes(a.slice(2))) i += 1;
      continue;
    }
    out.push(a);
  }
  return out;
}
