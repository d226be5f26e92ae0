// For lbchaos's own build only (maven-invoker-plugin): what the passing build left behind.
def log = new File(basedir, 'build.log').text
assert log.contains('lbchaos: every check passed') : 'the check goal passed'
assert log =~ /lint: 0 finding\(s\), 0 error\(s\) over 3 file\(s\)/ : 'the lint goal ran'
assert (log =~ /PASS round-robin/).count == 2 && (log =~ /PASS master-down/).count == 2 : 'both scenarios of the check, on both stacks'
// Two stacks: one subfolder each, as the plugin documents.
['reference', 'java'].each { stack ->
  def report = new File(basedir, "target/lbchaos/$stack")
  ['summary.json', 'index.html', 'history-round-robin.json', 'history-master-down.json'].each {
    assert new File(report, it).isFile() : "target/lbchaos/$stack/$it"
  }
  assert new groovy.json.JsonSlurper().parse(new File(report, 'summary.json')).stack == stack
}
assert new File(basedir, 'target/lbchaos/TEST-lbchaos.xml').isFile() : 'one JUnit file for both stacks'
def junitReport = new File(basedir, 'target/failsafe-reports/TEST-com.example.lb.LoadBalancerIT.xml')
assert junitReport.isFile() : 'the JUnit test ran'
assert junitReport.text.contains('tests="1"') && junitReport.text.contains('failures="0"') && junitReport.text.contains('errors="0"')
assert new File(basedir, 'target/lbchaos-histories/com.example.lb.LoadBalancerIT/history-backend-down-reference.json').isFile()
return true
