// Exit codes of the processes and scripts, from BSD's sysexits.h, so that an operator's
// tooling (systemd, a container runtime, a shell script) can tell a mistake in the
// command or configuration, which a restart does not mend, from a service that is away.
export const EX = {
  /** A command line that is wrong: a missing or bad argument. */
  USAGE: 64,
  /** Input data that is wrong (a file, a record). */
  DATAERR: 65,
  /** A service that is needed cannot be reached (MongoDB, Redis, the mail server). */
  UNAVAILABLE: 69,
  /** An error in the program itself. */
  SOFTWARE: 70,
  /** A configuration variable that is wrong or missing. */
  CONFIG: 78,
} as const;
