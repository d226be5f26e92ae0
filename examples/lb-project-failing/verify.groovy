// For lbchaos's own build only (maven-invoker-plugin): the build failed because a check
// failed on the configs, and says which check and why; not because the harness could not run.
def log = new File(basedir, 'build.log').text
assert log.contains('lbchaos: a check failed on your configs:') : 'a failed check (MojoFailureException)'
assert log =~ /round-robin on reference: FAIL round-robin: \d+ of \d+ answers break the alternation/ : 'which check and why'
assert !log.contains('no verdict') && !log.contains('could not run') : 'not a harness failure'
assert new File(basedir, 'target/lbchaos/history-round-robin.json').isFile() : 'its evidence kept'
return true
