/** A mistake in how a command was run: printed as `deskbell: MESSAGE`, exit code 2, no stack. */
export class UsageError extends Error {}
