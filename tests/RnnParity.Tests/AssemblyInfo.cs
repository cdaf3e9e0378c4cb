// Test fixtures run in parallel with each other (tests inside one fixture stay sequential). A fixture
// that changes process-wide state (environment variables, Console, the current directory) must be
// marked [NonParallelizable]; today none does: the CLI tests give their environment to child processes.
[assembly: Parallelizable(ParallelScope.Fixtures)]
