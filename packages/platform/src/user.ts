/**
 * `npm run -s user -- add|list|passwd|disable|enable …`: the accounts of the embedded identity
 * provider (packages/identity, `userCommand`). Exit code 2 on a mistake in the arguments.
 */
import { IdentityError, userCommand } from '@tongxin/identity';

if (require.main === module) {
  userCommand(process.argv.slice(2)).then(
    (out) => process.stdout.write(`${out}\n`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(err instanceof IdentityError ? err.exitCode : 1);
    },
  );
}
