import { InputError } from '../errors.js';

/** A command line that does not fit the command: what was wrong, and the `--help` to read. */
export class UsageError extends InputError {
  constructor(code: string, message: string, readonly help: string, field?: string) {
    super(code, message, field ? { field } : {});
  }
}
