/** Where a command writes: what runCli hands every command, and tests replace. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /**
   * Rewrites one status line (a progress bar) in place; '' clears it. Only where stderr is a
   * terminal: absent otherwise, and commands then show no progress.
   */
  status?: (line: string) => void;
}

/** Lines to stdout and stderr, and a status line on stderr when it is a terminal. */
export const processIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  ...(process.stderr.isTTY ? { status: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
};
